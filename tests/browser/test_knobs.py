"""Turn the knobs in real Chromium: moving a bias slider redraws the network and the answer."""
import re

from playwright.sync_api import expect

from tests.browser.harness import DRAWN_NODES_JS, assert_no_errors, slider_thumb, wait_until_idle


def test_moving_a_bias_slider_changes_the_figure(page, app_server):
    page.goto(app_server.url + "/knobs")
    page.locator(".js-plotly-plot .main-svg").first.wait_for()
    page.get_by_role("radiogroup", name="Biases of").get_by_text("output", exact=True).click()
    thumb = slider_thumb(page, "digit 6")
    thumb.wait_for()
    page.wait_for_timeout(500)
    before = page.evaluate(DRAWN_NODES_JS)
    thumb.focus()
    thumb.press("End")  # the bias of output 6 to +10
    page.wait_for_function(f"(before) => ({DRAWN_NODES_JS})() !== before", arg=before)
    page.get_by_text(re.compile(r"the network now answers 6")).wait_for()
    page.get_by_text("✎ changed").first.wait_for()
    assert_no_errors(page)


def test_one_neuron_page_responds_to_its_sliders(page, app_server):
    page.goto(app_server.url + "/neuron")
    page.get_by_text(re.compile(r"^Weighted sum Σ w·a = ")).wait_for()
    page.get_by_role("button", name="AND").click()
    page.get_by_text(re.compile(r"a = σ\(z\) = 0\.924")).wait_for()
    thumb = slider_thumb(page, "Input a2")
    thumb.focus()
    thumb.press("Home")  # a2 = 0: AND is false
    page.get_by_text(re.compile(r"a = σ\(z\) = 0\.076")).wait_for()
    wait_until_idle(page)
    expect(page.locator(".js-plotly-plot")).to_have_count(3)  # retried: a rerun swaps plots in and out
    assert_no_errors(page)
