"""The Backpropagation page in real Chromium: Play backwards runs on the browser's timer, a step is measured."""
import time

from tests.browser.harness import assert_no_errors


def test_play_backwards_runs_from_the_output_to_the_pixels_and_a_step_is_measured(page, app_server):
    page.goto(app_server.url + "/backprop")
    page.locator(".js-plotly-plot .main-svg").first.wait_for()
    group = page.get_by_role("radiogroup", name="The error has travelled back to")
    assert group.locator("[aria-checked='true']").inner_text() == "← output"      # where the page opens
    group.get_by_text("the whole network", exact=True).click()
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Play backwards").click()
    seen, deadline = [], time.monotonic() + 40   # a busy machine plays slower: wait for the end, not a count
    while time.monotonic() < deadline:
        shown = group.locator("[aria-checked='true']").inner_text()
        if not seen or seen[-1] != shown:
            seen.append(shown)
        if shown == "← input (pixels)":
            break
        page.wait_for_timeout(50)
    assert seen[-4:] == ["← output", "← hidden 2", "← hidden 1", "← input (pixels)"], seen
    page.get_by_role("button", name="One step on this example").click()
    page.get_by_text("Last step").wait_for()
    page.get_by_text("after step 1", exact=True).wait_for()
    assert_no_errors(page)
