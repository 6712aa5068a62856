"""Every page on every kind of screen: screenshots to look at, and the layout problems found.

    python scripts/layout_survey.py [--out DIR] [--screens phone,projector] [--pages draw,knobs] [--lesson]

For each screen of tests/browser/layout.py (laptop, tablets with the sidebar open and folded, a
phone, the projector in the presenter layout) and each page, it saves the first screen
(``<out>/<screen>/<page>.png``) and the whole page (``..._full.png``) and prints what
``layout_problems`` found there: elements wider than the screen, sideways scrolling, text
printed over text, overlapping labels in the network figure, the smallest figure text, and (on the laptop
and the landscape tablet) a figure page whose main figure starts below its first screen, or a lesson card
taller than its share of it. With ``--lesson`` each page is opened at the lesson's first step on it
(pages no step visits are left out), so the card is measured too.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nn_core.lesson import lesson_path, read_lesson  # noqa: E402
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, AppServer, wait_until_idle  # noqa: E402
from tests.browser.layout import (  # noqa: E402
    FIRST_SCREENS,
    SCREEN_AGREED_JS,
    SCREENS,
    SMALLEST_FIGURE_TEXT_JS,
    first_screen_problems,
    fold_sidebar,
    layout_problems,
    open_sidebar,
)
from ui.lesson.file import KNOWN  # noqa: E402
from ui.navigation import PAGES  # noqa: E402


def visit(page, url: str, screen, name: str, out: Path) -> int:
    page.goto(url)
    page.locator("h1").first.wait_for()
    wait_until_idle(page)
    if screen.sidebar_open:
        open_sidebar(page)
    else:
        fold_sidebar(page)
    page.wait_for_function(SCREEN_AGREED_JS)   # a narrow column's one extra run (ui/live/screen.py)
    page.wait_for_timeout(1500)          # figures and live views finish drawing
    wait_until_idle(page)
    folder = out / screen.name
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"))
    problems = {kind: found for kind, found in layout_problems(page).items() if found}
    smallest = page.evaluate(SMALLEST_FIGURE_TEXT_JS)
    if smallest and smallest[0]["size"] < screen.smallest_label:
        problems["small figure text"] = [f'{s["size"]:.0f} px "{s["words"]}"' for s in smallest]
    if screen.name in FIRST_SCREENS:
        problems["first screen"] = first_screen_problems(page, "" if name == "home" else name)
    # the page scrolls inside Streamlit's main box, not the document: the whole page needs a tall window
    tall = page.evaluate("() => document.querySelector(\"[data-testid='stMain']\").scrollHeight")
    page.set_viewport_size({"width": screen.width, "height": min(tall, 12_000)})
    page.wait_for_timeout(600)
    page.screenshot(path=str(folder / f"{name}_full.png"))
    page.set_viewport_size({"width": screen.width, "height": screen.height})
    for kind, found in problems.items():
        for item in found:
            print(f"  {screen.name:24} {name:9} {kind}: {item}")
    return sum(len(found) for found in problems.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "layout_survey")
    parser.add_argument("--screens", default="", help="comma-separated screen names (default: all)")
    parser.add_argument("--pages", default="", help="comma-separated url paths, 'home' for / (default: all)")
    parser.add_argument("--lesson", action="store_true", help="open each page at the lesson's first step on it")
    args = parser.parse_args()
    screens = [s for s in SCREENS if not args.screens or s.name in args.screens.split(",")]
    pages = [p for p in PAGES if not args.pages or (p.url_path or "home") in args.pages.split(",")]

    from playwright.sync_api import sync_playwright

    lesson = read_lesson(lesson_path(), KNOWN)
    first_steps: dict[str, int] = {}
    for number, step in enumerate(lesson.steps, start=1):
        first_steps.setdefault(step.page, number)

    total = 0
    with tempfile.TemporaryDirectory() as logs, sync_playwright() as playwright:
        server = AppServer(Path(logs))
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for screen in screens:
                context = browser.new_context(viewport={"width": screen.width, "height": screen.height},
                                              has_touch=screen.touch)
                page = context.new_page()
                page.set_default_timeout(30_000)
                for entry in pages:
                    query = screen.query()
                    if args.lesson:
                        step = first_steps.get(entry.url_path)
                        if step is None:
                            continue
                        query = f"{query}{'&' if query else '?'}lesson={step}"
                    total += visit(page, f"{server.url}/{entry.url_path}{query}", screen,
                                   entry.url_path or "home", args.out)
                context.close()
            browser.close()
        finally:
            server.stop()
    print(f"{total} problems; screenshots in {args.out}")


if __name__ == "__main__":
    main()
