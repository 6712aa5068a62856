"""Predict, then reveal: while a lesson step asks for a number, the page keeps that number to itself.

A page calls ``veiled(measure)`` at the one place it prints what the measure measures: True while the
lesson's current step is on this page, asks for that measure, and has not been revealed yet. The page then
leaves the number out (``hide_result`` does it for a sentence ending in "= <the number>").
"""
from __future__ import annotations

import re

import streamlit as st

from ui import state
from ui.lesson import progress
from ui.lesson.file import current_step, loaded

HIDDEN = "hidden until you reveal the answer on the lesson card"
_RESULT = re.compile(r"= *[−+-]?[\d.,]*\d(\s*%)?(?P<end>\**\.?)$")


def veiled(measure: str) -> bool:
    """Should this page hide what ``measure`` measures? (the current step is here, asks for it, not revealed)"""
    if not progress.on():
        return False
    step = current_step(loaded())
    return (step.question.measure == measure and step.page == st.session_state.get(state.PAGE)
            and progress.revealed(step) is None)


def hide_result(measure: str, sentence: str) -> str:
    """``sentence`` with its final "= <number>" replaced by "= ?" while ``measure`` is veiled."""
    if not veiled(measure):
        return sentence
    return _RESULT.sub(lambda found: f"= ? ({HIDDEN}){found.group('end')}", sentence.rstrip())
