"""Cost functions, each paired with the output activation it is meant for.

The cost C measures how wrong the output a^(L) is for one labelled example (label y,
one-hot vector y). Training minimises the mean of C over the examples. Each cost also
gives dC/dz^(L), the output layer's error delta^(L), which starts backpropagation:

- ``cross-entropy``: softmax outputs, C = -sum_j y_j ln a_j,  delta^(L) = a - y.
- ``mse`` (quadratic): sigmoid outputs, C = 1/2 ||a - y||^2,   delta^(L) = (a - y) sigma'(z).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nn_core.activations import sigmoid, sigmoid_prime


def softmax(z: np.ndarray, out: np.ndarray | None = None, axis: int = -1) -> np.ndarray:
    """a_j = e^(z_j) / sum_k e^(z_k) along ``axis``; sums to 1, never overflows."""
    out = np.subtract(z, np.maximum.reduce(z, axis=axis, keepdims=True), out=out)
    np.exp(out, out=out)
    return np.divide(out, np.add.reduce(out, axis=axis, keepdims=True), out=out)


def sigmoid_output(z: np.ndarray, out: np.ndarray | None = None, axis: int = -1) -> np.ndarray:
    """sigma(z) for the output layer (each output on its own, so ``axis`` does not matter)."""
    return sigmoid(z, out)


def _label_entries(a: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """a_y for every example: the output activation of the correct digit."""
    if a.ndim == 1:
        return a[labels]
    return a[np.arange(a.shape[0]), labels]


def sum_of_squares(a: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """3Blue1Brown's cost C = Σ_j (a_j − y_j)² per example: twice the quadratic cost ½‖a − y‖²."""
    return 2.0 * quadratic(a, labels)


def cross_entropy(a: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """C = -ln a_y per example. Infinite when the network gives the truth probability 0."""
    with np.errstate(divide="ignore"):
        return -np.log(_label_entries(a, labels))


def cross_entropy_error(z, a, targets, delta, scratch) -> float:
    """delta^(L) = a - y into ``delta``; returns the summed cost -sum y ln a over the batch."""
    np.log(a, out=scratch)
    total = -float(np.vdot(targets, scratch))
    if total != total:  # NaN: an a_j == 0 where y_j == 0 gave 0 * -inf; sum only the labels
        total = -float(np.sum(np.log(a[targets > 0])))
    np.subtract(a, targets, out=delta)
    return total


def quadratic(a: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """C = 1/2 ||a - y||^2 per example."""
    squared = np.sum(a * a, axis=-1) - 2.0 * _label_entries(a, labels) + 1.0
    return 0.5 * squared


def quadratic_error(z, a, targets, delta, scratch) -> float:
    """delta^(L) = (a - y) sigma'(z) into ``delta``; returns the summed cost 1/2 ||a - y||^2."""
    np.subtract(a, targets, out=delta)
    total = 0.5 * float(np.vdot(delta, delta))
    delta *= sigmoid_prime(z, a, out=scratch)
    return total


@dataclass(frozen=True)
class Cost:
    """A cost with the output activation it goes with, and the words and formulas pages use for it."""

    name: str
    title: str                                      # as a choice in a menu
    output_activation: Callable[..., np.ndarray]    # (z^(L), out, axis) -> a^(L)
    per_example: Callable[..., np.ndarray]          # (a^(L), labels) -> C for each example
    output_error: Callable[..., float]              # (z, a, one-hot y, delta out, scratch) -> summed C; delta^(L)
    output_symbol: str      # "softmax" or "σ": how a^(L) is computed from z^(L)
    formula: str            # C for one example
    output_wish: str        # what y − a is for this cost (the outputs' wish)
    wish_of: str            # ... the wish of which quantity: "weighted sum z" or "activation a"
    output_delta: str       # delta^(L) = dC/dz^(L)
    probabilities: bool     # the outputs add up to 1

    def mean(self, a: np.ndarray, labels) -> float:
        """The cost averaged over a batch (or the single example's cost)."""
        return float(np.mean(self.per_example(a, np.asarray(labels, dtype=np.intp))))


CROSS_ENTROPY = Cost(
    name="cross-entropy", title="cross-entropy −ln a_y (softmax outputs)", output_activation=softmax,
    per_example=cross_entropy, output_error=cross_entropy_error, output_symbol="softmax", formula="C = −ln a_y",
    output_wish="−∂C/∂z = y − a", wish_of="weighted sum z", output_delta="δ = ∂C/∂z = a − y", probabilities=True)
QUADRATIC = Cost(
    name="mse", title="quadratic ½‖a − y‖² (sigmoid outputs)", output_activation=sigmoid_output,
    per_example=quadratic, output_error=quadratic_error, output_symbol="σ", formula="C = ½ Σⱼ (aⱼ − yⱼ)²",
    output_wish="−∂C/∂a = y − a", wish_of="activation a", output_delta="δ = ∂C/∂z = (a − y) σ′(z)",
    probabilities=False)

COSTS: dict[str, Cost] = {c.name: c for c in (CROSS_ENTROPY, QUADRATIC)}


def get_cost(name: str) -> Cost:
    """Look up a cost by name, with a readable error for unknown names."""
    try:
        return COSTS[name]
    except KeyError:
        known = ", ".join(COSTS)
        raise ValueError(f"unknown cost {name!r} (known: {known})") from None
