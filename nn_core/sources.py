"""Where labelled digits come from, by name: 'embedded', 'mnist' (downloaded) or a data set file.

This sits above ``data`` (the embedded digits, users' files) and ``download`` (full MNIST),
so neither needs the other.
"""
from __future__ import annotations

import os

from nn_core.data import DigitSet, load_digits_npz, load_embedded, split_digits
from nn_core.download import load_mnist


def load_data(spec: str, cache_dir: str | os.PathLike | None = None) -> tuple[DigitSet, DigitSet]:
    """(training, test) for 'embedded', 'mnist' (downloaded) or a path to a user's .npz."""
    if spec == "embedded":
        return load_embedded()
    if spec == "mnist":
        return load_mnist(cache_dir)
    return split_digits(load_digits_npz(spec))
