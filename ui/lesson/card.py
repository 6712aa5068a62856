"""The lesson's card, docked at the top of the page: the step's text and its one action, the part of the
page it is about outlined, "Done" from the live state, and a predict-then-reveal question. Also the
ways into the lesson: the home page's Start button and the sidebar's "Back to the lesson".
"""
from __future__ import annotations

import streamlit as st

from nn_core.lesson import Lesson, Step
from ui import navigation, state
from ui.lesson import progress
from ui.lesson.file import current_step, lesson, loaded, shown
from ui.lesson.progress import Reveal, done_steps, go_to, note_done, on, reveal, revealed, stop
from ui.level import level
from ui.plain import plain

HIGHLIGHT = "#f0a500"    # the outline of the part of the page a step is about (amber: not a weight's colour)


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
                page = navigation.entry(step.page)
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
    key = state.lesson_guess(step.id)
    if question.is_choice:
        st.segmented_control("Your guess", list(question.choices), key=key)
    else:
        st.number_input(f"Your guess{f' ({question.unit})' if question.unit else ''}", value=None, key=key,
                        step=10.0 ** -question.decimals if question.decimals else 1.0,
                        format=f"%.{question.decimals}f", placeholder="type a number")
    st.button("Reveal the answer", key="lesson_reveal", on_click=reveal, args=(step,), icon=":material/visibility:",
              disabled=not ready, help=None if ready else "Do the step first: the answer is measured on what it shows.")
    waiting = st.session_state.get(state.lesson_not_ready(step.id))
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
        st.select_slider("Jump to step", list(range(count)), key=state.LESSON_JUMP, on_change=progress.jumped,
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
