"""What the teacher's console shows, computed from the store's rows and the network in use:
the tally of each lesson question, and how the network reads the class's own digits."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from classroom.rooms import AnswerRow, ClassDigits
from nn_core.data import DigitSet
from nn_core.evaluate import confusion_matrix, output_activations
from nn_core.network import Network


@dataclass(frozen=True)
class QuestionTally:
    """One question's answers in the class."""

    step_id: str
    answered: int                 # students who revealed the answer
    guessed: int                  # ... of whom this many had written a guess
    right: int                    # guesses within the question's tolerance of the measured answer
    numbers: tuple[float, ...]    # the numeric guesses, for their spread
    choices: dict[str, int]       # the written guesses that are not numbers, and how many gave each
    answers: dict[str, int]       # the measured answers (one per model in use), and how many saw each

    @property
    def share_right(self) -> float | None:
        return self.right / self.guessed if self.guessed else None


def tally(rows: tuple[AnswerRow, ...], step_ids: tuple[str, ...]) -> tuple[QuestionTally, ...]:
    """The tally of every question in ``step_ids`` (in the lesson's order), answered or not."""
    found = []
    for step_id in step_ids:
        mine = [row for row in rows if row.step_id == step_id]
        guessed = [row for row in mine if row.guess not in (None, "")]
        choices: dict[str, int] = {}
        answers: dict[str, int] = {}
        for row in guessed:
            if row.guess_number is None:
                choices[row.guess] = choices.get(row.guess, 0) + 1
        for row in mine:
            answers[row.answer] = answers.get(row.answer, 0) + 1
        found.append(QuestionTally(step_id, len(mine), len(guessed), sum(1 for row in guessed if row.right),
                                   tuple(row.guess_number for row in guessed if row.guess_number is not None),
                                   choices, answers))
    return tuple(found)


@dataclass(frozen=True)
class ClassReading:
    """How one network reads the class's digits."""

    count: int
    accuracy: float | None                  # share read right (None: no digits yet)
    confusion: np.ndarray                   # (10, 10): row = the label given, column = the network's answer
    predictions: np.ndarray                 # (N,) the network's answer to each digit
    label_activation: np.ndarray            # (N,) a^(L)_y, the output for the label the student gave
    worst: tuple[int, ...]                  # indices of the worst-read digits, worst first


def read_class_digits(network: Network, digits: ClassDigits, worst: int = 8) -> ClassReading:
    """Score the network on the class's digits; the worst read are those whose own label's output is lowest."""
    count = len(digits.labels)
    if count == 0:
        empty = np.zeros(0, dtype=np.intp)
        return ClassReading(0, None, np.zeros((10, 10), dtype=np.int64), empty, np.zeros(0), ())
    outputs = output_activations(network, as_digit_set(digits))
    predictions = np.argmax(outputs, axis=1)
    labels = digits.labels.astype(np.intp)
    label_activation = outputs[np.arange(count), labels]
    wrong_first = np.lexsort((label_activation, predictions == labels))   # misread first, then by a_y ascending
    return ClassReading(count, float(np.mean(predictions == labels)), confusion_matrix(labels, predictions),
                        predictions, label_activation, tuple(int(i) for i in wrong_first[:worst]))


def as_digit_set(digits: ClassDigits, name: str = "the class's digits") -> DigitSet:
    return DigitSet(digits.images, digits.labels, name)


def class_digits_npz(digits: ClassDigits) -> bytes:
    """The class set as an .npz the Data and Train pages accept: images (N, 28, 28) uint8, labels (N,)."""
    import io

    buffer = io.BytesIO()
    np.savez_compressed(buffer, images=digits.images, labels=digits.labels)
    return buffer.getvalue()
