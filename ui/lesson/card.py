"""The lesson's card, docked at the top of the page: the step's text and its one action, the part of the
page it is about outlined, "Done" from the live state, and a predict-then-reveal question: a guess locked
before the action (or skipped, saying so), the answer revealed once the action is done. After the last
step, a summary of the learner's predictions. Also the ways into the lesson: the home page's Start button
and the sidebar's "Back to the lesson".
"""
from __future__ import annotations

import numpy as np
import streamlit as st

from figures.images import enlarge, enlarge_rgb, signed_colours
from nn_core.lesson import Lesson, Question, Step
from nn_core.lesson import fill as fill_placeholders
from nn_core.questions import MEASURES
from ui import loaders, navigation, state
from ui.lesson import progress
from ui.lesson.facts import now as facts_now
from ui.lesson.file import current_step, lesson, loaded, shown, tolerance
from ui.lesson.progress import Reveal, done_steps, go_to, locked, note_done, on, revealed, stop
from ui.level import level
from ui.live.component import component
from ui.plain import plain

HIGHLIGHT = "#f0a500"    # the outline of the part of the page a step is about (amber: not a weight's colour)
PICTURE_NAMES = ("the edge", "the loop", "the 3")


def card_slot():
    """The card's place at the top of the page (filled after the page ran, so it sees what the page did)."""
    return st.container() if on() or progress.finished() else None


def words() -> dict[str, str]:
    """What a step's {placeholders} stand for now: the facts of the network in use and the colours in use."""
    colours = state.palette()
    return {**facts_now(), "positive": colours.positive_name, "negative": colours.negative_name}


def fill(slot, page_path: str) -> None:
    if slot is None:
        return
    if not on():
        if progress.finished():
            with slot.container(border=True, key="lesson_card"):
                _summary(loaded())
        return
    found = loaded()
    step = current_step(found)
    index = found.steps.index(step)
    done = note_done(step)
    values = words()
    with slot.container(border=True, key="lesson_card"):
        _heading(found, index, step, done)
        text, question = st.columns([3, 2], gap="medium")
        with text:
            st.markdown(fill_in(step.text_at(level()), values))
            action = fill_in(step.action, values)
            if step.page != page_path:
                page = navigation.entry(step.page)
                st.page_link(page.script, label=f"This step happens on “{page.title}”: go there", icon=":material/east:")
            elif done:
                st.success(f"Done: {action}", icon=":material/check_circle:")
            elif step.question.worked:
                st.info(f"**Do this:** {action} Then work out the answer from the page and lock it.",
                        icon=":material/touch_app:")
            elif locked(step) is None:
                st.info(f"**First** lock a guess for the question (or skip it). **Then do this:** {action}",
                        icon=":material/lock:")
            else:
                st.info(f"**Do this:** {action}", icon=":material/touch_app:")
        with question:
            _question(step, done and step.page == page_path, values)
        _buttons(found, index)
    if step.page == page_path and step.highlight:
        _outline(step.highlight)
        if locked(step) is not None and not done and not step.question.worked:
            _bring_into_view(step)


def _bring_into_view(step: Step) -> None:
    """Once the guess is locked, the part of the page to act on scrolls into view (once per lock: the token)."""
    mount = component("nn_scroll_to", js=("scroll_to.js",))
    mount(key=state.LESSON_SCROLL, height=0,
          data={"token": f"{step.id}:{len(progress.locks())}", "selector": f"[class*='st-key-{step.highlight[0]}']"})


def fill_in(text: str, values: dict[str, str]) -> str:
    return fill_placeholders(text, values) if "{" in text else text


def _heading(found: Lesson, index: int, step: Step, done: bool) -> None:
    count = len(found.steps)
    st.markdown(f"**Lesson · step {index + 1} of {count}: {step.title}**" + (" ✓" if done else ""))
    finished = len(done_steps() & {s.id for s in found.steps})
    st.progress(finished / count, text=f"{finished} of {count} steps done")


