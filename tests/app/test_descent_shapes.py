"""The Gradient-descent page's landscapes of other shapes: what it draws and says is what nn_core measures.

- On/off neurons (σ replaced by a step): flat terraces, the walk cannot move, σ's walk from the same start can.
- Two valleys: two walks from two starts end in different valleys, one a local minimum.
"""
import numpy as np
import pytest

from nn_core.landscape import (
    OneParameter,
    StepNeuron,
    TinyNeuron,
    TwoValleys,
    descend,
    lowest_point,
    steps_to_bottom,
    valleys,
)
from tests.app.conftest import all_text, open_app
from tests.app.test_descent import TINY_START, curve_chart, maps, trace, values
from tests.app.test_links_and_display import open_link
from ui import state
from ui.pages.descent.landscapes import DEFAULT_RATE, MAX_STEPS

SIMPLE_FORBIDDEN = ("∇", "δ", "∂", "W⁽", "ln ")   # what the simple level must not show (review §6.7)


def new_words(at) -> list[str]:
    """The page's paragraphs written by ui/pages/descent/shapes.py (they name the shape or the walks)."""
    keys = ("On/off neurons.", "staircase", "does not move", "With σ (switch", "Two valleys.", "two dips",
            "The red ball", "The red walk", "Both walks use", "Each flat patch", "The white ◆", "decides where")
    return [m.value for m in [*at.markdown, *at.caption] if any(key in m.value for key in keys)]


@pytest.fixture
def step_page(descent_page):
    descent_page.toggle(key=state.DESCENT_STEP).set_value(True).run()
    assert not descent_page.exception
    return descent_page


def test_on_off_neurons_give_flat_terraces_where_the_walk_cannot_move(step_page):
    step = StepNeuron()
    text = all_text(step_page)
    assert "**On/off neurons.**" in text and "16 flat **terraces**" in text and "the 8 lines" in text
    the_map = maps(step_page)[0]
    grid = values(the_map["data"][0]["customdata"])                        # the cost the map is coloured by
    assert set(np.round(grid, 9)) <= set(np.round(step.terraces(), 9)) and len(grid) == 3600
    walk = trace(the_map, "gradient descent")
    np.testing.assert_array_equal(values(walk["x"]), np.full(MAX_STEPS + 1, TINY_START[0]))
    np.testing.assert_array_equal(values(walk["y"]), np.full(MAX_STEPS + 1, TINY_START[1]))
    start_cost = float(step.cost(*TINY_START))
    assert (f"With η = {DEFAULT_RATE:g} the walk **does not move**" in text
            and f"still at (−5.00, 4.00), at cost {start_cost:.4f}" in text
            and f"the lowest terrace has C = {min(step.terraces()):.4f}" in text)
    tiny = TinyNeuron()
    smooth = descend(tiny, TINY_START, DEFAULT_RATE, MAX_STEPS)
    reached = steps_to_bottom(smooth, lowest_point(tiny, tiny.default_view()))
    assert f"the same walk from the same start reaches the bottom in {reached} steps" in text
    assert "That is why a network's neurons use σ (or another function whose slope is not 0 everywhere)" in text


def test_on_off_neurons_make_the_curve_a_staircase(step_page):
    curve = curve_chart(step_page)
    line = OneParameter(StepNeuron(), 0, -1.5)
    xs, ys = values(curve["data"][0]["x"]), values(curve["data"][0]["y"])
    np.testing.assert_allclose(ys, line.cost(xs))
    assert len(set(np.round(ys, 9))) == 8                        # eight flat stairs on [−6, 6] (a ninth from 6.75)
    assert trace(curve, "slope")["name"] == "slope: dC/dw1 = 0"
    text = all_text(step_page)
    assert "the curve is a **staircase**" in text
    assert f"−{DEFAULT_RATE:g} × 0 = 0" in text and "The lowest stair, C = 0.8218, runs from w1 = 1.50 to 6.75" in text


def test_no_learning_rate_moves_the_walk_on_terraces_and_no_preset_pretends_to(step_page):
    assert not [b for b in step_page.button if b.key and b.key.startswith("descent-") and "momentum" not in b.key]
    for rate in (0.01, 30.0, 1000.0):
        step_page.select_slider(key="descent_rate").set_value(rate).run()
        assert f"With η = {rate:g} the walk **does not move**" in all_text(step_page)
    text = all_text(step_page)
    assert "On terraces momentum cannot help either" in text and "momentum μ" not in text
    step_page.toggle(key=state.DESCENT_STEP).set_value(False).run()   # back to σ: the usual words
    assert "does not move" not in all_text(step_page) and step_page.button(key="descent-overshoot")


def test_a_start_on_a_terraces_edge_is_said_to_have_no_slope_at_all(step_page):
    keys = [s.key for s in step_page.slider if s.key and s.key.startswith("descent_start")]
    step_page.slider(key=keys[0]).set_value(0.0).run()            # w1 = 0: on the edge w . (0.7, 0) = 0
    text = all_text(step_page)
    assert "it starts exactly on the edge of a terrace, where C jumps and has no slope at all" in text
    assert "It stands exactly on the edge of a stair" in text      # the curve's ball too: w1 = 0 with w2 = −1.5


