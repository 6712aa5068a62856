"""Hand edits of a trained network: biases and incoming weights changed by a learner.

The trained network is never touched: edits live in a copy, and each edited neuron
remembers how it differs (its bias, a scale for all its incoming weights, and single
connections set to a value), so any neuron, layer or the whole network can be put back.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nn_core.network import Network, forward

SILENT_BIAS = -10.0  # σ(−10) ≈ 5e-5 and ReLU(−10) = 0: a neuron cut from its inputs stays off


def silent_bias(low: float) -> float:
    """The bias that keeps a neuron with no incoming weights at about 0, for an activation whose lowest value is
    ``low``: σ(−10) ≈ 5e-5, ReLU(−10) = 0, and tanh(0) = 0 (tanh is 0 in the middle, −1 at the bottom)."""
    return 0.0 if low < 0 else SILENT_BIAS


def on_bias(network: Network, inputs: np.ndarray, most: float) -> float:
    """The bias that keeps a first-layer neuron with no incoming weights fully on (at most ``most``).

    σ(10) and tanh(10) are 1 to four decimals, so an activation with a ceiling gets ``most``; ReLU has
    none, so "fully on" is the most first-layer neuron 0 reaches on ``inputs`` (N, 784), at least 1.
    """
    if network.activation.high is not None:
        return float(most)
    return float(np.clip(forward(network, inputs).activations[1][:, 0].max(), 1.0, most))


@dataclass
class WeightEdit:
    """How one neuron's incoming weights differ from the trained ones: w = scale * w_trained, then overrides."""

    scale: float = 1.0
    overrides: dict[int, float] = field(default_factory=dict)

    @property
    def unchanged(self) -> bool:
        return self.scale == 1.0 and not self.overrides


class NetworkEdits:
    """A trained network and an edited copy of it; layers are numbered 1..L, neurons from 0."""

    def __init__(self, trained: Network):
        self.trained = trained
        self.network = trained.copy()
        self.network.params.setflags(write=True)
        self._weights: dict[tuple[int, int], WeightEdit] = {}

    def _check(self, layer: int, neuron: int) -> None:
        if not 1 <= layer <= self.network.layer_count or not 0 <= neuron < self.network.sizes[layer]:
            raise ValueError(f"no neuron {neuron} in layer {layer} of a {self.network.describe()} network")

    # -- biases ---------------------------------------------------------------------

    def bias(self, layer: int, neuron: int) -> float:
        self._check(layer, neuron)
        return float(self.network.biases[layer - 1][neuron])

    def trained_bias(self, layer: int, neuron: int) -> float:
        return float(self.trained.biases[layer - 1][neuron])

    def set_bias(self, layer: int, neuron: int, value: float) -> None:
        self._check(layer, neuron)
        if not np.isfinite(value):
            raise ValueError("a bias must be a finite number")
        self.network.biases[layer - 1][neuron] = value

    # -- incoming weights -----------------------------------------------------------

    def weight_edit(self, layer: int, neuron: int) -> WeightEdit:
        self._check(layer, neuron)
        return self._weights.get((layer, neuron), WeightEdit())

    def _apply_weights(self, layer: int, neuron: int, edit: WeightEdit) -> None:
        row = self.trained.weights[layer - 1][neuron] * np.float32(edit.scale)
        for source, value in edit.overrides.items():
            row[source] = value
        self.network.weights[layer - 1][neuron] = row
        if edit.unchanged:
            self._weights.pop((layer, neuron), None)
        else:
            self._weights[(layer, neuron)] = edit

    def scale_weights(self, layer: int, neuron: int, scale: float) -> None:
        """w = scale x the trained incoming weights (0 cuts the neuron off from its inputs)."""
        if not np.isfinite(scale):
            raise ValueError("the scale must be a finite number")
        edit = self.weight_edit(layer, neuron)
        self._apply_weights(layer, neuron, WeightEdit(float(scale), dict(edit.overrides)))

    def set_weight(self, layer: int, neuron: int, source: int, value: float) -> None:
        """Set one incoming connection w_(neuron, source) to ``value``."""
        if not 0 <= source < self.network.sizes[layer - 1] or not np.isfinite(value):
            raise ValueError(f"no connection from {source} into layer {layer}, or not a finite value")
        edit = self.weight_edit(layer, neuron)
        overrides = {**edit.overrides, int(source): float(value)}
        self._apply_weights(layer, neuron, WeightEdit(edit.scale, overrides))

    def silence(self, layer: int, neuron: int) -> None:
        """Cut the neuron's incoming weights to 0 and set its bias so that it outputs about 0 for every input."""
        self.scale_weights(layer, neuron, 0.0)  # a bias alone cannot beat every input: 108 for classic's neuron 7
        self.set_bias(layer, neuron, silent_bias(self.trained.activation.low))

    # -- putting things back ----------------------------------------------------------

    def reset_neuron(self, layer: int, neuron: int) -> None:
        self._check(layer, neuron)
        self.network.biases[layer - 1][neuron] = self.trained.biases[layer - 1][neuron]
        self._apply_weights(layer, neuron, WeightEdit())

    def reset_layer(self, layer: int) -> None:
        for neuron in range(self.network.sizes[layer]):
            self.reset_neuron(layer, neuron)

    def reset_all(self) -> None:
        np.copyto(self.network.params, self.trained.params)
        self._weights.clear()

    # -- what changed -----------------------------------------------------------------

    def changed_neurons(self) -> list[tuple[int, int]]:
        """(layer, neuron) of every neuron whose bias or incoming weights differ from training."""
        changed = set(self._weights)
        for l, (edited, trained) in enumerate(zip(self.network.biases, self.trained.biases), start=1):
            changed.update((l, int(j)) for j in np.flatnonzero(edited != trained))
        return sorted(changed)

    @property
    def is_edited(self) -> bool:
        return not np.array_equal(self.network.params, self.trained.params)
