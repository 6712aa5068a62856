"""A student's side of the classroom: joining with the code, following the teacher, giving answers,
drawings and a model to the class. The store and its rules are in classroom/ (no streamlit there).

What leaves a student's page: their nickname (optional), their answers to the lesson's questions
(when they press Reveal, while in a class), drawings they give with the button, and models they
enter in the challenge. Nothing else; and they see nothing of anyone else's.
"""
from __future__ import annotations

import os

import numpy as np
import streamlit as st

from classroom.rooms import ClassroomError, ClassState, NoSuchClassError, Rooms, Seat
from classroom.store import StoreError, configured_url, open_engine
from ui import lesson, lesson_order, loaders, state
from ui.plain import plain

FOLLOW_SECONDS = 1.0          # how often a student's page asks whether the teacher moved everyone
BEHIND_PROXY_VARIABLE = "NN_BEHIND_PROXY"   # set by deploy/replicas.sh: the client is nginx's X-Real-IP
MESSAGE = "class_message"     # (kind, text) a callback leaves for the page: "success" | "error" | "info"
KEEPER_KEY = "class_seat_keeper"   # the component that keeps the seat in the tab (ui/live/seat_keeper.js)
FORGET = "class_seat_forget"  # the student left: the tab forgets the seat too


@st.cache_resource(show_spinner=False)
def _rooms(url: str) -> Rooms:
    return Rooms(open_engine(url))


def rooms() -> Rooms:
    """The classroom on this server's store (StoreError if it cannot be opened)."""
    return _rooms(configured_url())


def store_problem() -> str | None:
    """Why the classroom cannot be used here, in a sentence (None: it can)."""
    try:
        rooms()
    except StoreError as exc:
        return f"The class store cannot be opened: {exc}."
    except Exception as exc:  # noqa: BLE001  (a database that does not answer: say so, do not crash the page)
        return f"The class store cannot be opened ({type(exc).__name__}); ask whoever runs this server."
    return None


def require_store() -> None:
    """A class page without its store: say why, and draw nothing more."""
    problem = store_problem()
    if problem:
        st.error(problem, icon=":material/cloud_off:")
        st.stop()


def client() -> str:
    """Who is asking, for the rate limits: the browser's address (nginx's X-Real-IP behind deploy/replicas.sh)."""
    if os.environ.get(BEHIND_PROXY_VARIABLE):
        forwarded = st.context.headers.get("X-Real-IP")
        if isinstance(forwarded, str) and forwarded:
            return forwarded[:64]
    address = st.context.ip_address
    return address[:64] if isinstance(address, str) and address else "unknown"


def seat() -> Seat | None:
    return st.session_state.get(state.CLASS_SEAT)


def say(kind: str, text: str) -> None:
    st.session_state[MESSAGE] = (kind, text)


def show_message() -> None:
    """The message a callback left (once)."""
    found = st.session_state.pop(MESSAGE, None)
    if found is not None:
        kind, text = found
        {"success": st.success, "error": st.error}.get(kind, st.info)(text)


# -- joining and leaving --------------------------------------------------------------------------
def join(code: str, nickname: str) -> None:
    try:
        taken = rooms().join(code, nickname, client())
        now = rooms().follow(taken.token)
    except ClassroomError as exc:
        say("error", f"Could not join: {exc}.")
        return
    st.session_state[state.CLASS_SEAT] = taken
    st.session_state[state.CLASS_SEEN] = ClassState(now.code, None, 0, now.edit_resets, now.expires_at)
    st.session_state.pop(FORGET, None)
    say("success", f"You are in class {taken.code} as {plain(taken.nickname)}.")


def leave() -> None:
    st.session_state[state.CLASS_SEAT] = None
    st.session_state[state.CLASS_SEEN] = None
    st.session_state[FORGET] = True
    say("info", "You left the class. What you already sent stays with your teacher until the class closes.")


# -- keeping the seat across a reload or a server restart ------------------------------------------
def keep_seat() -> None:
    """Mount the seat keeper (every run, at the end of the page; it takes no room)."""
    from ui.live_component import component

    mine = seat()
    mount = component("nn_seat_keeper", js=("seat_keeper.js",))
    mount(key=KEEPER_KEY, data={"token": mine.token if mine else "", "forget": bool(st.session_state.get(FORGET))},
          height=0, on_seat_change=_seat_returned)


def _seat_returned() -> None:
    """The tab remembered a seat this session does not have: take it back if the class still holds it."""
    token = (st.session_state.get(KEEPER_KEY) or {}).get("seat")
    if seat() is not None or not isinstance(token, str) or not 8 <= len(token) <= 64 or store_problem():
        return
    try:
        taken = rooms().seat(token)
        now = rooms().follow(token)
    except ClassroomError:
        st.session_state[FORGET] = True     # the class has ended: the tab forgets it
        return
    st.session_state[state.CLASS_SEAT] = taken
    st.session_state[state.CLASS_SEEN] = now   # back where the class is, without replaying old moves
    st.session_state.pop(FORGET, None)


