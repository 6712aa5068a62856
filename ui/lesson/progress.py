"""Where the learner is in the lesson: moving through the steps, the guesses locked, which steps are done, and the
answers revealed.

Predict, then reveal: on each step the learner first locks a guess (or skips it, saying so); only then is
the step's action credited, and only once it is done can the answer be revealed. (A *worked* question is
worked out from what the action shows: its guess is locked after the action, with the answer still hidden.)
A step is done when its completion check (checks.py) passes on the live state of its page; its question's
answer is measured at Reveal, on the network in use (nn_core.questions). The Reveal record says whether the
guess was locked before its answer could be seen, which is what makes it a prediction. Back, Next and the
step slider move through the steps and open each step's page. Locks and reveals are kept for the session
(a class's student page gives the reveals to the class: ui/classroom/).
"""
from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import streamlit as st

from nn_core.lesson import Step
from nn_core.questions import LoneNeuron, NotReadyError, Situation, ask, judge
from ui import loaders, navigation, state
from ui.lesson import checks
from ui.lesson.file import current_step, loaded
from ui.pages.backprop import scratch as backprop_scratch
from ui.pages.neuron.controls import INPUT_COUNT
from ui.pages.train import live as train_live


@dataclass(frozen=True)
class Lock:
    """A guess locked before the reveal (None: the learner skipped it), and whether the action was still to do."""

    guess: float | str | None
    before_action: bool       # before the action was done, or (a worked question) before the answer was shown

    @property
    def skipped(self) -> bool:
        return self.guess is None


@dataclass(frozen=True)
class Reveal:
    """One revealed answer: the learner's locked guess (None: skipped), what was measured, the verdict."""

    guess: float | str | None
    answer: float | str
    right: bool
    model: str                # the model it was measured on, in words
    number: int = 0           # this session's count of reveals when it was made: a new Reveal is a new press
    locked_before: bool = False   # locked before its answer could be seen (before the action, or for a worked
                                  # question before Reveal, the answer hidden): a real prediction
    details: Mapping[str, str] = field(default_factory=dict)   # the measured numbers the explanation quotes


def on() -> bool:
    return bool(st.session_state.get(state.LESSON_ON)) and loaded() is not None


@dataclass(frozen=True)
class Limits:
    """The steps a class lets its students open with Back, Next and Jump (set by ui/classroom/class_settings.py):
    ``first`` to ``last`` (0-based, both included; None: to the end), and, while Next waits for the teacher, no
    step past ``held_at`` (the step the teacher sent everyone to)."""

    first: int = 0
    last: int | None = None
    held_at: int | None = None


HELD = "Your teacher opens the next step."
SWITCH_TRIES = 3   # times a move to a step opens the step's page before it gives up (each try is one page switch)
ARRIVAL_GRACE = 3.0   # seconds after arriving on a step's page in which a run of another page is taken for a request
                      # the browser sent before it saw the switch, and switched back (in the class load a request
                      # waited at most about 1.7 s behind a move's 30 page runs; a learner who leaves for another
                      # page that soon is sent back once)
now = time.monotonic   # (a test may turn the clock)


def limits() -> Limits:
    """The class's limits, only while in a class (a learner on their own goes anywhere)."""
    found = st.session_state.get(state.LESSON_LIMITS)
    return found if isinstance(found, Limits) and st.session_state.get(state.CLASS_SEAT) is not None else Limits()


def open_steps(count: int) -> tuple[int, int]:
    """The first and last of ``count`` steps that Back, Next and Jump may open now."""
    found = limits()
    first = min(max(found.first, 0), count - 1)
    last = count - 1 if found.last is None else min(max(found.last, first), count - 1)
    if found.held_at is not None:
        last = max(first, min(last, found.held_at))
    return first, last


def held(index: int, count: int) -> bool:
    """Next waits for the teacher on step ``index``: it is at or past the teacher's step, inside the class's steps."""
    found = limits()
    end = count - 1 if found.last is None else min(found.last, count - 1)
    return found.held_at is not None and index >= open_steps(count)[1] and index < end


# -- moving through the steps ---------------------------------------------------------------
def go_to(index: int) -> None:
    """Show step ``index`` (a callback: Back, Next, the slider, the home page's Start)."""
    found = loaded()
    if found is None:
        return
    index = min(max(int(index), 0), len(found.steps) - 1)
    if index != st.session_state.get(state.LESSON_STEP) and st.session_state.get(state.TRAIN_RUNNING):
        # the lesson moves on: a training run still going pauses (its ticks would keep the next step's guess box
        # from reaching the app for as long as it runs: ~28 s on a tablet between steps 12 and 13)
        train_live.stop_running()
    st.session_state[state.LESSON_ON] = True
    st.session_state[state.LESSON_FINISHED] = False
    st.session_state[state.LESSON_STEP] = index
    st.session_state[state.LESSON_JUMP] = index
    st.session_state[state.LESSON_MOVED] = 1
    st.session_state[state.LESSON_FOLD] = None       # the card opens folded on every step
    scroll_to("top")
    step = found.steps[index]
    setup = checks.CHECKS[step.check].setup
    if setup is not None and step.id not in done_steps():
        setup()


