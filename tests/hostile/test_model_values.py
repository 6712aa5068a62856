"""Model files whose values are finite but too large to compute with are refused with a sentence (review
2026-12-06, F14: weights of ±3e38 and a ReLU model with biases of ±1e30 were accepted, and the Cost, Recap and
Backprop pages showed "nan")."""
from __future__ import annotations

import numpy as np
import pytest

from nn_core.bundled import load_bundled
from nn_core.errors import ModelFileError
from nn_core.modelfile import Model, load_model, model_bytes
from nn_core.network import Network


def model_file(weight: float | None = None, bias: float | None = None, activation: str = "sigmoid") -> bytes:
    """The classic model's file with every weight (or bias) set to ±``weight`` (±``bias``), signs alternating."""
    classic = load_bundled("classic").network
    weights, biases = [w.copy() for w in classic.weights], [b.copy() for b in classic.biases]
    for group, size in ((weights, weight), (biases, bias)):
        if size is not None:
            for array in group:
                array.flat[:] = np.float32(size) * np.where(np.arange(array.size) % 2, -1, 1)
    network = Network.from_layers(weights, biases, activation=activation, cost=classic.cost.name, dtype=np.float32)
    return model_bytes(Model(network, {"name": "hostile"}))


@pytest.mark.parametrize("data", [
    model_file(weight=3e38),                               # float32's largest: z overflows at once
    model_file(bias=1e30, activation="relu"),               # ReLU passes 1e30 on; the next layers overflow
    model_file(bias=-1e30, activation="relu"),
], ids=["weights-3e38", "relu-biases-1e30", "relu-biases-minus-1e30"])
def test_a_model_whose_values_overflow_is_refused_with_a_sentence(data):
    with pytest.raises(ModelFileError, match="so large that its neurons' values overflow"):
        load_model(data)


def test_the_bundled_models_and_large_but_computable_values_load():
    for name in ("classic", "best"):
        load_model(model_bytes(load_bundled(name)))
    load_model(model_file(bias=1e3))                        # saturated sigmoids: a poor model, but a computable one