# -- following the teacher ------------------------------------------------------------------------
def follow_class() -> None:
    """On every page, while in a class: a line saying so, and the teacher's moves followed within seconds."""
    if seat() is not None:
        _follow()


@st.fragment(run_every=FOLLOW_SECONDS)
def _follow() -> None:
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
        return
    st.caption(f":material/groups: In class **{mine.code}** as {plain(mine.nickname)}")
    seen = st.session_state.get(state.CLASS_SEEN) or now
    st.session_state[state.CLASS_SEEN] = now
    if now.edit_resets > seen.edit_resets:
        st.session_state[state.EDITS] = None
        st.toast("Your teacher reset everyone's edits: the network is as it was trained.", icon=":material/restart_alt:")
    if now.step_moves > seen.step_moves and now.lesson_step is not None:
        _go_where_the_class_is(now.lesson_step)


def _go_where_the_class_is(index: int) -> None:
    """Open lesson step ``index`` on its page: one run of that page (not a rerun of this one first)."""
    lesson.go_to(index)
    st.toast(f"Your teacher moved everyone to lesson step {index + 1}.", icon=":material/school:")
    found = lesson.loaded()
    step = found.steps[min(index, len(found.steps) - 1)] if found is not None else None
    if step is not None and step.page != st.session_state.get(state.PAGE):
        st.session_state.pop(state.LESSON_MOVED, None)   # (the switch below is the move)
        st.switch_page(lesson_order.entry(step.page).script)
    st.rerun(scope="app")


# -- what a student gives the class ---------------------------------------------------------------
def record_answer(step_id: str, guess: float | str | None, answer: str, right: bool | None, model: str) -> None:
    """A revealed answer goes to the class, when in one (silently skipped if the store does not answer)."""
    mine = seat()
    if mine is None:
        return
    number = float(guess) if isinstance(guess, (int, float)) and not isinstance(guess, bool) else None
    try:
        rooms().answer(mine.token, step_id, None if guess is None else str(guess), number, answer,
                       None if guess is None else right, model)
    except NoSuchClassError:
        st.session_state[state.CLASS_SEAT] = None
    except Exception:  # noqa: BLE001
        st.toast("Your answer could not reach the class this time; it is still on your page.", icon=":material/cloud_off:")


def give_drawing_controls(digit: state.InputDigit | None) -> None:
    """On the Draw page, in a class: give this drawing to the class, with the digit it is meant to be."""
    if seat() is None:
        return
    st.subheader("Give this drawing to the class")
    if digit is None or digit.source != "drawing":
        st.caption("Draw a digit first: drawings you give (with the button, never by themselves) go to your "
                   "teacher's screen, where the class sees how the network reads the class's own handwriting.")
        return
    with st.form("class_drawing", border=False, enter_to_submit=False):
        st.segmented_control("This is meant to be a", list(range(10)), key="class_drawing_label")
        st.form_submit_button("Give it to the class", icon=":material/send:", key="class_drawing_submit", on_click=_give)
    show_message()


def _give() -> None:
    """The button's callback: the drawing in use now, with the label chosen in the form."""
    digit, label = state.current_input(), st.session_state.get("class_drawing_label")
    if digit is None or digit.source != "drawing":
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
    say("success", f"Given: your drawing of a {label} is with the class ({count} from you so far). "
                   "Only the 28x28 digit and its label are kept.")


def challenge_controls(trainer) -> None:
    """On the Train page, in a class: enter the trained model; the server measures it on the unseen test digits."""
    if seat() is None or trainer is None or not trainer.steps_done:
        return
    st.subheader("The class challenge")
    train, test = loaders.embedded()
    if trainer.train is not train:
        st.caption("The challenge is for models trained on the 4,000 embedded training digits: choose them on the "
                   "Data page and train again to enter.")
        return
    st.caption(f"Your teacher's board ranks models by their accuracy on the {len(test):,} unseen test digits, "
               "measured here on the server when you enter.")
    st.button("Enter this model in the challenge", key="class_challenge", icon=":material/emoji_events:",
              on_click=_enter, args=(trainer.network, test))
    show_message()


def _enter(network, test) -> None:
    """The button's callback: measure the model here, then enter it with that measurement."""
    from nn_core.evaluate import evaluate

    scored = evaluate(network, test)
    try:
        rooms().enter_challenge(seat().token, network.describe()[:40], scored.accuracy, scored.n)
    except ClassroomError as exc:
        say("error", f"Not entered: {exc}.")
        return
    say("success", f"Entered: {scored.accuracy:.1%} right on the {scored.n:,} unseen test digits, measured here.")
