"""A page's words around its picture: play first, read later.

Every figure page opens with its title (and the "Words on this page" control beside it), at most one
short ``lead`` line, the controls that drive its figure, and the figure. The opening words a page gives
``intro`` wait in session state and are written by ``after_figure`` right under the figure: plainly, or
folded under "What this page says" in the presenter layout (one idea per projected screen). They are
kept in session state, not written at once, because a fragment that redraws the figure also writes
the words under it again.
"""
from __future__ import annotations

import streamlit as st

from ui import glossary, presenter, state


def title(text: str, *terms: str) -> None:
    """The page's title, with its words (each opening its definition) in one compact control beside it."""
    if presenter.on():   # the projector's first screen: the title and the figure; the words wait for the page's end
        st.title(text)
        glossary.words_row(*terms)
        return
    with st.container(horizontal=True, vertical_alignment="center", gap="medium", key="page_title"):
        st.title(text, width="content")
        glossary.words_row(*terms)


def lead(text: str) -> None:
    """One short line above the figure: what to do with it (markdown)."""
    st.markdown(text)


def intro(*paragraphs: str) -> None:
    """The page's opening words (markdown), written under its figure by ``after_figure``."""
    st.session_state[state.PAGE_WORDS_HELD] = (state.page(), list(paragraphs))


def note(words: str) -> None:
    """A side note, written with the opening words under the figure."""
    here = state.page()
    page, held = st.session_state.get(state.PAGE_WORDS_HELD) or (here, [])
    st.session_state[state.PAGE_WORDS_HELD] = (here, [*held, words] if page == here else [words])


def after_figure() -> None:
    """The opening words, right under the figure: plain, or folded in the presenter layout."""
    page, held = st.session_state.get(state.PAGE_WORDS_HELD) or (None, [])
    if not held or page != state.page():
        return
    if presenter.on():
        with st.expander("What this page says", icon=":material/notes:"):
            for paragraph in held:
                st.markdown(paragraph)
    else:
        for paragraph in held:
            st.markdown(paragraph)
