"""Short fingerprints of array contents: the keys of every cache that depends on a network or an input.

Shared caches (``st.cache_resource``) take the network itself as an unhashed argument (``_network``)
and a key naming it; the key must be this fingerprint of what the network computes, so two
sessions share an entry only when their networks are the same.
"""
from __future__ import annotations

import hashlib

import numpy as np


def digest(values: np.ndarray) -> str:
    """A short fingerprint of an array's contents."""
    return hashlib.blake2b(np.ascontiguousarray(values).tobytes(), digest_size=12).hexdigest()
