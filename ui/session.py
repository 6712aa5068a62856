"""A visitor's session: every key given its starting value, widget values kept across pages, a reset.

The starting values come from two places: the session's own values (ui/state.DEFAULTS) and the
pages' settings tables (ui/links/tables.py), whose rows also say which keys are widgets.
"""
from __future__ import annotations

import streamlit as st

from ui import state
from ui.links import tables

DEFAULTS = {**state.DEFAULTS, **tables.defaults()}
# Widgets keep the value the browser last sent; resetting them means setting them, not deleting them.
WIDGET_KEYS = tables.widget_keys()


def init() -> None:
    """Give every key its starting value (idempotent: safe on every rerun)."""
    for key, value in DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = value
    if state.INPUT not in st.session_state:
        st.session_state[state.INPUT] = state.test_digit(state.DEFAULT_TEST_INDEX)


def keep_widget_values() -> None:
    """Keep every widget's value while its page is not shown.

    Streamlit deletes a widget's key from session state after a run that did not draw the
    widget (the visitor went to another page); ``init`` would then put the default back, and
    a test digit picked on the Draw page or a recipe typed on the Train page would be lost.
    Writing each value back to its own key, before any page draws, makes it the session's.
    """
    for key in list(st.session_state.keys()):
        if key in WIDGET_KEYS or state.is_descent_start(key):   # (one pair of start sliders per landscape)
            st.session_state[key] = st.session_state[key]


def reset() -> None:
    """Forget everything this session did: back to the classic model and the default digit.

    Meant as a button callback (it runs before the next script run). Widgets that cannot be
    set (the canvas, the file uploader) get new keys, which empties them.
    """
    generation = st.session_state.get(state.CANVAS_VERSION, 0) + 1
    for key in list(st.session_state.keys()):
        if key not in WIDGET_KEYS and key not in state.KEPT_ON_RESET:
            del st.session_state[key]
    for key in WIDGET_KEYS:
        st.session_state[key] = DEFAULTS[key]
    init()
    st.session_state[state.CANVAS_VERSION] = generation
