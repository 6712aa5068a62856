"""The level of the words: "simple" for a first lesson (a 15-year-old), or "full", with the maths.

The simple level hides ∂, δ, Wᵀ, σ′, momentum, the random seed, augmentation, uploads, ReLU and
tanh, and samples per second; every page asks ``simple()`` before showing them. It also writes
no matrix W⁽ˡ⁾, no gradient symbol ∇ (nor |∇C|) and no logarithm ln: words say what they mean
(tests/app/test_glossary_and_level.py reads every page at the simple level for all of these).
"""
from __future__ import annotations

import streamlit as st

from ui import state

HIDDEN_AT_SIMPLE = ("∂", "δ", "Wᵀ", "σ′", "momentum", "seed", "augment", "upload", "ReLU", "tanh", "samples/s",
                    "Digits / second")
SYMBOLS_HIDDEN_AT_SIMPLE = ("W⁽", "∇", "|∇C|", "ln")   # "ln" as a word of its own: "−ln a_y", not "kiln"


def level() -> str:
    return "simple" if st.session_state.get(state.LEVEL) == "simple" else "full"


def simple() -> bool:
    return level() == "simple"
