"""The Gradient-descent page: what it says must be what nn_core measures on the landscape on screen."""
import base64

import numpy as np
import pytest

from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.landscape import (
    TOO_BIG,
    OneParameter,
    OutputLayerSlice,
    Parameter,
    TinyNeuron,
    calibrate_rates,
    descend,
    lowest_point,
    overshoot_rate,
    steeper_axis,
    try_rates,
)
from tests.app.conftest import all_text, chart_specs, open_app
from ui.pages.descent.controls import PLAY_SECONDS
from ui.pages.descent.landscapes import DEFAULT_RATE, MAX_STEPS, RATES, SAMPLE

TINY_START = (-5.0, 4.0)
WORDS = {  # a verdict's kind, as the page words it
    "creeps": ("creeping", "on its way but not there yet"), "settles": ("reaches the bottom",),
    "overshoots": ("overshoots",), "plateau": ("onto a flat plateau",), "thrown off": ("off the map onto a flat plateau",),
    "flies off": ("flies off the map",),
}


def values(array) -> np.ndarray:
    """A plotly JSON array: a list, or plotly 7's base64 typed array."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"]))
    return np.asarray(array, dtype=np.float64)


def trace(spec, name_start):
    return next(d for d in spec["data"] if (d.get("name") or "").startswith(name_start))


def maps(at):
    return [s for s in chart_specs(at) if s["data"][0]["type"] == "contour"]


def curve_chart(at):
    return next(s for s in chart_specs(at) if s["layout"].get("uirevision") == "curve")


def map_verdict(at, rate) -> str:
    """The paragraph beside the map: 'With η = … the walk …' (the curve's starts 'Where it ends up', momentum's 'With η = …:')."""
    return next(m.value for m in at.markdown if m.value.startswith(f"With η = {rate:g} "))


def page_slice(target=3, source=0, model="classic"):
    """The real network's slice exactly as the page builds it."""
    train, _ = load_embedded()
    index = np.random.default_rng(0).permutation(len(train))[:SAMPLE]
    return OutputLayerSlice(load_bundled(model).network, train.inputs[index], train.labels[index],
                            Parameter(target, source), Parameter(target, None))


def test_the_update_rule_in_words(descent_page):
    """E1: the step is η times the gradient, not 'a step of size η'; the cost links to its page."""
    text = all_text(descent_page)
    assert "p ← p − η ∇C(p)" in text and "a step is **η × the gradient**" in text
    assert "long where the ground is steep, short where it is flat" in text and "step of size" not in text
    assert "list of the cost's slopes, one per parameter" in text and "point **uphill**" in text
    assert descent_page.select_slider(key="descent_rate").proto.help.endswith("step = η × gradient.")
    assert "cost" in [link.proto.page for link in descent_page.get("page_link")]
    assert [float(o) for o in descent_page.select_slider(key="descent_rate").options] == RATES
    assert min(RATES) == 0.01 and descent_page.select_slider(key="descent_rate").value == DEFAULT_RATE


def test_what_each_landscape_is(descent_page):
    """m24: what the tiny neuron fits, with which cost; that the real network's map uses cross-entropy."""
    text = all_text(descent_page)
    assert "fitted to 8 fixed points" in text and "w1 = 2 and w2 = −1.5 outputs" in text
    assert "C(w1, w2) = Σ (a − y)², the quadratic cost" in text and "fixed but two" not in text
    descent_page.segmented_control(key="descent_problem").set_value("network").run()
    text = all_text(descent_page)
    network = load_bundled("classic").network
    assert f"cross-entropy {network.cost.formula}" in text and "13,002 parameters" in text
    assert "averaged over 500 training digits" in text


