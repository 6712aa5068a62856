"""The class's settings on a student's page, from the follow tick: the level of the words, and the steps Back, Next
and Jump may open (ui/lesson/progress.Limits).

The level is the class's when the student joins and whenever the teacher changes it; in between, a student may
choose the other level in the sidebar. It is set at the start of the next run (progress.follow), before the
sidebar's Words control is drawn (a drawn control's value cannot change in the same run).
"""
from __future__ import annotations

import streamlit as st

from classroom.rooms import ClassState
from ui import state
from ui.classroom.joining import seat
from ui.lesson import progress


def limits_of(now: ClassState) -> progress.Limits:
    """The class's steps; while Next waits for the teacher, none past the step the teacher sent everyone to (the
    class's first step before the first move)."""
    first = now.first_step or 0
    held_at = (now.lesson_step if now.lesson_step is not None else first) if now.lock_next else None
    return progress.Limits(first, now.last_step, held_at)


def apply(now: ClassState, seen: ClassState | None) -> bool:
    """Follow the class's settings ``now`` (``seen``: the state this page followed before, None at first). True: the
    page must redraw (the level or the card's limits changed)."""
    mine = seat()
    if mine is None:
        return False
    redraw = False
    if st.session_state.get(state.CLASS_LEVEL_APPLIED) != (mine.token, now.level) or (
            seen is not None and seen.level != now.level):
        st.session_state[state.CLASS_LEVEL_APPLIED] = (mine.token, now.level)
        if st.session_state.get(state.LEVEL) != now.level:
            st.session_state[state.CLASS_LEVEL_NEXT] = now.level
            redraw = True
    limits = limits_of(now)
    if st.session_state.get(state.LESSON_LIMITS) != limits:
        st.session_state[state.LESSON_LIMITS] = limits
        redraw = redraw or progress.on()    # the card (outside this tick) shows the new limits
    return redraw
