"""Joining and leaving a class: the seat this session holds, the Join form, and a link's code (the console's QR code).

One browser holds one seat: a join from a session that has a seat keeps it (the same class) or gives it back first
(another class); the seat keeper (student.keep_seat) brings the browser's seat into every tab. Leaving gives the seat
back with everything it gave, so leaving and joining again never holds a second seat.

A link's code (``/join?code=K7Q2MX``) is read by the join page's settings table (ui/links/tables.py), which fills
the form; ``check_linked_code`` then says at once when it is a code no class can have.
"""
from __future__ import annotations

import streamlit as st

from classroom.keys import CODE_ALPHABET, tidy_code
from classroom.rooms import ClassroomError, ClassState, Seat
from classroom.schema import CODE_LENGTH
from ui import state
from ui.classroom.shared import client, rooms, say, store_problem
from ui.plain import plain


def seat() -> Seat | None:
    return st.session_state.get(state.CLASS_SEAT)


def join(code: str, nickname: str) -> None:
    held = seat()
    if held is not None and held.code == tidy_code(code):
        say("info", f"You are already in class {held.code} as {plain(held.nickname)}.")
        return
    try:
        if held is not None:
            rooms().leave(held.token)    # one seat per browser: the old class's seat goes back first
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
    """The Leave button's callback: the seat, and what it gave, are deleted in the store; every tab leaves too."""
    mine = seat()
    if mine is not None:
        try:
            rooms().leave(mine.token)
        except Exception:  # noqa: BLE001  (the store did not answer: stay in, and say so)
            say("error", "Could not leave: the class store did not answer. Try again in a moment.")
            return
    st.session_state[state.CLASS_SEAT] = None
    st.session_state[state.CLASS_SEEN] = None
    st.session_state[state.CLASS_SEAT_FORGET] = True
    say("info", "You left the class: your seat, and the answers, drawings and challenge entry you gave, are deleted. "
                "You can join again with the class code.")
