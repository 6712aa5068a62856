"""The Backpropagation page."""

import numpy as np

from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.evaluate import output_activations
from tests.app.conftest import all_text, chart_specs


def test_backprop_for_a_test_digit_and_a_step_downhill(backprop_page):
    shared = load_bundled("classic").network.params.copy()
    assert "The right answer is **0**" in all_text(backprop_page)
    backprop_page.button(key="backprop_mistake").click().run()
    digit = backprop_page.session_state["current_input"]
    _, test = load_embedded()
    answers = np.argmax(output_activations(load_bundled("classic").network, test), axis=1)
    index = int(digit.description.split("#")[1].split()[0])
    assert answers[index] != test.labels[index]                 # the network gets it wrong

    def cost():
        text = all_text(backprop_page)
        return float(text.split("C = ")[1].split("**")[0])

    before = cost()
    backprop_page.button(key="backprop_step").click().run()
    assert cost() < before                                      # one step downhill lowered it
    backprop_page.button(key="backprop_reset").click().run()
    assert cost() == before
    np.testing.assert_array_equal(load_bundled("classic").network.params, shared)  # the shared model untouched


def test_the_output_wishes_are_minus_delta_for_softmax_with_cross_entropy(backprop_page):
    """y − a is what the page shows at the outputs; for this cost it is −∂C/∂z, not −∂C/∂a."""
    from nn_core.backprop import backprop

    network = load_bundled("classic").network.astype(np.float64)
    _, test = load_embedded()
    delta = backprop(network, test.inputs[3].astype(np.float64), 0).deltas[-1]
    figure = next(s for s in chart_specs(backprop_page) if s["data"][0]["type"] == "heatmap")
    outputs = next(t for t in figure["data"] if t.get("name") == "output")
    for digit, hover in enumerate(outputs["hovertext"]):
        assert f"−∂C/∂z = y − a = {-delta.ravel()[digit]:+.4f}" in hover
    backprop_page.segmented_control(key="backprop_step_shown").set_value(3).run()
    assert "δ = ∂C/∂z = a − y" in all_text(backprop_page)


def test_backprop_steps_backwards_through_the_layers(backprop_page):
    for step in (3, 2, 1, 0, "all"):
        backprop_page.segmented_control(key="backprop_step_shown").set_value(step).run()
        assert not backprop_page.exception
    backprop_page.segmented_control(key="backprop_step_shown").set_value(0).run()
    assert "Back at the pixels" in all_text(backprop_page)
