"""Reading ``.npz`` files someone else made, safely.

``np.load(..., allow_pickle=False)`` never runs code, but a hostile file can still be a
zip bomb, hold object arrays, or simply not be a zip. ``read_npz`` checks the archive's
table of contents before reading anything, then loads every array without pickles and
turns every failure into the caller's own one-line error.
"""
from __future__ import annotations

import io
import os
import zipfile
from typing import BinaryIO

import numpy as np

from nn_core.errors import NNCoreError

NpzSource = str | os.PathLike | bytes | BinaryIO


def _as_file(source: NpzSource) -> BinaryIO | str | os.PathLike:
    return io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source


def read_npz(
    source: NpzSource,
    error: type[NNCoreError],
    what: str,
    max_bytes: int,
    max_arrays: int = 64,
) -> dict[str, np.ndarray]:
    """All arrays of an npz file (path, bytes or file object), or ``error`` with one sentence.

    ``what`` names the file in messages ("model file", "data set"); ``max_bytes`` caps the
    total uncompressed size.
    """
    try:
        with zipfile.ZipFile(_as_file(source)) as archive:
            entries = archive.infolist()
    except FileNotFoundError:
        raise error(f"{what} not found: {source}") from None
    except IsADirectoryError:
        raise error(f"{what} is a directory, not a file: {source}") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise error(f"this {what} is not a valid .npz file (it is not a zip archive of numpy arrays)") from None
    if not entries:
        raise error(f"this {what} is empty: it holds no arrays")
    if len(entries) > max_arrays:
        raise error(f"this {what} holds {len(entries)} arrays; at most {max_arrays} are expected")
    if any(not entry.filename.endswith(".npy") for entry in entries):
        raise error(f"this {what} holds files that are not numpy arrays")
    total = sum(entry.file_size for entry in entries)
    if total > max_bytes:
        raise error(
            f"this {what} would unpack to {total / 1e6:.0f} MB, more than the {max_bytes / 1e6:.0f} MB allowed"
        )
    try:
        with np.load(_as_file(source), allow_pickle=False) as npz:
            return {name: npz[name] for name in npz.files}
    except ValueError as exc:
        if "pickle" in str(exc).lower():
            raise error(f"this {what} contains Python objects (pickles), which are never loaded") from None
        raise error(f"this {what} is corrupt: {exc}") from None
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, RuntimeError) as exc:
        raise error(f"this {what} is corrupt or truncated ({type(exc).__name__})") from None


def text_field(arrays: dict[str, np.ndarray], key: str, error: type[NNCoreError], what: str) -> str:
    """A string stored as a 0-d unicode array (how ``np.savez`` stores a str)."""
    value = arrays.get(key)
    if value is None:
        raise error(f"this {what} has no '{key}' entry")
    if value.dtype.kind != "U" or value.ndim != 0:
        raise error(f"the '{key}' entry of this {what} is not a text")
    return str(value)
