"""Finite-difference gradient checks: does backpropagation compute dC/dtheta correctly?

For each checked parameter theta_i the central difference
    (C(theta + eps e_i) - C(theta - eps e_i)) / (2 eps)
approximates dC/dtheta_i with an error of order eps^2. Run it in float64.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from nn_core.backprop import backprop
from nn_core.network import Network, forward


def batch_cost(network: Network, inputs: np.ndarray, labels: np.ndarray) -> float:
    """Mean cost of the network over the batch."""
    return network.cost.mean(forward(network, inputs).output, labels)


def numerical_gradient(
    network: Network, inputs: np.ndarray, labels: np.ndarray, indices: np.ndarray, eps: float = 1e-6
) -> np.ndarray:
    """Central-difference estimate of dC/dparams[i] for each i in ``indices``."""
    params = network.params
    estimate = np.empty(len(indices), dtype=np.float64)
    for k, i in enumerate(indices):
        saved = params[i]
        params[i] = saved + eps
        up = batch_cost(network, inputs, labels)
        params[i] = saved - eps
        down = batch_cost(network, inputs, labels)
        params[i] = saved
        estimate[k] = (up - down) / (2 * eps)
    return estimate


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """max |a - n| / max(|a| + |n|, tiny): 1e-7 is excellent, 1e-2 means a bug."""
    scale = np.maximum(np.abs(analytic) + np.abs(numeric), 1e-8)
    return float(np.max(np.abs(analytic - numeric) / scale))


def check_gradients(
    network: Network,
    inputs: np.ndarray,
    labels: np.ndarray,
    gradient: Callable[[Network, np.ndarray, np.ndarray], np.ndarray] | None = None,
    samples: int = 200,
    rng: np.random.Generator | int = 0,
) -> float:
    """Largest relative error between ``gradient`` (default: backprop) and finite differences.

    Checks ``samples`` randomly chosen parameters, always including every bias of the
    last layer. The network should be float64.
    """
    if gradient is None:
        def gradient(net, x, y):
            return backprop(net, x, y).flat
    analytic = gradient(network, inputs, labels)
    rng = np.random.default_rng(rng)
    count = network.params.size
    chosen = rng.choice(count, size=min(samples, count), replace=False)
    last_biases = np.arange(count - network.sizes[-1], count)
    indices = np.unique(np.concatenate([chosen, last_biases]))
    numeric = numerical_gradient(network, inputs, labels, indices)
    return relative_error(analytic[indices], numeric)
