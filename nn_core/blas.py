"""Choosing how many threads numpy's BLAS uses, by batch size.

For the small matrices of a 784-16-16-10 network, waking a second BLAS thread costs more
than it saves: one thread is fastest up to batches of a few hundred. numpy's wheels ship
OpenBLAS, whose C functions we can call through ctypes (no extra package). When no
OpenBLAS is found (another BLAS, or an unusual build) every function here is a no-op.
"""
from __future__ import annotations

import contextlib
import ctypes
import glob
import os
from collections.abc import Iterator
from functools import lru_cache

import numpy as np

# Batches at least this large get every core; smaller ones get one thread.
MULTITHREAD_FROM_BATCH = 64


@lru_cache(maxsize=1)
def _openblas():
    """(set_num_threads, get_num_threads) of the OpenBLAS numpy uses, or None."""
    numpy_dir = os.path.dirname(np.__file__)
    candidates = glob.glob(os.path.join(numpy_dir, "..", "numpy.libs", "*openblas*"))
    candidates += glob.glob(os.path.join(numpy_dir, ".dylibs", "*openblas*"))
    for path in candidates:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix in ("scipy_openblas", "openblas"):
            for suffix in ("64_", ""):
                setter = getattr(lib, f"{prefix}_set_num_threads{suffix}", None)
                getter = getattr(lib, f"{prefix}_get_num_threads{suffix}", None)
                if setter is not None and getter is not None:
                    setter.argtypes, setter.restype = [ctypes.c_int], None
                    getter.argtypes, getter.restype = [], ctypes.c_int
                    return setter, getter
    return None


def get_threads() -> int | None:
    """Threads BLAS uses now, or None when it cannot be told."""
    blas = _openblas()
    return blas[1]() if blas else None


def set_threads(count: int) -> None:
    """Use ``count`` BLAS threads from now on (process-wide)."""
    blas = _openblas()
    if blas:
        blas[0](max(1, int(count)))


def threads_for_batch(batch: int) -> int:
    """One thread for small batches, all cores for large ones."""
    return (os.cpu_count() or 1) if batch >= MULTITHREAD_FROM_BATCH else 1


@contextlib.contextmanager
def blas_threads(count: int) -> Iterator[None]:
    """Temporarily use ``count`` BLAS threads, restoring the previous number afterwards."""
    before = get_threads()
    set_threads(count)
    try:
        yield
    finally:
        if before is not None:
            set_threads(before)
