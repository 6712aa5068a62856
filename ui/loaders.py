"""Shared, read-only objects, loaded once per server process for every session."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from nn_core.bundled import load_bundled
from nn_core.data import MAX_UPLOADED_DATASET_BYTES, DigitSet, load_digits_npz, load_embedded, split_digits
from nn_core.modelfile import Model


@st.cache_resource(show_spinner=False)
def bundled(name: str) -> Model:
    """A bundled model (its parameters are read-only: copy before editing)."""
    return load_bundled(name)


UPLOAD_SHARED_SECONDS = 1800  # sessions using a data set keep it; the shared copy goes after half an hour


@st.cache_resource(show_spinner="Reading the data set ...", max_entries=4, ttl=UPLOAD_SHARED_SECONDS)
def uploaded_digits(fingerprint: str, _data: bytes, name: str) -> tuple[DigitSet, DigitSet]:
    """An uploaded data set, split 80/20 (shared: a class uploading the same file keeps one copy).

    ``fingerprint`` is a digest of ``_data``. Raises the core's DataFileError for a bad file.
    """
    return split_digits(load_digits_npz(_data, name=name, max_bytes=MAX_UPLOADED_DATASET_BYTES))


@st.cache_resource(show_spinner=False)
def embedded() -> tuple[DigitSet, DigitSet]:
    """The embedded (training, test) digits, read-only."""
    return load_embedded()


def modified(path: Path) -> float:
    """When ``path`` last changed (-1 if it cannot be read): a cache key that reads a file again once it changes."""
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0
