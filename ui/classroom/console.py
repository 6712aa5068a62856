"""The teacher's console, for the projector: open a class, sign in with its code and key, move
everyone, reset their edits, set the class's level, steps and whether Next waits, see where each
student is (the board: who is stuck, who is away), the tally of the lesson's questions, the class's
own digits as the network in use reads them, and the challenge's leaderboard; close the class.

The teacher key is shown once, on a screen of its own between "Open a class" and the console
(``key_screen``); the console never shows it. The projector view is the console in the presenter
layout (ui/presenter.py): sidebar folded, large text, the code big beside the invitation, the
names, then the live panels; the teacher's own buttons wait at the bottom.

Every action and every refresh sends the code and the key to classroom.rooms, which checks the key
against its slow hash, once per run of the page and once per refresh of the live parts
(classroom.keys.one_check_per_run); the session keeps them only so the teacher need not type them again.
Signing in is the one place a typed key is tried, and only its tries are limited (per device): a console
signed in is never closed by anyone else's wrong keys or codes.
"""
from __future__ import annotations

import re
from datetime import UTC, datetime

import streamlit as st

from classroom.keys import one_check_per_run, tidy_code
from classroom.report import class_digits_npz, read_class_digits, tally
from classroom.rooms import AWAY_SECONDS, DEFAULT_HOURS, STUCK_MINUTES, ClassroomError, Console, Whereabouts
from figures.classroom import choice_figure, guess_spread_figure
from figures.images import enlarge
from figures.training import confusion_figure
from ui import alt_text, charts, presenter, state
from ui.classroom.bell import bell
from ui.classroom.invite import show_invite
from ui.classroom.shared import client, rooms, say, show_message
from ui.fragments import page_fragment
from ui.lesson.card import question_prompt
from ui.lesson.file import loaded
from ui.patches.script_context import session_id
from ui.plain import plain
from ui.scores import measured_test_accuracy

REFRESH_SECONDS = 3.0
MARKS = {"stuck": "⚠ stuck", "away": "· away"}   # the board's status column: a word and a sign, never colour alone
NUMBER = re.compile(r"[−-]?\d[\d,]*(?:\.\d+)?")


def signed_in() -> tuple[str, str] | None:
    return st.session_state.get(state.CLASS_TEACHER)


# -- opening a class, signing in, signing out -----------------------------------------------------
def open_or_sign_in() -> None:
    show_message()
    opened, existing = st.columns(2, gap="large")
    # callbacks, not `if st.form_submit_button(...)`: they run before the page, so a rerun that overtakes
    # this one on a busy server cannot lose the press
    with opened, st.form("class_open", border=True):
        st.subheader("Open a new class")
        st.caption("Do this before the console goes on the projector: the next screen shows your teacher key.")
        st.number_input("It closes by itself after (hours)", 1, 168, int(DEFAULT_HOURS), key=state.CLASS_HOURS)
        st.form_submit_button("Open a class", type="primary", icon=":material/add_circle:", key="class_open_submit",
                              on_click=_open)
    with existing, st.form("class_sign_in", border=True):
        st.subheader("The console of my class")
        st.text_input("Class code", max_chars=12, key=state.CLASS_TEACHER_CODE)
        st.text_input("Teacher key", type="password", max_chars=64, key=state.CLASS_TEACHER_KEY)
        st.form_submit_button("Open the console", icon=":material/login:", key="class_sign_in_submit", on_click=_sign_in)


def _open() -> None:
    hours = st.session_state.get(state.CLASS_HOURS) or DEFAULT_HOURS
    try:
        opened = rooms().open_class(hours=float(hours), client=client())
    except ClassroomError as exc:
        say("error", f"Could not open a class: {exc}.")
        return
    st.session_state[state.CLASS_TEACHER] = (opened.code, opened.teacher_key)
    st.session_state[state.CLASS_OPENED] = opened


def _sign_in() -> None:
    code = st.session_state.get(state.CLASS_TEACHER_CODE) or ""
    key = st.session_state.get(state.CLASS_TEACHER_KEY) or ""
    try:
        rooms().sign_in(code, key, client())   # the only place a typed key is tried: limited per device
    except ClassroomError as exc:
        say("error", f"Not signed in: {exc}.")
        return
    st.session_state[state.CLASS_TEACHER] = (tidy_code(code), key)


def sign_out() -> None:
    st.session_state[state.CLASS_TEACHER] = None
    st.session_state[state.CLASS_OPENED] = None


