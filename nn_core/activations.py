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
    """A named activation function with its derivative and its range."""

    name: str
    function: Callable[..., np.ndarray]
    derivative: Callable[..., np.ndarray]
    low: float
    high: float | None  # None: unbounded above (ReLU)


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_prime, 0.0, 1.0),
    "relu": Activation("relu", relu, relu_prime, 0.0, None),
    "tanh": Activation("tanh", tanh, tanh_prime, -1.0, 1.0),
}


def get_activation(name: str) -> Activation:
    """Look up an activation by name, with a readable error for unknown names."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        known = ", ".join(ACTIVATIONS)
        raise ValueError(f"unknown activation {name!r} (known: {known})") from None
