"""The lesson file, read once (and again when it changes) and validated against what the app knows:
its pages (ui/navigation.py), its completion checks (checks.py) and its measures (nn_core.questions).
"""
from __future__ import annotations

import functools
from pathlib import Path

import streamlit as st

from nn_core.lesson import Known, Lesson, LessonFileError, Question, Step, lesson_path, read_lesson
from nn_core.questions import FACTS, MEASURES
from ui import loaders, navigation, state
from ui.lesson import checks

SESSION_FACTS = ("positive", "negative")   # the colour names in use (ui/lesson/card.py fills them in)
KNOWN = Known(pages=tuple(page.url_path for page in navigation.PAGES),
              checks={name: check.params for name, check in checks.CHECKS.items()},
              measures={name: m.params for name, m in MEASURES.items()},
              choices={name: m.choices for name, m in MEASURES.items()}, facts=(*FACTS, *SESSION_FACTS),
              details={name: m.details for name, m in MEASURES.items()})


@functools.lru_cache(maxsize=4)   # (not st.cache_resource: read on every run, several times; this costs 1 µs, not 0.3 ms)
def _read(path: str, modified: float) -> Lesson | str:
    """The lesson file, or the sentence saying why it cannot be used (cached until the file changes)."""
    try:
        return read_lesson(Path(path), KNOWN)
    except LessonFileError as exc:
        return str(exc)


def lesson() -> Lesson | str:
    """The lesson, or why the lesson file was refused."""
    path = lesson_path()
    return _read(str(path), loaders.modified(path))


def loaded() -> Lesson | None:
    found = lesson()
    return found if isinstance(found, Lesson) else None


def current_step(found: Lesson) -> Step:
    index = st.session_state.get(state.LESSON_STEP, 0)
    index = index if isinstance(index, int) and 0 <= index < len(found.steps) else 0
    return found.steps[index]


def shown(question: Question, value: float | str) -> str:
    """An answer as the card writes it: '784', '7.64', '83.6 %', or the choice itself."""
    if isinstance(value, str):
        return value
    text = f"{value:,.{question.decimals}f}".replace("-", "−")
    return f"{text} {question.unit}".strip()


def tolerance(question: Question) -> str:
    """The tolerance as a person writes it: '±0.1', '±50', '±5 %' (not '±0.100')."""
    return f"±{question.tolerance:,g} {question.unit}".strip()
