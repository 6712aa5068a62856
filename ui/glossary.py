"""The words a learner meets, each with the same two-sentence definition on every page.

The definitions live in the lesson file (``[[terms]]`` in assets/lesson/lesson.toml), so a teacher
or a translator changes them in one place; this reads only them (nn_core.lesson.read_terms). A page
lists the terms it uses; ``words_row`` offers them in one compact control beside the page's title,
"Words on this page", that opens every definition (tests/app/test_glossary_and_level.py checks that
every term a page writes is in it). In the presenter layout it waits for the page's end
(``held_row``), so the projector's first screen holds the title and the figure.
"""
from __future__ import annotations

import functools
from pathlib import Path

import streamlit as st

from nn_core.lesson import LessonFileError, Term, lesson_path, read_terms
from ui import loaders, presenter, state


@functools.lru_cache(maxsize=4)   # (read on every run: see ui/lesson/file.py)
def _read(path: str, modified: float) -> tuple[Term, ...]:
    """The lesson file's terms (cached until the file changes); none if it cannot be read."""
    try:
        return read_terms(Path(path))
    except LessonFileError:
        return ()


def terms() -> tuple[Term, ...]:
    path = lesson_path()
    return _read(str(path), loaders.modified(path))


def definition(name: str) -> str:
    """The term's definition ('' if the lesson file, where the definitions live, could not be read)."""
    return next((term.definition for term in terms() if term.name == name), "")


def words_row(*names: str) -> None:
    """The page's terms, each with its definition, in one control (at the page's end in the presenter layout)."""
    if presenter.on():
        st.session_state[state.GLOSSARY_HELD] = (state.page(), names)
        return
    _row(names)


def held_row() -> None:
    """The row a page asked for in the presenter layout, written at its end."""
    page, names = st.session_state.pop(state.GLOSSARY_HELD, (None, ()))
    if presenter.on() and names and page == state.page():
        _row(names)


def _row(names: tuple[str, ...]) -> None:
    """One compact control: "Words on this page", opening every term's definition (one line on any screen)."""
    known = [term for name in names for term in terms() if term.name == name]
    if not known:
        return
    with st.popover("Words on this page", icon=":material/menu_book:", type="tertiary", key="glossary_row",
                    help=", ".join(term.name for term in known)):
        for term in known:
            st.markdown(f"**{term.name}**: {term.definition}")
