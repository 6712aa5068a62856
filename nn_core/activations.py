"""Hidden-layer activation functions sigma(z), each next to its derivative.

A neuron's activation is a = sigma(z), where z = w . a_prev + b is its weighted sum.
Every function here takes an ``out=`` array so the training loop can reuse buffers;
the derivative is written in terms of the activation a (and z where needed), because
backpropagation already holds both.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


def sigmoid(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """sigma(z) = 1 / (1 + e^-z), squashing any weighted sum into 0..1.

    Four in-place numpy calls; for z < -88 (float32) e^-z overflows to inf and sigma = 0,
    which is the right value, so callers silence the overflow warning.
    """
    out = np.negative(z, out=out)
    np.exp(out, out=out)
    np.add(out, 1.0, out=out)
    return np.reciprocal(out, out=out)


def sigmoid_prime(z: np.ndarray, a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """sigma'(z) = sigma(z) (1 - sigma(z)) = a (1 - a)."""
    out = np.subtract(1.0, a, out=out)
    return np.multiply(out, a, out=out)


def relu(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """ReLU(z) = max(0, z)."""
    return np.maximum(z, 0.0, out=out)


def relu_prime(z: np.ndarray, a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """ReLU'(z) = 1 where z > 0, else 0."""
    if out is None:
        return (z > 0).astype(z.dtype)
    return np.greater(z, 0.0, out=out, casting="unsafe")


def tanh(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """tanh(z), squashing into -1..1."""
    return np.tanh(z, out=out)


def tanh_prime(z: np.ndarray, a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """tanh'(z) = 1 - tanh(z)^2 = 1 - a^2."""
    out = np.multiply(a, a, out=out)
    np.subtract(1.0, out, out=out)
    return out


@dataclass(frozen=True)
class Activation:
    """An activation function sigma with its derivative, its range and the words pages use for it.

    Pages ask this record (``network.activation.symbol``, ``.holds``); none branches on a name.
    """

    name: str
    function: Callable[..., np.ndarray]
    derivative: Callable[..., np.ndarray]
    low: float
    high: float | None      # None: unbounded above (ReLU)
    symbol: str             # "σ", "ReLU", "tanh": as written in a formula, a = σ(z)
    title: str              # "sigmoid σ": as a choice in a menu
    formula: str            # "σ(z) = 1 / (1 + e⁻ᶻ)"
    slope: str              # the derivative, as backpropagation uses it
    holds: str              # what a neuron with this activation holds, in words
    below_threshold: str    # what a neuron does when its weighted sum is below −b (z < 0)
    shade_high: float       # the activation drawn white in pictures (ReLU: 4 and above)
    init_gain: float = 1.0  # random weights ~ N(0, gain / n_in): 2 for ReLU (He et al.)

    @property
    def shade_range(self) -> tuple[float, float]:
        """The activations drawn black and white: one fixed range, so a shade means one number everywhere."""
        return self.low, self.shade_high


SIGMOID = Activation(
    name="sigmoid", function=sigmoid, derivative=sigmoid_prime, low=0.0, high=1.0, symbol="σ", title="sigmoid σ",
    formula="σ(z) = 1 / (1 + e⁻ᶻ)", slope="σ′(z) = a(1 − a)", holds="a number between 0 and 1",
    below_threshold="mostly off (a below ½)", shade_high=1.0)
RELU = Activation(
    name="relu", function=relu, derivative=relu_prime, low=0.0, high=None, symbol="ReLU", title="ReLU",
    formula="ReLU(z) = max(0, z)", slope="ReLU′(z) = 1 if z > 0, else 0", holds="a number of 0 or more",
    below_threshold="silent (a = 0 exactly)", shade_high=4.0, init_gain=2.0)
TANH = Activation(
    name="tanh", function=tanh, derivative=tanh_prime, low=-1.0, high=1.0, symbol="tanh", title="tanh",
    formula="tanh(z) = (eᶻ − e⁻ᶻ) / (eᶻ + e⁻ᶻ)", slope="tanh′(z) = 1 − a²", holds="a number between −1 and 1",
    below_threshold="negative (a below 0)", shade_high=1.0)

ACTIVATIONS: dict[str, Activation] = {a.name: a for a in (SIGMOID, RELU, TANH)}


def get_activation(name: str) -> Activation:
    """Look up an activation by name, with a readable error for unknown names."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        known = ", ".join(ACTIVATIONS)
        raise ValueError(f"unknown activation {name!r} (known: {known})") from None
