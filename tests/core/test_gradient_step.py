"""One gradient-descent step on given examples: θ ← θ − η ∇C, in place, returning the new mean cost."""
import numpy as np
import pytest

from nn_core.backprop import backprop, gradient_step
from nn_core.network import Network, forward

SMALL = (784, 7, 5, 10)


def _examples(rng, n):
    return rng.random((n, 784)), rng.integers(0, 10, n)


@pytest.mark.parametrize("cost", ["cross-entropy", "mse"])
def test_the_step_is_minus_eta_times_the_gradient_of_the_mean_cost(cost, rng):
    net = Network.random(SMALL, rng=2, cost=cost, dtype=np.float64)
    x, y = _examples(rng, 4)
    expected = net.params - 0.3 * np.mean([backprop(net, x[i], y[i]).flat for i in range(4)], axis=0)
    gradient_step(net, x, y, 0.3)
    np.testing.assert_allclose(net.params, expected, atol=1e-12)
    np.testing.assert_allclose(net.weights[0], expected[:7 * 785].reshape(7, 785)[:, :-1])  # the views moved too


def test_it_returns_the_examples_mean_cost_after_the_step(rng):
    net = Network.random(SMALL, rng=3)
    x, y = _examples(rng, 5)
    returned = gradient_step(net, x, y, 0.5)
    assert returned == pytest.approx(net.cost.mean(forward(net, x).output, y), rel=1e-6)


def test_a_small_step_lowers_the_cost_and_one_example_works_alone(rng):
    net = Network.random(SMALL, rng=4)
    x, y = _examples(rng, 1)
    before = net.cost.mean(forward(net, x[0]).output, y[0])
    after = gradient_step(net, x[0], int(y[0]), 0.05)
    assert after < before


def test_it_keeps_the_network_float_type_and_leaves_copies_alone(rng):
    net = Network.random(SMALL, rng=5)                      # float32
    original = net.copy()
    x, y = _examples(rng, 3)
    gradient_step(net, x, y, 1.0)
    assert net.dtype == np.float32
    assert not np.array_equal(net.params, original.params)
    np.testing.assert_array_equal(original.params, Network.random(SMALL, rng=5).params)


def test_mismatched_labels_are_refused_before_anything_changes(rng):
    net = Network.random(SMALL, rng=6)
    before = net.params.copy()
    x, y = _examples(rng, 3)
    with pytest.raises(ValueError, match="labels"):
        gradient_step(net, x, y[:2], 0.1)
    np.testing.assert_array_equal(net.params, before)
