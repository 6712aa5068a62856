"""Reading ``.npz`` files someone else made, safely.

``np.load(..., allow_pickle=False)`` never runs code, but a hostile file can still be a
zip bomb, declare an array far larger than itself, hold object arrays, or simply not be a
zip. ``read_npz`` bounds every allocation before it happens:

1. the path must be a regular file (a pipe or ``/dev/zero`` would block or never end);
2. the zip's end record must announce at most ``max_arrays`` members in a small central
   directory (parsing a directory of a million members takes minutes and 100s of MB);
3. every member must be a ``.npy`` stored or deflated (the two ways numpy writes them;
   bzip2 and lzma decompress without a size limit), named once, and the declared sizes
   must add up to at most ``max_bytes``;
4. every member's ``.npy`` header is read first: a type without Python objects, and a
   shape whose bytes fit inside the member, so no array can be larger than its file says.

Only then is each array read, and every failure is the caller's own one-line error.
"""
from __future__ import annotations

import contextlib
import io
import math
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

import numpy as np

from nn_core.errors import NNCoreError

NpzSource = str | os.PathLike | bytes | BinaryIO
HeaderCheck = Callable[[str, tuple[int, ...], np.dtype], None]  # (array name, shape, dtype); raises to refuse

ALLOWED_KINDS = "biufcUSmM"       # booleans, integers, floats, complex, text, bytes, dates and times
MAX_HEADER_CHARS = 10_000         # numpy's own default limit for a .npy header
DIRECTORY_BYTES_PER_ARRAY = 1024  # a central-directory entry is 46 bytes + the name + extra fields
# Every way reading a hostile file can fail inside zipfile, zlib and numpy's .npy parser:
_CORRUPT = (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError, RuntimeError, ValueError,
            NotImplementedError, RecursionError, struct.error, OverflowError, TypeError, IndexError)


@contextlib.contextmanager
def _opened(source: NpzSource, error: type[NNCoreError], what: str) -> Iterator[BinaryIO]:
    """A binary file for ``source``; a path must name a regular file (checked before opening)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        yield io.BytesIO(source)
        return
    if not isinstance(source, (str, os.PathLike)):
        yield source
        return
    path = os.fspath(source)
    if not path:
        raise error(f"no {what} was given (the file name is empty)")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise error(f"{what} not found: {path}") from None
    except OSError as exc:
        raise error(f"cannot open the {what} {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise error(f"{what} is a directory, not a file: {path}")
    if not stat.S_ISREG(info.st_mode):
        raise error(f"{what} is not a regular file (it is a pipe, a device or a socket): {path}")
    try:
        file = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise error(f"cannot open the {what} {path}: {exc.strerror or exc}") from None
    with file:
        yield file


def _check_directory(file: BinaryIO, error: type[NNCoreError], what: str, max_arrays: int) -> None:
    """Refuse an archive whose end record announces too many members, before zipfile parses them.

    Uses zipfile's own end-record reader, so this check and zipfile read the same record.
    """
    end_record = getattr(zipfile, "_EndRecData", None)
    if end_record is None:  # a future Python without it: the member count is still checked afterwards
        return
    try:
        record = end_record(file)
        file.seek(0)
    except _CORRUPT:
        record = None
    if not record:
        return  # not a zip: zipfile says so next
    entries, directory_bytes = record[zipfile._ECD_ENTRIES_TOTAL], record[zipfile._ECD_SIZE]
    if entries > max_arrays:
        raise error(f"this {what} holds {entries:,} arrays; at most {max_arrays} are expected")
    if directory_bytes > max_arrays * DIRECTORY_BYTES_PER_ARRAY:
        raise error(f"this {what} has a table of contents of {directory_bytes:,} bytes, far more than "
                    f"{max_arrays} arrays need")


def _check_entries(entries: list[zipfile.ZipInfo], error, what: str, max_bytes: int, max_arrays: int) -> None:
    if not entries:
        raise error(f"this {what} is empty: it holds no arrays")
    if len(entries) > max_arrays:
        raise error(f"this {what} holds {len(entries)} arrays; at most {max_arrays} are expected")
    if any(not entry.filename.endswith(".npy") for entry in entries):
        raise error(f"this {what} holds files that are not numpy arrays")
    names = [entry.filename for entry in entries]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise error(f"this {what} holds two arrays with the same name ({repeated[0][:-4]!r})")
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise error(f"this {what} is encrypted")
    if any(entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for entry in entries):
        raise error(f"this {what} is compressed in a way numpy never writes (only stored or deflated arrays are read)")
    total = sum(entry.file_size for entry in entries)
    if total > max_bytes:
        raise error(
            f"this {what} would unpack to {total / 1e6:.0f} MB, more than the {max_bytes / 1e6:.0f} MB allowed"
        )


def _read_header(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> tuple[tuple[int, ...], np.dtype, int]:
    """(shape, dtype, header bytes) from the start of a ``.npy`` member, without reading its data."""
    with archive.open(entry) as member:
        version = np.lib.format.read_magic(member)
        if version == (1, 0):
            shape, _, dtype = np.lib.format.read_array_header_1_0(member, max_header_size=MAX_HEADER_CHARS)
        elif version == (2, 0):
            shape, _, dtype = np.lib.format.read_array_header_2_0(member, max_header_size=MAX_HEADER_CHARS)
        else:
            raise ValueError(f"unsupported .npy version {version}")
        return shape, dtype, member.tell()


def _check_header(name: str, shape, dtype: np.dtype, room: int, error, what: str, max_bytes: int,
                  check_header: HeaderCheck | None) -> None:
    """The array's type is plain data, the caller accepts it, and its bytes fit in the ``room`` its member has."""
    if dtype.hasobject:
        raise error(f"this {what} contains Python objects (pickles), which are never loaded")
    if dtype.kind not in ALLOWED_KINDS:
        raise error(f"the array {name!r} in this {what} has an unsupported type ({dtype})")
    if any(n < 0 for n in shape):
        raise error(f"this {what} is corrupt: the array {name!r} has a negative size {shape}")
    if check_header is not None:
        check_header(name, shape, dtype)
    count = math.prod(shape)
    if count * max(dtype.itemsize, 1) > min(room, max_bytes):
        raise error(f"this {what} is corrupt: the array {name!r} says it has shape {shape} of {dtype}, "
                    f"more than the {max(room, 0):,} bytes it holds")