def test_presets_creep_converge_and_overshoot_visibly(descent_page):
    """M13, M14: the tiny neuron's presets are 0.1, 3 and 10, tried; the overshoot ends far worse, far away."""
    problem = TinyNeuron()
    view = problem.default_view()
    lowest = lowest_point(problem, view)
    expected = calibrate_rates(try_rates(problem, TINY_START, RATES, MAX_STEPS, lowest, view))
    assert expected == {"creep": 0.1, "converge": 3.0, "overshoot": 10.0}
    ends = {}
    for name, words in (("creep", "is creeping"), ("converge", "reaches the bottom"), ("overshoot", "overshoots")):
        descent_page.button(key=f"descent-{name}").click().run()
        assert descent_page.select_slider(key="descent_rate").value == expected[name]
        assert words in map_verdict(descent_page, expected[name]), name
        progress = next(s for s in chart_specs(descent_page) if s["layout"].get("yaxis2"))
        cost, distance = (values(d["y"]) for d in progress["data"][:2])
        walk = descend(problem, TINY_START, expected[name], MAX_STEPS)
        # an overshooting walk is chaotic: its last bits (and so its path) may differ between ways of computing it
        np.testing.assert_allclose(cost[:5 if name == "overshoot" else None], walk.costs[:5 if name == "overshoot" else None])
        ends[name] = cost[-1], distance[-1]
    assert ends["overshoot"][0] > 1000 * ends["converge"][0] and ends["overshoot"][1] > 0.5 > ends["converge"][1]


def landscape_on(descent_page, landscape: str):
    """(problem, the page's start, its view) for "tiny" or "network", with the page showing that landscape."""
    if landscape == "network":
        descent_page.segmented_control(key="descent_problem").set_value("network").run()
        problem = page_slice()
        view = problem.default_view()
        return problem, (round(view[0][0] + 1.0, 1), round(view[1][1] - 1.0, 1)), view
    problem = TinyNeuron()
    return problem, TINY_START, problem.default_view()


@pytest.mark.parametrize("landscape", ["tiny", "network"])
def test_every_rate_on_the_slider_gets_a_true_verdict(descent_page, landscape):
    """E2: on both landscapes (classic model), at every η: the words match nn_core's verdict; at or above the
    rate that overshoots from here nothing advises a larger η, and the largest rates are never creeping."""
    problem, start, view = landscape_on(descent_page, landscape)
    lowest = lowest_point(problem, view)
    trials = {t.rate: t for t in try_rates(problem, start, RATES, MAX_STEPS, lowest, view)}   # as the page tries them
    too_big = overshoot_rate(list(trials.values()))
    assert too_big is not None and too_big < RATES[-1]
    for rate in RATES:
        descent_page.select_slider(key="descent_rate").set_value(rate).run()
        verdict = trials[rate].verdict
        text = map_verdict(descent_page, rate)
        assert any(words in text for words in WORDS[verdict.kind]), (rate, verdict.kind, text)
        if rate >= too_big:
            assert "larger learning rate gets there sooner" not in text, (rate, text)
            assert verdict.kind in TOO_BIG and "too big" in text.lower(), (rate, text)
        if "larger learning rate gets there sooner: η = " in text:
            suggested = float(text.split("sooner: η = ")[1].split(" ")[0])
            assert rate < suggested < too_big
    for rate in RATES[-2:]:
        descent_page.select_slider(key="descent_rate").set_value(rate).run()
        assert "creeping" not in map_verdict(descent_page, rate) and "on its way" not in map_verdict(descent_page, rate)