def key_waiting() -> bool:
    """A class was just opened and its key has not been written down yet."""
    return st.session_state.get(state.CLASS_OPENED) is not None


def key_screen() -> None:
    """The new class's teacher key, this once, on a screen of its own: the console comes after it, never with it."""
    opened = st.session_state.get(state.CLASS_OPENED)
    with st.container(border=True, key="class_key_once"):
        st.subheader(f"Class {opened.code} is open. Write down your teacher key")
        st.markdown("Keep it to yourself: with the class code, it opens this console from any device. It is shown "
                    "only on this screen, once, and kept nowhere in readable form: without it nobody, not even you, "
                    "can open the console again after signing out.")
        # made by classroom.keys: letters, digits, - and _ only
        st.markdown(f"<div style='font-size:2.2rem;font-weight:700;font-family:monospace' aria-label='teacher key'>"
                    f"{opened.teacher_key}</div>", unsafe_allow_html=True)
        st.button("I have written it down: open the console", key="class_key_hide", type="primary",
                  icon=":material/check:", on_click=st.session_state.pop, args=(state.CLASS_OPENED, None))


# -- the console -------------------------------------------------------------------------------------
def console() -> None:
    code, key = signed_in()
    show_message()
    with one_check_per_run():   # the page's run and the live parts inside it share one check of the key
        try:
            found = rooms().console(code, key, client())
        except ClassroomError as exc:
            sign_out()
            st.error(f"The console closed: {exc}.", icon=":material/lock:")
            return
        board(found)
        controls(found)
        settings(found)
        live_parts()


def board(found: Console) -> None:
    """What goes on the board: the code (and beside it how to get in), when the class ends."""
    ends = datetime.fromtimestamp(found.state.expires_at, UTC).strftime("%d %b %H:%M UTC")
    with st.container(key="console_invite"):
        show_invite(found.state.code)   # the address to type, a QR code of the join link, the code big
    st.caption(f"The class ends on {ends} and then deletes itself.")
    if not presenter.on():
        st.button("Projector view", key="class_projector", icon=":material/co_present:", on_click=projector_view,
                  args=(True,), help="The console for the class to see: large text, no sidebar, the code big.")


def projector_view(wanted: bool) -> None:
    """The console in the presenter layout (the same as a link's view=presenter), or back out of it."""
    st.session_state[state.PRESENTER] = wanted


def controls(found: Console) -> None:
    steps = _steps()
    with st.container(horizontal=True, vertical_alignment="bottom", key="class_controls"):
        if steps:
            usable = class_steps(found.state, len(steps))   # only the steps the class uses (its settings)
            now = found.state.lesson_step if found.state.lesson_step is not None else usable[0]
            if st.session_state.get(state.CLASS_STEP_SENT) != found.state.step_moves:   # a move was sent: ready the next
                st.session_state[state.CLASS_STEP_SENT] = found.state.step_moves
                st.session_state[state.CLASS_STEP_CHOICE] = now + 1 if found.state.step_moves else usable[0]
            if st.session_state.get(state.CLASS_STEP_CHOICE) not in usable:   # (the range changed since)
                st.session_state[state.CLASS_STEP_CHOICE] = min(max(now + 1, usable[0]), usable[-1])
            chosen = st.selectbox("Lesson step", usable,
                                  format_func=lambda i: f"{i + 1}. {steps[i].title}", key=state.CLASS_STEP_CHOICE)
            st.button(f"Everyone to step {chosen + 1}", key="class_move", type="primary", icon=":material/groups:",
                      on_click=_act, args=("move",))
        st.button("Reset everyone's edits", key="class_reset", icon=":material/restart_alt:", on_click=_act,
                  args=("reset",))
    moved, moves = found.state.lesson_step, found.state.step_moves
    st.caption("Students' pages follow within a few seconds. " +
               (f"Last sent: step {moved + 1} ({moves} move{'' if moves == 1 else 's'} so far)." if moved is not None
                else "Nobody has been moved yet."))


def class_steps(now, count: int) -> range:
    """The lesson's steps (0-based) that the class uses, by its settings, of ``count`` steps."""
    last = count - 1 if now.last_step is None else min(now.last_step, count - 1)
    return range(min(now.first_step or 0, last), last + 1)


