"""The teacher's kit, generated from the lesson file: a printable worksheet, and the key with its measured answers."""
from __future__ import annotations

import streamlit as st

from nn_core.bundled import BUNDLED
from nn_core.lesson import Lesson, Step
from nn_core.questions import MEASURES
from ui import navigation, state
from ui.lesson import answer_key, checks
from ui.lesson.card import fill_in
from ui.lesson.card import words as placeholder_values
from ui.lesson.file import shown
from ui.lesson.progress import go_to
from ui.level import level

BLANK = "\\_" * 18


def step_link(number: int, step: Step) -> str:
    """The address that opens this step of the lesson (with the simple words), as text to hand out."""
    return f"/{step.page}?lesson={number}&level=simple"


def _heading(number: int, step: Step) -> None:
    page = navigation.entry(step.page)
    st.markdown(f"**{number}. {step.title}** · on the page *{page.title}*")


def _choices(step: Step) -> str:
    return f" (one of {', '.join(step.question.choices)})" if step.question.is_choice else ""


def worksheet(found: Lesson) -> None:
    """One box per step: what to do, what to predict, room for the prediction and for what the app measured."""
    st.markdown(f"Name: {BLANK}   Date: {BLANK}")
    values = placeholder_values()
    for number, step in enumerate(found.steps, start=1):
        with st.container(border=True, key=f"question-{number}"):
            _heading(number, step)
            st.markdown(f"*Do this:* {fill_in(step.action, values)}")
            unit = f" ({step.question.unit})" if step.question.unit else ""
            st.markdown(f"**Predict first:** {fill_in(step.question.prompt, values)}{_choices(step)}")
            st.markdown(f"My prediction{unit}: {BLANK}   What the app measured{unit}: {BLANK}")


def key_answers() -> tuple[str, dict, str | None]:
    """(the model's name, its stored answers, why they may be out of date)."""
    choice = st.session_state.get(state.MODEL_CHOICE, "classic")
    name = choice if choice in BUNDLED else "classic"
    answers, stale = answer_key.stored_answers(name, BUNDLED[name])
    return name, answers, stale


def key(found: Lesson) -> None:
    """Every step with its answer measured on a bundled model, how the app checks it, and the link that opens it."""
    name, answers, stale = key_answers()
    if st.session_state.get(state.MODEL_CHOICE) not in BUNDLED:
        st.info("The model in use is your own: the key below is the classic model's. In the lesson, Reveal measures "
                "your model.", icon=":material/info:")
    if stale:
        st.warning(f"This key may be out of date: {stale}.", icon=":material/warning:")
    st.caption(f"Answers measured on the bundled {state.model_title(name)} model by scripts/answer_key.py, walking the "
               "lesson with each step's standard action. A learner's own run (training, the digit they drew) can give "
               "other numbers: Reveal always measures their network as it is.")
    values = placeholder_values()
    for number, step in enumerate(found.steps, start=1):
        question = step.question
        with st.container(border=True, key=f"question-{number}"):
            _heading(number, step)
            st.markdown(f"*Do this:* {fill_in(step.action, values)}  \n*The app marks it done when:* "
                        f"{checks.CHECKS[step.check].words}.")
            st.markdown(f"**Question:** {fill_in(question.prompt, values)}{_choices(step)}")
            value = answers.get(step.id)
            said = "not measurable without the learner's own run" if value is None else shown(question, value)
            within = f" (accepted within ±{shown(question, question.tolerance)})" if question.tolerance else ""
            st.markdown(f"**Answer:** {said}{within}. *Measured:* {MEASURES[question.measure].words}.")
            st.markdown(f"Open this step: `{step_link(number, step)}`")
            st.button("Open it here", key=f"teacher_open_{number}", on_click=go_to, args=(number - 1,),
                      icon=":material/east:")


def how_to_run() -> None:
    st.markdown(f"""
- **Start:** give the class the address of this app with `/?lesson=1&level=simple` (the lesson's first step, with
  the simple words; `level=full` keeps the university maths). Each step's own address is in the key below.
- **On the projector:** add `&view=presenter` (large text, figures first, the sidebar folded).
- **Each step** asks for one action and one prediction; the card marks the step done from what the learner really
  did, and *Reveal* measures the answer on the network in use at that moment. Answers stay in the learner's tab.
- **The worksheet** (the page *Worksheet*) has a box per step for the prediction and the measured value; print it
  from there. The words are at the level chosen in the sidebar (now: {level()}).
""")


def words(found: Lesson) -> None:
    """Every term of the lesson with its definition (on paper there is nothing to click)."""
    with st.container(key="glossary_list"):
        st.subheader("Words")
        for term in found.terms:
            st.markdown(f"**{term.name}**: {term.definition}")
