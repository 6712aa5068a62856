"""The Inside page: the live network view, the layer-by-layer flow, and one neuron explained."""
import base64

import numpy as np
import pytest

from figures.numbers import signed
from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.explain import neuron_story
from nn_core.network import forward
from tests.app.conftest import all_text, chart_specs, live_data, send_trigger

LIVE = "nn_live_network"


def test_the_whole_network_is_given_to_the_live_view_for_the_current_input(inside_page):
    data = live_data(inside_page, LIVE)
    assert data["texts"]["layer_names"] == ["input", "hidden 1", "hidden 2", "output"]
    assert data["texts"]["headings"][1] == "a⁽¹⁾ hidden 1 (16)" and data["model"].startswith("net:784-16-16-10")
    _, test = load_embedded()
    pixels = np.frombuffer(base64.b64decode(data["input"]), dtype="<f4")
    np.testing.assert_array_equal(pixels, test.inputs[3])
    assert data["palette"]["positive_name"] == "blue" and data["step"] is None and data["panels"]["flow"]
    assert "test digit #3" in all_text(inside_page)


def test_the_flow_step_chosen_in_the_browser_is_kept(inside_page):
    send_trigger(inside_page, LIVE, "step", 1)
    assert inside_page.session_state["flow_step"] == 1 and live_data(inside_page, LIVE)["step"] == 1
    send_trigger(inside_page, LIVE, "step", "all")
    assert live_data(inside_page, LIVE)["step"] is None
    for forged in (7, -1, True, "1", None, [1]):
        send_trigger(inside_page, LIVE, "step", forged)
        assert not inside_page.exception and inside_page.session_state["flow_step"] == "all"
    assert live_data(inside_page, LIVE)["texts"]["steps"] == ["input only", "→ hidden 1", "→ hidden 2", "→ output",
                                                              "whole network"]


def test_a_neuron_clicked_in_the_live_view_is_explained(inside_page):
    send_trigger(inside_page, LIVE, "select", [2, 4])
    assert inside_page.session_state["selected_neuron"] == (2, 4)
    assert "hidden 2, neuron 4" in all_text(inside_page) and live_data(inside_page, LIVE)["selected"] == [2, 4]
    for forged in ([3, 10], [0, 1], [1, -1], "1,2", [1.5, 2], [True, 1]):
        send_trigger(inside_page, LIVE, "select", forged)
        assert not inside_page.exception and inside_page.session_state["selected_neuron"] == (2, 4)


def test_the_edges_drawn_from_the_image_are_kept_within_1_to_30(inside_page):
    send_trigger(inside_page, LIVE, "edges", 20)
    assert inside_page.session_state["input_edges"] == 20 and live_data(inside_page, LIVE)["input_edges"] == 20
    for forged in (0, 31, 2.5, float("inf"), "5"):
        send_trigger(inside_page, LIVE, "edges", forged)
        assert inside_page.session_state["input_edges"] == 20


def test_choosing_a_neuron_explains_it_with_the_right_numbers(inside_page):
    inside_page.selectbox(key="choice_layer").set_value(1).run()
    inside_page.selectbox(key="choice_neuron-1").set_value(5).run()
    assert inside_page.session_state["selected_neuron"] == (1, 5)
    net = load_bundled("classic").network
    _, test = load_embedded()
    story = neuron_story(net, forward(net, test.inputs[3]), 1, 5)
    text = all_text(inside_page)
    assert "hidden 1, neuron 5" in text
    assert f"z = {signed(story.z, 3)}" in text and f"b = {signed(story.bias, 3)}" in text
    assert f"{story.activation:.3f}" in text
    close_up = [s for s in chart_specs(inside_page) if s["layout"].get("uirevision") != "matrix"]
    assert len(close_up) == 2  # the 28x28 template and the sigmoid curve (the network is live; the matrix is below)


def test_deeper_neurons_and_output_neurons(inside_page):
    inside_page.selectbox(key="choice_layer").set_value(2).run()
    inside_page.selectbox(key="choice_neuron-2").set_value(0).run()
    assert "Pushed up most by" in all_text(inside_page)
    inside_page.selectbox(key="choice_layer").set_value(3).run()
    inside_page.selectbox(key="choice_neuron-3").set_value(7).run()
    assert "output neuron for the digit 7" in all_text(inside_page) and "softmax" in all_text(inside_page)
    assert "a = e^z₇ / (e^z₀ + e^z₁ + … + e^z₉)" in all_text(inside_page)   # not "softmax(z)" of its own z


@pytest.mark.parametrize("model", ["classic", "best"])
def test_every_model_is_described_truly_to_the_live_view(inside_page, model):
    inside_page.radio(key="model_choice").set_value(model).run()
    data = live_data(inside_page, LIVE)
    legend = " ".join([data["texts"]["shades"]] + data["texts"]["samples"])
    if model == "best":
        assert "most active of 256 neurons" in legend and "4 or more (white)" in legend
        assert "a number of 0 or more" in all_text(inside_page) and "ReLU(W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾)" in all_text(inside_page)
        assert data["shade_range"] == [0.0, 4.0] and data["network"]["activation"] == "relu"
    else:
        assert "activation 0 (black) → 1 (white)" in legend and "between 0 and 1" in all_text(inside_page)
        assert data["shade_range"] == [0.0, 1.0]


def test_switching_models_forgets_an_impossible_selection(inside_page):
    inside_page.radio(key="model_choice").set_value("best").run()
    inside_page.selectbox(key="choice_layer").set_value(1).run()
    inside_page.selectbox(key="choice_neuron-1").set_value(200).run()
    inside_page.radio(key="model_choice").set_value("classic").run()
    assert not inside_page.exception
    assert inside_page.session_state["selected_neuron"] is None


def test_the_template_caption_writes_its_totals_with_a_true_minus(inside_page):
    inside_page.selectbox(key="choice_layer").set_value(1).run()
    inside_page.selectbox(key="choice_neuron-1").set_value(0).run()
    net = load_bundled("classic").network
    _, test = load_embedded()
    story = neuron_story(net, forward(net, test.inputs[3]), 1, 0)
    caption = next(c.value for c in inside_page.caption if c.value.startswith("Lit pixels"))
    assert story.total_down < 0 and f"(total {signed(story.total_down)})" in caption and "−" in caption
    assert "(total -" not in caption and f"(total {signed(story.total_up)})" in caption


def test_the_simple_level_says_the_layer_rule_in_words(inside_page):
    from ui import state

    inside_page.segmented_control(key=state.LEVEL).set_value("simple").run()
    text = all_text(inside_page)
    assert ("Each neuron of hidden 1 takes all 784 pixels, multiplies each by its own weight, adds them up with its "
            "bias and squashes the total with σ.") in text
    assert "W⁽" not in text and "a⁽ˡ⁾" not in text and "softmax instead, so its ten activations" in text
