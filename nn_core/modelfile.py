"""Model files: a network and its story (recipe, accuracy) in a plain ``.npz``.

Layout (every entry a plain numpy array; nothing is ever pickled):

    format        "nn-explainer-model"      version   1
    sizes         int64 (L + 1,)            activation, cost   text
    W1 .. WL      float (n_out, n_in)       b1 .. bL  float (n_out,)
    metadata      text: JSON object (name, recipe, test accuracy, ...)

``load_model`` trusts nothing: it checks the archive before unpacking, loads with
``allow_pickle=False``, and validates the layer chain, 784 inputs, 10 outputs, finite
values and known names. Any problem is one ``ModelFileError`` sentence.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from nn_core.activations import ACTIVATIONS
from nn_core.atomic import atomic_write
from nn_core.costs import COSTS
from nn_core.errors import ModelFileError
from nn_core.network import INPUT_SIZE, OUTPUT_SIZE, Network
from nn_core.npzfile import NpzSource, read_npz, text_field

FORMAT = "nn-explainer-model"
VERSION = 1
MAX_LAYERS = 8
MAX_NEURONS = 4096            # per layer
MAX_PARAMETERS = 1_500_000    # every page recomputes with the model: 784-512-512-512-512-10 (1.19 M) fits
MAX_MODEL_BYTES = 40_000_000  # uncompressed: MAX_PARAMETERS in float64 with room for metadata


@dataclass
class Model:
    """A network with its metadata (what it is, how it was trained, how well it does)."""

    network: Network
    metadata: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.metadata.get("name", "model"))

    @property
    def test_accuracy(self) -> float | None:
        value = self.metadata.get("test_accuracy")
        return float(value) if isinstance(value, (int, float)) else None


def model_arrays(model: Model) -> dict[str, np.ndarray]:
    """The arrays a model file holds."""
    net = model.network
    arrays: dict[str, np.ndarray] = {
        "format": np.array(FORMAT),
        "version": np.array(VERSION, dtype=np.int64),
        "sizes": np.array(net.sizes, dtype=np.int64),
        "activation": np.array(net.activation.name),
        "cost": np.array(net.cost.name),
        "metadata": np.array(json.dumps(model.metadata, sort_keys=True)),
    }
    for l, (w, b) in enumerate(zip(net.weights, net.biases), start=1):
        arrays[f"W{l}"] = np.ascontiguousarray(w)
        arrays[f"b{l}"] = np.ascontiguousarray(b)
    return arrays


def save_model(model: Model, path: str | os.PathLike) -> Path:
    """Write the model atomically (a temporary file renamed into place)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path) as out:
        np.savez_compressed(out, **model_arrays(model))
    return path


def model_bytes(model: Model) -> bytes:
    """The model file's contents, for a download button."""
    import io

    buffer = io.BytesIO()
    np.savez_compressed(buffer, **model_arrays(model))
    return buffer.getvalue()


def _check_sizes(arrays: dict[str, np.ndarray]) -> list[int]:
    sizes = arrays.get("sizes")
    if sizes is None or sizes.ndim != 1 or sizes.dtype.kind not in "iu":
        raise ModelFileError("this model file has no valid 'sizes' (a list of layer sizes)")
    sizes = [int(n) for n in sizes]
    if not 2 <= len(sizes) <= MAX_LAYERS + 1:
        raise ModelFileError(f"this model has {len(sizes) - 1} layers; 1 to {MAX_LAYERS} are supported")
    if sizes[0] != INPUT_SIZE or sizes[-1] != OUTPUT_SIZE:
        raise ModelFileError(
            f"this model maps {sizes[0]} inputs to {sizes[-1]} outputs; a digit classifier needs "
            f"{INPUT_SIZE} inputs (28x28 pixels) and {OUTPUT_SIZE} outputs (digits 0-9)"
        )
    if min(sizes) < 1 or max(sizes[1:-1], default=1) > MAX_NEURONS:
        raise ModelFileError(f"hidden layers must have 1 to {MAX_NEURONS} neurons (got {sizes})")
    count = sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
    if count > MAX_PARAMETERS:
        raise ModelFileError(f"this model has {count:,} parameters; up to {MAX_PARAMETERS:,} are supported, "
                             "so that every page stays quick")
    return sizes


def _check_layer(arrays: dict[str, np.ndarray], l: int, n_in: int, n_out: int) -> tuple[np.ndarray, np.ndarray]:
    w, b = arrays.get(f"W{l}"), arrays.get(f"b{l}")
    if w is None or b is None:
        raise ModelFileError(f"this model file is missing layer {l}'s weights or biases (W{l}, b{l})")
    if w.shape != (n_out, n_in) or b.shape != (n_out,):
        raise ModelFileError(
            f"layer {l} has weights {w.shape} and biases {b.shape}, but the sizes say "
            f"({n_out}, {n_in}) and ({n_out},): the layers do not chain"
        )
    if w.dtype.kind != "f" or b.dtype.kind != "f":
        raise ModelFileError(f"layer {l}'s weights and biases must be floating-point numbers")
    if not (np.all(np.isfinite(w)) and np.all(np.isfinite(b))):
        raise ModelFileError(f"layer {l} contains NaN or infinite values")
    return w, b


def load_model(source: NpzSource, dtype=np.float32) -> Model:
    """Read and validate a model file (path, bytes or file object)."""
    arrays = read_npz(source, ModelFileError, "model file", MAX_MODEL_BYTES)
    if "format" in arrays and text_field(arrays, "format", ModelFileError, "model file") != FORMAT:
        raise ModelFileError("this .npz is not a model file of this app")
    version = arrays.get("version")
    if version is not None and (version.ndim != 0 or version.dtype.kind not in "iu" or int(version) > VERSION):
        raise ModelFileError("this model file was written by a newer version of the app")
    sizes = _check_sizes(arrays)
    activation = text_field(arrays, "activation", ModelFileError, "model file")
    cost = text_field(arrays, "cost", ModelFileError, "model file")
    if activation not in ACTIVATIONS:
        raise ModelFileError(f"unknown activation {activation!r} (known: {', '.join(ACTIVATIONS)})")
    if cost not in COSTS:
        raise ModelFileError(f"unknown cost {cost!r} (known: {', '.join(COSTS)})")
    layers = [_check_layer(arrays, l, n_in, n_out)
              for l, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1)]
    with np.errstate(over="ignore"):
        params = [w.astype(dtype) for w, _ in layers], [b.astype(dtype) for _, b in layers]
    if not all(np.all(np.isfinite(p)) for group in params for p in group):
        raise ModelFileError(f"this model's values are too large for {np.dtype(dtype).name}")
    network = Network.from_layers(*params, activation=activation, cost=cost, dtype=dtype)
    return Model(network, _read_metadata(arrays))


def _read_metadata(arrays: dict[str, np.ndarray]) -> dict:
    if "metadata" not in arrays:
        return {}
    text = text_field(arrays, "metadata", ModelFileError, "model file")
    try:
        metadata = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise ModelFileError("this model file's metadata is not valid JSON") from None
    if not isinstance(metadata, dict):
        raise ModelFileError("this model file's metadata is not a JSON object")
    return metadata
