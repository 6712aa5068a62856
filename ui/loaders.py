"""Shared, read-only objects, loaded once per server process for every session."""
from __future__ import annotations

import streamlit as st

from nn_core.bundled import load_bundled
from nn_core.data import DigitSet, load_embedded
from nn_core.modelfile import Model


@st.cache_resource(show_spinner=False)
def bundled(name: str) -> Model:
    """A bundled model (its parameters are read-only: copy before editing)."""
    return load_bundled(name)


@st.cache_resource(show_spinner=False)
def embedded() -> tuple[DigitSet, DigitSet]:
    """The embedded (training, test) digits, read-only."""
    return load_embedded()
