"""The worksheet a teacher prints: two sides of A4 at the simple level.

Side 1: a neuron and the network to label, and one row per lesson step (predict first, then do it, then write
what the app measured). Side 2: four questions to think through, with the numbers they need printed (measured
on the model in use by nn_core.worksheet: on paper there is no live page), room for working, and the lesson's words.
"""
from __future__ import annotations

import html
import re

import streamlit as st

from figures.worksheet import pictures_to_label
from nn_core.lesson import Lesson
from nn_core.worksheet import WorksheetNumbers, worksheet_numbers
from ui import charts, loaders, state
from ui.lesson.card import fill_in
from ui.lesson.card import words as placeholder_values
from ui.level import level

WORD_BANK = ("weight", "bias", "weighted sum plus bias", "sigmoid σ", "activation", "input layer (the pixels)",
             "hidden layer", "output layer")
LINE, SHORT_LINE = "\\_" * 22, "\\_" * 12   # blanks to write on (escaped: markdown would read _ as italics)
WORKING_ROOM = 4      # ruled lines under each question

SHEET_CSS = """<style>
.nn-sheet table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
.nn-sheet th, .nn-sheet td { border: 1px solid #444; padding: 3px 6px; vertical-align: top; text-align: left; }
.nn-sheet td.blank { width: 16%; }
.nn-sheet .rule { border-bottom: 1px solid #888; height: 1.7em; }
.nn-sheet .numbers { font-family: monospace; white-space: pre; }
@media print { .st-key-sheet_side_2 { break-before: page; } }
.st-key-glossary_list p { font-size: 0.74rem; line-height: 1.25; }   /* (its margin: Streamlit takes it back) */
.st-key-glossary_list [data-testid='stVerticalBlock'] { gap: 0.3rem; }
</style>"""


def numbers() -> WorksheetNumbers:
    """Measured on the model in use (the worksheet says which)."""
    train, test = loaders.embedded()
    return _numbers(state.current_model().network, train, test, state.model_key())


@st.cache_resource(show_spinner=False, max_entries=8)
def _numbers(_network, _train, _test, model_key: str) -> WorksheetNumbers:
    return worksheet_numbers(_network, _train, _test)


def _text(markdown: str) -> str:
    """The lesson file's words as plain HTML text (its **bold** and *italic* marks dropped, the rest escaped)."""
    return html.escape(re.sub(r"\*\*?([^*]+)\*\*?", r"\1", markdown))


def sheet(found: Lesson) -> None:
    st.html(SHEET_CSS)
    with st.container(key="sheet_side_1"):
        st.markdown(f"Name: {LINE}   Class code: {SHORT_LINE}   Date: {SHORT_LINE}")
        _label_the_pictures()
        _steps_table(found)
    with st.container(key="sheet_side_2"):
        _think_it_through(numbers())
        _words(found)


def _label_the_pictures() -> None:
    st.markdown("**A. Label the pictures.** Write a word from the list in each numbered box: "
                + ", ".join(f"*{word}*" for word in WORD_BANK) + ".")
    charts.show(pictures_to_label(tuple(state.current_model().network.sizes)), key="sheet_pictures", static=True)


def _steps_table(found: Lesson) -> None:
    st.markdown("**B. The lesson.** At each step, write your guess *before* you do the step, then what the app "
                "measured.")
    values = placeholder_values()      # e.g. {mistake}: the test digit the model in use reads wrong, surely
    rows = "".join(f"<tr><td>{number}</td><td><b>{_text(step.title)}.</b> "
                   f"{_text(fill_in(step.question.prompt_at(level()), values))}</td>"
                   f"<td class='blank'></td><td class='blank'></td></tr>"
                   for number, step in enumerate(found.steps, start=1))
    st.html(f"<div class='nn-sheet'><table><tr><th>#</th><th>Predict first</th><th>My guess</th>"
            f"<th>Measured</th></tr>{rows}</table></div>")


def _think_it_through(measured: WorksheetNumbers) -> None:
    example = measured.example
    outputs = "   ".join(f"{digit}: {a:.2f}" for digit, a in enumerate(example.outputs))
    train, test = loaders.embedded()
    questions = (
        f"The network looked at a drawing of a **{example.label}**. Its ten outputs were "
        f"(digit: output)<div class='numbers'>{outputs}</div>The right answer wants y = 1 for the {example.label} and "
        f"y = 0 for every other digit. Work out the cost C = Σ (a − y)², adding up all ten squares. "
        "Is this a good or a bad answer from the network?",
        f"The network reads **{measured.train_accuracy:.1%}** of its {len(train):,} training digits right and "
        f"**{measured.test_accuracy:.1%}** of the {len(test):,} test digits it has never seen. Why is it a little better "
        "on the training digits? Which of the two numbers tells you how it will do on *your* handwriting, and why?",
        "A neuron has the bias b = −3. Why must its weighted sum Σ w·a be bigger than 3 before the neuron is more than "
        "half on? (σ(0) = ½.)",
        "On *Watch it learn*, training with the learning rate η = 100 went wrong within a few steps, while η = 0.5 "
        "learned. What does a step that is far too big do to the cost, and why?",
    )
    st.markdown("**C. Think it through.** Show your working.")
    rules = "".join("<div class='rule'></div>" for _ in range(WORKING_ROOM))
    for number, question in enumerate(questions, start=1):
        with st.container(key=f"question-think-{number}"):
            st.html(f"<div class='nn-sheet'><p><b>{number}.</b> {_bold(question)}</p>{rules}</div>")
    model = state.model_title(st.session_state.get(state.MODEL_CHOICE, "classic"))
    st.caption(f"Numbers measured on the {model} model; question 1 is test digit #{example.index}.")


def _words(found: Lesson) -> None:
    """The lesson's words with their definitions, small and in two columns (on paper there is nothing to click)."""
    st.markdown("**Words**")
    half = (len(found.terms) + 1) // 2
    with st.container(key="glossary_list"):
        for column, terms in zip(st.columns(2, gap="medium"), (found.terms[:half], found.terms[half:])):
            with column:
                for term in terms:
                    st.markdown(f"**{term.name}**: {term.definition}")


def _bold(text: str) -> str:
    """**x** and *x* as <b> and <i> (the text is ours, with numbers the app measured)."""
    return re.sub(r"\*([^*]+)\*", r"<i>\1</i>", re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", text))
