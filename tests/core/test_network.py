"""The network's shapes, views and forward pass."""
import warnings

import numpy as np
import pytest

from nn_core.network import DEFAULT_SIZES, Network, forward, forward_from, parameter_count, predict


def test_default_network_has_the_classic_shapes():
    net = Network.random()
    assert net.sizes == DEFAULT_SIZES == (784, 16, 16, 10)
    assert [w.shape for w in net.weights] == [(16, 784), (16, 16), (10, 16)]
    assert [b.shape for b in net.biases] == [(16,), (16,), (10,)]
    assert net.params.size == parameter_count(net.sizes) == 784 * 16 + 16 + 16 * 16 + 16 + 16 * 10 + 10
    assert net.dtype == np.float32


@pytest.mark.parametrize("sizes", [(784, 30, 10), (784, 100, 10), (784, 128, 64, 10), (784, 16, 16, 10)])
def test_variant_architectures_run_forward(sizes):
    net = Network.random(sizes, rng=1, activation="relu")
    result = forward(net, np.random.default_rng(0).random((5, 784)))
    assert [a.shape for a in result.activations] == [(5, n) for n in sizes]
    assert [z.shape for z in result.zs] == [(5, n) for n in sizes[1:]]


def test_weights_and_biases_are_views_of_the_flat_parameters():
    net = Network.random(rng=2)
    net.biases[1][3] = 7.0
    net.weights[0][5, 100] = -2.0
    assert 7.0 in net.params and -2.0 in net.params
    net.params[:] = 0.0
    assert not net.weights[2].any() and not net.biases[0].any()


def test_row_j_of_the_first_layer_is_a_28x28_template():
    net = Network.random(rng=3)
    template = net.weights[0][4].reshape(28, 28)
    assert template.shape == (28, 28)
    x = np.zeros(784, dtype=np.float32)
    x[28 * 10 + 12] = 1.0  # one lit pixel at row 10, column 12
    z = forward(net, x).zs[0]
    assert z[4] == pytest.approx(template[10, 12] + net.biases[0][4], rel=1e-6)


def test_forward_matches_the_formula_layer_by_layer():
    net = Network.random(rng=4, dtype=np.float64)
    x = np.random.default_rng(1).random(784)
    result = forward(net, x)
    a = x
    for l, (w, b) in enumerate(zip(net.weights, net.biases)):
        z = w @ a + b
        np.testing.assert_allclose(result.zs[l], z)
        a = 1 / (1 + np.exp(-z)) if l < 2 else np.exp(z) / np.exp(z).sum()
        np.testing.assert_allclose(result.activations[l + 1], a)
    assert result.prediction == int(np.argmax(a))


def test_single_example_equals_the_same_row_of_a_batch():
    net = Network.random(rng=5)
    x = np.random.default_rng(2).random((4, 784)).astype(np.float32)
    batch = predict(net, x)
    for i in range(4):
        np.testing.assert_allclose(predict(net, x[i]), batch[i], rtol=1e-5, atol=1e-7)


def test_from_layers_round_trip_and_copy_independence():
    net = Network.random((784, 8, 10), rng=6)
    again = Network.from_layers(net.weights, net.biases, net.activation.name, net.cost.name)
    np.testing.assert_array_equal(again.params, net.params)
    twin = net.copy()
    twin.params[0] += 1
    assert twin.params[0] != net.params[0]


def test_bad_shapes_are_refused_with_clear_messages():
    net = Network.random(rng=7)
    with pytest.raises(ValueError, match=r"inputs must have shape \(784,\)"):
        forward(net, np.zeros(783))
    with pytest.raises(ValueError, match="do not chain"):
        Network.from_layers([np.zeros((16, 784)), np.zeros((10, 15))], [np.zeros(16), np.zeros(10)])
    with pytest.raises(ValueError, match="do not fit"):
        Network((784, 10), np.zeros(5, dtype=np.float32))


def test_huge_weighted_sums_stay_finite_without_warnings():
    net = Network.random(rng=8)
    net.params[:] *= 1e4
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's default: warn on overflow, invalid, divide by zero
        out = predict(net, np.ones(784, dtype=np.float32))
    assert np.all(np.isfinite(out)) and out.sum() == pytest.approx(1.0, rel=1e-5)


@pytest.mark.parametrize("activation", ["sigmoid", "relu", "tanh"])
def test_forward_from_any_layer_finishes_the_same_pass(activation):
    net = Network.random((784, 30, 20, 10), rng=3, activation=activation)
    inputs = np.random.default_rng(4).random((7, 784), dtype=np.float32)
    full = forward(net, inputs)
    for layer in (1, 2, 3):
        np.testing.assert_allclose(forward_from(net, full.activations[layer - 1], layer), full.output, rtol=1e-5)