def test_the_real_networks_map_marks_its_lowest_point_beside_the_trained_values(descent_page):
    """M12: both points marked where nn_core finds them; why they differ, in one sentence."""
    descent_page.segmented_control(key="descent_problem").set_value("network").run()
    problem = page_slice()
    lowest = lowest_point(problem, problem.default_view())
    landscape = maps(descent_page)[0]
    lowest_mark, trained_mark = trace(landscape, "lowest point"), trace(landscape, "trained values")
    np.testing.assert_allclose([lowest_mark["x"][0], lowest_mark["y"][0]], lowest.point, atol=1e-6)
    np.testing.assert_allclose([trained_mark["x"][0], trained_mark["y"][0]], problem.trained)
    assert lowest_mark["name"] == f"lowest point (C = {lowest.cost:.4f})"
    text = all_text(descent_page)
    assert "Training moved all 13,002 parameters together" in text
    assert "close to the lowest cost of this slice but not at it" in text
    assert f"where C = {float(problem.cost(*problem.trained)):.4f}, 1.03 away from the lowest point" in text
    # the slow walk at η = 3 is judged by cost against that lowest point: nearly down, not 'creeping'
    descent_page.select_slider(key="descent_rate").set_value(3.0).run()
    assert "on its way but not there yet: after 100 steps it has come 96\u00a0% of the way down" in map_verdict(descent_page, 3)


def test_a_slice_without_a_lowest_point_is_not_given_one(descent_page):
    """The best model's default slice: the cost keeps falling, ever more slowly, off the map; no point is marked."""
    descent_page.radio(key="model_choice").set_value("best").run()
    descent_page.segmented_control(key="descent_problem").set_value("network").run()
    problem = page_slice(model="best")
    assert lowest_point(problem, problem.default_view()).point is None
    text = all_text(descent_page)
    assert "This slice has no lowest point near the map" in text
    assert "has no lowest point nearby; its cost falls towards" in map_verdict(descent_page, DEFAULT_RATE)
    assert not [d for d in maps(descent_page)[0]["data"] if (d.get("name") or "").startswith("lowest point")]


def test_a_ball_on_a_curve_before_the_map(descent_page):
    """The 1-D landscape: the map along w1 (w2 held at its value at the lowest point), the same η and start."""
    problem = TinyNeuron()
    lowest = lowest_point(problem, problem.default_view())
    axis = steeper_axis(problem, lowest.point)
    line = OneParameter(problem, axis, lowest.point[1 - axis])
    specs = chart_specs(descent_page)
    assert specs[0]["layout"]["uirevision"] == "curve"          # first on the page
    curve = curve_chart(descent_page)
    slope = float(line.gradient(TINY_START[axis])[0])
    assert trace(curve, "slope")["name"] == "slope: dC/dw1 = −0.198" and round(slope, 3) == -0.198
    walk = descend(line, (TINY_START[axis],), DEFAULT_RATE, MAX_STEPS)
    np.testing.assert_allclose(values(trace(curve, "gradient descent")["x"]), walk.path[:, 0])
    text = all_text(descent_page)
    assert "Hold w2 at −1.5 (its value at the lowest point of the map)" in text
    assert "the slope is dC/dw1 = −0.198" in text and f"= −3 × (−0.198) = +{-3 * slope:.3f}" in text
    guide = trace(maps(descent_page)[0], "the curve above")
    assert guide["y"] == [-1.5, -1.5]


def test_momentum_beside_plain_descent_on_the_same_slice(descent_page):
    """Plain and momentum walks from the same (movable) start, by nn_core's rule; presets that help and hurt."""
    problem = TinyNeuron()
    descent_page.button(key="descent-momentum-helps").click().run()
    rate, momentum = descent_page.select_slider(key="descent_rate").value, descent_page.slider(key="descent_momentum").value
    assert (rate, momentum) == (0.3, 0.8)
    heavy_map = maps(descent_page)[1]
    heavy = descend(problem, TINY_START, rate, MAX_STEPS, momentum)
    np.testing.assert_allclose(values(trace(heavy_map, "with momentum")["x"]), heavy.path[:, 0])
    text = all_text(descent_page)
    assert "Here momentum helps" in text and "with momentum μ = 0.8 the walk reaches the bottom in" in text
    descent_page.button(key="descent-momentum-hurts").click().run()
    assert "Here momentum hurts" in all_text(descent_page)
    start_keys = [s.key for s in descent_page.slider if s.key and s.key.startswith("descent_start")]
    descent_page.slider(key=start_keys[0]).set_value(1.0).run()
    heavy_map = maps(descent_page)[1]
    assert values(trace(heavy_map, "plain")["x"])[0] == 1.0 == values(trace(heavy_map, "with momentum")["x"])[0]


