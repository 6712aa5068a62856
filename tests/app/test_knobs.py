"""Turn the knobs: sliders change activations and the answer as the maths says; resets; sessions apart."""
import json

import numpy as np
import pytest

from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.evaluate import evaluate
from nn_core.network import forward
from tests.app.conftest import all_text, live_data, live_element, open_app, send_trigger


def classic_with(bias_changes):
    net = load_bundled("classic").network.copy()
    for (layer, neuron), value in bias_changes.items():
        net.biases[layer - 1][neuron] = value
    return net


LIVE = "nn_live_network"


def drag(at, *changes, release_id=1):
    """Let go of sliders in the live view: the changes the browser sends once, when the drag ends."""
    keys = ("kind", "layer", "neuron", "value", "source")
    payload = {"id": release_id, "changes": [dict(zip(keys, change)) for change in changes]}
    send_trigger(at, LIVE, "release", payload)
    assert not at.exception, at.exception
    return live_data(at, LIVE)


def test_an_output_bias_release_changes_the_answer_as_nn_core_says(knobs_page):
    knobs_page.segmented_control(key="knob_layer").set_value(3).run()
    assert live_data(knobs_page, LIVE)["controls"]["neurons"] == list(range(10))
    data = drag(knobs_page, ("bias", 3, 5, 9.5))
    _, test = load_embedded()
    expected = classic_with({(3, 5): 9.5})
    edits = knobs_page.session_state["edits"][1]
    assert edits.changed_neurons() == [(3, 5)]
    np.testing.assert_allclose(forward(edits.network, test.inputs[3]).output, forward(expected, test.inputs[3]).output,
                               rtol=1e-5)
    assert data["edits"] == {"biases": [[3, 5, 9.5]], "weights": []}   # what the browser's forward pass starts from
    assert data["applied"] == 1                                       # the tab can drop its pending change
    assert data["scores"]["accuracy"] == pytest.approx(evaluate(expected, test).accuracy)


def test_a_hidden_bias_release_changes_that_neurons_activation_downstream(knobs_page):
    knobs_page.selectbox(key="knob_neuron-1").set_value(2).run()
    drag(knobs_page, ("bias", 1, 2, -10.0))
    edits = knobs_page.session_state["edits"][1]
    _, test = load_embedded()
    result = forward(edits.network, test.inputs[3])
    weighted_sum = float(edits.network.weights[0][2] @ test.inputs[3])
    assert result.activations[1][2] == pytest.approx(1 / (1 + np.exp(-(weighted_sum - 10.0))), rel=1e-4)
    assert result.activations[1][2] < 0.01
    assert f"activation for this digit: a = {result.activations[1][2]:.3f}" in all_text(knobs_page).replace("**", "")


def test_test_accuracy_follows_the_edits(knobs_page):
    assert live_data(knobs_page, LIVE)["scores"]["accuracy"] == pytest.approx(0.953)
    knobs_page.button(key="experiment-silence").click().run()
    _, test = load_embedded()
    silenced = classic_with({(1, 7): -10.0})
    silenced.weights[0][7] = 0.0
    data = live_data(knobs_page, LIVE)
    assert data["scores"]["accuracy"] == pytest.approx(evaluate(silenced, test).accuracy)
    assert data["trained_scores"]["accuracy"] == pytest.approx(0.953)


def test_resetting_a_layer_and_everything(knobs_page):
    drag(knobs_page, ("bias", 1, 0, 5.0))
    knobs_page.segmented_control(key="knob_layer").set_value(2).run()
    drag(knobs_page, ("bias", 2, 1, 5.0), release_id=2)
    knobs_page.button(key="knob-reset-layer").click().run()
    edits = knobs_page.session_state["edits"][1]
    assert edits.changed_neurons() == [(1, 0)]
    knobs_page.button(key="knob-reset-all").click().run()
    assert not knobs_page.session_state["edits"][1].is_edited
    assert live_data(knobs_page, LIVE)["edits"] == {"biases": [], "weights": []}


def test_weights_scale_single_connection_cut_and_reset_neuron(knobs_page):
    knobs_page.selectbox(key="knob_neuron-1").set_value(4).run()
    assert live_data(knobs_page, LIVE)["weight_controls"]["neuron"] == 4
    drag(knobs_page, ("scale", 1, 4, -1.0))
    edits = knobs_page.session_state["edits"][1]
    trained = load_bundled("classic").network.weights[0][4]
    np.testing.assert_allclose(edits.network.weights[0][4], -trained)
    knobs_page.number_input(key="knob_row").set_value(10).run()
    knobs_page.number_input(key="knob_column").set_value(12).run()
    data = live_data(knobs_page, LIVE)
    assert data["weight_controls"]["source"] == 28 * 10 + 12 and data["weight_controls"]["source_name"] == "pixel (10, 12)"
    data = drag(knobs_page, ("weight", 1, 4, 3.0, 28 * 10 + 12), release_id=2)
    assert edits.network.weights[0][4][28 * 10 + 12] == 3.0
    assert data["edits"]["weights"] == [[1, 4, -1.0, [[292, 3.0]]]]
    knobs_page.button(key="knob-cut").click().run()
    assert edits.network.weights[0][4][0] == 0.0 and edits.network.weights[0][4][28 * 10 + 12] == 3.0
    knobs_page.button(key="knob-reset-neuron").click().run()
    np.testing.assert_array_equal(edits.network.weights[0][4], trained)


