"""Backpropagation against finite differences, for every activation and cost."""
import numpy as np
import pytest

from nn_core.activations import ACTIVATIONS
from nn_core.backprop import backprop
from nn_core.costs import COSTS
from nn_core.gradcheck import check_gradients
from nn_core.network import Network

SMALL = (784, 7, 5, 10)


def _batch(rng, n=6):
    return rng.random((n, 784)), rng.integers(0, 10, n)


@pytest.mark.parametrize("cost", sorted(COSTS))
@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_gradient_check_on_a_batch(activation, cost, rng):
    net = Network.random(SMALL, rng=3, activation=activation, cost=cost, dtype=np.float64)
    x, y = _batch(rng)
    assert check_gradients(net, x, y, samples=150) < 1e-4


@pytest.mark.parametrize("cost", sorted(COSTS))
@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_gradient_check_on_one_example(activation, cost, rng):
    net = Network.random((784, 9, 10), rng=4, activation=activation, cost=cost, dtype=np.float64)
    x, y = _batch(rng, 1)
    assert check_gradients(net, x[0], y[0], samples=150) < 1e-4


def test_check_catches_a_wrong_gradient(rng):
    """The checker can fail: a gradient with one deliberate mistake is caught."""
    net = Network.random(SMALL, rng=5, dtype=np.float64)
    x, y = _batch(rng)

    def wrong_bias_gradient(n, xx, yy):
        flat = backprop(n, xx, yy).flat.copy()
        flat[-3] *= 1.5  # one output bias's gradient is 50 % too big
        return flat

    def forgot_sigma_prime(n, xx, yy):
        flat = backprop(n, xx, yy).flat.copy()
        return flat * 1.1

    assert check_gradients(net, x, y, gradient=wrong_bias_gradient) > 0.1
    assert check_gradients(net, x, y, gradient=forgot_sigma_prime) > 0.01
    assert check_gradients(net, x, y) < 1e-4


def test_float32_gradients_match_float64(rng):
    net64 = Network.random(SMALL, rng=6, dtype=np.float64)
    x, y = _batch(rng, 8)
    g64 = backprop(net64, x, y).flat
    g32 = backprop(net64.astype(np.float32), x.astype(np.float32), y).flat
    assert g32.dtype == np.float32
    np.testing.assert_allclose(g32, g64, atol=1e-5, rtol=1e-3)


def test_gradients_have_the_parameters_shapes_and_explain_the_flow(rng):
    net = Network.random(SMALL, rng=7, dtype=np.float64)
    x, y = _batch(rng, 1)
    grads = backprop(net, x[0], y[0])
    assert [g.shape for g in grads.weights] == [w.shape for w in net.weights]
    assert [g.shape for g in grads.biases] == [b.shape for b in net.biases]
    assert [d.shape for d in grads.deltas] == [(7,), (5,), (10,)]
    # dC/db = delta for one example, and dC/da^(l) = W^(l+1)^T delta^(l+1)
    np.testing.assert_allclose(grads.biases[-1], grads.deltas[-1])
    np.testing.assert_allclose(grads.activation_gradients[1], net.weights[1].T @ grads.deltas[1])
    assert grads.activation_gradients[0].shape == (784,)


def test_output_error_is_a_minus_y_for_softmax_cross_entropy(rng):
    from nn_core.network import forward

    net = Network.random(SMALL, rng=10, dtype=np.float64)
    x, y = _batch(rng, 1)
    expected = forward(net, x[0]).output.copy()
    expected[y[0]] -= 1.0
    np.testing.assert_allclose(backprop(net, x[0], y[0]).deltas[-1], expected, atol=1e-12)


def test_batch_gradient_is_the_mean_of_example_gradients(rng):
    net = Network.random(SMALL, rng=8, dtype=np.float64)
    x, y = _batch(rng, 4)
    mean = np.mean([backprop(net, x[i], y[i]).flat for i in range(4)], axis=0)
    np.testing.assert_allclose(backprop(net, x, y).flat, mean, atol=1e-12)


def test_mismatched_labels_are_refused(rng):
    net = Network.random(SMALL, rng=9)
    x, y = _batch(rng, 3)
    with pytest.raises(ValueError, match="3 inputs but 2 labels"):
        backprop(net, x, y[:2])
