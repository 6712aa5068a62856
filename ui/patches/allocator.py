"""Give freed memory back to the system: glibc's allocator, tuned once for a server of many threads.

Every visitor's script runs on a thread of its own, and glibc gives threads separate memory
arenas (up to 8 per core) that keep what was freed in them; numpy's large temporary arrays
also move glibc's mmap threshold up, after which they are carved from those arenas too. A
class's worth of visitors training on a large data set then leaves the server tens of MB
bigger after everyone has gone. Two arenas, and large blocks always mapped (so returned the
moment they are freed), keep it close to what is really in use. Measured with
scripts/memory_check.py; see the README's limits. On other C libraries this does nothing.
"""
from __future__ import annotations

import ctypes
import ctypes.util

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_ARENA_MAX = -1, -3, -8  # from glibc's malloc.h
ARENAS = 2
MAPPED_FROM = 64 * 1024         # blocks of this size or more get their own mapping
TRIM_FROM = 1024 * 1024         # free space at a heap's top beyond this goes back at once

_done = False


def tune() -> bool:
    """Apply the settings once per process; True if this C library took them."""
    global _done
    if _done:
        return True
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    _done = all(mallopt(option, value) == 1 for option, value in
                ((M_ARENA_MAX, ARENAS), (M_MMAP_THRESHOLD, MAPPED_FROM), (M_TRIM_THRESHOLD, TRIM_FROM)))
    return _done
