"""Scoring a network on labelled digits: accuracy, mean cost, confusion matrix."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nn_core.costs import sum_of_squares
from nn_core.data import DigitSet
from nn_core.drawing import read_drawing
from nn_core.network import Network, predict
from nn_core.synthetic import canvas_drawing

CHUNK = 2000  # examples per forward pass, to bound memory on large data sets


@dataclass(frozen=True)
class Evaluation:
    accuracy: float  # fraction correct, 0..1
    loss: float      # mean cost
    n: int


def output_activations(network: Network, digits: DigitSet) -> np.ndarray:
    """a^(L) for every example, (N, 10)."""
    return np.concatenate([predict(network, digits.rows(slice(i, i + CHUNK))[:, :784])
                           for i in range(0, len(digits), CHUNK)])


def evaluate(network: Network, digits: DigitSet) -> Evaluation:
    """Accuracy and mean cost of the network on these digits."""
    outputs = output_activations(network, digits)
    labels = digits.labels.astype(np.intp)
    with np.errstate(all="ignore"):
        loss = float(np.mean(network.cost.per_example(outputs, labels)))
    accuracy = float(np.mean(np.argmax(outputs, axis=1) == labels))
    return Evaluation(accuracy, loss, len(digits))


@dataclass(frozen=True)
class CostSummary:
    """The cost averaged over a set of labelled digits: the model's own and 3Blue1Brown's Σ (a − y)²."""

    model_cost: float        # mean of the network's own cost (e.g. −ln a_y)
    sum_of_squares: float    # mean of Σ_j (a_j − y_j)²
    per_example: np.ndarray  # (N,) the network's own cost of every example
    n: int


def cost_summary(network: Network, digits: DigitSet) -> CostSummary:
    """The average cost over ``digits``: the number training makes small."""
    outputs = output_activations(network, digits).astype(np.float64)
    labels = digits.labels.astype(np.intp)
    with np.errstate(divide="ignore"):
        own = network.cost.per_example(outputs, labels)
    squares = sum_of_squares(outputs, labels)
    return CostSummary(float(np.mean(own)), float(np.mean(squares)), own, len(digits))


def confusion_matrix(labels: np.ndarray, predictions: np.ndarray) -> np.ndarray:
    """(10, 10) counts: row = true digit, column = the network's answer."""
    return np.bincount(labels.astype(np.intp) * 10 + predictions, minlength=100).reshape(10, 10)


@dataclass(frozen=True)
class Report:
    """How a network reads a set of labelled digits: every answer, the mistakes, the confusion matrix."""

    answers: np.ndarray     # (N,) its answer for every digit
    wrong: np.ndarray       # indices of the digits it gets wrong
    matrix: np.ndarray      # (10, 10) row = true digit, column = answer
    accuracy: float


def report(network: Network, digits: DigitSet) -> Report:
    answers = np.argmax(output_activations(network, digits), axis=1)
    labels = digits.labels.astype(np.intp)
    return Report(answers, np.flatnonzero(answers != labels), confusion_matrix(labels, answers),
                  float(np.mean(answers == labels)))


def drawing_accuracy(network: Network, digits: DigitSet, seed: int = 0, count: int | None = None) -> Evaluation:
    """Accuracy on canvas-like drawings of these digits (random size, place, stroke width).

    Each digit is redrawn on a 280x280 canvas (``nn_core.synthetic``) and read back like a
    user's drawing (``nn_core.drawing``); the cost is not measured (loss is NaN).
    """
    rng = np.random.default_rng(seed)
    count = len(digits) if count is None else min(count, len(digits))
    inputs = np.stack([read_drawing(canvas_drawing(digits.images[i], rng)).inputs for i in range(count)])
    guesses = np.argmax(predict(network, inputs), axis=1)
    return Evaluation(float(np.mean(guesses == digits.labels[:count])), float("nan"), count)


def accuracy_by_digit(outputs: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """(accuracy, (10,) accuracy for each true digit) from output activations (N, 10); 0 for absent digits."""
    labels = np.asarray(labels, dtype=np.intp)
    right = np.argmax(outputs, axis=1) == labels
    per_digit = np.bincount(labels, weights=right, minlength=10) / np.maximum(np.bincount(labels, minlength=10), 1)
    return float(right.mean()), per_digit