def settings(found: Console) -> None:
    """The class's settings, each followed by every student's page within a few seconds."""
    steps = _steps()
    now = found.state
    if presenter.on():   # the room sees the settings, not the controls (Leave the projector view to change them)
        span = (f"steps {(now.first_step or 0) + 1} to {len(steps) if now.last_step is None else now.last_step + 1}"
                if steps else "")
        st.caption(" · ".join(part for part in (
            f"Words: {'simple' if now.level == 'simple' else 'with the maths'}", span,
            "Next waits for the teacher" if now.lock_next else "",
            "" if now.joining_open else "no new students") if part))
        return
    with st.expander("The class's settings", icon=":material/tune:", expanded=True):
        with st.container(horizontal=True, vertical_alignment="bottom", key="class_settings"):
            st.segmented_control("Words", ["simple", "full"], default=now.level, required=True, key=state.CLASS_SET_LEVEL,
                                 format_func={"simple": "simple", "full": "with the maths"}.get, on_change=_set)
            if steps:
                last = len(steps) - 1
                chosen = (min(now.first_step or 0, last), min(last if now.last_step is None else now.last_step, last))
                st.select_slider("Steps the class uses", range(len(steps)), value=chosen, key=state.CLASS_SET_STEPS,
                                 format_func=lambda i: f"{i + 1}. {steps[i].title}", on_change=_set, width=420)
            st.toggle("Next waits for me", value=now.lock_next, key=state.CLASS_SET_LOCK, on_change=_set)
            st.toggle("New students may join", value=now.joining_open, key=state.CLASS_SET_JOINING,
                      on_change=_set_joining)
        st.caption("**Words**: every student's page switches to this level when you change it (they can still switch "
                   "back in the sidebar); *simple* is for a first lesson, *with the maths* adds the formulas. "
                   "**Steps**: Back, Next and Jump stay within these steps. **Next waits for me**: nobody goes past "
                   "the step you sent everyone to; going back is still allowed. **New students may join**: turn it off once "
                   "everyone is in, and nobody else can take a seat (a student who leaves cannot come back until you "
                   "turn it on again).")


def _set() -> None:
    """A settings control changed: all three go to the class together."""
    code, key = signed_in()
    steps = _steps()
    chosen = st.session_state.get(state.CLASS_SET_STEPS)
    first, last = (int(chosen[0]), int(chosen[1])) if steps and chosen else (None, None)
    try:
        rooms().set_settings(code, key, client(), st.session_state.get(state.CLASS_SET_LEVEL) or "simple",
                             None if not first else first, None if last is None or last >= len(steps) - 1 else last,
                             bool(st.session_state.get(state.CLASS_SET_LOCK)))
    except ClassroomError as exc:
        say("error", f"Not changed: {exc}.")
        return
    bell().ring()   # this process's students hear it now; other replicas' within a quarter second


def _set_joining() -> None:
    code, key = signed_in()
    try:
        rooms().let_students_join(code, key, client(), bool(st.session_state.get(state.CLASS_SET_JOINING)))
    except ClassroomError as exc:
        say("error", f"Not changed: {exc}.")


def _act(action: str) -> None:
    code, key = signed_in()
    step = int(st.session_state.get(state.CLASS_STEP_CHOICE) or 0)   # the step chosen when the button was pressed
    try:
        if action == "move":
            rooms().move_everyone(code, key, client(), step)
            say("success", f"Everyone is on their way to step {step + 1}.")
        else:
            rooms().reset_edits(code, key, client())
            say("success", "Everyone's hand edits are being reset.")
    except ClassroomError as exc:
        say("error", f"Not done: {exc}.")
        return
    bell().ring(first=session_id())   # (this run is the teacher's answer: it goes before the thirty it sets off)


@page_fragment(run_every=REFRESH_SECONDS, lesson=False)
def live_parts() -> None:
    """The parts that change while the class works, refreshed every few seconds."""
    if signed_in() is None:
        return
    with one_check_per_run():   # a refresh of its own checks the key once (inside the page's run: not again)
        _live_parts(*signed_in())


def _live_parts(code: str, key: str) -> None:
    try:
        found = rooms().console(code, key, client())
    except ClassroomError:
        st.rerun(scope="app")
    joined = len(found.nicknames)
    st.subheader("1 student has joined" if joined == 1 else f"{joined} students have joined")
    if found.nicknames:
        st.text(", ".join(found.nicknames))           # as typed, never as markup
    students_board(found)
    questions(found)
    class_digits(code, key)
    leaderboard(found)


