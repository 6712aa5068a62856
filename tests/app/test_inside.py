"""The Inside page: the network figure, the layer-by-layer flow, and one neuron explained."""
import numpy as np
import pytest

from figures.colours import NOT_COMPUTED
from figures.numbers import signed
from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.explain import neuron_story
from nn_core.network import forward
from tests.app.conftest import all_text, chart_specs


def network_spec(at):
    return next(spec for spec in chart_specs(at) if any(t["type"] == "heatmap" for t in spec["data"]))


def node_traces(spec):
    return [t for t in spec["data"] if t.get("mode") == "markers" and t.get("name")]


def test_the_whole_network_is_drawn_for_the_current_input(inside_page):
    spec = network_spec(inside_page)
    assert [t["name"] for t in node_traces(spec)] == ["hidden 1", "hidden 2", "output"]
    lines = [t for t in spec["data"] if t.get("mode") == "lines"]
    assert lines and all("rgba(" in t["line"]["color"] for t in lines)
    assert "blue = positive weight" in spec["layout"]["annotations"][-1]["text"]
    assert "test digit #3" in all_text(inside_page)


def test_stepping_the_flow_leaves_later_layers_uncomputed(inside_page):
    inside_page.segmented_control(key="flow_step").set_value(1).run()
    colours = [t["marker"]["color"] for t in node_traces(network_spec(inside_page))]
    assert colours[0] != NOT_COMPUTED and colours[1] == NOT_COMPUTED and colours[2] == NOT_COMPUTED
    inside_page.segmented_control(key="flow_step").set_value("all").run()
    colours = [t["marker"]["color"] for t in node_traces(network_spec(inside_page))]
    assert NOT_COMPUTED not in colours


def test_play_moves_the_signal_one_layer_per_tick_then_stops(inside_page):
    inside_page.button(key="play_flow").click().run()
    steps = [inside_page.session_state["flow_step"]]
    for _ in range(4):
        inside_page.run()  # each run is one tick of the animation fragment
        steps.append(inside_page.session_state["flow_step"])
    assert steps[:4] == [0, 1, 2, 3]
    assert inside_page.session_state["playing"] is False
    assert not inside_page.exception


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
    assert len(chart_specs(inside_page)) == 3  # network, 28x28 template, sigmoid curve


def test_deeper_neurons_and_output_neurons(inside_page):
    inside_page.selectbox(key="choice_layer").set_value(2).run()
    inside_page.selectbox(key="choice_neuron-2").set_value(0).run()
    assert "Pushed up most by" in all_text(inside_page)
    inside_page.selectbox(key="choice_layer").set_value(3).run()
    inside_page.selectbox(key="choice_neuron-3").set_value(7).run()
    assert "output neuron for the digit 7" in all_text(inside_page) and "softmax" in all_text(inside_page)
    assert "a = e^z₇ / (e^z₀ + e^z₁ + … + e^z₉)" in all_text(inside_page)   # not "softmax(z)" of its own z


@pytest.mark.parametrize("model", ["classic", "best"])
def test_every_model_is_drawn_readably(inside_page, model):
    inside_page.radio(key="model_choice").set_value(model).run()
    spec = network_spec(inside_page)
    edges = sum(np.count_nonzero(~np.isnan(_values(t["x"]))) // 2 for t in spec["data"] if t.get("mode") == "lines")
    assert 100 < edges < 1600
    legend = spec["layout"]["annotations"][-1]["text"]
    hidden = [t["marker"] for t in spec["data"] if t.get("name") in ("hidden 1", "hidden 2")]
    if model == "best":
        assert "most active of 256 neurons" in legend and "4 or more (white)" in legend
        assert "a number of 0 or more" in all_text(inside_page) and "ReLU(W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾)" in all_text(inside_page)
        assert all((m["cmin"], m["cmax"]) == (0.0, 4.0) for m in hidden)
    else:
        assert "activation 0 (black) → 1 (white)" in legend and "between 0 and 1" in all_text(inside_page)
        assert all((m["cmin"], m["cmax"]) == (0.0, 1.0) for m in hidden)


def _values(array):
    import base64

    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
    return np.array(array, dtype=float)


def test_switching_models_forgets_an_impossible_selection(inside_page):
    inside_page.radio(key="model_choice").set_value("best").run()
    inside_page.selectbox(key="choice_layer").set_value(1).run()
    inside_page.selectbox(key="choice_neuron-1").set_value(200).run()
    inside_page.radio(key="model_choice").set_value("classic").run()
    assert not inside_page.exception
    assert inside_page.session_state["selected_neuron"] is None
