"""The words a learner meets, each with the same two-sentence definition on every page.

The definitions live in the lesson file (``[[terms]]`` in assets/lesson/lesson.toml), so a teacher
or a translator changes them in one place. A page lists the terms it uses; ``words_row`` shows
each as a small button that opens its definition (tests/app/test_glossary_and_level.py checks that
every term a page writes is in its row). In the presenter layout the row waits for the page's end
(``held_row``), so the projector's first screen holds the title and the figure.
"""
from __future__ import annotations

import streamlit as st

from nn_core.lesson import Term
from ui import lesson, presenter, state

HELD = "glossary_held"   # (page, its terms) waiting for the page's end in the presenter layout


def terms() -> tuple[Term, ...]:
    found = lesson.loaded()
    return found.terms if found is not None else ()


def definition(name: str) -> str:
    """The term's definition ('' if the lesson file, where the definitions live, could not be read)."""
    return next((term.definition for term in terms() if term.name == name), "")


def words_row(*names: str) -> None:
    """A row of the page's terms; each opens its definition (at the page's end in the presenter layout)."""
    if presenter.on():
        st.session_state[HELD] = (st.session_state.get(state.PAGE), names)
        return
    _row(names)


def held_row() -> None:
    """The row a page asked for in the presenter layout, written at its end."""
    page, names = st.session_state.pop(HELD, (None, ()))
    if presenter.on() and names and page == st.session_state.get(state.PAGE):
        _row(names)


def _row(names: tuple[str, ...]) -> None:
    known = [term for name in names for term in terms() if term.name == name]
    if not known:
        return
    with st.container(horizontal=True, vertical_alignment="center", key="glossary_row"):
        st.caption("Words on this page:")
        for term in known:
            with st.popover(term.name, type="tertiary"):
                st.markdown(f"**{term.name}**: {term.definition}")
