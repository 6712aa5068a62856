"""Turn the knobs: sliders change activations and the answer as the maths says; resets; sessions apart."""
import numpy as np
import pytest

from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.evaluate import evaluate
from nn_core.network import forward
from tests.app.conftest import all_text, chart_specs, open_app


def classic_with(bias_changes):
    net = load_bundled("classic").network.copy()
    for (layer, neuron), value in bias_changes.items():
        net.biases[layer - 1][neuron] = value
    return net


def test_an_output_bias_slider_changes_the_answer_as_nn_core_says(knobs_page):
    knobs_page.segmented_control(key="knob_layer").set_value(3).run()
    knobs_page.slider(key="knob-bias-3-5").set_value(9.5).run()
    _, test = load_embedded()
    expected = forward(classic_with({(3, 5): 9.5}), test.inputs[3])
    assert f"the network now answers **{expected.prediction}**" in all_text(knobs_page)
    edits = knobs_page.session_state["edits"][1]
    assert edits.changed_neurons() == [(3, 5)]
    np.testing.assert_allclose(forward(edits.network, test.inputs[3]).output, expected.output, rtol=1e-5)
    network = next(s for s in chart_specs(knobs_page) if any(t["type"] == "heatmap" for t in s["data"]))
    assert any(t.get("name") == "changed by hand" for t in network["data"])


def test_a_hidden_bias_changes_that_neurons_activation_downstream(knobs_page):
    knobs_page.slider(key="knob-bias-1-2").set_value(-10.0).run()
    edits = knobs_page.session_state["edits"][1]
    _, test = load_embedded()
    result = forward(edits.network, test.inputs[3])
    weighted_sum = float(edits.network.weights[0][2] @ test.inputs[3])
    assert result.activations[1][2] == pytest.approx(1 / (1 + np.exp(-(weighted_sum - 10.0))), rel=1e-4)
    assert result.activations[1][2] < 0.01
    assert "neuron 2 · a = 0.00 · ✎ changed" in [s.label for s in knobs_page.slider]


def test_test_accuracy_follows_the_edits(knobs_page):
    assert "95.3%" in [m.value for m in knobs_page.metric][0]
    knobs_page.button(key="experiment-silence").click().run()
    _, test = load_embedded()
    silenced = classic_with({(1, 7): -10.0})
    silenced.weights[0][7] = 0.0
    expected = evaluate(silenced, test).accuracy
    assert knobs_page.metric[0].value == f"{expected:.1%}"
    assert "points" in knobs_page.metric[0].delta


def test_resetting_a_layer_and_everything(knobs_page):
    knobs_page.slider(key="knob-bias-1-0").set_value(5.0).run()
    knobs_page.segmented_control(key="knob_layer").set_value(2).run()
    knobs_page.slider(key="knob-bias-2-1").set_value(5.0).run()
    knobs_page.button(key="knob-reset-layer").click().run()
    edits = knobs_page.session_state["edits"][1]
    assert edits.changed_neurons() == [(1, 0)]
    knobs_page.button(key="knob-reset-all").click().run()
    assert not knobs_page.session_state["edits"][1].is_edited
    knobs_page.segmented_control(key="knob_layer").set_value(1).run()
    trained = load_bundled("classic").network.biases[0][0]
    assert abs(knobs_page.slider(key="knob-bias-1-0").value - trained) < 0.01


def test_weights_scale_cut_single_connection_and_reset_neuron(knobs_page):
    knobs_page.selectbox(key="knob_neuron-1").set_value(4).run()
    knobs_page.slider(key="knob_scale").set_value(-1.0).run()
    edits = knobs_page.session_state["edits"][1]
    trained = load_bundled("classic").network.weights[0][4]
    np.testing.assert_allclose(edits.network.weights[0][4], -trained)
    knobs_page.slider(key="knob_row").set_value(10).run()
    knobs_page.slider(key="knob_column").set_value(12).run()
    knobs_page.slider(key="knob_weight").set_value(3.0).run()
    assert edits.network.weights[0][4][28 * 10 + 12] == 3.0
    knobs_page.button(key="knob-cut").click().run()
    assert edits.network.weights[0][4][0] == 0.0 and edits.network.weights[0][4][28 * 10 + 12] == 3.0
    knobs_page.button(key="knob-reset-neuron").click().run()
    np.testing.assert_array_equal(edits.network.weights[0][4], trained)


def test_silence_and_always_on_hold_for_every_test_digit(knobs_page):
    """What the experiments' texts promise: 0 whatever the input, fully active for every digit."""
    _, test = load_embedded()
    for model in ("classic", "best"):
        knobs_page.radio(key="model_choice").set_value(model).run()
        knobs_page.button(key="experiment-silence").click().run()
        edits = knobs_page.session_state["edits"][1]
        silent = forward(edits.network, test.inputs).activations[1][:, 7]
        assert silent.max() < 1e-4, model
        assert f"= {silent.max():.5f} whatever the input" in all_text(knobs_page)   # the number the text promises
        knobs_page.button(key="experiment-always-on").click().run()
        on = forward(edits.network, test.inputs).activations[1][:, 0]
        trained = forward(edits.trained, test.inputs).activations[1][:, 0]
        assert on.min() > 0.999 * trained.max() and edits.changed_neurons() == [(1, 0)], model


def test_every_experiment_sets_itself_up(knobs_page):
    for name in ("flip", "silence", "always-on", "blind"):
        knobs_page.button(key=f"experiment-{name}").click().run()
        assert not knobs_page.exception
        assert knobs_page.info, name
    knobs_page.button(key="experiment-flip").click().run()
    assert knobs_page.session_state["current_input"].label == 8
    assert knobs_page.segmented_control(key="knob_layer").value == 3


def test_two_sessions_stay_independent_and_the_bundled_model_never_changes(knobs_page):
    before = load_bundled("classic").network.params.copy()
    other = open_app("pages/knobs.py")
    knobs_page.button(key="experiment-silence").click().run()
    other.run()
    assert not other.session_state["edits"][1].is_edited
    assert other.metric[0].value == "95.3%"
    np.testing.assert_array_equal(load_bundled("classic").network.params, before)


def test_the_edited_network_can_be_used_on_every_page(knobs_page):
    knobs_page.button(key="experiment-silence").click().run()
    knobs_page.button(key="knobs_use_everywhere").click().run()
    assert knobs_page.radio(key="model_choice").value == "custom"
    model = knobs_page.session_state["custom_model"]
    assert "edited" in model.name and model.network.biases[0][7] == -10.0 and not model.network.weights[0][7].any()
    knobs_page.switch_page("pages/inside.py").run()
    assert not knobs_page.exception


def test_the_best_model_has_sliders_for_its_most_active_neurons(knobs_page):
    knobs_page.radio(key="model_choice").set_value("best").run()
    bias_sliders = [s for s in knobs_page.slider if s.key.startswith("knob-bias-")]
    assert len(bias_sliders) == 16
    assert "sliders for the 16 most active" in all_text(knobs_page)