@pytest.mark.parametrize("payload", [
    None, "bias", [], {"changes": "all"}, {"changes": [{"kind": "bias", "layer": 1, "neuron": 0, "value": float("nan")}]},
    {"changes": [{"kind": "bias", "layer": 1, "neuron": 0, "value": 10.5}]},
    {"changes": [{"kind": "bias", "layer": 4, "neuron": 0, "value": 1.0}]},
    {"changes": [{"kind": "bias", "layer": 1, "neuron": 16, "value": 1.0}]},
    {"changes": [{"kind": "bias", "layer": True, "neuron": 0, "value": 1.0}]},
    {"changes": [{"kind": "bias", "layer": 1, "neuron": "0", "value": 1.0}]},
    {"changes": [{"kind": "weight", "layer": 1, "neuron": 0, "value": 1.0, "source": 784}]},
    {"changes": [{"kind": "scale", "layer": 1, "neuron": 0, "value": 1e308}]},
    {"changes": [{"kind": "erase", "layer": 1, "neuron": 0, "value": 1.0}]},
    {"changes": [{"kind": "bias", "layer": 1, "neuron": 0, "value": 1.0}] * 65},
])
def test_a_forged_release_is_refused_with_a_sentence_and_changes_nothing(knobs_page, payload):
    drag(knobs_page, ("bias", 1, 3, 2.0))
    before = knobs_page.session_state["edits"][1].network.params.copy()
    send_trigger(knobs_page, LIVE, "release", payload)
    assert not knobs_page.exception
    assert any("Your last change was not applied" in w.value for w in knobs_page.warning)
    np.testing.assert_array_equal(knobs_page.session_state["edits"][1].network.params, before)


def test_the_weights_cross_the_wire_once_and_each_change_is_small(knobs_page):
    """Issue 11: weights and test digits once per tab (by digest); every run after that under 20 kB."""
    first = live_element(knobs_page, LIVE).proto.json
    assert len(first) > 1_000_000 and json.loads(first)[0]["test_set"] is not None    # the 1,000 test digits
    assert json.loads(first)[0]["network"] is None          # the weights came with the home page's picture
    drag(knobs_page, ("bias", 1, 3, 2.0))
    view = live_element(knobs_page, LIVE).proto
    data = live_data(knobs_page, LIVE)
    assert data["network"] is None and data["test_set"] is None
    assert view.ByteSize() < 20_000            # data, CSS and the view's few lines of JS: what a change re-sends
    engine = live_element(knobs_page, LIVE + "_engine").proto
    assert not engine.json and len(engine.js_content) > 30_000   # the drawing code: unchanged, so sent once
    send_trigger(knobs_page, LIVE, "missing", [data["model"]])    # the tab lost them (a reload)
    assert live_data(knobs_page, LIVE)["network"] is not None


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
    assert live_data(other, LIVE)["scores"]["accuracy"] == pytest.approx(0.953)
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
    controls = live_data(knobs_page, LIVE)["controls"]
    _, test = load_embedded()
    a = forward(load_bundled("best").network, test.inputs[3]).activations[1]
    assert controls["neurons"] == sorted(np.argsort(-a, kind="stable")[:16].tolist())
    assert "sliders for the 16 most active" in controls["note"]


def test_only_a_change_the_weights_section_shows_redraws_the_whole_page():
    """A release reruns only the live part, unless it changes the chosen neuron, its weights or its inputs."""
    from ui.live.network import Release
    from ui.pages.knobs.controls import shows_change

    assert not shows_change([Release("bias", 1, 3, 1.0)], 1, 0)          # another neuron of the same layer
    assert shows_change([Release("bias", 1, 0, 1.0)], 1, 0)              # the chosen neuron's own bias
    assert shows_change([Release("bias", 1, 5, 1.0)], 2, 0)              # an input of the chosen neuron
    assert not shows_change([Release("bias", 3, 5, 1.0)], 2, 0)          # downstream of it
    assert shows_change([Release("scale", 2, 0, 0.5)], 2, 0)
