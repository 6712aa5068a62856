"""Lesson mode: a card docked at the top of the page, leading through the lesson file's steps.

The card shows the step's text and its one action, outlines the part of the page it is about,
marks the step done when its check (ui/lesson_checks.py) passes on the live state, and asks a
predict-then-reveal question whose answer is measured now, on the network in use
(nn_core.questions). Back, Next and the step slider move through the steps and open each
step's page. The learner's guesses and the answers revealed are kept for the session.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from nn_core.lesson import Known, Lesson, LessonFileError, Question, Step, lesson_path, read_lesson
from nn_core.questions import MEASURES, LoneNeuron, NotReadyError, Situation, judge, measure
from ui import lesson_checks, lesson_order, loaders, state
from ui.level import level
from ui.plain import plain

KNOWN = Known(pages=tuple(page.url_path for page in lesson_order.PAGES),
              checks={name: check.params for name, check in lesson_checks.CHECKS.items()},
              measures={name: m.params for name, m in MEASURES.items()})
HIGHLIGHT = "#f0a500"    # the outline of the part of the page a step is about (amber: not a weight's colour)


@dataclass(frozen=True)
class Reveal:
    """One revealed answer: the learner's guess (None: revealed without one), what was measured, the verdict."""

    guess: float | str | None
    answer: float | str
    right: bool
    model: str                # the model it was measured on, in words


@st.cache_resource(show_spinner=False, max_entries=4)
def _read(path: str, modified: float) -> Lesson | str:
    """The lesson file, or the sentence saying why it cannot be used (cached until the file changes)."""
    try:
        return read_lesson(Path(path), KNOWN)
    except LessonFileError as exc:
        return str(exc)


def lesson() -> Lesson | str:
    """The lesson, or why the lesson file was refused."""
    path = lesson_path()
    try:
        modified = path.stat().st_mtime
    except OSError:
        modified = -1.0
    return _read(str(path), modified)


def loaded() -> Lesson | None:
    found = lesson()
    return found if isinstance(found, Lesson) else None


def on() -> bool:
    return bool(st.session_state.get(state.LESSON_ON)) and loaded() is not None


def current_step(found: Lesson) -> Step:
    index = st.session_state.get(state.LESSON_STEP, 0)
    index = index if isinstance(index, int) and 0 <= index < len(found.steps) else 0
    return found.steps[index]


# -- moving through the steps ---------------------------------------------------------------
def go_to(index: int) -> None:
    """Show step ``index`` (a callback: Back, Next, the slider, the home page's Start)."""
    found = loaded()
    if found is None:
        return
    index = min(max(int(index), 0), len(found.steps) - 1)
    st.session_state[state.LESSON_ON] = True
    st.session_state[state.LESSON_STEP] = index
    st.session_state[state.LESSON_JUMP] = index
    st.session_state[state.LESSON_MOVED] = True


def _jumped() -> None:
    go_to(st.session_state.get(state.LESSON_JUMP, 0))


def stop() -> None:
    st.session_state[state.LESSON_ON] = False


def follow(page_path: str) -> None:
    """After Back, Next or a jump, open the step's page (call before the page runs)."""
    if not st.session_state.pop(state.LESSON_MOVED, False) or not on():
        return
    step = current_step(loaded())
    if step.page != page_path:
        st.switch_page(lesson_order.entry(step.page).script)


# -- what a step's question is about --------------------------------------------------------
def situation(step: Step) -> Situation:
    """The network in use and what the learner is looking at, as the step's question measures it."""
    train, test = loaders.embedded()
    network = state.current_model().network
    digit = state.current_input()
    inputs, label = (digit.pixels, digit.label) if digit is not None else (None, None)
    if step.page == "backprop":   # that page learns from its own training digit, with its own copy of the network
        from ui import backprop_page

        copy = backprop_page.scratch()
        example = backprop_page.example(backprop_page.example_index(copy))
        network, inputs, label = copy.network, example.pixels, example.label
    trainer = st.session_state.get(state.TRAINER)
    return Situation(
        network, train, test, inputs, label, st.session_state.get(state.SELECTED_NEURON), _lone_neuron(),
        st.session_state.get(state.DESCENT_SEEN),
        tuple(e.test_accuracy for e in trainer.history.epochs) if trainer is not None else (),
        trainer.steps_done if trainer is not None and trainer.steps_done else None)


