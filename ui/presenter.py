"""The presenter layout, for a teacher at a projector: the sidebar folded, large text, one idea per screen.

Turned on by the sidebar's "Presenter layout" toggle or a link's ``view=presenter``; it brings large
text with it. Every page already puts its figure first (ui/page_words.py); here the opening words under
the figure are folded under "What this page says", the glossary waits for the page's end, and long side
material a page wraps in ``aside`` is folded away too.
"""
from __future__ import annotations

from contextlib import contextmanager

import streamlit as st

from ui import state


def on() -> bool:
    return bool(st.session_state.get(state.PRESENTER))


@contextmanager
def aside(title: str, expanded: bool = True):
    """Side material: an expander, folded in the presenter layout (one idea per screen)."""
    with st.expander(title, expanded=expanded and not on()):
        yield


def applied_page_config() -> None:
    """Fold the sidebar when the presenter layout starts; open it again when it ends (once per change)."""
    wanted = on()
    if st.session_state.get(state.PRESENTER_APPLIED) == wanted:
        return
    first = state.PRESENTER_APPLIED not in st.session_state
    st.session_state[state.PRESENTER_APPLIED] = wanted
    if wanted:
        st.session_state[state.LARGE_TEXT] = True
        st.set_page_config(initial_sidebar_state="collapsed")
        # a browser that once folded or opened the sidebar by hand keeps its own choice over the page config:
        # ui/live/screen.js folds it with Streamlit's own button, once per start
        st.session_state[state.SIDEBAR_FOLD] = st.session_state.get(state.SIDEBAR_FOLD, 0) + 1
    elif not first:
        st.set_page_config(initial_sidebar_state="expanded")

