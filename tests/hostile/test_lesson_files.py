"""Lesson files (NN_LESSON_FILE) are validated whole when read (review 2026-12-06, F10).

Each variant of the review's table is the shipped lesson file with one change, or a special file in its place;
every one must be refused with the lesson file's own sentence when it is read (never later, at a step's check
or Reveal), and reading must never wait or read more than the size limit.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from nn_core.lesson import LESSON_FILE, MAX_FILE_BYTES, LessonFileError, read_lesson
from ui.lesson.file import KNOWN

ORIGINAL = LESSON_FILE.read_text(encoding="utf-8")
CHECK_DIGIT = 'check = { name = "input_is_test_digit", digit = "mistake" }'
MEASURE_DIGIT = 'measure = { name = "network_answer", digit = "mistake" }'
VARIANTS = {   # name: (the file's text, what the sentence says)
    "deep-nesting": (ORIGINAL.replace('title = "', "deep = " + "[" * 600 + "]" * 600 + '\ntitle = "', 1),
                     "nests its lists or tables too deeply"),
    "check-digit-is-text": (ORIGINAL.replace(CHECK_DIGIT, CHECK_DIGIT.replace('"mistake"', '"eleven"')),
                            "parameter 'digit' must be a whole number from 0 to 999 or 'mistake'"),
    "check-digit-is-fraction": (ORIGINAL.replace(CHECK_DIGIT, CHECK_DIGIT.replace('"mistake"', "11.5")),
                                "parameter 'digit' must be a whole number"),
    "measure-digit-5000": (ORIGINAL.replace(MEASURE_DIGIT, MEASURE_DIGIT.replace('"mistake"', "5000")),
                           "measure 'network_answer' parameter 'digit' must be a whole number from 0 to 999"),
    "measure-digit-minus-1": (ORIGINAL.replace(MEASURE_DIGIT, MEASURE_DIGIT.replace('"mistake"', "-1")),
                              "parameter 'digit' must be a whole number from 0 to 999"),
    "bias-nan": (ORIGINAL.replace('name = "neuron_bias", bias = -3.0', 'name = "neuron_bias", bias = nan'),
                 "parameter 'bias' must be a number from -10 to 10"),
    "unknown-preset": (ORIGINAL.replace('preset = "AND"', 'preset = "XOR"'), "parameter 'preset' must be one of"),
    "layer-9": (ORIGINAL.replace('layer = 1, neuron = 7 }', 'layer = 9, neuron = 7 }'),
                "parameter 'layer' must be a whole number from 1 to 8"),
}


@pytest.mark.parametrize("name", VARIANTS)
def test_each_variant_is_refused_with_a_sentence_when_read(name, tmp_path):
    text, says = VARIANTS[name]
    assert text != ORIGINAL
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LessonFileError, match="The lesson file") as refused:
        read_lesson(path, KNOWN)
    assert says in str(refused.value), str(refused.value)


def read_in_a_thread(path: Path) -> list:
    """Read ``path`` on a thread of its own; what it raised or returned (empty if it never came back)."""
    outcome: list = []

    def read() -> None:
        try:
            outcome.append(read_lesson(path, KNOWN))
        except Exception as exc:  # noqa: BLE001 (the outcome is what is tested)
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(120)      # a generous bound on a busy machine: a blocked reader never comes back at all
    return outcome


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "lesson.toml"
    os.mkfifo(fifo)
    outcome = read_in_a_thread(fifo)
    assert outcome and isinstance(outcome[0], LessonFileError), outcome
    assert "is not a regular file" in str(outcome[0])


def test_dev_zero_is_refused_without_reading_it():
    outcome = read_in_a_thread(Path("/dev/zero"))
    assert outcome and isinstance(outcome[0], LessonFileError), outcome
    assert "is not a regular file" in str(outcome[0])


def test_a_huge_sparse_file_is_read_only_up_to_the_limit(tmp_path, monkeypatch):
    sparse = tmp_path / "lesson.toml"
    with open(sparse, "wb") as file:
        file.truncate(2 * 1024 ** 3)        # 2 GB of holes: no disk used
    asked: list[int] = []
    real_read = os.fdopen

    def counting_fdopen(*args, **kwargs):
        file = real_read(*args, **kwargs)
        read = file.read
        file_read = lambda size=-1: (asked.append(size), read(size))[1]  # noqa: E731
        return type("Counted", (), {"read": staticmethod(file_read), "__enter__": lambda self: self,
                                    "__exit__": lambda self, *exc: file.close()})()

    monkeypatch.setattr(os, "fdopen", counting_fdopen)
    with pytest.raises(LessonFileError, match="is larger than 256 kB"):
        read_lesson(sparse, KNOWN)
    assert asked == [MAX_FILE_BYTES + 1]


def test_the_shipped_lesson_file_is_still_read():
    assert len(read_lesson(LESSON_FILE, KNOWN).steps) == 15