def _lone_neuron() -> LoneNeuron:
    from ui.one_neuron import INPUT_COUNT

    values = [st.session_state.get(key) for key in (state.one_input(i) for i in range(INPUT_COUNT))]
    weights = [st.session_state.get(key) for key in (state.one_weight(i) for i in range(INPUT_COUNT))]
    return LoneNeuron(tuple(map(float, values)), tuple(map(float, weights)), float(st.session_state[state.ONE_BIAS]),
                      st.session_state.get(state.ONE_ACTIVATION, "sigmoid"))


def answer_now(step: Step) -> float | str:
    """The step's answer measured now; NotReadyError says what to do first."""
    return measure(step.question.measure, situation(step), step.question.params)


def shown(question: Question, value: float | str) -> str:
    """An answer as the card writes it: '784', '7.64', '83.6 %', or the choice itself."""
    if isinstance(value, str):
        return value
    text = f"{value:,.{question.decimals}f}".replace("-", "−")
    return f"{text} {question.unit}".strip()


def reveal(step: Step) -> None:
    """The Reveal button: measure the answer now and judge the learner's guess."""
    guess = st.session_state.get(_guess_key(step))
    try:
        answer = answer_now(step)
    except NotReadyError as exc:
        st.session_state[_not_ready_key(step)] = str(exc)
        return
    st.session_state.pop(_not_ready_key(step), None)
    if not step.question.is_choice and isinstance(answer, float):
        answer = round(answer, step.question.decimals)
    answers = dict(st.session_state.get(state.LESSON_ANSWERS) or {})
    answers[step.id] = Reveal(guess, answer, judge(guess, answer, step.question.tolerance),
                              state.model_title(st.session_state.get(state.MODEL_CHOICE, "classic")))
    st.session_state[state.LESSON_ANSWERS] = answers
    kept = answers[step.id]
    from ui import classroom  # (it follows the lesson; the lesson only tells it the answer)

    classroom.record_answer(step.id, guess, shown(step.question, answer), kept.right, kept.model)


def revealed(step: Step) -> Reveal | None:
    return (st.session_state.get(state.LESSON_ANSWERS) or {}).get(step.id)


def _guess_key(step: Step) -> str:
    return f"lesson_guess_{step.id}"


def _not_ready_key(step: Step) -> str:
    return f"lesson_not_ready_{step.id}"


# -- done or not ---------------------------------------------------------------------------------
def check_passes(step: Step) -> bool:
    return lesson_checks.passed(step.check, step.check_params)


def done_steps() -> set[str]:
    return set(st.session_state.get(state.LESSON_DONE) or ())


def note_done(step: Step) -> bool:
    """Has the step's action been done (now, or before)? Remembers it the first time."""
    if step.id in done_steps():
        return True
    if step.page == st.session_state.get(state.PAGE) and check_passes(step):
        st.session_state[state.LESSON_DONE] = frozenset(done_steps() | {step.id})
        return True
    return False


def notice_progress() -> None:
    """At the end of a fragment: if the step's action was just done there, redraw the whole page (and the card)."""
    if on():
        step = current_step(loaded())
        if step.id not in done_steps() and note_done(step):
            st.rerun(scope="app")


# -- the card ------------------------------------------------------------------------------------
def card_slot():
    """The card's place at the top of the page (filled after the page ran, so it sees what the page did)."""
    return st.container() if on() else None


def fill(slot, page_path: str) -> None:
    if slot is None or not on():
        return
    found = loaded()
    step = current_step(found)
    index = found.steps.index(step)
    done = note_done(step)
    with slot.container(border=True, key="lesson_card"):
        _heading(found, index, step, done)
        words, question = st.columns([3, 2], gap="medium")
        with words:
            st.markdown(step.text_at(level()))
            if step.page != page_path:
                page = lesson_order.entry(step.page)
                st.page_link(page.script, label=f"This step happens on “{page.title}”: go there", icon=":material/east:")
            elif done:
                st.success(f"Done: {step.action}", icon=":material/check_circle:")
            else:
                st.info(f"**Do this:** {step.action}", icon=":material/touch_app:")
        with question:
            _question(step, done and step.page == page_path)
        _buttons(found, index)
    if step.page == page_path and step.highlight:
        _outline(step.highlight)


