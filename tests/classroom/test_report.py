"""The console's tally and its reading of the class's digits, against nn_core."""
from __future__ import annotations

import numpy as np

from classroom.report import class_digits_npz, read_class_digits, tally
from classroom.rooms import AnswerRow, ClassDigits
from nn_core.bundled import load_bundled
from nn_core.data import load_digits_npz
from nn_core.evaluate import evaluate, report


def row(name, step, guess, number, right, answer="4.25"):
    return AnswerRow(name, step, guess, number, answer, right, "classic")


def test_the_tally_counts_answers_guesses_and_right_ones_per_question():
    rows = (row("a", "flip", "4", 4.0, True), row("b", "flip", "9", 9.0, False), row("c", "flip", None, None, None),
            row("a", "draw", "8", None, True, answer="8"), row("b", "draw", "3", None, False, answer="8"))
    flip, draw, unseen = tally(rows, ("flip", "draw", "recap"))
    assert (flip.answered, flip.guessed, flip.right, flip.numbers) == (3, 2, 1, (4.0, 9.0))
    assert flip.share_right == 0.5 and flip.answers == {"4.25": 3}
    assert draw.choices == {"8": 1, "3": 1} and draw.share_right == 0.5
    assert (unseen.answered, unseen.share_right) == (0, None)


def class_of(images, labels):
    return ClassDigits(np.asarray(images, dtype=np.uint8), np.asarray(labels, dtype=np.uint8),
                       tuple(f"s{i}" for i in range(len(labels))))


def test_the_class_digits_are_read_as_nn_core_reads_them(embedded):
    network = load_bundled("classic").network
    test = embedded[1]
    digits = class_of(test.images[:60], test.labels[:60])
    reading = read_class_digits(network, digits, worst=5)
    assert reading.accuracy == evaluate(network, test.subset(np.arange(60), "first 60")).accuracy
    assert np.array_equal(reading.predictions, report(network, test.subset(np.arange(60), "first 60")).answers)
    assert reading.confusion.sum() == 60 and np.trace(reading.confusion) == round(reading.accuracy * 60)
    misread = np.flatnonzero(reading.predictions != test.labels[:60])
    assert len(misread) > 0                                            # (the classic model misreads a few of these)
    assert reading.worst[0] == misread[np.argmin(reading.label_activation[misread])]
    assert set(reading.worst[:min(5, len(misread))]) <= set(misread.tolist())


def test_no_class_digits_yet_reads_as_nothing():
    reading = read_class_digits(load_bundled("classic").network, class_of(np.zeros((0, 28, 28)), []))
    assert reading.count == 0 and reading.accuracy is None and reading.worst == ()


def test_the_class_set_downloads_as_a_data_file_the_app_accepts(embedded, tmp_path):
    test = embedded[1]
    digits = class_of(test.images[:25], test.labels[:25])
    path = tmp_path / "class.npz"
    path.write_bytes(class_digits_npz(digits))
    loaded = load_digits_npz(path)
    assert np.array_equal(loaded.images, digits.images) and np.array_equal(loaded.labels, digits.labels)
