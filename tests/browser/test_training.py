"""Live training in real Chromium: the loss curve gains points and falls; pause stops it; closing stops it."""
import time

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.harness import (
    LOSS_CURVE_JS,
    assert_no_errors,
    cpu_seconds,
    metric_value,
    start_training,
    wait_until_idle,
)


def steps(page) -> int:
    return int(metric_value(page, "Steps").replace(",", ""))


def test_start_watch_the_loss_fall_then_pause(page, app_server):
    page.goto(app_server.url + "/train")
    page.get_by_role("button", name="Start", exact=True).click()
    page.get_by_role("button", name="Pause", exact=True).wait_for()
    page.wait_for_function(f"() => {{ const c = ({LOSS_CURVE_JS})(); return c && c.n > 5; }}")
    counts = []
    for _ in range(6):
        counts.append(page.wait_for_function(f"() => ({LOSS_CURVE_JS})()").json_value()["n"])   # (a chart mid-redraw: wait)
        page.wait_for_timeout(400)
    assert counts == sorted(counts) and counts[-1] > counts[0] + 5, counts  # points keep arriving
    page.wait_for_function(f"() => {{ const c = ({LOSS_CURVE_JS})(); return c && c.last < 0.75 * c.first; }}",
                           timeout=30_000)                           # and the cost falls
    pause(page)
    wait_until_idle(page)                                          # a tick already queued may still land
    page.wait_for_timeout(600)
    paused = steps(page)
    page.wait_for_timeout(1500)
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


def test_ticks_stop_when_the_tab_closes(browser, app_server):
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    start_training(tab, app_server.url, "full speed", epochs=1000)
    tab.wait_for_function(f"() => {{ const c = ({LOSS_CURVE_JS})(); return c && c.n > 10; }}")
    pid = app_server.process.pid
    before = cpu_seconds(pid)
    time.sleep(1.5)
    busy = cpu_seconds(pid) - before                                # training: the server works
    context.close()
    time.sleep(1.0)                                                 # let the last tick finish
    before = cpu_seconds(pid)
    time.sleep(2.0)
    idle = cpu_seconds(pid) - before
    assert busy > 0.3 and idle < 0.15, (busy, idle)
