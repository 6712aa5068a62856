"""The Backpropagation page in real Chromium: Play backwards runs on the browser's timer, a step is measured."""
from tests.browser.harness import assert_no_errors, wait_until_idle

# every step the segmented control shows, recorded as it changes (however slowly or quickly the page plays)
RECORD_STEPS = """() => {
  window.__steps = [];
  const shown = () => document.querySelector("[role='radiogroup'][aria-label='The error has travelled back to'] "
                                             + "[aria-checked='true']")?.innerText;
  const note = () => { const now = shown(); if (now && window.__steps.at(-1) !== now) window.__steps.push(now); };
  new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true,
                                                      attributeFilter: ['aria-checked'] });
  note();
}"""


def test_play_backwards_runs_from_the_output_to_the_pixels_and_a_step_is_measured(page, app_server):
    page.goto(app_server.url + "/backprop")
    page.locator(".js-plotly-plot .main-svg").first.wait_for()
    group = page.get_by_role("radiogroup", name="The error has travelled back to")
    assert group.locator("[aria-checked='true']").inner_text() == "← output"      # where the page opens
    group.get_by_text("the whole network", exact=True).click()
    group.locator("[aria-checked='true']").get_by_text("the whole network", exact=True).wait_for()
    wait_until_idle(page)
    page.evaluate(RECORD_STEPS)
    page.get_by_role("button", name="Play backwards").click()
    page.wait_for_function("() => window.__steps.at(-1) === '← input (pixels)'", timeout=60_000)   # the end, however slow
    seen = page.evaluate("() => window.__steps")
    assert seen[-4:] == ["← output", "← hidden 2", "← hidden 1", "← input (pixels)"], seen
    page.get_by_role("button", name="One step on this example").click()
    page.get_by_text("Last step").wait_for()
    page.get_by_text("after step 1", exact=True).wait_for()
    assert_no_errors(page)


TITLE = """() => {
  const text = [...document.querySelectorAll('.annotation-text')].find(e => e.textContent.startsWith('wish for each output'));
  const chart = text.closest('[data-testid="stPlotlyChart"]'), plot = chart.querySelector('.nsewdrag');
  const [t, c, p] = [text, chart, plot].map(e => e.getBoundingClientRect());
  return {chart_top: c.top, title_top: t.top, title_bottom: t.bottom, plot_top: p.top};
}"""


def test_the_bars_title_is_inside_its_chart_and_ten_steps_of_ten_are_drawn(page, app_server):
    """Review N20: the wish bars' title was drawn above its chart, under the network figure (at both levels).
    It must lie inside its own chart, above the bars."""
    for level in ("simple", "full"):
        page.goto(app_server.url + f"/backprop?level={level}")
        page.locator(".annotation-text", has_text="wish for each output").wait_for()
        wait_until_idle(page)
        box = page.evaluate(TITLE)
        assert box["chart_top"] <= box["title_top"] and box["title_bottom"] <= box["plot_top"] + 1, (level, box)
    page.get_by_role("button", name="10 steps of 10").click()
    page.get_by_text("Last: 10 steps of 10").wait_for()
    page.get_by_text("mini-batch steps taken").first.wait_for()
    assert_no_errors(page)