def scroll_to(where: str) -> None:
    """Ask the card to scroll the page once: "top" (a new step: its page opens with the card's first line on screen),
    "part" (a guess locked: the part of the page to act on) or "verdict" (a Reveal)."""
    st.session_state[state.LESSON_SCROLL_TO] = (where, scroll_request()[1] + 1)


def scroll_request() -> tuple[str, int]:
    """The last scroll asked for, and its number (the browser does each number once)."""
    return st.session_state.get(state.LESSON_SCROLL_TO) or ("", 0)


def unfolded(step: Step) -> bool:
    """Is the card's fold ("More": the step's text, Jump to step, Leave) open on this step?"""
    return st.session_state.get(state.LESSON_FOLD) == step.id


def toggle_fold(step: Step) -> None:
    st.session_state[state.LESSON_FOLD] = None if unfolded(step) else step.id


def jumped() -> None:
    go_to(st.session_state.get(state.LESSON_JUMP, 0))


def stop() -> None:
    st.session_state[state.LESSON_ON] = False


def finish() -> None:
    """The last step's Finish: the card gives way to the summary of the learner's predictions."""
    stop()
    st.session_state[state.LESSON_FINISHED] = True


def close_summary() -> None:
    st.session_state[state.LESSON_FINISHED] = False


def finished() -> bool:
    return bool(st.session_state.get(state.LESSON_FINISHED)) and loaded() is not None


def follow(page_path: str) -> None:
    """After Back, Next or a jump, open the step's page (call before the page runs). Also the class's level, when
    it changed: set here, before the sidebar's Words control is drawn (ui/classroom/class_settings.py)."""
    class_level = st.session_state.pop(state.CLASS_LEVEL_NEXT, None)
    if class_level is not None:
        st.session_state[state.LEVEL] = class_level
    if not on():
        st.session_state.pop(state.LESSON_MOVED, None)
        st.session_state.pop(state.LESSON_ARRIVED, None)
        return
    step = current_step(loaded())
    tries = st.session_state.get(state.LESSON_MOVED, 0)
    if step.page == page_path or not (tries or _just_arrived()):
        return                                           # there (the move ends when this run does: ``arrived``)
    if tries > SWITCH_TRIES:
        st.session_state.pop(state.LESSON_MOVED, None)   # given up: the card's link still goes there
        return
    st.session_state[state.LESSON_MOVED] = tries + 1
    st.switch_page(navigation.entry(step.page).script)


def arrived(page_path: str) -> None:
    """At the end of a full run on the step's page: the move to it is over once that page is drawn whole.

    A request the browser sent from the old page before it saw the switch (a drag's end, a timer's tick) can reach
    the server after that, and Streamlit runs it on the old page: the run right after the step page's (Streamlit folds
    the two into one run, of the later one's page), or the next. In a class, where the teacher's moves come while
    students drag and click, for ``ARRIVAL_GRACE`` seconds after arriving and until the step's page runs whole once
    more, such a run switches back (``follow``). Seen in the class load
    (scripts/class_load.py, 30 students, 10 moves): a student left on the old page with the new step's card in 3 or 4
    of the 10 moves, before this."""
    if not on() or current_step(loaded()).page != page_path:
        return
    if st.session_state.pop(state.LESSON_MOVED, None) and st.session_state.get(state.CLASS_SEAT) is not None:
        st.session_state[state.LESSON_ARRIVED] = now()     # (in a class: the teacher's moves come unasked)
    else:
        st.session_state.pop(state.LESSON_ARRIVED, None)   # drawn whole again: the browser is on it


def _just_arrived() -> bool:
    """Is this run within ``ARRIVAL_GRACE`` of arriving on the step's page (so a run elsewhere is a late request)?"""
    since = st.session_state.get(state.LESSON_ARRIVED)
    return isinstance(since, float) and 0 <= now() - since < ARRIVAL_GRACE