def test_a_rate_that_is_not_on_the_slider_becomes_the_default():
    at = open_app()
    at.session_state["descent_rate"] = 20.0      # e.g. an older default, before the page was ever drawn
    at.switch_page("pages/descent.py").run()
    assert at.select_slider(key="descent_rate").value == DEFAULT_RATE and not at.exception


def test_every_enabled_preset_does_what_it_says_on_the_real_networks(descent_page):
    """On each model's default landscape and a few others, a preset's button is disabled (with a reason) or true."""
    descent_page.segmented_control(key="descent_problem").set_value("network").run()
    enabled = set()
    for model, target in (("classic", 3), ("classic", 8), ("best", 3)):
        descent_page.radio(key="model_choice").set_value(model).run()
        descent_page.selectbox(key="descent_target").set_value(target).run()
        for name, words in (("creep", "creeping"), ("converge", "reaches the bottom"), ("overshoot", "too big")):
            button = descent_page.button(key=f"descent-{name}")
            if button.disabled:
                assert "No learning rate" in button.help or "Even the largest" in button.help
                continue
            enabled.add((model, name))
            button.click().run()
            rate = descent_page.select_slider(key="descent_rate").value
            assert words in map_verdict(descent_page, rate).lower(), (model, target, name)
    assert {("classic", n) for n in ("creep", "converge", "overshoot")} <= enabled


def test_descent_play_walks_one_step_per_tick_or_more_when_the_ticks_come_late(descent_page, monkeypatch):
    """One step per tick, or as many as the time since Play asks for: the walk keeps PLAY_SECONDS per step in all.
    (The clock is the test's: a busy machine changes nothing here.)"""
    from ui.pages.descent import controls

    now = [1000.0]
    monkeypatch.setattr(controls, "clock", lambda: now[0])
    descent_page.button(key="descent_play").click().run()
    shown = [descent_page.session_state["descent_shown"]]
    descent_page.run()                                   # a tick on time: one step more
    shown.append(descent_page.session_state["descent_shown"])
    now[0] += 10 * PLAY_SECONDS                          # ticks ten steps late: the walk catches up
    descent_page.run()
    shown.append(descent_page.session_state["descent_shown"])
    assert shown == [1, 2, 10]
    curve = curve_chart(descent_page)
    assert len(values(trace(curve, "gradient descent")["x"])) == shown[-1] + 1   # the ball's steps so far


def test_with_less_motion_play_shows_the_end_of_the_walk_at_once_as_a_played_walk_ends(descent_page, monkeypatch):
    """prefers-reduced-motion (the browser says it, ui/live/screen.py): Play walks no steps, it shows the end at once,
    and every picture is the one a played walk ends on."""
    from ui.pages.descent import controls

    now = [1000.0]
    monkeypatch.setattr(controls, "clock", lambda: now[0])
    descent_page.button(key="descent_play").click().run()
    now[0] += 10_000 * PLAY_SECONDS                        # the played walk's last tick
    descent_page.run()
    assert not descent_page.session_state["descent_playing"]
    played = chart_specs(descent_page)
    descent_page.session_state["motion_wanted"] = "reduce"
    descent_page.button(key="descent_play").click().run()
    assert not descent_page.session_state["descent_playing"] and chart_specs(descent_page) == played


def test_descent_on_the_real_network(descent_page):
    descent_page.segmented_control(key="descent_problem").set_value("network").run()
    descent_page.selectbox(key="descent_target").set_value(7).run()
    assert not descent_page.exception
    assert maps(descent_page)[0]["layout"]["xaxis"]["title"]["text"] == "w (hidden 2, #0 → output 7)"


def _settling(problem, start, lowest, view) -> list[float]:
    return [t.rate for t in try_rates(problem, start, RATES, MAX_STEPS, lowest, view) if t.verdict.kind == "settles"]


