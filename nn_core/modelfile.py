"""Model files: a network and its story (recipe, accuracy) in a plain ``.npz``.

Layout (every entry a plain numpy array; nothing is ever pickled):

    format        "nn-explainer-model"      version   1
    sizes         int64 (L + 1,)            activation, cost   text
    W1 .. WL      float (n_out, n_in)       b1 .. bL  float (n_out,)
    metadata      text: JSON object (name, recipe, test accuracy, ...)

``load_model`` trusts nothing: it checks the archive before unpacking, loads with
``allow_pickle=False``, and validates the layer chain, 784 inputs, 10 outputs, finite
values and known names. Any problem is one ``ModelFileError`` sentence. Finite is not enough: weights
of 3e38, or biases of 1e30 in a ReLU network, overflow float32 once multiplied and added, and every page
would show "nan"; so a model is also run on the 1,000 embedded test digits, and one whose weighted sums,
activations, cost or gradient are not all finite numbers there is refused (``check_computable``).

The metadata is validated like the arrays, but leniently: ``clean_metadata`` keeps only the
known fields, each of the right type and size (text is one plain line, stripped of control
characters and cut to length), and drops a field that is wrong instead of refusing the
model. Numbers in it (``test_accuracy``, ``test_n``) are what the file *says*: for the
bundled models and for models trained here this code measured them; for a file from
anywhere else they are a claim, checked only to be possible, never measured.
"""
from __future__ import annotations

import json
import math
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from nn_core.activations import ACTIVATIONS
from nn_core.atomic import atomic_write
from nn_core.backprop import backprop
from nn_core.costs import COSTS
from nn_core.data import load_embedded
from nn_core.errors import ModelFileError
from nn_core.network import INPUT_SIZE, OUTPUT_SIZE, Network, forward
from nn_core.npzfile import NpzSource, read_npz, text_field

FORMAT = "nn-explainer-model"
VERSION = 1
MAX_LAYERS = 8                # the largest network a model file may hold (the CLI trains up to this too) ...
MAX_NEURONS = 4096            # ... with at most this many neurons in a layer
# The app trains in a visitor's tab, with every page recomputing on the model as it changes: there the
# recipe allows fewer, smaller hidden layers (784-512-512-512-512-10, 1.19 M parameters, is the largest).
APP_HIDDEN_LAYERS = 4
APP_HIDDEN_NEURONS = 512
MAX_PARAMETERS = 1_500_000    # every page recomputes with the model: 784-512-512-512-512-10 (1.19 M) fits
MAX_MODEL_BYTES = 40_000_000  # uncompressed: MAX_PARAMETERS in float64 with room for metadata
MAX_METADATA_CHARS = 1_000_000  # the bundled models' metadata is about 3,000 characters
NAME_CHARS = 80               # a model's name, shown in the sidebar
TEXT_CHARS = 200              # any other text in the metadata (description, data set name, ...)
MAX_TEST_N = 10_000_000       # test digits a score can be claimed on
MAX_EPOCH_RECORDS = 10_000    # per-epoch accuracies kept


def plain_text(value, limit: int) -> str | None:
    """``value`` as one line of at most ``limit`` characters, or None if it is not a non-empty text.

    Control and formatting characters (NUL, escapes, bidirectional overrides, zero-width
    characters) are removed, every run of white space becomes one space, and a text that
    is too long is cut, ending with "…".
    """
    if not isinstance(value, str):
        return None
    kept = "".join(" " if ch.isspace() else ch for ch in value[:limit * 8]
                   if ch.isspace() or unicodedata.category(ch)[0] != "C")
    text = " ".join(kept.split())
    if len(text) > limit:
        text = text[:limit - 1].rstrip() + "…"
    return text or None


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _fraction(value) -> float | None:
    return float(value) if _is_number(value) and 0 <= value <= 1 else None


