"""Labelled digit images: the embedded 5,000 MNIST digits, full MNIST, or a user's own file.

A ``DigitSet`` is images (N, 28, 28) uint8, 0 = background, 255 = ink, and labels (N,)
in 0..9. "Training data" and "unseen test data" are always two separate DigitSets; the
embedded digits come with a fixed, stratified 4,000 / 1,000 split stored in the asset. A class's
challenge splits the 4,000 once more: 3,500 to learn from and 500 validation digits kept aside to
compare the class's models (``validation_split``), so the 1,000 test digits stay unseen.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from nn_core.errors import DataFileError
from nn_core.npzfile import NpzSource, read_npz
from nn_core.paths import EMBEDDED_PATH

MAX_DATASET_BYTES = 600_000_000  # full MNIST as uint8 is 55 MB
MAX_UPLOADED_DATASET_BYTES = 100_000_000  # a data set uploaded to the app, unpacked
MAX_UPLOADED_DIGITS = 70_000  # ... and at most this many digits in it: the size of the full MNIST
VALIDATION_SIZE = 500   # embedded training digits kept aside to compare a class's models (50 of each digit)
VALIDATION_SEED = 22    # chosen once, so every class and every server keeps the same 500 aside


CACHED_INPUTS = 10_000  # digits up to which a set keeps its inputs as floats


def input_rows(images: np.ndarray) -> np.ndarray:
    """(k, 28, 28) uint8 images -> [a^(0) | 1] (k, 785) float32: pixels in 0..1, then a 1 for the bias."""
    rows = np.ones((len(images), 785), dtype=np.float32)
    np.multiply(images.reshape(len(images), 784), np.float32(1 / 255), out=rows[:, :784])
    return rows


@dataclass(frozen=True, eq=False)
class DigitSet:
    """Labelled 28x28 digit images. Arrays are read-only so one copy can be shared."""

    images: np.ndarray  # (N, 28, 28) uint8
    labels: np.ndarray  # (N,) uint8, 0..9
    name: str
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        self.images.setflags(write=False)
        self.labels.setflags(write=False)

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def cached(self) -> bool:
        """Small sets keep their float inputs (12 MB for the embedded 4,000); large ones make them as needed."""
        return len(self) <= CACHED_INPUTS

    @property
    def inputs_with_ones(self) -> np.ndarray:
        """[a^(0) | 1]: (N, 785) float32, pixels in 0..1 then a 1 for the bias (read-only; cached if small)."""
        if "inputs" in self._cache:
            return self._cache["inputs"]
        inputs = input_rows(self.images)
        inputs.setflags(write=False)
        if self.cached:
            self._cache["inputs"] = inputs
        return inputs

    @property
    def inputs(self) -> np.ndarray:
        """The network's inputs a^(0): (N, 784) float32 in 0..1 (a read-only view)."""
        return self.inputs_with_ones[:, :784]

    def rows(self, index) -> np.ndarray:
        """[a^(0) | 1] of the examples ``index`` (a slice or indices): (k, 785) float32, never the whole set's.

        A large set is 4 bytes a pixel as floats against 1 as an image: 60,000 digits are
        188 MB of floats, so those are made a batch at a time instead of kept.
        """
        if self.cached:
            return self.inputs_with_ones[index]
        return input_rows(self.images[index])

    def class_counts(self) -> np.ndarray:
        """How many examples of each digit 0..9."""
        return np.bincount(self.labels, minlength=10)

    def subset(self, index: np.ndarray, name: str | None = None) -> DigitSet:
        return DigitSet(self.images[index], self.labels[index], name or self.name)


def validate_digits(images: np.ndarray, labels: np.ndarray, what: str = "data set") -> tuple[np.ndarray, np.ndarray]:
    """Check images (N, 28, 28) of 0..255 and labels (N,) of 0..9; return them as uint8."""
    if images.ndim != 3 or images.shape[1:] != (28, 28):
        raise DataFileError(f"the images in this {what} have shape {images.shape}; expected (N, 28, 28)")
    if labels.ndim != 1 or labels.shape[0] != images.shape[0]:
        raise DataFileError(
            f"this {what} has {images.shape[0]} images but labels of shape {labels.shape}; expected ({images.shape[0]},)"
        )
    if images.shape[0] == 0:
        raise DataFileError(f"this {what} holds no images")
    if images.dtype != np.uint8:
        if images.dtype.kind not in "iu" or images.min() < 0 or images.max() > 255:
            raise DataFileError(f"the images in this {what} must be uint8 pixel values 0..255 (got {images.dtype})")
    if labels.dtype.kind not in "iu":
        raise DataFileError(f"the labels in this {what} must be integers 0..9 (got {labels.dtype})")
    if labels.min() < 0 or labels.max() > 9:
        raise DataFileError(f"the labels in this {what} must be digits 0..9 (found {labels.min()}..{labels.max()})")
    return images.astype(np.uint8, copy=False), labels.astype(np.uint8, copy=False)


