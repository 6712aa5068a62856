"""A phone in the hand (issue 21): the sidebar folds after a page is chosen, a swipe on a chart scrolls the
page, and the Backprop bars' title is whole at every width. (No legend on a chart's bars on a phone: checked on every
page by tests/browser/test_layouts.py, with tests/browser/layout.py's CHART_PROBLEMS_JS.)

Touch here is real touch: Chromium's own touch events (CDP Input.dispatchTouchEvent), as a finger sends them.
"""
from __future__ import annotations

import pytest

from tests.browser.harness import assert_no_errors, wait_until_drawn, wait_until_idle
from tests.browser.layout import SCREEN_AGREED_JS, SIDEBAR_SHOWN_JS, open_sidebar

IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Version/17.0 Mobile/15E148 Safari/604.1")
SIDEBAR_FOLDED_JS = "() => document.querySelector(\"[data-testid='stSidebar']\")?.dataset.collapsed === 'true'"


def opened(browser, url: str, width: int, height: int, **options):
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=True, **options)
    page = context.new_page()
    page.set_default_timeout(45_000)   # a bound for waiting on a busy machine, not a measurement
    page.goto(url)
    page.locator("h1").first.wait_for()
    wait_until_idle(page)
    page.wait_for_function(SCREEN_AGREED_JS)
    return context, page


def choose_in_sidebar(page, title: str, path: str) -> None:
    open_sidebar(page)
    page.locator("[data-testid='stSidebarNav'] a", has_text=title).click()
    page.wait_for_function(f"() => location.pathname.endsWith('/{path}')")
    wait_until_idle(page)


@pytest.mark.parametrize("user_agent", [None, IPHONE], ids=["narrow-window", "phone-agent"])
def test_on_a_phone_the_sidebar_folds_after_a_page_is_chosen_and_stays_folded(browser, app_server, user_agent):
    options = {"user_agent": user_agent, "is_mobile": True} if user_agent else {}
    context, page = opened(browser, app_server.url, 390, 844, **options)
    try:
        choose_in_sidebar(page, "Draw a digit", "draw")
        page.wait_for_function(SIDEBAR_FOLDED_JS)        # folded by the choice, with no second tap
        page.locator("canvas.pad").first.wait_for()
        choose_in_sidebar(page, "The cost", "cost")      # and again from the next page
        page.wait_for_function(SIDEBAR_FOLDED_JS)
        page.reload()
        page.locator("h1").first.wait_for()
        wait_until_idle(page)
        wait_until_drawn(page)
        assert page.evaluate(SIDEBAR_FOLDED_JS), "the sidebar opened again after a reload"
        assert_no_errors(page)
    finally:
        context.close()


def test_on_a_tablet_the_sidebar_stays_open_after_a_page_is_chosen(browser, app_server):
    context, page = opened(browser, app_server.url, 1024, 768)
    try:
        choose_in_sidebar(page, "Draw a digit", "draw")
        page.locator("canvas.pad").first.wait_for()
        wait_until_drawn(page)
        assert page.evaluate(SIDEBAR_SHOWN_JS)
    finally:
        context.close()


MAIN_SCROLL = "document.querySelector(\"[data-testid='stMain']\").scrollTop"


def swipe_up(touch, x: float, y: float, distance: float, steps: int = 12) -> None:
    """A finger put down at (x, y) and moved ``distance`` px up, then lifted: Chromium's own touch events."""
    touch.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for k in range(1, steps + 1):
        touch.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y - distance * k / steps}]})
    touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


@pytest.mark.parametrize("path, chart", [("cost", "cost_bars"), ("train", "loss_chart"), ("data", "class_counts")])
def test_on_a_phone_a_swipe_that_starts_on_a_chart_scrolls_the_page(browser, app_server, path, chart):
    context, page = opened(browser, f"{app_server.url}/{path}", 390, 844, is_mobile=True)
    try:
        figure = page.locator(f".st-key-{chart} .js-plotly-plot").first
        figure.scroll_into_view_if_needed()
        wait_until_drawn(page)
        box = figure.bounding_box()
        before = page.evaluate(f"() => {MAIN_SCROLL}")
        swipe_up(context.new_cdp_session(page), box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, 200)
        # the page moves with the finger (the browser scrolls at once; a fling may carry it on a little)
        page.wait_for_function(f"() => {MAIN_SCROLL} - {before} >= 150")
        assert_no_errors(page)
    finally:
        context.close()


def test_on_a_laptop_a_chart_still_shows_its_values_under_the_mouse(browser, app_server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(45_000)
    try:
        page.goto(f"{app_server.url}/cost")
        figure = page.locator(".st-key-cost_bars .js-plotly-plot").first
        figure.wait_for()
        wait_until_drawn(page)
        bar = page.locator(".st-key-cost_bars .barlayer .point path").first.bounding_box()
        page.mouse.move(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
        page.locator(".st-key-cost_bars .hoverlayer .hovertext").first.wait_for()
        assert "digit 0: a = " in page.locator(".st-key-cost_bars .hoverlayer .hovertext").first.text_content()
    finally:
        context.close()


# The wish bars' title: its box, the figure's, and whether the page shows the title itself at its middle (not the
# dark picture above it, or anything else drawn over it).
TITLE_JS = """() => {
  const g = document.querySelector('.st-key-nudges .js-plotly-plot');
  const title = [...g.querySelectorAll('.annotation-text')].find((t) => t.textContent.startsWith('wish for each'));
  const r = title.getBoundingClientRect(), svg = g.querySelector('.main-svg').getBoundingClientRect();
  const middle = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {title: r.toJSON(), figure: svg.toJSON(), on_top: g.contains(middle)};
}"""


@pytest.mark.parametrize("width, height", [(1400, 1000), (1024, 768), (768, 1024), (390, 844)])
def test_the_backprop_bars_title_is_whole_at_every_width(browser, app_server, width, height):
    context, page = opened(browser, f"{app_server.url}/backprop", width, height)
    try:
        page.locator(".st-key-nudges .js-plotly-plot").first.scroll_into_view_if_needed()
        wait_until_drawn(page)
        page.locator(".st-key-nudges .js-plotly-plot").first.scroll_into_view_if_needed()
        seen = page.evaluate(TITLE_JS)
        title, figure = seen["title"], seen["figure"]
        assert figure["top"] <= title["top"] and title["bottom"] <= figure["bottom"], seen
        assert figure["left"] <= title["left"] and title["right"] <= figure["right"], seen
        assert seen["on_top"], f"something is drawn over the title: {seen}"
    finally:
        context.close()