# -- the board: where each student is ----------------------------------------------------------------------
def students_board(found: Console) -> None:
    """One row per student: their step, done or not, guess locked, for how long, last seen; "stuck" (on the step for
    more than STUCK_MINUTES, its action not done) and "away" (silent for AWAY_SECONDS) in words. On the projector,
    the counts only: the room does not see who is stuck."""
    if not found.students:
        return
    st.markdown(f"**{summary(found, names=not presenter.on())}**")
    if presenter.on():
        return
    steps = _steps()
    now = found.read_at
    # (a table's cells are Markdown: a nickname goes in escaped, shown as typed and never as markup)
    rows = [{"status": MARKS.get(_status(one, now), ""), "student": plain(one.nickname),
             "step": "–" if one.step is None else plain(f"{one.step + 1}. {steps[one.step].title}")
             if one.step < len(steps) else str(one.step + 1),
             "done": "✓" if one.done else "–", "guess locked": "✓" if one.guess_locked else "–",
             "on this step for": _minutes(now - one.step_since) if one.step is not None and one.step_since else "",
             "last seen": "never" if one.last_seen is None else f"{max(0, now - one.last_seen):.0f} s ago"}
            for one in sorted(found.students, key=lambda one: _order(one, now))]
    with st.container(key="class_board"):   # a plain table: a screen reader reads its rows (a data grid's canvas not)
        st.table(rows, border="horizontal", hide_index=True)
    st.caption(f"**stuck**: on the same step for over {STUCK_MINUTES:.0f} minutes without doing it. **away**: their "
               f"page has said nothing for {AWAY_SECONDS:.0f} s (closed, asleep or offline).")


def summary(found: Console, names: bool = True) -> str:
    """One line: how many are on the teacher's step (or the most common one) and done, who is stuck, who is away."""
    now, everyone = found.read_at, found.students
    on_steps = [one.step for one in everyone if one.step is not None]
    step = found.state.lesson_step if found.state.lesson_step is not None else (
        max(set(on_steps), key=on_steps.count) if on_steps else None)
    parts = []
    if step is None:
        parts.append(f"{len(everyone)} joined, none in the lesson yet")
    else:
        here = [one for one in everyone if one.step == step]
        parts.append(f"{len(here)} of {len(everyone)} on step {step + 1}, {sum(one.done for one in here)} done")
    for word in ("stuck", "away"):
        who = [one for one in everyone if _status(one, now) == word]
        if who:
            parts.append(f"{len(who)} {word}" + (": " + ", ".join(plain(one.nickname) for one in who) if names else ""))
    return " · ".join(parts)


def _status(one: Whereabouts, now: float) -> str:
    """away (first: a silent page cannot say it moved on), stuck, or nothing."""
    return "away" if one.away(now) else "stuck" if one.stuck(now) else ""


def _order(one: Whereabouts, now: float) -> int:
    return {"stuck": 0, "away": 1}.get(_status(one, now), 2)   # stuck first: who needs the teacher now


def _minutes(seconds: float) -> str:
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


# -- the tally of the lesson's questions -----------------------------------------------------------
def _steps():
    found = loaded()
    return found.steps if found is not None else ()


def questions(found: Console) -> None:
    st.subheader("The lesson's questions")
    asked = [step for step in _steps() if step.question is not None]
    if not asked:
        st.caption("The lesson file has no questions.")
        return
    tallies = {t.step_id: t for t in tally(found.answers, tuple(step.id for step in asked))}
    rows = [{"step": step.title, "answered": tallies[step.id].answered, "predicted first": tallies[step.id].guessed,
             "right": "" if tallies[step.id].share_right is None else f"{tallies[step.id].share_right:.0%}"}
            for step in asked]
    st.dataframe(rows, hide_index=True, width="stretch")
    answered = [step for step in asked if tallies[step.id].answered]
    if not answered:
        st.caption("When students press Reveal on a question, their guesses and the measured answers appear here.")
        return
    step = st.selectbox("Look closer at", answered, index=len(answered) - 1, format_func=lambda s: s.title,
                        key="class_question_choice")
    one = tallies[step.id]
    st.markdown(f"**{plain(question_prompt(step.question), 300)}**")
    measured = ", ".join(f"{plain(answer)} ({count})" for answer, count in one.answers.items())
    st.caption(f"{one.answered} answered, {one.guessed} with a guess locked before the action; "
               + (f"{one.share_right:.0%} of the guesses were right. " if one.share_right is not None else "")
               + f"Measured on the students' networks: {measured}.")
    if one.numbers:
        values = [number for answer in one.answers for number in _numbers(answer)]
        charts.show(charts.shared(guess_spread_figure, one.numbers, tuple(values), state.palette()), key="class_spread",
                    static=True)
    elif one.choices:
        charts.show(charts.shared(choice_figure, one.choices, tuple(one.answers), state.palette()), key="class_choices",
                    static=True)


