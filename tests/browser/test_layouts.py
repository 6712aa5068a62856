"""Every page on the screens people use (issues 12, 21): nothing wider than the screen, no text on text,
figure labels apart and large enough, each figure page's main figure on its first screen (laptop, tablet),
and the presenter layout on a projector.

The checks are tests/browser/layout.py's, the same ones scripts/layout_survey.py prints with its
screenshots. (Drawing with a finger on the tablet and the phone: tests/browser/test_draw_pad.py.)
"""
from __future__ import annotations

import pytest

from tests.browser.harness import assert_no_errors, wait_until_drawn, wait_until_idle
from tests.browser.layout import (
    FIRST_SCREENS,
    LIVE_LABEL_PROBLEMS_JS,
    MAIN_FIGURES,
    SCREEN_AGREED_JS,
    SIDEBAR_SHOWN_JS,
    SMALLEST_FIGURE_TEXT_JS,
    first_screen_problems,
    fold_sidebar,
    layout_problems,
    open_sidebar,
    screen,
)
from ui.navigation import PAGES

EVERY_PAGE = [page.url_path for page in PAGES]
FIGURE_PAGES = list(MAIN_FIGURES)   # each has a main figure that starts on the first screen (laptop, tablet)
CHECKS = [("phone", EVERY_PAGE), ("projector", EVERY_PAGE), ("tablet-landscape", FIGURE_PAGES), ("laptop", FIGURE_PAGES),
          ("tablet-portrait", ["knobs", "cost", "backprop"])]
LIVE_VIEW_PAGES = {"", "inside", "knobs"}


def settle(page, kind) -> None:
    page.locator("h1").first.wait_for()
    wait_until_idle(page)
    (open_sidebar if kind.sidebar_open else fold_sidebar)(page)
    page.wait_for_function(SCREEN_AGREED_JS)   # a narrow column's one extra run has been asked for and made ...
    wait_until_drawn(page)                     # ... and the figures have finished drawing


@pytest.mark.parametrize("name, paths", CHECKS, ids=[name for name, _ in CHECKS])
def test_every_page_fits_the_screen(browser, app_server, name, paths):
    kind = screen(name)
    context = browser.new_context(viewport={"width": kind.width, "height": kind.height}, has_touch=kind.touch)
    page = context.new_page()
    page.set_default_timeout(30_000)
    elsewhere = []   # nothing is fetched from the internet (a school may have none): not even the tab's icon
    page.on("request", lambda request: None if request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            else elsewhere.append(request.url))
    found = {}
    try:
        for path in paths:
            page.goto(f"{app_server.url}/{path}{kind.query()}")
            settle(page, kind)
            measured = {**layout_problems(page),
                        "first screen": first_screen_problems(page, path) if name in FIRST_SCREENS else []}
            problems = {what: items for what, items in measured.items() if items}
            smallest = page.evaluate(SMALLEST_FIGURE_TEXT_JS)
            if smallest and smallest[0]["size"] < kind.smallest_label - 0.5:
                problems["figure text too small"] = smallest
            if path in LIVE_VIEW_PAGES:
                labels = page.evaluate(LIVE_LABEL_PROBLEMS_JS)
                assert labels and labels["count"] >= 14, f"/{path}: the network figure's labels were not drawn"
            assert_no_errors(page)
            if problems:
                found[path or "home"] = problems
    finally:
        context.close()
    assert not found, found
    assert not elsewhere, elsewhere


def test_the_presenter_layout_folds_the_sidebar_and_shows_the_figure_first(browser, app_server):
    kind = screen("projector")
    context = browser.new_context(viewport={"width": kind.width, "height": kind.height})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(f"{app_server.url}/inside?view=presenter")
        page.wait_for_function("() => window.__nnLiveView && window.__nnLiveView.stats.frames > 0")
        wait_until_idle(page)
        assert not page.evaluate(SIDEBAR_SHOWN_JS)                        # folded
        assert page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)") >= 19
        figure = page.evaluate("() => window.__nnLiveView.canvas.getBoundingClientRect().toJSON()")
        assert figure["top"] < kind.height * 0.6                          # the figure is on the first screen ...
        assert figure["height"] <= kind.height * 0.75                     # ... all of it fits one screen
        page.get_by_text("What this page says").wait_for()               # the words wait below it, folded
        words_row = page.locator("[class*='st-key-glossary_row']").first.bounding_box()
        assert words_row["y"] > figure["bottom"]                          # the glossary row too waits below
        assert page.get_by_text("Each circle is a neuron").count() == 0 or \
            not page.get_by_text("Each circle is a neuron").first.is_visible()
        assert all(label["size"] >= 16 for label in page.evaluate("() => window.__nnLiveView.labels"))
        # the teacher ends it from the sidebar: the sidebar comes back, the page is the usual one
        open_sidebar(page)
        page.get_by_text("Presenter layout").click()
        page.get_by_text("Each circle is a neuron").first.wait_for()
        wait_until_idle(page)
        assert page.evaluate(SIDEBAR_SHOWN_JS)
        assert_no_errors(page)
    finally:
        context.close()


def test_the_presenter_layout_folds_a_sidebar_the_teacher_once_folded_and_opened_by_hand(browser, app_server):
    """The browser keeps a hand-made fold over the page config (seen by the phones' work): the toggle still folds it."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(f"{app_server.url}/inside")
        page.locator("h1").first.wait_for()
        wait_until_idle(page)
        fold_sidebar(page)
        open_sidebar(page)                                               # the teacher's own choice, stored in the browser
        page.get_by_text("Presenter layout").click()
        page.wait_for_function(f"() => !({SIDEBAR_SHOWN_JS})()")        # folded all the same
        wait_until_idle(page)
        assert_no_errors(page)
    finally:
        context.close()
