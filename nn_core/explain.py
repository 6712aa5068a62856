"""One neuron's story for one input: its weighted sum, bias, activation and main influences.

z_j = sum_i w_ji a_i + b_j and a_j = sigma(z_j): the numbers a learner needs to see that a
neuron is just a function of the previous layer's activations.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nn_core.network import ForwardPass, Network


@dataclass(frozen=True)
class NeuronStory:
    layer: int                 # 1..L
    neuron: int
    weights: np.ndarray        # (n_in,) w_j: the incoming weights
    inputs: np.ndarray         # (n_in,) a^(l-1): what arrives
    bias: float                # b_j
    weighted_sum: float        # sum_i w_ji a_i (without the bias)
    z: float                   # weighted_sum + bias
    activation: float          # a_j
    pushes_up: np.ndarray      # source indices with the largest positive w_ji a_i, strongest first
    pushes_down: np.ndarray    # source indices with the most negative w_ji a_i, strongest first
    total_up: float            # sum of the positive w_ji a_i
    total_down: float          # sum of the negative w_ji a_i

    @property
    def signals(self) -> np.ndarray:
        """w_ji a_i for every incoming connection."""
        return self.weights * self.inputs


def neuron_story(network: Network, result: ForwardPass, layer: int, neuron: int, top: int = 5) -> NeuronStory:
    """Explain neuron ``neuron`` of layer ``layer`` (1..L) for the input of ``result``."""
    if not 1 <= layer <= network.layer_count or not 0 <= neuron < network.sizes[layer]:
        raise ValueError(f"there is no neuron {neuron} in layer {layer} of a {network.describe()} network")
    weights = np.asarray(network.weights[layer - 1][neuron], dtype=np.float64)
    inputs = np.asarray(result.activations[layer - 1], dtype=np.float64)
    signals = weights * inputs
    order = np.argsort(signals)
    up = order[::-1][:top]
    down = order[:top]
    weighted_sum = float(signals.sum())
    bias = float(network.biases[layer - 1][neuron])
    return NeuronStory(
        layer=layer, neuron=neuron, weights=weights, inputs=inputs, bias=bias,
        weighted_sum=weighted_sum, z=weighted_sum + bias,
        activation=float(result.activations[layer][neuron]),
        pushes_up=up[signals[up] > 0], pushes_down=down[signals[down] < 0],
        total_up=float(signals[signals > 0].sum()), total_down=float(signals[signals < 0].sum()),
    )
