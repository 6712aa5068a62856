"""Every page in real Chromium: drawing on the canvas, figures rendered, no error boxes."""
import re

from playwright.sync_api import expect

from tests.browser.harness import assert_no_errors, canvas_of, choose, draw_stroke

ONE = [(140, 40), (142, 140), (140, 240)]                       # a vertical stroke
SEVEN = [(80, 50), (200, 50), (190, 70), (140, 160), (115, 250)]


def test_each_page_opens_with_its_figures_and_no_errors(page, app_server):
    for path, heading in (("/", "What is a neural network?"), ("/draw", "Draw a digit"), ("/inside", "Inside the network")):
        page.goto(app_server.url + path)
        page.get_by_role("heading", name=heading).wait_for()
        page.get_by_text("Model in use", exact=True).wait_for()  # the shared sidebar: the app's frame ran
        if path in ("/", "/inside"):   # the live view has drawn the network (in a canvas of its own)
            page.wait_for_function("() => window.__nnLiveView && window.__nnLiveView.stats.frames > 0")
        assert_no_errors(page)


def test_drawing_a_digit_shows_the_prediction_and_the_reading_steps(page, app_server):
    page.goto(app_server.url + "/draw")
    page.get_by_text("Draw a digit from 0 to 9").wait_for()
    draw_stroke(page, canvas_of(page), SEVEN)
    answer = page.get_by_text(re.compile(r"The network says \d"))
    answer.wait_for()
    assert "The network says 7" in answer.inner_text()
    page.locator(".pad-bars").first.wait_for()                   # the pad's output bars were drawn
    page.get_by_text("How the network reads it").wait_for()
    expect(page.locator("[data-testid='stImage'] img")).to_have_count(4)
    assert_no_errors(page)


def test_the_drawing_reaches_the_inside_page_and_survives_the_visit(page, app_server):
    page.goto(app_server.url + "/draw")
    draw_stroke(page, canvas_of(page), ONE)
    page.get_by_text(re.compile(r"The network says \d")).wait_for()
    page.get_by_role("link", name=re.compile("See how it got there")).click()
    page.get_by_text("Looking at your drawing").wait_for()
    page.wait_for_function("() => window.__nnLiveView && window.__nnLiveView.stats.edge_redraws > 0")
    ink = page.evaluate("() => Array.from(window.__nnLiveView.input).filter((v) => v > 0.5).length")
    assert ink > 20                                             # the live view reads the drawing, not a blank
    page.get_by_role("link", name="Draw a digit").first.click()
    page.get_by_text(re.compile(r"The network says \d")).wait_for()  # the drawing is still there
    assert_no_errors(page)


def test_the_boxes_below_the_figure_explain_a_neuron_without_a_mouse(page, app_server):
    """The keyboard twin of clicking a neuron (the click itself: tests/browser/test_inside.py)."""
    page.goto(app_server.url + "/inside")
    page.wait_for_function("() => window.__nnLiveView && window.__nnLiveView.stats.frames > 0")
    choose(page, "Layer", "hidden 1")
    choose(page, "Neuron", "neuron 4")
    page.get_by_role("heading", name="hidden 1, neuron 4").wait_for()
    page.get_by_text("Weighted sum of its 784 inputs").wait_for()
    choose(page, "Layer", "output")
    choose(page, "Neuron", "digit 3")
    page.get_by_role("heading", name="output neuron for the digit 3").wait_for()
    page.wait_for_function("() => JSON.stringify(window.__nnLiveView.data.selected) === '[3,3]'")  # ringed in the view
    assert_no_errors(page)