def _count(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_TEST_N else None


def _seconds(value) -> float | None:
    return float(value) if _is_number(value) and 0 <= value <= 1e9 else None


def _fractions(value) -> list[float] | None:
    if not isinstance(value, list) or len(value) > MAX_EPOCH_RECORDS:
        return None
    fractions = [_fraction(v) for v in value]
    return None if None in fractions else fractions


_DROP = object()  # a recipe entry to leave out (None is a valid recipe value)


def _recipe_entry(value, nested: bool):
    """A recipe value kept as it is (a plain scalar, a list of up to 16 numbers such as the
    sizes, or one nested dict such as the augmentation settings), else _DROP."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value if abs(value) <= 10**15 else _DROP
    if isinstance(value, float):
        return value if math.isfinite(value) else _DROP
    if isinstance(value, str):
        text = plain_text(value, TEXT_CHARS)
        return _DROP if text is None else text
    if isinstance(value, list) and len(value) <= 16 and all(_is_number(v) for v in value):
        return list(value)
    if isinstance(value, dict) and nested and len(value) <= 40:
        return _recipe(value, nested=False)
    return _DROP


def _recipe(value, nested: bool = True) -> dict | None:
    """Up to 40 entries with plain names; an entry of any other kind is dropped."""
    if not isinstance(value, dict) or len(value) > 40:
        return None
    entries = {key: _recipe_entry(item, nested) for key, item in value.items() if plain_text(key, 40) == key}
    return {key: item for key, item in entries.items() if item is not _DROP}


METADATA_FIELDS = {  # known field: how to read it (None = drop it)
    "name": lambda v: plain_text(v, NAME_CHARS),
    "description": lambda v: plain_text(v, TEXT_CHARS),
    "test_accuracy": _fraction, "test_n": _count, "test_data": lambda v: plain_text(v, TEXT_CHARS),
    "drawing_accuracy": _fraction, "drawing_n": _count,
    "epoch_test_accuracy": _fractions, "training_seconds": _seconds,
    "trained_at": lambda v: plain_text(v, 40), "built_by": lambda v: plain_text(v, TEXT_CHARS),
    "recipe": _recipe,
}


def clean_metadata(metadata) -> dict:
    """Only the known, well-typed fields of ``metadata`` (see ``METADATA_FIELDS``); never raises.

    A field of the wrong type or size is dropped, unknown fields are dropped, and what
    remains is plain: text is one line without control characters, numbers are finite.
    """
    if not isinstance(metadata, dict):
        return {}
    cleaned = {}
    for key, read in METADATA_FIELDS.items():
        if key in metadata:
            value = read(metadata[key])
            if value is not None:
                cleaned[key] = value
    return cleaned


@dataclass
class Model:
    """A network with its metadata (what it is, how it was trained, how well it does).

    The properties read the metadata through the same checks as ``clean_metadata``, so
    they are always of their stated type, whatever was put in ``metadata``.
    """

    network: Network
    metadata: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        """One plain line of at most 80 characters."""
        return plain_text(self.metadata.get("name"), NAME_CHARS) or "model"

    @property
    def description(self) -> str | None:
        return plain_text(self.metadata.get("description"), TEXT_CHARS)

    @property
    def test_accuracy(self) -> float | None:
        """The share (0..1) of test digits the metadata says the network gets right.

        A claim, not a measurement: measured by this code for the bundled models and for
        models trained here, but for an uploaded file only checked to be a number in 0..1.
        Say "the file says ..." for those, or measure with ``nn_core.evaluate.evaluate``.
        """
        return _fraction(self.metadata.get("test_accuracy"))

    @property
    def test_n(self) -> int | None:
        """How many test digits ``test_accuracy`` is claimed on (0..10,000,000), or None."""
        return _count(self.metadata.get("test_n"))


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
    """Write the model atomically (a temporary file renamed into place) into an existing directory.

    ``OutputPathError`` if ``path`` is not a regular file or a new name (see ``atomic.check_target``).
    """
    path = Path(path)
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
    arrays = read_npz(source, ModelFileError, "model file", MAX_MODEL_BYTES, check_header=_check_header)
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
    check_computable(network)
    return Model(network, _read_metadata(arrays))


GRADIENT_DIGITS = 100   # test digits the gradient is checked on (the forward pass is checked on all 1,000)


def check_computable(network: Network) -> None:
    """Refuse a network the pages cannot compute with: on the embedded test digits every weighted sum z and
    activation a, and on the first ``GRADIENT_DIGITS`` of them the cost and its gradient, must be finite."""
    _, test = load_embedded()
    with np.errstate(all="ignore"):
        passed = forward(network, test.inputs)
        gradients = backprop(network, test.inputs[:GRADIENT_DIGITS], test.labels[:GRADIENT_DIGITS])
    values = (*passed.zs, *passed.activations[1:], np.asarray(gradients.cost), gradients.flat)
    if not all(np.all(np.isfinite(v)) for v in values):
        raise ModelFileError("this model's weights or biases are so large that its neurons' values overflow "
                             "(they become infinite, or not a number, on the test digits), so no page could show "
                             "them: train it again with a smaller learning rate")


def _read_metadata(arrays: dict[str, np.ndarray]) -> dict:
    if "metadata" not in arrays:
        return {}
    text = text_field(arrays, "metadata", ModelFileError, "model file")
    try:
        metadata = json.loads(text)
    except (ValueError, RecursionError):  # also numbers of thousands of digits, which int() refuses
        raise ModelFileError("this model file's metadata is not valid JSON") from None
    if not isinstance(metadata, dict):
        raise ModelFileError("this model file's metadata is not a JSON object")
    return clean_metadata(metadata)


def _check_header(name: str, shape: tuple[int, ...], dtype: np.dtype) -> None:
    """Refuse an over-long metadata text from its header, before it is unpacked and parsed."""
    if name == "metadata" and dtype.kind == "U" and dtype.itemsize // 4 > MAX_METADATA_CHARS:
        raise ModelFileError(f"this model file's metadata is {dtype.itemsize // 4:,} characters long; "
                             f"at most {MAX_METADATA_CHARS:,} are read")
