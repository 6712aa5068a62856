"""The challenge's validation digits: 500 of the embedded 4,000 training digits, kept aside once and for all."""
import numpy as np
import pytest

from nn_core.data import VALIDATION_SIZE, DigitSet, load_embedded, load_embedded_challenge, validation_split
from nn_core.errors import DataFileError
from nn_core.network import Network
from nn_core.training import Trainer, TrainingConfig


def test_the_validation_digits_are_500_of_the_training_digits_50_of_each_and_apart_from_the_rest():
    train, test = load_embedded()
    learn, validation, same_test = load_embedded_challenge()
    assert (len(learn), len(validation), len(same_test)) == (3500, VALIDATION_SIZE, 1000) and same_test is test
    assert np.bincount(validation.labels, minlength=10).tolist() == [50] * 10
    rows = {image.tobytes() for image in train.images}
    kept, learned = {i.tobytes() for i in validation.images}, {i.tobytes() for i in learn.images}
    assert kept <= rows and learned <= rows and not kept & learned      # every one from the 4,000, none in both
    assert not kept & {image.tobytes() for image in test.images}


def test_the_split_is_fixed_the_same_every_time_and_shared():
    train, _ = load_embedded()
    first, second = validation_split(train), validation_split(train)
    assert np.array_equal(first[1].images, second[1].images) and np.array_equal(first[0].labels, second[0].labels)
    assert load_embedded_challenge() is load_embedded_challenge()
    other = validation_split(train, seed=23)[1]
    assert not np.array_equal(other.images, first[1].images)               # the seed is what fixes it


def test_a_split_that_would_leave_nothing_is_refused():
    tiny = DigitSet(np.zeros((3, 28, 28), np.uint8), np.array([1, 2, 3], np.uint8), "tiny")
    with pytest.raises(DataFileError):
        validation_split(tiny, size=3)


def test_a_trainer_knows_whether_it_started_from_random_weights():
    learn, validation, test = load_embedded_challenge()
    fresh = Trainer.from_random((784, 16, 10), learn, test, TrainingConfig(seed=5))
    assert fresh.fresh_start
    assert np.array_equal(fresh.network.params, Network.random((784, 16, 10), rng=5).params)
    given = Trainer(Network.random((784, 16, 10), rng=5), learn, test, TrainingConfig(seed=5))
    assert not given.fresh_start                                            # a network handed in: its origin unknown
