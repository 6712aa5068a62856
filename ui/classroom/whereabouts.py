"""Where a student's page is in the lesson, told to the class for the teacher's board: the card's step, whether
its action is done, whether a guess is locked on it. Called by the class line after every full run and every
follow tick (ui/classroom/student.py); it writes only when one of those changed, or every REPORT_SECONDS to say
the page is still there, so 30 students write a few rows a second, not one per run.
"""
from __future__ import annotations

import streamlit as st

from classroom.rooms import Seat
from ui import state
from ui.classroom.shared import rooms
from ui.lesson import progress
from ui.lesson.file import current_step, loaded

REPORT_SECONDS = 15.0   # a page that changed nothing says it is still there this often (the board's "away": 30 s)


def where_i_am() -> tuple[int | None, bool, bool]:
    """The lesson step the card is on (None: not in the lesson), whether its action is done, whether a guess is
    locked on it (a skipped guess is no guess)."""
    found = loaded()
    if found is None or not progress.on():
        return None, False, False
    step = current_step(found)
    kept = progress.locked(step)
    return found.steps.index(step), step.id in progress.done_steps(), kept is not None and not kept.skipped


def report(mine: Seat) -> None:
    """Tell the class where this page is, if it changed or was last told REPORT_SECONDS ago (the store's clock).
    A store that does not answer is tried again at the next tick."""
    where = where_i_am()
    now = rooms().clock()
    told = st.session_state.get(state.CLASS_REPORTED)
    if told is not None and told[:4] == (mine.token, *where) and now - told[4] < REPORT_SECONDS:
        return
    try:
        rooms().report_whereabouts(mine.token, *where)
    except Exception:  # noqa: BLE001  (the class ended, or the store did not answer: the follow tick deals with both)
        return
    st.session_state[state.CLASS_REPORTED] = (mine.token, *where, now)