def _numbers(answer: str) -> list[float]:
    found = NUMBER.search(answer)
    return [float(found.group().replace(",", "").replace("−", "-"))] if found else []


# -- the class's own digits -------------------------------------------------------------------------
def class_digits(code: str, key: str) -> None:
    st.subheader("The class's own handwriting")
    digits = rooms().class_digits(code, key, client())
    if not len(digits.labels):
        st.caption("No drawings yet. Students give theirs on the Draw page with 'Give it to the class'.")
        return
    network = state.current_model().network
    reading = read_class_digits(network, digits)
    st.markdown(f"**{state.model_title(st.session_state.get(state.MODEL_CHOICE, 'classic'))} reads "
                f"{reading.accuracy:.0%} of the class's {_drawings(reading.count)} right** "
                f"(on the unseen MNIST test digits it gets {_test_accuracy(network):.0%}).")
    matrix, worst = st.columns([2, 3])
    with matrix:
        figure = charts.shared(confusion_figure, reading.confusion, state.palette(), height=320, row_title="digit meant")
        charts.show(figure, key="class_confusion", static=True, alt=alt_text.confusion(reading.confusion, "digit meant"))
        st.caption("Each row is the digit a student meant, each column the network's answer.")
    with worst:
        st.markdown("**Read worst**: the misread ones first, then those with the lowest output for the digit meant:")
        images = [enlarge(digits.images[i] / 255.0, 56) for i in reading.worst]
        captions = [f"meant {digits.labels[i]}, read {reading.predictions[i]} (a = {reading.label_activation[i]:.2f})"
                    for i in reading.worst]
        st.image(images, caption=captions, width=80,
                 alt=[alt_text.class_drawing(digits.labels[i], reading.predictions[i]) for i in reading.worst])
    st.download_button("Download the class's digits (.npz)", class_digits_npz(digits), file_name=f"class-{code}.npz",
                       mime="application/octet-stream", key="class_download", icon=":material/download:",
                       help="images (N, 28, 28) and labels (N,): the Data page's 'your own data set' accepts it")


def _drawings(count: int) -> str:
    return "1 drawing" if count == 1 else f"{count} drawings"


def _test_accuracy(network) -> float:
    return measured_test_accuracy(state.model_key(), network)


# -- the challenge -----------------------------------------------------------------------------------
def leaderboard(found: Console) -> None:
    """Each student's best model, ranked by its accuracy on the validation digits, with its whole recipe (a static
    table: long recipes wrap, never cut; every cell is plain text)."""
    st.subheader("The training challenge")
    if not found.leaderboard:
        st.caption("No entries yet. Students train on 'Watch it learn', each run from random weights of their own, "
                   "and enter it as often as they like; the app measures it on 500 training digits no run learns from "
                   "(validation digits) and keeps each student's best. The 1,000 test digits take no part: they stay "
                   "for the honest final check.")
        return
    counts = {entry.digits for entry in found.leaderboard}
    same = len(counts) == 1
    right = f"right, of {min(counts):,}" if same else "right"
    st.table([{"rank": rank, "student": plain(entry.nickname), right: f"**{entry.accuracy:.1%}**" +
               ("" if same else f" of {entry.digits:,}"), "recipe": plain(entry.recipe, len(entry.recipe))}
              for rank, entry in enumerate(found.leaderboard, start=1)], hide_index=True)
    st.caption("Each student's best run, measured by the app on the validation digits: training digits kept aside "
               "from every run. Choosing the best of many runs by a score flatters the winner a little, so the test "
               "digits take no part: they stay for the honest final check.")


# -- closing ------------------------------------------------------------------------------------------
def close_part() -> None:
    with st.popover("Close the class", icon=":material/delete_forever:"):
        st.write("This ends the class now and deletes everything it holds: the students' seats, answers, drawings "
                 "and challenge entries. It cannot be undone.")
        st.button("Close and delete everything", key="class_close", type="primary", on_click=_close)


def _close() -> None:
    code, key = signed_in()
    try:
        rooms().close_class(code, key, client())
    except ClassroomError as exc:
        say("error", f"Not closed: {exc}.")
        return
    bell().ring()
    sign_out()
    say("success", f"Class {code} is closed and all its data deleted.")