def _question(step: Step, ready: bool, values: dict[str, str]) -> None:
    """The question: a guess locked first; the answer is revealed once the action is done (it is about what the
    action shows)."""
    question = step.question
    st.markdown(f"**Predict, then reveal.** {fill_in(question.prompt_at(level()), values)}")
    pictures = MEASURES[question.measure].pictures
    if pictures is not None:
        _pictures(pictures(loaders.embedded()[0]))
    kept = locked(step)
    if kept is None:
        _guess_box(step)
    elif kept.skipped:
        st.markdown("You skipped the guess.")
    elif question.worked:
        st.markdown(f"Your answer, worked out and locked: **{shown(question, kept.guess)}**")
    else:
        when = ("before the action" if kept.before_action else
                "after the action was done (it counts, but it was not a prediction)")
        st.markdown(f"Your guess, locked {when}: **{shown(question, kept.guess)}**")
    st.button("Reveal the answer", key="lesson_reveal", on_click=progress.reveal, args=(step,),
              icon=":material/visibility:", disabled=not (ready and kept is not None),
              help=None if ready and kept is not None else "Lock your guess (or skip it) and do the step first: the "
                                                           "answer is measured on what the step shows.")
    waiting = st.session_state.get(state.lesson_not_ready(step.id))
    if waiting:
        st.caption(f"Not measurable yet: {waiting}")
    shown_answer = revealed(step)
    if shown_answer is not None:
        _verdict(step, shown_answer, values)


def _guess_box(step: Step) -> None:
    question = step.question
    key = state.lesson_guess(step.id)
    if question.is_choice:
        st.segmented_control("Your guess", list(question.choices), key=key)
    else:
        st.number_input(f"Your guess{f' ({question.unit})' if question.unit else ''}", value=None, key=key,
                        step=10.0 ** -question.decimals if question.decimals else 1.0,
                        format=f"%.{question.decimals}f", placeholder="type a number")
    with st.container(horizontal=True):
        st.button("Lock my guess", key="lesson_lock", on_click=progress.lock, args=(step,), icon=":material/lock:",
                  type="primary", disabled=st.session_state.get(key) is None,
                  help="Lock it before you do the step: once locked it cannot change.")
        st.button("Skip the guess", key="lesson_skip", on_click=progress.skip, args=(step,),
                  icon=":material/skip_next:")


def _pictures(images) -> None:
    """The pictures a question is about, side by side (one row, whatever the column's width)."""
    st.image([enlarge(np.asarray(image).reshape(28, 28), 84) for image in images],
             caption=list(PICTURE_NAMES[:len(images)]), width=84)


def _template(step: Step) -> None:
    """After the reveal of a question about the pictures: the chosen neuron's template, to compare with them."""
    chosen = st.session_state.get(state.SELECTED_NEURON)
    network = state.current_model().network
    if not (isinstance(chosen, tuple) and chosen[0] == 1 and chosen[1] < network.sizes[1]):
        return
    weights = np.asarray(network.weights[0][chosen[1]], dtype=np.float32).reshape(28, 28)
    colours = state.palette()
    limit = float(np.abs(weights).max()) or 1.0
    st.image(enlarge_rgb(signed_colours(weights, limit, colours.negative, colours.positive), 4), width=112,
             caption=f"The template of hidden-1 neuron {chosen[1]}: {colours.positive_name} where ink pushes it up, "
                     f"{colours.negative_name} where ink pushes it down")


def _verdict(step: Step, answer: Reveal, values: dict[str, str]) -> None:
    question = step.question
    measured = shown(question, answer.answer)
    if answer.guess is None:
        verdict = "You skipped the guess."
    elif answer.right:
        verdict = f"Your guess {shown(question, answer.guess)} is right" + (
            f" (within {tolerance(question)})." if question.tolerance else ".")
    else:
        verdict = f"Your guess was {shown(question, answer.guess)}."
    kind = MEASURES[question.measure]
    said = "The answer" if kind.choices is None else f"Measured on {kind.on or answer.model} just now"
    st.markdown(f"{said}: **{measured}**. {verdict}")
    explain = question.explain_at(level())
    if explain:
        number = measured.removesuffix(question.unit).strip() if question.unit else measured
        st.caption(fill_placeholders(explain, {**values, **answer.details, "answer": number}))
    if MEASURES[question.measure].pictures is not None:
        _template(step)


