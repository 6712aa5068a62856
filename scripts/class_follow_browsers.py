"""Real browsers following their teacher: 4 students in Chromium (a tablet, a Chromebook, a phone, a laptop) join a
class by its QR link, then the teacher moves everyone N times, each time to a step on another page. For every move:
how long until each student's page shows the step's card on the step's page (from the moment the move is in the
store, as the console's button puts it there), who never got there (lost, after 20 s), the browsers' errors, and the lines
"fragment … does not exist anymore" in the server's log.

    python scripts/class_follow_browsers.py                 # 5 moves, SQLite in a temporary data directory
    python scripts/class_follow_browsers.py --moves 10 --pause 4

Prints one JSON report. Not a test: it measures (tests/browser/test_class_follows.py checks the same, counted).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, AppServer, wait_until_idle  # noqa: E402

DEVICES = {   # the four students of the issue
    "tablet": {"viewport": {"width": 1024, "height": 768}, "has_touch": True},
    "chromebook": {"viewport": {"width": 1366, "height": 768}},
    "phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True},
    "laptop": {"viewport": {"width": 1400, "height": 1000}},
}
LOST_AFTER = 20.0
GONE_FRAGMENT = "does not exist anymore"


def steps_on_other_pages(count: int) -> list[int]:
    """``count`` lesson steps (0-based), each on a different page from the one before it."""
    from nn_core.lesson import lesson_path, read_lesson
    from ui.lesson.file import KNOWN

    steps = read_lesson(lesson_path(), KNOWN).steps
    chosen, page = [], None
    order = [i for i in range(len(steps))] * 3
    for index in order[2:]:
        if steps[index].page != page and (not chosen or index != chosen[-1]):
            chosen.append(index)
            page = steps[index].page
        if len(chosen) == count:
            return chosen
    return chosen


def shows_step(page, step: int) -> bool:
    """The lesson card says step ``step`` (0-based): "step 10 of 15", or "10/15" on a phone's pinned line."""
    return bool(page.get_by_text(f"step {step + 1} of").count() or page.get_by_text(f"{step + 1}/{lesson_length()} ·").count())


def on_page(page, step: int) -> bool:
    """The tab's address is the step's page (a card of the step on another page is not there yet)."""
    from urllib.parse import urlparse

    from tests.load.classroom_run import step_page

    return urlparse(page.url).path.strip("/") == step_page(step)


def lesson_length() -> int:
    from nn_core.lesson import lesson_path, read_lesson
    from ui.lesson.file import KNOWN

    return len(read_lesson(lesson_path(), KNOWN).steps)


def warm(url: str) -> None:
    """A first visit, so that the server knows its pages (a fresh server's first page address is not found yet)."""
    import urllib.request

    from tests.load.protocol import Session, run_coroutine

    async def visit():
        session = Session(url, "")
        await session.connect()
        await session.close()
    run_coroutine(visit())
    urllib.request.urlopen(url, timeout=30).read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=5)
    parser.add_argument("--pause", type=float, default=3.0, help="seconds between one move's arrival and the next move")
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="class-follow-"))
    os.environ["NN_DATA_DIR"] = str(data)
    from playwright.sync_api import sync_playwright

    from classroom.rooms import Rooms
    from classroom.store import open_engine

    server = AppServer(data, env={"NN_DATA_DIR": str(data)})
    rooms = Rooms(open_engine())
    warm(server.url)
    opened = rooms.open_class()
    report = {"moves": [], "lost": [], "client_errors": [], "load_before": os.getloadavg()[0]}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pages = {}
        for name, device in DEVICES.items():
            page = browser.new_context(**device).new_page()
            page.set_default_timeout(60_000)
            page.on("pageerror", lambda error, name=name: report["client_errors"].append([name, str(error)[:200]]))
            page.on("console", lambda message, name=name: message.type == "error"
                    and report["client_errors"].append([name, message.text[:200], message.location.get("url", "")]))
            page.goto(f"{server.url}/join?code={opened.code}")
            wait_until_idle(page)
            page.screenshot(path=str(data / f"join-{name}.png"))
            page.get_by_label("Nickname (optional)").fill(name)
            page.get_by_role("button", name="Join").click()
            page.get_by_text(f"In class {opened.code}").first.wait_for()
            wait_until_idle(page)
            pages[name] = page
        for step in steps_on_other_pages(args.moves):
            rooms.move_everyone(opened.code, opened.teacher_key, "script", step)
            moved, arrived = time.perf_counter(), {}
            while len(arrived) < len(pages) and time.perf_counter() - moved < LOST_AFTER:
                for name, page in pages.items():
                    if name not in arrived and shows_step(page, step) and on_page(page, step):
                        arrived[name] = round(time.perf_counter() - moved, 2)
                time.sleep(0.05)
            report["moves"].append({"step": step + 1, "arrived_s": arrived})
            for name in [name for name in pages if name not in arrived]:
                shot = data / f"lost-{name}-step{step + 1}.png"
                pages[name].screenshot(path=str(shot))
                report["lost"].append([step + 1, name, pages[name].url, str(shot),
                                       pages[name].locator("[data-testid='stMain']").inner_text()[:300]])
            time.sleep(args.pause)
        browser.close()
    server.stop()
    log = server.log.read_text()
    times = sorted(t for move in report["moves"] for t in move["arrived_s"].values())
    report.update({
        "gone_fragment_lines": log.count(GONE_FRAGMENT),
        "arrivals": len(times), "median_s": times[len(times) // 2] if times else None,
        "p95_s": times[max(0, round(0.95 * len(times)) - 1)] if times else None, "max_s": times[-1] if times else None,
        "load_after": os.getloadavg()[0], "server_log": str(server.log)})
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