def test_on_off_neurons_in_a_link_share_the_tiny_neurons_start():
    at = open_link("pages/descent.py", landscape="tiny", activation="step", start="1,2")
    assert at.session_state[state.DESCENT_STEP] is True and at.query_params["activation"] == "step"
    assert "still at (1.00, 2.00)" in all_text(at)
    at.toggle(key=state.DESCENT_STEP).set_value(False).run()
    assert values(trace(maps(at)[0], "gradient descent")["x"])[0] == 1.0   # the same start sliders


@pytest.fixture
def valleys_page(descent_page):
    descent_page.segmented_control(key="descent_problem").set_value("valleys").run()
    assert not descent_page.exception
    return descent_page


def test_two_walks_from_two_starts_end_in_two_valleys(valleys_page):
    problem = TwoValleys()
    lower, higher = valleys(problem, problem.default_view())
    the_map = maps(valleys_page)[0]
    for name, start, bottom in (("the red walk", problem.starts[0], higher), ("the pink walk", problem.starts[1], lower)):
        walk = descend(problem, start, DEFAULT_RATE, MAX_STEPS)
        np.testing.assert_allclose(values(trace(the_map, name)["x"]), walk.path[:, 0])
        np.testing.assert_allclose(values(trace(the_map, name)["y"]), walk.path[:, 1])
        assert np.linalg.norm(walk.path[-1] - bottom.point) < 0.25   # on the flat floor, near its bottom
    marks = {d["name"]: (d["x"][0], d["y"][0]) for d in the_map["data"] if "(C = " in (d.get("name") or "")}
    np.testing.assert_allclose(marks[f"lowest point (C = {lower.cost:.4f})"], lower.point)
    np.testing.assert_allclose(marks[f"a local minimum (C = {higher.cost:.4f})"], higher.point)
    text = all_text(valleys_page)
    assert "**Two valleys.**" in text and "**global minimum**" in text and "**local minimum**" in text
    assert ("**The red walk**, from (−4.5, −2.5): it ends in the other valley" in text
            and f"The bottom of that valley, C = {higher.cost:.4f}, is a **local minimum**" in text)
    assert ("**The pink walk**, from (0.5, −2.5): it ends in the lower valley" in text
            and f"The bottom of that valley, C = {lower.cost:.4f}, is the lowest point of the map" in text)
    assert "Where a walk starts decides where it ends." in text


def test_two_balls_on_a_curve_with_two_dips(valleys_page):
    problem = TwoValleys()
    line = OneParameter(problem, 0, -2.5)
    lower, higher = valleys(line, line.default_view(), 301)
    curve = curve_chart(valleys_page)
    for name, start in (("the red ball", problem.starts[0][0]), ("the pink ball", problem.starts[1][0])):
        walk = descend(line, (start,), DEFAULT_RATE, MAX_STEPS)
        np.testing.assert_allclose(values(trace(curve, name)["x"]), walk.path[:, 0])
    text = all_text(valleys_page)
    assert "the cost becomes a curve with two dips" in text
    assert "**The red ball**, from w = −4.5: it ends in the other dip" in text and f"C = {higher.cost:.4f}" in text
    assert "**The pink ball**, from w = 0.5: it ends in the lower dip" in text and f"C = {lower.cost:.4f}" in text


def test_a_start_moved_across_the_ridge_ends_in_the_other_valley(valleys_page):
    keys = [s.key for s in valleys_page.slider if s.key and s.key.startswith("descent_start")]
    valleys_page.slider(key=keys[0]).set_value(2.0).run()           # the red start, now right of the ridge
    text = all_text(valleys_page)
    assert "**The red walk**, from (2, −2.5): it ends in the lower valley" in text
    assert "Both end in the same valley here." in text


def test_a_long_step_jumps_over_the_ridge(valleys_page):
    valleys_page.select_slider(key="descent_rate").set_value(30.0).run()
    assert "**The red walk**, from (−4.5, −2.5): it ends in the lower valley (its long steps carried it over the " \
           "ridge)" in all_text(valleys_page)


@pytest.mark.parametrize("shape", ["step", "valleys"])
def test_the_simple_level_words_of_the_new_landscapes_have_no_symbols(shape):
    at = open_app()
    at.segmented_control(key=state.LEVEL).set_value("simple").run()
    at.switch_page("pages/descent.py").run()
    if shape == "step":
        at.toggle(key=state.DESCENT_STEP).set_value(True).run()
    else:
        at.segmented_control(key="descent_problem").set_value("valleys").run()
    words = new_words(at)
    assert len(words) >= 4
    shown = [(token, w[:60]) for w in words for token in SIMPLE_FORBIDDEN if token in w]
    assert not shown


def test_a_preset_is_not_in_force_on_a_landscape_without_presets(descent_page):
    descent_page.button(key="descent-overshoot").click().run()
    assert descent_page.query_params["preset"] == "overshoot"
    descent_page.toggle(key=state.DESCENT_STEP).set_value(True).run()   # no presets on terraces: the link drops it
    assert "preset" not in descent_page.query_params
    descent_page.toggle(key=state.DESCENT_STEP).set_value(False).run()
    assert descent_page.query_params["preset"] == "overshoot"
    descent_page.segmented_control(key="descent_problem").set_value("valleys").run()
    assert "preset" not in descent_page.query_params
