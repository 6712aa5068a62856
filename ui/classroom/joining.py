"""Joining and leaving a class: the seat this session holds, the Join form, and a link's code (the console's QR code).

A link's code (``/join?code=K7Q2MX``) is read by the join page's settings table (ui/links/tables.py), which fills
the form; ``check_linked_code`` then says at once when it is a code no class can have.
"""
from __future__ import annotations

import streamlit as st

from classroom.keys import CODE_ALPHABET
from classroom.rooms import ClassroomError, ClassState, Seat
from classroom.schema import CODE_LENGTH
from ui import state
from ui.classroom.shared import client, rooms, say, store_problem
from ui.plain import plain


def seat() -> Seat | None:
    return st.session_state.get(state.CLASS_SEAT)


def join(code: str, nickname: str) -> None:
    try:
        taken = rooms().join(code, nickname, client())
        now = rooms().follow(taken.token)
    except ClassroomError as exc:
        say("error", f"Could not join: {exc}.")
        return
    st.session_state[state.CLASS_SEAT] = taken
    st.session_state[state.CLASS_SEEN] = ClassState(now.code, None, 0, now.edit_resets, now.expires_at)
    st.session_state.pop(state.CLASS_SEAT_FORGET, None)
    st.session_state[state.CLASS_SENT] = dict(st.session_state.get(state.LESSON_ANSWERS) or {})   # given only from now
    say("success", f"You are in class {taken.code} as {plain(taken.nickname)}.")


def join_from_form() -> None:
    """The Join form's callback: the code and nickname typed in it."""
    join(st.session_state.get(state.CLASS_JOIN_CODE) or "", st.session_state.get(state.CLASS_JOIN_NICKNAME) or "")


def check_linked_code() -> None:
    """On the Join page, once after a link filled in its code (ui/links/tables.py, the console's QR code): a code no
    class can have (not six of the board's letters and digits) gets at once the sentence a typed one gets."""
    if not st.session_state.pop(state.CLASS_JOIN_LINKED, False):
        return
    code = st.session_state.get(state.CLASS_JOIN_CODE) or ""
    if not (len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)) and store_problem() is None:
        join(code, "")   # refused by the store, as a typed wrong code is (it cannot match a class)


def leave() -> None:
    st.session_state[state.CLASS_SEAT] = None
    st.session_state[state.CLASS_SEEN] = None
    st.session_state[state.CLASS_SEAT_FORGET] = True
    say("info", "You left the class. What you already sent stays with your teacher until the class closes.")
