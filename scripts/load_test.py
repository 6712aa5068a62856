"""A classroom on one machine: 30 visitors at once, five of them training live.

    python scripts/load_test.py                       # 25 idle + 5 training + 1 measured, 60 s
    python scripts/load_test.py --idle 10 --trainers 2 --seconds 20
    python scripts/load_test.py --idle 0 --active 24 --trainers 5   # an active class: 24 moving sliders
    python scripts/load_test.py --url http://127.0.0.1:8501   # against a server you started

Starts `streamlit run app.py` on a free port of 127.0.0.1 (unless --url is given), opens the
sessions with a websocket client that speaks Streamlit's protocol (tests/load/protocol.py),
and stops by itself. It prints the health endpoint's and an idle visitor's slider latency
(median, 95th percentile), the trainers' tick times, the server's memory, and whether every
session saw only its own model.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.harness import AppServer  # noqa: E402
from tests.load.run import load_run  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idle", type=int, default=25, help="visitors who open a page and read it")
    parser.add_argument("--trainers", type=int, default=5, help="visitors training a network at full speed")
    parser.add_argument("--active", type=int, default=0,
                        help="visitors moving a live view's sliders every 2-4 s (knobs, One neuron, Inside)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the trainers train")
    parser.add_argument("--url", help="an already running server (its process must be on this machine)")
    parser.add_argument("--pid", type=int, help="with --url: the server's process id, for its memory")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as logs:
        server = None if args.url else AppServer(Path(logs))
        url, pid = (args.url, args.pid) if args.url else (server.url, server.process.pid)
        try:
            report = asyncio.run(load_run(url, pid, args.idle, args.trainers, args.seconds, args.active))
        finally:
            if server is not None:
                server.stop()
    print(json.dumps(report, indent=1))
    answered = [report["health"], report["slider_on_idle_session"]] + [report.get("active_visitors_releases", {})]
    ok = report["isolation"]["ok"] and all(part.get("p95_ms", 0) < 500 for part in answered)
    print("PASS" if ok else "FAIL", "(health, sliders and releases p95 under 500 ms; every session saw only its own model)")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
