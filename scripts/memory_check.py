"""Server memory per visitor, measured: a 60,000-digit upload training, then 50 visitors coming and going.

    python scripts/memory_check.py [--trainers 3] [--visitors 50] [--watch 240]

It starts the app on a free port of 127.0.0.1 and reads the server's resident memory (RSS) by
its PID. Phase 1: each of ``--trainers`` browser tabs uploads the same 60,000-digit data set on
the Data page and trains on it at full speed for 20 s. Phase 2: ``--visitors`` websocket
visitors open four pages each and leave. Then it watches the RSS for ``--watch`` seconds
(Streamlit forgets a closed tab's session after server.disconnectedSessionTTL = 120 s).
"""
from __future__ import annotations

import argparse
import asyncio
import io
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nn_core.data import load_embedded  # noqa: E402
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, AppServer, wait_until_idle  # noqa: E402
from tests.load.protocol import Session  # noqa: E402


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def sixty_thousand_digits(path: Path) -> Path:
    """60,000 labelled digits: the embedded ones, each shifted by a pixel or two so they differ."""
    train, _ = load_embedded()
    rng = np.random.default_rng(0)
    pick = rng.integers(0, len(train), 60_000)
    images = np.stack([np.roll(train.images[i], tuple(rng.integers(-2, 3, 2)), axis=(0, 1)) for i in pick])
    buffer = io.BytesIO()
    np.savez_compressed(buffer, images=images, labels=train.labels[pick])
    path.write_bytes(buffer.getvalue())
    return path


def train_on_upload(browser, url: str, data: Path, seconds: float):
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(url + "/data")
    page.get_by_text("your own data set (.npz)").click()
    page.locator("input[type=file]").set_input_files(str(data))
    try:
        page.get_by_text("training and 11,999 test digits").wait_for()
    except Exception:
        page.screenshot(path="/tmp/memory_check_failure.png", full_page=True)
        raise
    page.get_by_role("link", name="Watch it learn").first.click()
    page.get_by_text("trains on 48,001 labelled digits").wait_for()
    wait_until_idle(page)
    page.get_by_role("radiogroup", name="Speed").get_by_text("full speed", exact=True).click()
    wait_until_idle(page)
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_timeout(seconds * 1000)
    return context


async def visitors(url: str, count: int, at_once: int = 10) -> None:
    async def one(k: int) -> None:
        for page in ("", "inside", "knobs", "cost"):
            session = Session(url, page)
            await session.connect()
            await session.close()

    for start in range(0, count, at_once):
        await asyncio.gather(*(one(k) for k in range(start, min(count, start + at_once))))


def one_round(browser, server, pid: int, data: Path, args) -> None:
    contexts = []
    for k in range(args.trainers):
        before = rss_mb(pid)
        contexts.append(train_on_upload(browser, server.url, data, 20))
        print(f"trainer {k + 1}: uploaded and trained 20 s: {rss_mb(pid):.0f} MB (+{rss_mb(pid) - before:.0f})")
    for context in contexts:
        context.close()
    print(f"all trainers' tabs closed: {rss_mb(pid):.0f} MB")
    before = rss_mb(pid)
    started = time.perf_counter()
    # Playwright's loop is running in this thread: the visitors get a thread and a loop of their own
    worker = threading.Thread(target=asyncio.run, args=(visitors(server.url, args.visitors),))
    worker.start()
    worker.join()
    print(f"{args.visitors} visitors opened 4 pages each and left in {time.perf_counter() - started:.0f} s: "
          f"{rss_mb(pid):.0f} MB (+{rss_mb(pid) - before:.0f})")
    deadline = time.monotonic() + args.watch
    while time.monotonic() < deadline:
        time.sleep(30)
        print(f"  {args.watch - (deadline - time.monotonic()):.0f} s later: {rss_mb(pid):.0f} MB")


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trainers", type=int, default=3)
    parser.add_argument("--visitors", type=int, default=50)
    parser.add_argument("--watch", type=float, default=240.0)
    parser.add_argument("--rounds", type=int, default=2, help="repeat it all: a leak grows every round")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        data = sixty_thousand_digits(Path(folder) / "sixty-thousand.npz")
        print(f"data set: 60,000 digits, {data.stat().st_size / 1e6:.1f} MB compressed")
        server = AppServer(Path(folder))
        pid = server.process.pid
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            warm = browser.new_page()
            warm.goto(server.url + "/train")
            wait_until_idle(warm)
            warm.close()
            print(f"server after one page view: {rss_mb(pid):.0f} MB")
            for round_number in range(1, args.rounds + 1):
                print(f"round {round_number}")
                one_round(browser, server, pid, data, args)
            browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
