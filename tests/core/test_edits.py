"""Hand edits: biases, scaled and single weights, resets; the trained network never changes."""
import numpy as np
import pytest

from nn_core.bundled import load_bundled
from nn_core.edits import NetworkEdits
from nn_core.evaluate import accuracy_by_digit, evaluate, output_activations
from nn_core.network import forward


@pytest.fixture
def edits():
    return NetworkEdits(load_bundled("classic").network)


def test_a_bias_change_moves_z_by_exactly_that_much(edits, embedded):
    x = embedded[1].inputs[0]
    before = forward(edits.network, x)
    edits.set_bias(1, 7, edits.bias(1, 7) + 2.5)
    after = forward(edits.network, x)
    assert after.zs[0][7] == pytest.approx(before.zs[0][7] + 2.5, abs=1e-5)
    others = np.delete(np.arange(16), 7)
    np.testing.assert_allclose(after.zs[0][others], before.zs[0][others])
    assert edits.changed_neurons() == [(1, 7)]


def test_raising_an_output_bias_makes_that_the_answer(edits, embedded):
    x = embedded[1].inputs[0]
    assert forward(edits.network, x).prediction != 3
    edits.set_bias(3, 3, 40.0)
    assert forward(edits.network, x).prediction == 3


def test_silencing_a_hidden_neuron_sets_its_activation_to_zero_and_costs_accuracy(edits, embedded):
    _, test = embedded
    trained = evaluate(edits.trained, test).accuracy
    edits.set_bias(1, 7, -100.0)
    result = forward(edits.network, test.inputs[:50])
    assert np.all(result.activations[1][:, 7] < 1e-6)
    assert evaluate(edits.network, test).accuracy < trained
    def by_digit(network):
        return accuracy_by_digit(output_activations(network, test), test.labels)[1]

    suffering = by_digit(edits.trained) - by_digit(edits.network)
    assert int(np.argmax(suffering)) == 0  # hidden neuron 7 of the classic network matters most for zeros


def test_scaling_zeroing_and_setting_single_weights(edits):
    trained_row = edits.trained.weights[0][4].copy()
    edits.scale_weights(1, 4, 0.5)
    np.testing.assert_allclose(edits.network.weights[0][4], 0.5 * trained_row)
    edits.set_weight(1, 4, 300, 2.0)
    assert edits.network.weights[0][4][300] == 2.0
    edits.scale_weights(1, 4, 0.0)  # overrides survive a new scale
    assert edits.network.weights[0][4][300] == 2.0 and edits.network.weights[0][4][0] == 0.0
    assert edits.changed_neurons() == [(1, 4)]
    edits.reset_neuron(1, 4)
    np.testing.assert_array_equal(edits.network.weights[0][4], trained_row)
    assert edits.changed_neurons() == [] and not edits.is_edited


def test_resets_put_back_a_layer_or_everything(edits):
    edits.set_bias(1, 0, 5.0)
    edits.set_bias(2, 1, 5.0)
    edits.scale_weights(2, 3, -1.0)
    edits.reset_layer(2)
    assert edits.changed_neurons() == [(1, 0)]
    edits.reset_all()
    np.testing.assert_array_equal(edits.network.params, edits.trained.params)


def test_the_trained_network_is_never_changed(edits):
    before = edits.trained.params.copy()
    edits.set_bias(1, 2, 9.0)
    edits.scale_weights(3, 1, 3.0)
    np.testing.assert_array_equal(edits.trained.params, before)


@pytest.mark.parametrize("call", [
    lambda e: e.set_bias(4, 0, 1.0), lambda e: e.set_bias(1, 16, 1.0), lambda e: e.set_bias(1, 0, float("nan")),
    lambda e: e.set_weight(1, 0, 784, 1.0), lambda e: e.scale_weights(2, 0, float("inf")),
])
def test_impossible_edits_are_refused(edits, call):
    with pytest.raises(ValueError):
        call(edits)
