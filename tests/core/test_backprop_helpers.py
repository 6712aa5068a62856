"""The helpers the Backprop page explains with: each output's share of a hidden neuron's wish, the mini-batch of
digits that pull, and one shuffle cut into mini-batches."""
import numpy as np
import pytest

from nn_core.backprop import UNSURE, backprop, pulling_batch, shuffled_batches, wish_shares
from nn_core.network import Network


@pytest.mark.parametrize("activation,cost", [("sigmoid", "cross-entropy"), ("relu", "mse"), ("tanh", "cross-entropy")])
def test_the_shares_add_up_to_the_wish_minus_w_transpose_delta(activation, cost):
    rng = np.random.default_rng(4)
    network = Network.random((12, 7, 5, 4), rng=1, activation=activation, cost=cost, dtype=np.float64)
    g = backprop(network, rng.random(12), 2)
    for l in (1, 2):   # the pulls of layer l+1's neurons on layer l's
        shares = wish_shares(network.weights[l], g.deltas[l])
        assert shares.shape == network.weights[l].shape
        np.testing.assert_allclose(shares.sum(axis=0), -g.activation_gradients[l], atol=1e-12)
        j, k = 1, 3
        assert shares[j, k] == pytest.approx(-network.weights[l][j, k] * g.deltas[l][j])


def test_a_pulling_batch_is_the_example_and_others_read_wrong_or_unsure():
    right = np.array([0.99, 0.2, 0.95, 0.6, 0.98, 0.1, 0.69, 0.97, 0.3, 0.9, 0.5, 0.99])
    batch = pulling_batch(3, right, 4, np.random.default_rng(0))
    assert batch[0] == 3 and len(set(batch.tolist())) == 4 and batch.dtype == np.intp
    assert np.all(right[batch[1:]] < UNSURE)
    again = pulling_batch(3, right, 4, np.random.default_rng(0))
    np.testing.assert_array_equal(batch, again)                      # deterministic for a given generator
    others = {int(d) for seed in range(40) for d in pulling_batch(3, right, 4, np.random.default_rng(seed))[1:]}
    assert others == {1, 5, 6, 8, 10}                                # every one that pulls, and only those


def test_when_too_few_pull_the_least_sure_of_the_rest_fill_the_batch():
    right = np.array([0.99, 0.2, 0.95, 0.91, 0.98, 0.97, np.nan])
    batch = pulling_batch(0, right, 4, np.random.default_rng(0))
    assert batch[0] == 0 and batch[1] == 1                            # the one that pulls
    assert sorted(batch[2:].tolist()) == [2, 3]                       # then the least sure: 0.91, 0.95 (not NaN)


def test_one_shuffle_cut_into_mini_batches_uses_no_example_twice():
    batches = shuffled_batches(10, 10, 4000, np.random.default_rng([89, 0, 10]))
    assert batches.shape == (10, 10) and len(np.unique(batches)) == 100 and batches.max() < 4000
    np.testing.assert_array_equal(batches, shuffled_batches(10, 10, 4000, np.random.default_rng([89, 0, 10])))
    with pytest.raises(ValueError, match="need 12 examples"):
        shuffled_batches(3, 4, 10, np.random.default_rng(0))
