"""The words that name a digit: "an 8", "an 11", "an 18", "a 7" (N22), wherever the app says which digit."""
import numpy as np
import pytest

from nn_core.data import load_embedded
from ui import state
from ui.words import a_digit, article, confidence_words


@pytest.mark.parametrize(("number", "said"), [(0, "a 0"), (1, "a 1"), (7, "a 7"), (8, "an 8"), (11, "an 11"),
                                              (18, "an 18"), (80, "an 80"), (100, "a 100"), (800, "an 800"),
                                              (1800, "a 1800"), (18000, "an 18000")])
def test_a_number_gets_the_article_it_is_said_with(number, said):
    assert a_digit(number) == said and article(number) == said.split()[0]


def test_the_confidence_sentence_says_an_8():
    output = np.array([0.36, 0.0, 0.02, 0.0, 0.0, 0.0, 0.0, 0.0, 0.41, 0.21])
    assert confidence_words(output) == "unsure: probably an 8, though it could be a 0"
    output = output[[8, 1, 2, 3, 4, 5, 6, 7, 0, 9]]
    assert confidence_words(output) == "unsure: probably a 0, though it could be an 8"


def test_a_test_digit_of_an_8_is_described_as_one():
    _, test = load_embedded()
    index = int(np.flatnonzero(test.labels == 8)[0])
    assert state.test_digit(index).description == f"test digit #{index} (an 8)"
