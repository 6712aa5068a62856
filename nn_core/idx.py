"""The IDX file format MNIST is distributed in (optionally gzip-compressed).

Header: two zero bytes, a type code (0x08 = unsigned byte), the number of dimensions,
then one big-endian int32 per dimension; the data follows, row-major.
"""
from __future__ import annotations

import gzip
import struct

import numpy as np

from nn_core.errors import DataFileError

UBYTE = 0x08


def parse_idx(raw: bytes, name: str = "IDX file") -> np.ndarray:
    """An unsigned-byte IDX file (gzipped or not) as a uint8 array."""
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise DataFileError(f"{name} is not valid gzip data ({exc})") from None
    if len(raw) < 4 or raw[0:2] != b"\x00\x00":
        raise DataFileError(f"{name} is not an IDX file")
    type_code, dims = raw[2], raw[3]
    if type_code != UBYTE or not 1 <= dims <= 4:
        raise DataFileError(f"{name} holds IDX type 0x{type_code:02x} with {dims} dimensions; expected unsigned bytes")
    header = 4 + 4 * dims
    if len(raw) < header:
        raise DataFileError(f"{name} is truncated (incomplete header)")
    shape = struct.unpack(f">{dims}I", raw[4:header])
    expected = int(np.prod(shape, dtype=np.int64))
    if len(raw) - header != expected:
        raise DataFileError(f"{name} should hold {expected:,} bytes of data after its header, but holds {len(raw) - header:,}")
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(shape)


def make_idx(array: np.ndarray, compress: bool = True) -> bytes:
    """Encode a uint8 array as an IDX file (gzipped by default): used by tests and tools."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    raw = bytes([0, 0, UBYTE, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape) + array.tobytes()
    return gzip.compress(raw, mtime=0) if compress else raw
