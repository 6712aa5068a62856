"""The lesson's measured answers agree with the network, found another way."""
import numpy as np
import pytest

from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.network import predict
from nn_core.questions import MEASURES, LoneNeuron, NotReadyError, Situation, first_flippable_digit, flip_bias, judge, measure

TRAIN, TEST = load_embedded()


@pytest.mark.parametrize("model", ["classic", "best"])
def test_the_flip_bias_is_where_trying_biases_flips_the_answer(model):
    network = load_bundled(model).network
    index = first_flippable_digit(network, TEST, 8, 3, 9.5)
    assert TEST.labels[index] == 8 and predict(network, TEST.inputs[index]).argmax() == 8
    flip = flip_bias(network, TEST.inputs[index], 3)
    assert flip < 9.5
    copy = network.copy()
    for bias, answer in ((flip - 1e-3, 8), (flip + 1e-3, 3)):
        copy.biases[-1][3] = bias
        assert predict(copy, TEST.inputs[index]).argmax() == answer


def test_the_lone_neuron_and_the_judge():
    assert LoneNeuron((1, 1, 0, 0), (5, 5, 0, 0), -7.5).output() == pytest.approx(1 / (1 + np.exp(-2.5)))
    assert judge(0.9, 0.924, 0.03) and not judge(0.85, 0.924, 0.03) and not judge(None, 1.0, 10)
    assert judge("8", "8", 0) and not judge("0", "8", 0)


def test_a_question_without_what_it_needs_says_what_to_do():
    situation = Situation(load_bundled("classic").network, TRAIN, TEST)
    with pytest.raises(NotReadyError, match="Train for 1 epoch"):
        measure("epoch_test_accuracy", situation, {"epoch": 1})
    with pytest.raises(NotReadyError, match="Choose a digit"):
        measure("answer_now", situation, {})
    assert measure("parameter_count", situation, {}) == 13_002
    assert set(MEASURES) >= {"flip_bias", "silenced_accuracy", "input_cost", "first_step_length"}
