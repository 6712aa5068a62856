"""The One-neuron page: every slider changes the output exactly as a = f(Σ w·a + b) says."""
import math

import pytest

from tests.app.conftest import all_text, live_data, send_trigger

LIVE = "nn_one_neuron"
seq = iter(range(1, 10**6))


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


def set_neuron(at, inputs, weights, bias):
    """Let go of the live view's sliders: the nine values, sent once (ui/pages/neuron/live.py)."""
    send_trigger(at, LIVE, "release", {"seq": next(seq), "inputs": list(inputs), "weights": list(weights), "bias": bias})
    assert not at.exception, at.exception


def text_of(at) -> str:
    """The page's words and the live view's sentence (Python's, computed from the session's values)."""
    return all_text(at) + "\n" + live_data(at, LIVE)["sentence"].replace("**", "")


def held(at) -> tuple:
    values = live_data(at, LIVE)["values"]
    return tuple(values["inputs"]), tuple(values["weights"]), values["bias"]


def test_the_output_is_the_squashed_weighted_sum_plus_bias(neuron_page):
    set_neuron(neuron_page, (1.0, 0.5, 0.0, 0.25), (2.0, -1.0, 3.0, 4.0), -1.5)
    z = 2.0 - 0.5 + 0.0 + 1.0 - 1.5
    text = text_of(neuron_page)
    assert "Σ w·a = +2.50" in text and f"z = Σ w·a + b = {z:+.2f}" in text
    assert f"a = σ(z) = {sigmoid(z):.3f}" in text
    assert "active when Σ w·a > +1.50" in text
    assert live_data(neuron_page, LIVE)["a"] == pytest.approx(sigmoid(z))


def test_the_bias_moves_the_firing_threshold(neuron_page):
    set_neuron(neuron_page, (1.0, 0.0, 0.0, 0.0), (2.0, 0.0, 0.0, 0.0), 0.0)
    assert "it is above it, so the neuron is active" in text_of(neuron_page)
    set_neuron(neuron_page, (1.0, 0.0, 0.0, 0.0), (2.0, 0.0, 0.0, 0.0), -3.0)
    text = text_of(neuron_page)
    assert "active when Σ w·a > +3.00" in text and "not above it" in text
    assert f"a = σ(z) = {sigmoid(-1.0):.3f}" in text


@pytest.mark.parametrize("activation, expected", [("relu", "ReLU(z) = 0.500"), ("tanh", f"tanh(z) = {math.tanh(0.5):.3f}")])
def test_switching_the_activation(neuron_page, activation, expected):
    set_neuron(neuron_page, (1.0, 0.0, 0.0, 0.0), (1.5, 0.0, 0.0, 0.0), -1.0)
    neuron_page.segmented_control(key="one_activation").set_value(activation).run()
    assert expected in text_of(neuron_page)


def test_the_and_preset_computes_and(neuron_page):
    neuron_page.button(key="preset-AND").click().run()
    assert "AND" in all_text(neuron_page)
    assert f"{sigmoid(2.5):.3f}" in text_of(neuron_page)          # both inputs on: fires
    inputs, weights, bias = held(neuron_page)
    set_neuron(neuron_page, (inputs[0], 0.0, *inputs[2:]), weights, bias)
    assert f"{sigmoid(-2.5):.3f}" in text_of(neuron_page)         # one input off: does not
    neuron_page.button(key="preset-reset").click().run()
    assert held(neuron_page)[2] == 0.0


def test_below_its_threshold_each_activation_is_named_for_what_it_really_does(neuron_page):
    """AND with one input off: z = 5 − 7.5 = −2.5. σ gives 0.076 (mostly off), tanh gives −0.987 (negative, not off)."""
    set_neuron(neuron_page, (1.0, 0.0, 0.0, 0.0), (5.0, 5.0, 0.0, 0.0), -7.5)
    assert "mostly off (a below ½)" in text_of(neuron_page) and f"{sigmoid(-2.5):.3f}" in text_of(neuron_page)
    neuron_page.segmented_control(key="one_activation").set_value("tanh").run()
    text = text_of(neuron_page)
    assert "negative (a below 0)" in text and f"{math.tanh(-2.5):.3f}".replace("-", "−") in text and "mostly off" not in text
    neuron_page.segmented_control(key="one_activation").set_value("relu").run()
    assert "silent (a = 0 exactly)" in text_of(neuron_page)


def test_the_sigmoid_is_written_out_with_its_middle(neuron_page):
    """N9: ½ comes at z = Σ w·a + b = 0, not at a weighted sum of 0 (with AND's bias −7.5 that gives σ(−7.5))."""
    text = all_text(neuron_page)
    assert "σ(x) = 1 / (1 + e⁻ˣ)" in text and "σ(0) = ½" in text and "z = Σ w·a + b = 0 gives exactly ½" in text
    assert "says how positive z = Σ w·a + b, the weighted sum plus the bias, is" in text and "a sum of 0" not in text
    assert sigmoid(0) == 0.5 and sigmoid(0 - 7.5) < 0.001
