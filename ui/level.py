"""The level of the words: "simple" for a first lesson (a 15-year-old), or "full", with the maths.

The simple level hides ∂, δ, Wᵀ, σ′, momentum, the random seed, augmentation, uploads, ReLU and
tanh, and samples per second; every page asks ``simple()`` before showing them.
"""
from __future__ import annotations

import streamlit as st

from ui import state

HIDDEN_AT_SIMPLE = ("∂", "δ", "Wᵀ", "σ′", "momentum", "seed", "augment", "upload", "ReLU", "tanh", "samples/s",
                    "Digits / second")


def level() -> str:
    return "simple" if st.session_state.get(state.LEVEL) == "simple" else "full"


def simple() -> bool:
    return level() == "simple"
