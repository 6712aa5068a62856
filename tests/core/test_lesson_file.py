"""The lesson file: the bundled one is valid; a malformed one is refused with a sentence saying where."""
import pytest

from nn_core.lesson import Known, LessonFileError, lesson_path, parse_lesson, read_lesson
from nn_core.questions import MEASURES

KNOWN = Known(pages=("", "draw", "neuron"), checks={"page_open": ("page",), "input_is_drawing": ()},
              measures={name: m.params for name, m in MEASURES.items()})

GOOD = """
title = "A lesson"
[[steps]]
id = "one"
page = "draw"
title = "Draw"
text = "Draw a digit."
action = "Draw."
check = { name = "input_is_drawing" }
highlight = ["input_source"]
[steps.question]
prompt = "How many?"
measure = { name = "input_count" }
[[terms]]
name = "bias"
definition = "A number added. It shifts."
"""


def refused(text: str) -> str:
    with pytest.raises(LessonFileError) as caught:
        parse_lesson(text.encode(), KNOWN)
    return str(caught.value)


def test_a_good_file_is_read_into_records():
    lesson = parse_lesson(GOOD.encode(), KNOWN)
    step = lesson.steps[0]
    assert (step.id, step.page, step.check, step.question.measure, step.highlight) == (
        "one", "draw", "input_is_drawing", "input_count", ("input_source",))
    assert lesson.term("bias").words == ("bias",)
    assert step.text_at("full") == step.text_at("simple") == "Draw a digit."


def test_the_bundled_lesson_is_valid_against_the_app():
    from ui.lesson.file import KNOWN as APP

    lesson = read_lesson(lesson_path(), APP)
    assert len(lesson.steps) >= 12 and len(lesson.terms) >= 11
    for name in ("activation", "weight", "bias", "sigmoid", "softmax", "cost", "gradient", "learning rate", "epoch",
                 "mini-batch", "overfitting"):
        definition = lesson.term(name).definition
        assert definition.count(". ") + 1 == 2 or definition.count(".") == 2, (name, definition)  # two sentences


@pytest.mark.parametrize("text, says", [
    ("title = 'x'\n[[steps]\n", "not valid TOML"),
    ("title = 'x'\n", "must have 1 to"),
    (GOOD.replace('page = "draw"', 'page = "nowhere"'), "page 'nowhere' is not one of this app's pages"),
    (GOOD.replace('name = "input_is_drawing"', 'name = "magic"'), "check 'magic' is not one this app knows"),
    (GOOD.replace('name = "input_count"', 'name = "input_count", digit = 3'), "takes no parameter 'digit'"),
    (GOOD.replace('name = "input_count"', 'name = "network_answer"'), "needs digit"),
    (GOOD.replace('prompt = "How many?"', 'prompt = 7'), "prompt must be a text"),
    (GOOD.replace('highlight = ["input_source"]', 'highlight = ["a} body { display:none"]'), "highlight must be"),
    (GOOD.replace('[steps.question]\nprompt = "How many?"\nmeasure = { name = "input_count" }', ''), "needs a [steps.question]"),
    (GOOD + GOOD.split("[[terms]]")[0].replace('title = "A lesson"', ''), "step id 'one' twice"),
    (GOOD.replace('measure = { name = "input_count" }', 'measure = { name = "input_count" }\nchoices = ["only"]'),
     "choices must be"),
    (GOOD.replace('measure = { name = "input_count" }', 'measure = { name = "input_count" }\ntolerance = -1'),
     "tolerance must be"),
])
def test_a_malformed_file_is_refused_saying_where(text, says):
    message = refused(text)
    assert says in message, message
    assert message.startswith("The lesson file lesson.toml")


def test_not_utf8_and_too_large_files_are_refused(tmp_path):
    with pytest.raises(LessonFileError, match="not UTF-8"):
        parse_lesson(b"title = '\xff'", KNOWN)
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (300 * 1024))
    with pytest.raises(LessonFileError, match="larger than"):
        read_lesson(big, KNOWN)
    with pytest.raises(LessonFileError, match="cannot be read"):
        read_lesson(tmp_path / "missing.toml", KNOWN)


def test_the_lesson_file_guide_lists_every_check_and_measure():
    from pathlib import Path

    from ui.lesson.checks import CHECKS

    guide = (Path(__file__).resolve().parents[2] / "docs" / "lesson.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in guide for name in [*CHECKS, *MEASURES])


# -- the schema's newer parts: teacher fields, placeholders, choices that fit their measure ---------------
from nn_core.questions import FACTS  # noqa: E402

FULL = Known(pages=KNOWN.pages, checks=KNOWN.checks, measures=KNOWN.measures,
             choices={name: m.choices for name, m in MEASURES.items()}, facts=tuple(FACTS),
             details={name: m.details for name, m in MEASURES.items()})
TEACHER = GOOD.replace('highlight = ["input_source"]', 'highlight = ["input_source"]\nminutes = 3\n'
                       'say = "Say this."\nmisconception = "Expect that."')


def test_the_teacher_fields_and_the_level_texts_are_read():
    text = TEACHER.replace('prompt = "How many?"', 'prompt = "How many of {inputs}?"\nfull_prompt = "Count a⁽⁰⁾."\n'
                                                   'explain = "{answer} numbers."')
    step = parse_lesson(text.encode(), FULL).steps[0]
    assert (step.minutes, step.say, step.misconception) == (3, "Say this.", "Expect that.")
    assert step.question.prompt_at("simple") == "How many of {inputs}?" and step.question.prompt_at("full") == "Count a⁽⁰⁾."
    assert step.question.explain_at("full") == "{answer} numbers."


@pytest.mark.parametrize("text, says", [
    (TEACHER.replace("minutes = 3", "minutes = 0"), "minutes must be a whole number from 1 to 60"),
    (TEACHER.replace("minutes = 3", "minutes = 2.5"), "minutes must be"),
    (TEACHER.replace('say = "Say this."', "say = 4"), "say must be a text"),
    (GOOD.replace('text = "Draw a digit."', 'text = "Draw {nonsense}."'), "writes {nonsense}, which is not a value"),
    (GOOD.replace('prompt = "How many?"', 'prompt = "How many?"\nexplain = "{answer} and {digit}."'), "writes {digit}"),
    (GOOD.replace('measure = { name = "input_count" }', 'measure = { name = "input_count" }\nchoices = ["a", "b"]'),
     "answers with a number, so the question has no choices"),
    (GOOD.replace('measure = { name = "input_count" }', 'measure = { name = "neuron_gate" }\nchoices = ["a", "b"]'),
     "needs exactly 3 (it has 2)"),
    (GOOD.replace('measure = { name = "input_count" }', 'measure = { name = "reasoned", right = 3 }\nchoices = ["a", "b"]'),
     "right = the number of the right one (1 to 2)"),
])
def test_a_file_whose_words_or_choices_do_not_fit_is_refused(text, says):
    with pytest.raises(LessonFileError) as caught:
        parse_lesson(text.encode(), FULL)
    assert says in str(caught.value), str(caught.value)


def test_the_bundled_lesson_gives_every_step_its_teacher_notes():
    from ui.lesson.file import KNOWN as APP

    lesson = read_lesson(lesson_path(), APP)
    assert all(step.minutes and step.say and step.misconception for step in lesson.steps)
    assert 40 <= sum(step.minutes for step in lesson.steps) <= 60