def read_npz(
    source: NpzSource,
    error: type[NNCoreError],
    what: str,
    max_bytes: int,
    max_arrays: int = 64,
    check_header: HeaderCheck | None = None,
) -> dict[str, np.ndarray]:
    """All arrays of an npz file (path, bytes or file object), or ``error`` with one sentence.

    ``what`` names the file in messages ("model file", "data set"); ``max_bytes`` caps the
    total uncompressed size; ``check_header(name, shape, dtype)`` may refuse an array (by
    raising) from its header, before anything is allocated for it.
    """
    with _opened(source, error, what) as file:
        _check_directory(file, error, what, max_arrays)
        try:
            archive = zipfile.ZipFile(file)
        except _CORRUPT:
            raise error(f"this {what} is not a valid .npz file (it is not a zip archive of numpy arrays)") from None
        with archive:
            entries = archive.infolist()
            _check_entries(entries, error, what, max_bytes, max_arrays)
            try:
                headers = [(entry, *_read_header(archive, entry)) for entry in entries]
            except _CORRUPT as exc:
                raise error(f"this {what} is corrupt or truncated ({_reason(exc)})") from None
            for entry, shape, dtype, header_bytes in headers:
                name = entry.filename[:-4]
                _check_header(name, shape, dtype, entry.file_size - header_bytes, error, what, max_bytes, check_header)
            try:
                return {entry.filename[:-4]: _read_array(archive, entry) for entry in entries}
            except MemoryError:
                raise error(f"this {what} is too large to load into the memory available") from None
            except _CORRUPT as exc:
                raise error(f"this {what} is corrupt or truncated ({_reason(exc)})") from None


def _read_array(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> np.ndarray:
    with archive.open(entry) as member:
        return np.lib.format.read_array(member, allow_pickle=False, max_header_size=MAX_HEADER_CHARS)


def _reason(exc: BaseException) -> str:
    """A short, single-line reason (numpy's messages can quote a whole header)."""
    text = " ".join(str(exc).split())
    return type(exc).__name__ + (f": {text[:120]}" if text else "")


def text_field(arrays: dict[str, np.ndarray], key: str, error: type[NNCoreError], what: str) -> str:
    """A string stored as a 0-d unicode array (how ``np.savez`` stores a str)."""
    value = arrays.get(key)
    if value is None:
        raise error(f"this {what} has no '{key}' entry")
    if value.dtype.kind != "U" or value.ndim != 0:
        raise error(f"the '{key}' entry of this {what} is not a text")
    return str(value)
