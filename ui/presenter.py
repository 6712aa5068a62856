"""The presenter layout, for a teacher at a projector: the sidebar folded, the figure first, one idea per screen.

Turned on by the sidebar's "Presenter layout" toggle or a link's ``view=presenter``; it brings large
text with it. A page's opening words are written with ``intro``: normally at once, in the presenter
layout after the figure (``intro_after_figure``), folded under "What this page says", so the first
screen of the projector holds the page's title and its figure. Long side material the page wraps in
``aside`` is folded away too.
"""
from __future__ import annotations

from contextlib import contextmanager

import streamlit as st

from ui import state


def on() -> bool:
    return bool(st.session_state.get(state.PRESENTER))


def intro(*paragraphs: str) -> None:
    """The page's opening words (markdown): written here, or after the figure in the presenter layout."""
    if on():   # kept for the page's fragment reruns too (they draw the figure again, and the words after it)
        st.session_state[state.PRESENTER_HELD] = (state.page(), list(paragraphs))
    else:
        for paragraph in paragraphs:
            st.markdown(paragraph)


def note(words: str) -> None:
    """A side note (a caption): here, or in the presenter layout with the opening words under the figure."""
    if not on():
        st.caption(words)
        return
    here = state.page()
    page, held = st.session_state.get(state.PRESENTER_HELD) or (here, [])
    st.session_state[state.PRESENTER_HELD] = (here, [*held, words] if page == here else [words])


def intro_after_figure() -> None:
    """Where the opening words go in the presenter layout: right after the figure, folded."""
    page, held = st.session_state.get(state.PRESENTER_HELD) or (None, [])
    if held and on() and page == state.page():
        with st.expander("What this page says", icon=":material/notes:"):
            for paragraph in held:
                st.markdown(paragraph)


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
    elif not first:
        st.set_page_config(initial_sidebar_state="expanded")

