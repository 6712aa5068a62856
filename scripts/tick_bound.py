"""How long one training tick, or one "One epoch" press, keeps the server busy, for the largest recipes.

    python scripts/tick_bound.py [--seconds 15]

Starts the app on 127.0.0.1, opens Watch it learn with each recipe below over the websocket
(tests/load/protocol.py), trains at each speed, and prints the server-side time of every
fragment tick: median, 95th percentile and maximum. The goal is no tick over about 0.5 s.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.harness import AppServer  # noqa: E402
from tests.load.protocol import Session  # noqa: E402

RECIPES = {
    "classic": "epochs=1000",
    "784-512x4-10, batch 1": "hidden=512,512,512,512&batch=1&epochs=1000",
    "784-512x4-10, batch 256, augmented": "hidden=512,512,512,512&batch=256&augment=1&epochs=1000",
}


async def measure(url: str, query: str, seconds: float, start_button: str) -> list[float]:
    session = Session(url, "train", query)
    await session.connect()
    await session.click(start_button)
    await session.keep_ticking(seconds)
    await session.close()
    return session.tick_times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as logs:
        server = AppServer(Path(logs))
        try:
            for name, recipe in RECIPES.items():
                for speed, button in (("fast", "train_toggle"), ("full speed", "train_toggle"), ("one epoch", "train_epoch")):
                    query = recipe + ("" if speed == "one epoch" else f"&speed={speed.replace(' ', '%20')}")
                    ticks = asyncio.run(measure(server.url, query, args.seconds, button))
                    if not ticks:
                        print(f"{name:38s} {speed:11s} no ticks")
                        continue
                    ticks.sort()
                    p95 = ticks[int(0.95 * (len(ticks) - 1))]
                    print(f"{name:38s} {speed:11s} {len(ticks):4d} ticks: median {statistics.median(ticks) * 1000:4.0f} ms, "
                          f"p95 {p95 * 1000:4.0f} ms, max {ticks[-1] * 1000:4.0f} ms")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
