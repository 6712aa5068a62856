"""The facts the lesson's words need about the network in use ({mistake}, {sizes}, ...), measured once per model.

``nn_core.questions.facts`` measures them; this keeps them per model (the bundled ones are shared by every
session, a session's own model is keyed by its fingerprint) and fills them into a step's texts.
"""
from __future__ import annotations

import streamlit as st

from nn_core.lesson import fill
from nn_core.network import Network
from nn_core.questions import confident_mistake
from nn_core.questions import facts as measure_facts
from ui import loaders, state


@st.cache_resource(show_spinner=False, max_entries=8)
def _facts(model_key: str, _network: Network) -> dict[str, str]:
    train, test = loaders.embedded()
    return measure_facts(_network, train, test)


@st.cache_resource(show_spinner=False, max_entries=8)
def _mistake(model_key: str, _network: Network) -> int:
    return confident_mistake(_network, loaders.embedded()[1]).index


def now() -> dict[str, str]:
    """The facts of the network in use."""
    return _facts(state.model_key(), state.current_model().network)


def mistake() -> int:
    """The test digit step 2 is about, for the network in use (nn_core.questions.confident_mistake)."""
    return _mistake(state.model_key(), state.current_model().network)


def filled(text: str) -> str:
    """``text`` with the facts of the network in use filled in."""
    return fill(text, now()) if "{" in text else text
