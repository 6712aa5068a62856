"""Screenshots of the teacher's console with a class in it, for docs/ and the README: the projector view at 1280x720
with large text (its top, the board's counts, the class's handwriting, the challenge) and the teacher's own view at
1400x1000 (the board of students).

    python scripts/class_screenshots.py            # writes docs/class_*.png

Starts the app on a free port with a store of its own; the console is opened in Chromium as a teacher opens it;
three students join, answer, draw and enter through the class store the server uses (as tests/load does).
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, AppServer, wait_until_idle  # noqa: E402
from tests.browser.test_classroom import open_console  # noqa: E402

DOCS = ROOT / "docs"


def class_in_the_room(code: str, key: str) -> None:
    """Three students: joined, on lesson steps, a few drawings, two challenge entries; everyone sent to step 3."""
    from classroom.rooms import Rooms
    from classroom.store import open_engine
    from nn_core.data import load_embedded

    _, test = load_embedded()
    rooms = Rooms(open_engine())
    seats = [rooms.join(code, name, f"10.0.0.{k}") for k, name in enumerate(("Ana", "Ben", "Chloé"))]
    rooms.move_everyone(code, key, "screenshots", 2)
    for seat, (done, guess) in zip(seats, ((True, True), (False, True), (False, False))):
        rooms.report_whereabouts(seat.token, 2, done, guess)
    for k in range(9):
        rooms.give_drawing(seats[k % 3].token, test.images[k], int(test.labels[k]))
    rooms.enter_challenge(seats[0].token, "784-16-16-10 sigmoid · η 0.5 · batch 10 · 3.0/10 epochs · seed 437066 · "
                          "3,500 digits", 0.914, 500)
    rooms.enter_challenge(seats[1].token, "784-30-10 sigmoid · η 3 · batch 10 · 2.0/10 epochs · seed 120554 · "
                          "3,500 digits", 0.926, 500)
    rooms.engine.dispose()


def main() -> None:
    data = Path(tempfile.mkdtemp(prefix="class-shots-"))
    os.environ["NN_DATA_DIR"] = str(data)
    from playwright.sync_api import sync_playwright

    server = AppServer(data, env={"NN_DATA_DIR": str(data)})
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            _, page, code, key = open_console(browser, server.url)   # (large text, as on a projector)
            page.set_viewport_size({"width": 1400, "height": 1000})
            class_in_the_room(code, key)
            page.get_by_text("3 students have joined").wait_for()
            wait_until_idle(page)
            page.locator(".st-key-class_board").scroll_into_view_if_needed()
            page.screenshot(path=str(DOCS / "class_board.png"))
            page.get_by_role("button", name="Projector view").click()
            page.set_viewport_size({"width": 1280, "height": 720})
            page.get_by_role("button", name="Leave the projector view").wait_for()
            wait_until_idle(page)
            page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTo(0, 0)")
            page.screenshot(path=str(DOCS / "class_projector.png"))
            for name, text in (("class_projector_room", "3 students have joined"),
                               ("class_console_digits", "The class's own handwriting"),
                               ("class_projector_challenge", "The training challenge")):
                page.get_by_text(text).first.scroll_into_view_if_needed()
                wait_until_idle(page)
                page.screenshot(path=str(DOCS / f"{name}.png"))
            browser.close()
    finally:
        server.stop()
    print("written: docs/class_board.png, docs/class_projector*.png, docs/class_console_digits.png")


if __name__ == "__main__":
    main()
