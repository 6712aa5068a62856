"""The printed worksheet (two sides of A4) and its key on the teacher page: the numbers each question needs are
printed, measured on the model in use; the answers are not on the worksheet.

What it looks like on paper: scripts/print_preview.py /worksheet docs/print/worksheet.
"""
import html

import pytest

from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.lesson import fill, lesson_path, read_lesson
from nn_core.network import predict
from nn_core.questions import facts
from nn_core.worksheet import cost_example, worksheet_numbers
from tests.app.conftest import open_app, shown
from ui import state
from ui.lesson.file import KNOWN

LESSON = read_lesson(lesson_path(), KNOWN)
TRAIN, TEST = load_embedded()


def sheet_text(at) -> str:
    return html.unescape(" ".join(h.proto.body for h in at.get("html")) + " " + " ".join(m.value for m in at.markdown))


def test_the_cost_example_is_read_right_but_not_surely_and_its_cost_is_from_the_printed_numbers():
    network = load_bundled("classic").network
    example = cost_example(network, TEST)
    outputs = predict(network, TEST.inputs[example.index])
    assert example.label == TEST.labels[example.index] == outputs.argmax()
    assert 0.3 <= outputs[example.label] <= 0.9
    assert example.outputs == tuple(round(float(a), 2) for a in outputs)
    by_hand = sum((a - (digit == example.label)) ** 2 for digit, a in enumerate(example.outputs))
    assert example.cost == pytest.approx(by_hand)
    assert worksheet_numbers(network, TRAIN, TEST).knobs == 13_002


@pytest.mark.parametrize("model", ["classic", "best"])
def test_the_worksheet_prints_every_step_and_the_numbers_but_no_answers(model):
    at = open_app("pages/worksheet.py")
    at.radio(key=state.MODEL_CHOICE).set_value(model).run()
    text = sheet_text(at)
    model_facts = {**facts(load_bundled(model).network, TRAIN, TEST), "positive": "blue", "negative": "red"}
    for number, step in enumerate(LESSON.steps, start=1):
        prompt = fill(step.question.prompt_at(at.session_state[state.LEVEL]), model_facts)   # {mistake}: this model's
        assert f"<td>{number}</td><td><b>{step.title}.</b> {prompt}</td>" in text and "{" not in prompt
    measured = worksheet_numbers(load_bundled(model).network, TRAIN, TEST)
    assert "   ".join(f"{d}: {a:.2f}" for d, a in enumerate(measured.example.outputs)) in text
    assert f"{measured.train_accuracy:.1%}" in text and f"{measured.test_accuracy:.1%}" in text
    assert f"{measured.example.cost:.3f}" not in text                 # the learner works it out
    assert "Class code:" in text and not at.exception


def test_the_teacher_page_has_the_worksheet_key_and_the_class_how_to():
    at = open_app("pages/teacher.py")
    text = shown("\n".join(m.value for m in at.markdown))
    measured = worksheet_numbers(load_bundled("classic").network, TRAIN, TEST)
    assert f"**{measured.example.cost:.3f}**" in text
    assert "Teacher's console" in text and "Answers stay in the learner's tab." not in text
    assert "scripts/" not in text                               # no developer's script on a teacher's page
    for step in LESSON.steps:                                   # per step: minutes, what to say, what to expect
        assert f"*Time:* about {step.minutes} min  \n*Say:* {step.say}  \n*Expect:* {step.misconception}" in text
    assert "neuron 0 of that layer is chosen; a learner's own choice can give another answer" in text
    assert f"about {sum(step.minutes for step in LESSON.steps)} minutes in all" in shown(" ".join(c.value for c in at.caption))
