"""Live training in real Chromium: the loss curve gains points and falls; pause stops it.

(That nothing trains between the ticks a tab sends, so closing the tab stops the work:
tests/hostile/test_concurrent_training.py counts the steps.)
"""
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.harness import LOSS_CURVE_JS, assert_no_errors, metric_value, wait_until_idle


def steps(page) -> int:
    return int(metric_value(page, "Steps").replace(",", ""))


def test_start_watch_the_loss_fall_then_pause(page, app_server):
    page.goto(app_server.url + "/train")
    page.get_by_role("button", name="Start", exact=True).click()
    page.get_by_role("button", name="Pause", exact=True).wait_for()
    page.wait_for_function(f"() => {{ const c = ({LOSS_CURVE_JS})(); return c && c.n > 5; }}")
    first = page.wait_for_function(f"() => ({LOSS_CURVE_JS})()").json_value()["n"]   # (a chart mid-redraw: wait)
    page.wait_for_function(f"() => {{ const c = ({LOSS_CURVE_JS})(); return c && c.n > {first + 5}; }}",
                           timeout=60_000)                             # points keep arriving
    page.wait_for_function(f"() => {{ const c = ({LOSS_CURVE_JS})(); return c && c.last < 0.75 * c.first; }}",
                           timeout=30_000)                           # and the cost falls
    pause(page)
    wait_until_idle(page)                                          # a tick already queued may still land
    paused = steps(page)
    page.wait_for_timeout(1500)                                    # (a window in which a tick would land)
    wait_until_idle(page)
    assert steps(page) == paused                                   # paused means paused
    page.get_by_text("unseen test digits").first.wait_for()       # the results appear when paused
    assert_no_errors(page)


def pause(page, tries: int = 3) -> None:
    """Click Pause until the page says Continue (a click can land while the live chart is being redrawn)."""
    for attempt in range(tries):
        page.get_by_role("button", name="Pause", exact=True).click()
        try:
            page.get_by_role("button", name="Continue", exact=True).wait_for(timeout=8_000)
            return
        except PlaywrightTimeout:
            if attempt == tries - 1:
                raise
