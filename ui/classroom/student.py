"""A student's side of the classroom: following the teacher, giving answers and drawings to the class (joining:
joining.py; the challenge: challenge.py; where they are, for the board: whereabouts.py). The store and its rules are
in classroom/ (no streamlit there).

What leaves a student's page: their nickname (optional), where they are in the lesson (step, done, guess locked),
their answers to the lesson's questions (the ones they revealed, while in a class), drawings they give with the
button, and models they enter in the challenge. Nothing else; and they see nothing of anyone else's.
"""
from __future__ import annotations

import logging

import numpy as np
import streamlit as st

from classroom.rooms import ClassroomError, NoSuchClassError, Seat
from ui import state
from ui.classroom import class_settings, whereabouts
from ui.classroom.bell import bell, states_reader
from ui.classroom.joining import seat
from ui.classroom.shared import rooms, say, show_message, store_problem
from ui.fragments import page_fragment
from ui.lesson import progress
from ui.lesson.file import loaded, shown
from ui.live.component import component
from ui.patches import rerun as server_reruns
from ui.patches.script_context import session_id
from ui.plain import plain
from ui.words import a_digit

FOLLOW_SECONDS = 5.0   # how often a student's page asks on its own (the class bell reruns it at once when the class
                       # changes; this timer is for a page the bell missed, and tells the board the page is there)
log = logging.getLogger("nn_explainer")


# -- keeping the seat per browser: across a reload, a restart of the server, and in every tab --------
def keep_seat() -> None:
    """Mount the seat keeper (every run, at the end of the page; it takes no room)."""
    mine = seat()
    mount = component("nn_seat_keeper", js=("seat_keeper.js",))
    mount(key=state.CLASS_SEAT_KEEPER, height=0, on_seat_change=_seat_returned,
          data={"token": mine.token if mine else "", "forget": bool(st.session_state.get(state.CLASS_SEAT_FORGET))})


def _seat_returned() -> None:
    """The browser holds a seat this session does not have: take it back if the class still holds it.

    An empty token: the student left the class in another tab of this browser, so this tab leaves too.
    A different token: they joined (another class) in another tab, so this tab follows them there.
    """
    token = (st.session_state.get(state.CLASS_SEAT_KEEPER) or {}).get("seat")
    mine = seat()
    if token == "" and mine is not None:
        st.session_state[state.CLASS_SEAT] = None
        st.session_state[state.CLASS_SEEN] = None
        st.session_state[state.CLASS_SEAT_FORGET] = True
        return
    if (mine is not None and mine.token == token) or not isinstance(token, str) or not 8 <= len(token) <= 64 \
            or store_problem():
        return
    try:
        taken = rooms().seat(token)
        now = rooms().follow(token)
    except ClassroomError:
        if mine is None:
            st.session_state[state.CLASS_SEAT_FORGET] = True     # the class has ended: the browser forgets it
        return
    except Exception:  # noqa: BLE001  (the store did not answer this time: the tab tries again by itself)
        log.warning("the class store did not answer a returning seat", exc_info=True)
        return
    st.session_state[state.CLASS_SEAT] = taken
    st.session_state[state.CLASS_SEEN] = now   # back where the class is, without replaying old moves
    st.session_state.pop(state.CLASS_SEAT_FORGET, None)


# -- following the teacher ------------------------------------------------------------------------
def catch_up() -> None:
    """At the start of every full run, before anything is drawn: in a class, listen for the class bell
    (ui/classroom/bell.py) and take in what the teacher changed since this page last looked. A move then opens the
    step's page in this same run (app.py, progress.follow, right after), and a new level or step range is drawn at
    once. The class ending, or a store that does not answer, is said by the class line after the page."""
    mine, session_id = seat(), _session_id()
    if mine is None:
        if session_id is not None:
            bell().forget(session_id)
        return
    try:
        now = rooms().follow(mine.token)
        if session_id is not None and server_reruns.available():   # (not under AppTest: no server to rerun with)
            found = loaded()
            bell().listen(session_id, mine.code, states_reader(rooms()), now,
                          tuple(step.page for step in found.steps) if found is not None else ())
    except Exception:  # noqa: BLE001  (ended, or no answer this time: the class line after the page deals with both)
        return
    _follow_the_teacher(now)


def bell_turn():
    """Around a full run (app.py): a run the class bell started waits for its turn (ui/classroom/turns.py)."""
    return bell().turns.turn(_session_id())


def _session_id() -> str | None:
    found = session_id()
    return None if found == "no-session" else found


def follow_slot():
    """The class line's place: the first thing on every page, so that its fragment is the same one on every page
    (a fragment's identity is its function and its place), and a question in flight across a page switch still
    finds it. Empty outside a class."""
    return st.container(key="class_slot") if seat() is not None else None


def follow_class(slot) -> None:
    """On every page, while in a class: the answers revealed since are given to the class, the class line says
    where the student is, and what the teacher changed is taken in (the class bell brings a move at once; the
    page's own timer asks every few seconds)."""
    if seat() is not None:
        give_answers()
    if seat() is not None and slot is not None:   # (still: the class may have ended meanwhile)
        with slot:
            _follow()