def _buttons(found: Lesson, index: int) -> None:
    count = len(found.steps)
    last = index + 1 == count
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.button("Back", key="lesson_back", on_click=go_to, args=(index - 1,), disabled=index == 0,
                  icon=":material/arrow_back:")
        st.button("Finish" if last else "Next", key="lesson_next", type="primary",
                  on_click=progress.finish if last else go_to, args=() if last else (index + 1,),
                  icon=":material/flag:" if last else ":material/arrow_forward:")
        st.session_state[state.LESSON_JUMP] = index
        st.select_slider("Jump to step", list(range(count)), key=state.LESSON_JUMP, on_change=progress.jumped,
                         format_func=lambda i: f"{i + 1}. {found.steps[i].title}", width=320)
        st.button("Leave the lesson", key="lesson_leave", on_click=stop, icon=":material/close:")


# -- the end ------------------------------------------------------------------------------------------
def summary_rows(found: Lesson) -> list[dict]:
    """One row per step: the guess locked, the answer measured, and whether the guess was right (within the
    step's tolerance). A guess locked once its answer could be seen says so."""
    rows = []
    for number, step in enumerate(found.steps, start=1):
        kept, answer = locked(step), revealed(step)
        question = step.question
        guess = "—" if kept is None else "skipped" if kept.skipped else shown(question, kept.guess) + (
            "" if kept.before_action else " (after the action)")
        rows.append({"step": f"{number}. {step.title}", "your guess": guess,
                     "measured": "not revealed" if answer is None else shown(question, answer.answer),
                     "right": "" if answer is None or answer.guess is None else ("✓" if answer.right else "✗")})
    return rows


def _summary(found: Lesson) -> None:
    """After Finish: the learner's locked guesses against the measured answers, and where to go next."""
    answers = [revealed(step) for step in found.steps]
    predictions = [a for a in answers if a is not None and a.locked_before]
    right = sum(1 for a in predictions if a.right)
    st.markdown(f"**The lesson is done: {len(done_steps() & {s.id for s in found.steps})} of {len(found.steps)} "
                "steps.**")
    if predictions:
        guesses = "1 guess" if len(predictions) == 1 else f"{len(predictions)} guesses"
        st.markdown(f"You locked **{guesses}** before you could see the answer, and **{right}** of them "
                    f"{'was' if len(predictions) == 1 else 'were'} right (within each step's tolerance).")
    else:
        st.markdown("You revealed no guess locked before its step, so there are no predictions to count.")
    rows = summary_rows(found)
    # every step's row in sight (no scrolling inside the box): about 35 px a row and the header
    st.dataframe(rows, hide_index=True, width="stretch", height=38 + 35 * len(rows))
    with st.container(horizontal=True, vertical_alignment="center"):
        st.page_link("pages/recap.py", label="Every idea in one page: the Recap", icon=":material/summarize:")
        st.page_link("pages/worksheet.py", label="The worksheet, to do on paper", icon=":material/print:")
        st.button("Back to the lesson", key="lesson_review", on_click=go_to, args=(len(found.steps) - 1,),
                  icon=":material/school:")
        st.button("Close", key="lesson_close_summary", on_click=progress.close_summary, icon=":material/close:")


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
    if progress.finished() or len(done_steps() & {s.id for s in found.steps}) == len(found.steps):
        label, index = "Go through the lesson again", 0
    elif not index and not done_steps():
        label = "Start the lesson"
    else:
        label = f"Back to the lesson (step {index + 1})"
    st.button(label, key="lesson_resume", on_click=go_to, args=(index,), icon=":material/school:")


def question_prompt(question: Question) -> str:
    """A question's prompt at the level in use, with the network's facts filled in (for the class's console)."""
    return fill_in(question.prompt_at(level()), words())
