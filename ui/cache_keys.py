"""The keys of every cache that depends on a network or an input: short fingerprints of what they compute.

The contract: a shared cache (``st.cache_resource``) takes the network itself as an unhashed
argument (``_network``) and, beside it, a key that names it: ``ui.state.model_key()`` for the
model in use (it changes whenever that model changes), or ``model_fingerprint`` of any other.
Two sessions then share an entry only when their networks are the same (never through a reused
id()). Arrays a figure or a cache depends on are named by their ``digest``.
"""
from __future__ import annotations

import hashlib

import numpy as np

from nn_core.modelfile import Model
from nn_core.network import Network


def digest(values: np.ndarray) -> str:
    """A short fingerprint of an array's contents."""
    return hashlib.blake2b(np.ascontiguousarray(values).tobytes(), digest_size=12).hexdigest()


def model_fingerprint(model: Model) -> str:
    """A digest of what the model computes: its layers, activation, cost, dtype and parameters."""
    network = model.network
    return f"{network.describe()}|{network.params.dtype}|{digest(network.params)}"


def model_name(network: Network) -> str:
    """The name a browser tab keeps a network's weights under (every live view uses it: one copy per tab)."""
    return f"net:{network.describe()}:{digest(network.params)}"