# -- what a step's question is about --------------------------------------------------------
def situation(step: Step) -> Situation:
    """The network in use and what the learner is looking at, as the step's question measures it."""
    train, test = loaders.embedded()
    network = state.current_model().network
    digit = state.current_input()
    inputs, label = (digit.pixels, digit.label) if digit is not None else (None, None)
    if step.page == "backprop":   # that page learns from its own training digit, with its own copy of the network
        copy = backprop_scratch.scratch()
        example = backprop_scratch.example(backprop_scratch.example_index(copy))
        network, inputs, label = copy.network, example.pixels, example.label
    trainer = st.session_state.get(state.TRAINER)
    return Situation(
        network, train, test, inputs, label, st.session_state.get(state.SELECTED_NEURON), _lone_neuron(),
        st.session_state.get(state.DESCENT_SEEN),
        tuple(e.test_accuracy for e in trainer.history.epochs) if trainer is not None else (),
        trainer.steps_done if trainer is not None and trainer.steps_done else None)


def _lone_neuron() -> LoneNeuron:
    values = [st.session_state.get(key) for key in (state.one_input(i) for i in range(INPUT_COUNT))]
    weights = [st.session_state.get(key) for key in (state.one_weight(i) for i in range(INPUT_COUNT))]
    return LoneNeuron(tuple(map(float, values)), tuple(map(float, weights)), float(st.session_state[state.ONE_BIAS]),
                      st.session_state.get(state.ONE_ACTIVATION, "sigmoid"))


def answer_now(step: Step) -> tuple[float | str, Mapping[str, str]]:
    """The step's answer measured now (a number, or the text of the right choice) and its details;
    NotReadyError says what to do first."""
    return ask(step.question, situation(step))


# -- the guess, locked before the action -------------------------------------------------------
def locks() -> dict[str, Lock]:
    return dict(st.session_state.get(state.LESSON_LOCKS) or {})


def locked(step: Step) -> Lock | None:
    return locks().get(step.id)


def _keep_lock(step: Step, guess: float | str | None) -> None:
    kept = locks()
    unseen = step.question.worked or checks.CHECKS[step.check].on_arrival or not check_passes(step)
    kept[step.id] = Lock(guess, before_action=unseen)
    st.session_state[state.LESSON_LOCKS] = kept
    if not step.question.worked and step.id not in done_steps():
        scroll_to("part")           # now the action: the part of the page to act on comes into view


def lock(step: Step) -> None:
    """The "Lock my guess" button: keep the guess in the box (nothing, if the box is empty)."""
    guess = st.session_state.get(state.lesson_guess(step.id))
    if guess is not None and locked(step) is None:
        _keep_lock(step, guess)


def skip(step: Step) -> None:
    """The "Skip" button: the step goes on without a prediction, and says so."""
    if locked(step) is None:
        _keep_lock(step, None)


# -- the answer --------------------------------------------------------------------------------
def reveal(step: Step) -> None:
    """The Reveal button: measure the answer now and judge the locked guess."""
    kept = locked(step)
    if kept is None or step.id not in done_steps():
        return
    try:
        answer, details = answer_now(step)
    except NotReadyError as exc:
        st.session_state[state.lesson_not_ready(step.id)] = str(exc)
        return
    st.session_state.pop(state.lesson_not_ready(step.id), None)
    if not step.question.is_choice and isinstance(answer, float):
        answer = round(answer, step.question.decimals)
    answers = dict(st.session_state.get(state.LESSON_ANSWERS) or {})
    pressed = max((kept.number for kept in answers.values()), default=0) + 1
    answers[step.id] = Reveal(kept.guess, answer, judge(kept.guess, answer, step.question.tolerance),
                              state.model_title(st.session_state.get(state.MODEL_CHOICE, "classic")), pressed,
                              kept.before_action and not kept.skipped, dict(details))
    st.session_state[state.LESSON_ANSWERS] = answers
    scroll_to("verdict")


def revealed(step: Step) -> Reveal | None:
    return (st.session_state.get(state.LESSON_ANSWERS) or {}).get(step.id)


# -- done or not ---------------------------------------------------------------------------------
def check_passes(step: Step) -> bool:
    return checks.passed(step.check, step.check_params)


def done_steps() -> set[str]:
    return set(st.session_state.get(state.LESSON_DONE) or ())


def note_done(step: Step) -> bool:
    """Has the step's action been done (now, or before)? Remembers it the first time, once the guess is locked
    or skipped: an action done before that is credited when the guess is locked. (A worked question's guess
    comes after the action: its action is credited at once.)"""
    if step.id in done_steps():
        return True
    ready = locked(step) is not None or step.question.worked
    if ready and step.page == st.session_state.get(state.PAGE) and check_passes(step):
        st.session_state[state.LESSON_DONE] = frozenset(done_steps() | {step.id})
        return True
    return False


def notice_progress() -> None:
    """At the end of a fragment (ui/fragments.py): if the step's action was just done there, redraw the whole page
    (and the card, which is outside the fragment)."""
    if on():
        step = current_step(loaded())
        if step.id not in done_steps() and note_done(step):
            st.rerun(scope="app")
