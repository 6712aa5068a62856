"""The numbers the printed worksheet's questions need, measured on a network: on paper there is no live page.

    a^(L) = the network's ten outputs for one test digit; C = Σ_j (a_j − y_j)², y = 1 for the right digit, 0 else.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nn_core.data import DigitSet
from nn_core.evaluate import evaluate
from nn_core.network import Network, parameter_count, predict

PRINTED_DECIMALS = 2      # the outputs as printed: a learner computes C from these


@dataclass(frozen=True)
class CostExample:
    """One test digit's ten outputs as printed, and C = Σ (a − y)² computed from exactly those printed numbers."""

    index: int
    label: int
    outputs: tuple[float, ...]

    @property
    def cost(self) -> float:
        y = np.eye(10)[self.label]
        return float(np.sum((np.asarray(self.outputs) - y) ** 2))


@dataclass(frozen=True)
class WorksheetNumbers:
    example: CostExample
    train_accuracy: float     # 0..1, on all the training digits
    test_accuracy: float      # 0..1, on all the test digits
    knobs: int                # weights and biases
    sizes: tuple[int, ...]


def cost_example(network: Network, test: DigitSet) -> CostExample:
    """The first test digit the network reads right but not surely (right output 0.3–0.9, another output ≥ 0.05):
    a cost with more than one term worth squaring. Falls back to test digit 0."""
    outputs = predict(network, test.inputs).astype(np.float64)
    labels = test.labels.astype(np.intp)
    right = outputs[np.arange(len(labels)), labels]
    others = np.where(np.eye(10, dtype=bool)[labels], 0.0, outputs).max(axis=1)
    fits = np.flatnonzero((outputs.argmax(axis=1) == labels) & (right >= 0.3) & (right <= 0.9) & (others >= 0.05))
    index = int(fits[0]) if len(fits) else 0
    printed = tuple(round(float(a), PRINTED_DECIMALS) for a in outputs[index])
    return CostExample(index, int(labels[index]), printed)


def worksheet_numbers(network: Network, train: DigitSet, test: DigitSet) -> WorksheetNumbers:
    return WorksheetNumbers(cost_example(network, test), evaluate(network, train).accuracy,
                            evaluate(network, test).accuracy, parameter_count(network.sizes), tuple(network.sizes))