def load_digits_npz(
    source: NpzSource, name: str | None = None, max_bytes: int = MAX_DATASET_BYTES, max_digits: int | None = None
) -> DigitSet:
    """A user's data set: an .npz with ``images`` (N, 28, 28) uint8 and ``labels`` (N,) 0..9.

    ``max_bytes`` caps its unpacked size and ``max_digits`` its N, both checked from the
    arrays' headers before anything is unpacked. The app's upload limits go together: with
    ``max_bytes=MAX_UPLOADED_DATASET_BYTES`` (or less), ``max_digits`` defaults to
    ``MAX_UPLOADED_DIGITS``; otherwise only the bytes are capped.
    """
    if max_digits is None and max_bytes <= MAX_UPLOADED_DATASET_BYTES:
        max_digits = MAX_UPLOADED_DIGITS

    def check_header(key: str, shape: tuple[int, ...], dtype: np.dtype) -> None:
        """Refuse from the header what ``validate_digits`` would refuse after unpacking it."""
        if key in ("images", "labels") and max_digits is not None and len(shape) >= 1 and shape[0] > max_digits:
            raise DataFileError(f"this data set holds {shape[0]:,} digits; at most {max_digits:,} are accepted")
        if key == "images" and dtype.kind not in "iu":
            raise DataFileError(f"the images in this data set must be uint8 pixel values 0..255 (got {dtype})")
        if key == "labels" and dtype.kind not in "iu":
            raise DataFileError(f"the labels in this data set must be integers 0..9 (got {dtype})")

    arrays = read_npz(source, DataFileError, "data set", max_bytes, check_header=check_header)
    missing = [key for key in ("images", "labels") if key not in arrays]
    if missing:
        raise DataFileError(f"this data set has no {' or '.join(repr(k) for k in missing)} array")
    images, labels = validate_digits(arrays["images"], arrays["labels"])
    if name is None:
        name = Path(source).name if isinstance(source, (str, os.PathLike)) else "uploaded data set"
    return DigitSet(images, labels, name)


def stratified_split(labels: np.ndarray, test_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices (train, test) with the same share of every digit in both parts."""
    rng = np.random.default_rng(seed)
    train, test = [], []
    for digit in range(10):
        members = rng.permutation(np.flatnonzero(labels == digit))
        cut = int(round(len(members) * test_fraction))
        test.append(members[:cut])
        train.append(members[cut:])
    return np.sort(np.concatenate(train)), np.sort(np.concatenate(test))


def split_digits(digits: DigitSet, test_fraction: float = 0.2, seed: int = 0) -> tuple[DigitSet, DigitSet]:
    """A user's data set split into (training, test) parts, stratified by digit."""
    train, test = stratified_split(digits.labels, test_fraction, seed)
    if len(train) == 0 or len(test) == 0:
        raise DataFileError("this data set is too small to split into training and test parts")
    return digits.subset(train, f"{digits.name} (train)"), digits.subset(test, f"{digits.name} (test)")


@lru_cache(maxsize=1)
def load_embedded() -> tuple[DigitSet, DigitSet]:
    """The embedded 5,000 MNIST digits as (training 4,000, test 1,000), shared and read-only."""
    arrays = read_npz(EMBEDDED_PATH, DataFileError, "embedded data", MAX_DATASET_BYTES)
    images, labels = arrays["images"], arrays["labels"]
    train = DigitSet(images[arrays["train_index"]], labels[arrays["train_index"]], "embedded MNIST (train)")
    test = DigitSet(images[arrays["test_index"]], labels[arrays["test_index"]], "embedded MNIST (test)")
    return train, test


def validation_split(train: DigitSet, size: int = VALIDATION_SIZE, seed: int = VALIDATION_SEED) -> tuple[DigitSet, DigitSet]:
    """(learn, validation): ``size`` of the training digits kept aside, the same share of every digit.

    Validation digits choose between models (a class's challenge ranks on them); a model compared on them
    must not have learned from them. The test digits stay for the last, honest estimate.
    """
    if not 0 < size < len(train):
        raise DataFileError(f"cannot keep {size:,} of {len(train):,} training digits aside")
    learn, kept = stratified_split(train.labels, size / len(train), seed)
    return train.subset(learn), train.subset(kept, f"{train.name.removesuffix(' (train)')} (validation)")


@lru_cache(maxsize=1)
def load_embedded_challenge() -> tuple[DigitSet, DigitSet, DigitSet]:
    """The embedded digits as a class's challenge uses them: (learn 3,500, validation 500, test 1,000), shared."""
    train, test = load_embedded()
    learn, validation = validation_split(train)
    return learn, validation, test