@page_fragment(lesson=False)
def _follow() -> None:
    """Run with every full run (after the page) and every few seconds by the page's own timer
    (ui/live/class_follower.js): the class line, and has the teacher changed anything this page has not taken in?"""
    mine = seat()
    if mine is None:
        return
    try:
        now = rooms().follow(mine.token)
    except NoSuchClassError:
        st.session_state[state.CLASS_SEAT] = None
        st.toast("Your class has ended: the teacher closed it, or its time is up.", icon=":material/logout:")
        st.rerun(scope="app")
    except Exception:  # noqa: BLE001  (the store did not answer this time: try again at the next tick)
        st.caption(f"In class {mine.code}: the class store did not answer, trying again…")
        now = None
    if now is not None:
        st.caption(f":material/groups: In class **{mine.code}** as {plain(mine.nickname)}")
    served = st.session_state.get(state.CLASS_FOLLOWS, 0) + 1
    st.session_state[state.CLASS_FOLLOWS] = served
    mount = component("nn_class_follower", js=("class_follower.js",))
    mount(key=state.CLASS_FOLLOWER, height=0, on_tick_change=_ticked,
          data={"every_ms": int(FOLLOW_SECONDS * 1000), "served": served})
    if now is not None:
        whereabouts.report(mine)             # where this page is in the lesson, for the teacher's board
        if _follow_the_teacher(now):
            st.rerun(scope="app")            # the full run opens the step's page before anything is drawn


def _ticked() -> None:
    """A tick from the page's timer: nothing to do but run the fragment."""


def _follow_the_teacher(now) -> bool:
    """Take in what the class's state ``now`` asks of this page: its settings, a reset of the edits, a move. True: the
    page must be drawn again (when this is called after the page was drawn)."""
    seen = st.session_state.get(state.CLASS_SEEN) or now
    st.session_state[state.CLASS_SEEN] = now
    redraw = class_settings.apply(now, seen)   # the class's level and the steps Back, Next and Jump may open
    if now.edit_resets > seen.edit_resets:
        st.session_state[state.EDITS] = None
        st.toast("Your teacher reset everyone's edits: the network is as it was trained.", icon=":material/restart_alt:")
        redraw = True
    if now.step_moves > seen.step_moves and now.lesson_step is not None:
        # the full run below starts by switching to the step's page (app.py, progress.follow), before anything is
        # drawn: no page switch from inside a fragment
        progress.go_to(now.lesson_step)
        st.toast(f"Your teacher moved everyone to lesson step {now.lesson_step + 1}.", icon=":material/school:")
        redraw = True
    return redraw


# -- what a student gives the class ---------------------------------------------------------------
def give_answers() -> None:
    """Every Reveal pressed (ui/lesson/progress.py) since the last run goes to the class, in the order pressed.

    A press is given once; if the store does not answer, it waits for the next run (said once). A step the
    lesson file no longer has is dropped; without the lesson file, nothing is given until it can be read.
    """
    found = loaded()
    if found is None:
        return
    answers = st.session_state.get(state.LESSON_ANSWERS) or {}
    given = dict(st.session_state.get(state.CLASS_SENT) or {})
    for step_id, kept in sorted(answers.items(), key=lambda item: item[1].number):
        if given.get(step_id) == kept:
            continue
        step = next((step for step in found.steps if step.id == step_id), None)
        try:
            if step is not None:
                _give_answer(seat(), step, kept)
        except NoSuchClassError:
            st.session_state[state.CLASS_SEAT] = None
            return
        except Exception:  # noqa: BLE001  (the store did not answer this time)
            if st.session_state.get(state.CLASS_SEND_FAILED) != kept:
                st.session_state[state.CLASS_SEND_FAILED] = kept
                st.toast("Your answer could not reach the class this time; it is still on your page, and goes "
                         "to the class once the class store answers again.", icon=":material/cloud_off:")
            return
        given[step_id] = kept
        st.session_state[state.CLASS_SENT] = given


def _give_answer(mine: Seat, step, kept: progress.Reveal) -> None:
    """One Reveal to the class. The guess goes with it only if it was locked before the step's action (a real
    prediction): the console's tally counts only those."""
    guess = kept.guess if kept.locked_before else None
    number = float(guess) if isinstance(guess, (int, float)) and not isinstance(guess, bool) else None
    rooms().answer(mine.token, step.id, None if guess is None else str(guess), number, shown(step.question, kept.answer),
                   None if guess is None else kept.right, kept.model)


def give_drawing_controls(digit: state.InputDigit | None) -> None:
    """On the Draw page, in a class: give this drawing to the class, with the digit it is meant to be."""
    if seat() is None:
        return
    st.subheader("Give this drawing to the class")
    if digit is None or digit.source != state.DRAWING:
        st.caption("Draw a digit first: drawings you give (with the button, never by themselves) go to your "
                   "teacher's screen, where the class sees how the network reads the class's own handwriting.")
        return
    with st.form("class_drawing", border=False, enter_to_submit=False):
        st.segmented_control("This is meant to be a", list(range(10)), key=state.CLASS_DRAWING_LABEL)
        st.form_submit_button("Give it to the class", icon=":material/send:", key="class_drawing_submit", on_click=_give)
    show_message()


def _give() -> None:
    """The button's callback: the drawing in use now, with the label chosen in the form."""
    digit, label = state.current_input(), st.session_state.get(state.CLASS_DRAWING_LABEL)
    if digit is None or digit.source != state.DRAWING:
        say("error", "Draw a digit first.")
        return
    if label is None:
        say("error", "Choose which digit you meant first: the class's digits are labelled by the people who drew them.")
        return
    try:
        count = rooms().give_drawing(seat().token, np.rint(digit.pixels.reshape(28, 28) * 255), int(label))
    except ClassroomError as exc:
        say("error", f"Not given: {exc}.")
        return
    say("success", f"Given: your drawing of {a_digit(label)} is with the class ({count} from you so far). "
                   "Only the 28x28 digit and its label are kept.")