@pytest.mark.parametrize("landscape", ["tiny", "network"])
def test_the_curve_says_which_rates_reach_the_bottom_there_and_on_the_map_as_measured(descent_page, landscape):
    """N12: not "η behaves on it much as on the map" (false on the real network: 2 to 100 against 10 to 100)."""
    problem, start, view = landscape_on(descent_page, landscape)
    lowest = lowest_point(problem, view)
    axis = steeper_axis(problem, lowest.point)
    line = OneParameter(problem, axis, lowest.point[1 - axis])
    on_map = _settling(problem, start, lowest, view)
    on_curve = _settling(line, (start[axis],), lowest_point(line, line.default_view()), line.default_view())
    expected = {"tiny": ([1.0, 2.0, 3.0, 5.0], [0.3, 1.0, 2.0, 3.0, 5.0]),
                "network": ([10.0, 30.0, 100.0], [2.0, 3.0, 5.0, 10.0, 30.0, 100.0])}[landscape]
    assert (on_map, on_curve) == expected
    text = all_text(descent_page)
    assert "much as on the map" not in text
    assert (f"From this start the ball reaches the bottom for η = {on_curve[0]:g} to {on_curve[-1]:g}, the walk on "
            f"the map below for η = {on_map[0]:g} to {on_map[-1]:g}: on the map the walk must also go along the "
            "gentler direction") in text


def test_the_simple_level_says_the_rule_and_the_steepness_in_words():
    from tests.app.test_glossary_and_level import writes_symbol
    from ui import state

    at = open_app()
    at.segmented_control(key=state.LEVEL).set_value("simple").run()
    at.switch_page("pages/descent.py").run()
    texts = []
    for act in ("descent-creep", "descent-overshoot", None):
        if act:
            at.button(key=act).click().run()
        texts.append(all_text(at))
    at.select_slider(key="descent_rate").set_value(1000.0).run()         # thrown onto a plateau: its slope in words
    texts.append(all_text(at))
    at.segmented_control(key="descent_problem").set_value("network").run()
    for rate in (0.1, 3.0, 1000.0):
        at.select_slider(key="descent_rate").set_value(rate).run()
        texts.append(all_text(at))
    text = "\n".join(texts)
    assert not at.exception
    assert "**new value = old value − η × slope**" in text and "the first is only η × the steepness = " in text
    assert "not Σ (a − y)² but a cousin of it that punishes confident mistakes even more" in text
    shown = [s for s in ("∇", "|∇C|", "ln", "W⁽") if writes_symbol(text, s)]
    assert not shown, shown


def test_the_tiny_neuron_says_what_adding_its_misses_does_to_the_rates(descent_page):
    """Adding 8 squared misses instead of averaging them multiplies every slope by 8, so each good η is 8 times
    smaller: a walk on the sum with η is the walk on the average with 8η (not "the same size as on the other pages")."""
    problem = TinyNeuron()
    view = problem.default_view()
    good = _settling(problem, TINY_START, lowest_point(problem, view), view)
    assert good == [1.0, 2.0, 3.0, 5.0] and len(problem.y) == 8
    text = all_text(descent_page)
    assert ("Adding them (not averaging) makes every slope 8 times steeper than their average's, so the good learning "
            "rates here are 1 to 5 rather than 8 to 40.") in text and "same size as on the other pages" not in text


def test_rates_are_named_as_runs_of_neighbours_on_the_slider():
    from ui.pages.descent.words import _for

    assert _for([2.0, 3.0, 5.0, 10.0, 30.0, 100.0], RATES) == "for η = 2 to 100"
    assert _for([0.3, 1.0, 2.0, 5.0, 30.0], RATES) == "for η = 0.3 to 2, 5 and 30"     # never "0.3 to 30": 3, 10 fail
    assert _for([3.0], RATES) == "for η = 3" and _for([], RATES) == "for no η on the slider"