def _heading(found: Lesson, index: int, step: Step, done: bool) -> None:
    count = len(found.steps)
    st.markdown(f"**Lesson · step {index + 1} of {count}: {step.title}**" + (" ✓" if done else ""))
    finished = len(done_steps() & {s.id for s in found.steps})
    st.progress(finished / count, text=f"{finished} of {count} steps done")


def _question(step: Step, ready: bool) -> None:
    """The question: a guess first; the answer is revealed once the action is done (it is about what the action shows)."""
    question = step.question
    st.markdown(f"**Predict, then reveal.** {question.prompt}")
    key = _guess_key(step)
    if question.is_choice:
        st.segmented_control("Your guess", list(question.choices), key=key)
    else:
        st.number_input(f"Your guess{f' ({question.unit})' if question.unit else ''}", value=None, key=key,
                        step=10.0 ** -question.decimals if question.decimals else 1.0,
                        format=f"%.{question.decimals}f", placeholder="type a number")
    st.button("Reveal the answer", key="lesson_reveal", on_click=reveal, args=(step,), icon=":material/visibility:",
              disabled=not ready, help=None if ready else "Do the step first: the answer is measured on what it shows.")
    waiting = st.session_state.get(_not_ready_key(step))
    if waiting:
        st.caption(f"Not measurable yet: {waiting}")
    shown_answer = revealed(step)
    if shown_answer is not None:
        _verdict(step, shown_answer)


def _verdict(step: Step, answer: Reveal) -> None:
    question = step.question
    measured = shown(question, answer.answer)
    if answer.guess is None:
        verdict = "You revealed it without a guess."
    elif answer.right:
        verdict = f"Your guess {shown(question, answer.guess)} is right" + (
            f" (within ±{shown(question, question.tolerance)})." if question.tolerance else ".")
    else:
        verdict = f"Your guess was {shown(question, answer.guess)}."
    st.markdown(f"Measured on {answer.model} just now: **{measured}**. {verdict}")
    if question.explain:
        st.caption(question.explain.replace("{answer}", measured.removesuffix(" %").removesuffix(question.unit).strip()))


def _buttons(found: Lesson, index: int) -> None:
    count = len(found.steps)
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.button("Back", key="lesson_back", on_click=go_to, args=(index - 1,), disabled=index == 0,
                  icon=":material/arrow_back:")
        st.button("Next" if index + 1 < count else "Finish", key="lesson_next", type="primary",
                  on_click=go_to if index + 1 < count else stop, args=(index + 1,) if index + 1 < count else (),
                  icon=":material/arrow_forward:")
        st.session_state[state.LESSON_JUMP] = index
        st.select_slider("Jump to step", list(range(count)), key=state.LESSON_JUMP, on_change=_jumped,
                         format_func=lambda i: f"{i + 1}. {found.steps[i].title}", width=320)
        st.button("Leave the lesson", key="lesson_leave", on_click=stop, icon=":material/close:")


def _outline(keys: tuple[str, ...]) -> None:
    """Outline the parts of the page the step is about (keys come from the lesson file: letters, digits, - and _)."""
    selectors = ", ".join(f"[class*='st-key-{key}']" for key in keys)
    st.html(f"<style>{selectors} {{ outline: 3px solid {HIGHLIGHT}; outline-offset: 4px; border-radius: 6px; }}</style>")


def start_button(label: str = "Start the lesson") -> None:
    """The home page's way in: a button, or the sentence saying why the lesson file was refused."""
    found = lesson()
    if isinstance(found, str):
        st.error(f"The lesson cannot start: {plain(found, 800)}", icon=":material/error:")
        return
    st.button(f"{label} ({len(found.steps)} steps)", key="lesson_start", on_click=go_to, args=(0,), type="primary",
              icon=":material/school:")



def sidebar_entry() -> None:
    """In the sidebar: back into the lesson where it was left (or into it for the first time)."""
    found = loaded()
    if found is None or on():
        return
    index = st.session_state.get(state.LESSON_STEP, 0)
    label = "Start the lesson" if not index and not done_steps() else f"Back to the lesson (step {index + 1})"
    st.button(label, key="lesson_resume", on_click=go_to, args=(index,), icon=":material/school:")
