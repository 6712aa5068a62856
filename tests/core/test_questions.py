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


# -- the lesson's new questions, each measured here another way ---------------------------------------
from nn_core.data import DigitSet  # noqa: E402
from nn_core.landscape import OneParameter, TinyNeuron, lowest_point, steeper_axis  # noqa: E402
from nn_core.questions import (  # noqa: E402
    Chosen,
    Walk,
    ask,
    confident_mistake,
    facts,
    lesson_pictures,
    measured,
)


@pytest.mark.parametrize("model, expected", [("classic", (138, 1, 8)), ("best", (33, 0, 5))])
def test_the_confident_mistake_is_the_first_test_digit_read_wrong_above_0_9(model, expected):
    network = load_bundled(model).network
    outputs = predict(network, TEST.inputs)
    first = next(i for i, o in enumerate(outputs) if o.argmax() != TEST.labels[i] and o.max() > 0.9)
    mistake = confident_mistake(network, TEST)
    assert (mistake.index, mistake.label, mistake.answer, mistake.kind) == (first, *expected[1:], "sure")
    assert first == expected[0] and mistake.confidence > 0.9
    said = facts(network, TRAIN, TEST)
    assert (said["mistake"], said["mistake_label"], said["mistake_note"]) == (str(first), str(expected[1]), "")


def test_a_network_never_sure_when_wrong_gets_a_true_sentence_instead():
    network = load_bundled("classic").network.copy()
    network.weights[-1][...] /= 20.0                       # flatter outputs: never above 0.9
    network.biases[-1][...] /= 20.0
    mistake = confident_mistake(network, TEST)
    assert mistake.kind == "unsure" and mistake.confidence < 0.9
    assert f"#{mistake.index} is its surest mistake" in facts(network, TRAIN, TEST)["mistake_note"]
    right = np.flatnonzero(predict(network, TEST.inputs).argmax(axis=1) == TEST.labels)[:50]
    tidy = DigitSet(TEST.images[right], TEST.labels[right], "read right")
    assert confident_mistake(network, tidy).kind == "none"


def test_the_lone_neuron_questions_follow_the_sign_of_z():
    situation = Situation(load_bundled("classic").network, TRAIN, TEST, neuron=LoneNeuron((1, 1, 0, 0), (5, 5, 0, 0), -7.5))
    found = measured("neuron_half_with", situation, {"input": 2, "value": 0})
    assert found.answer == Chosen(1) and found.details["a"] == f"{1 / (1 + np.exp(2.5)):.3f}" == "0.076"
    assert measure("neuron_gate", situation, {}) == Chosen(0)                         # AND
    lowered = Situation(situation.network, TRAIN, TEST, neuron=LoneNeuron((1, 1, 0, 0), (5, 5, 0, 0), -3.0))
    assert measure("neuron_gate", lowered, {}) == Chosen(1)                           # OR
    never = Situation(situation.network, TRAIN, TEST, neuron=LoneNeuron((1, 1, 0, 0), (5, 5, 0, 0), -12.0))
    assert measure("neuron_gate", never, {}) == Chosen(2)                             # neither


@pytest.mark.parametrize("model", ["classic", "best"])
def test_the_pictures_question_is_the_largest_weighted_sum(model):
    network = load_bundled(model).network
    pictures = lesson_pictures(TRAIN)
    assert [p.shape for p in pictures] == [(784,)] * 3 and all(0 <= p.min() and p.max() <= 1 for p in pictures)
    answers = set()
    for neuron in range(network.sizes[1]):
        z = [float(network.weights[0][neuron].astype(np.float64) @ p + network.biases[0][neuron]) for p in pictures]
        got = measure("strongest_picture", Situation(network, TRAIN, TEST, selected=(1, neuron)), {})
        assert got == Chosen(3 if max(z) < 0 else int(np.argmax(z)))
        answers.add(got.index)
    assert len(answers) >= 2          # the answer depends on the neuron: a question, not a constant


@pytest.mark.parametrize("model, worst", [("classic", 0), ("best", 10)])
def test_silencing_neuron_7_hurts_the_zeros_of_classic_and_no_digit_of_best(model, worst):
    network = load_bundled(model).network
    found = measured("silenced_worst_digit", Situation(network, TRAIN, TEST), {"layer": 1, "neuron": 7})
    assert found.answer == Chosen(worst)
    if worst == 0:
        assert found.details["result"] == "The 0s: 95.0 % of them were read right, now 7.0 %"
    else:
        assert found.details["accuracy"] == found.details["trained_accuracy"] == "98.5"


def test_the_squared_error_and_the_networks_own_cost():
    network = load_bundled("classic").network
    found = measured("squared_error", Situation(network, TRAIN, TEST, TEST.inputs[807], int(TEST.labels[807])), {})
    a = predict(network, TEST.inputs[807]).astype(np.float64)
    assert found.answer == pytest.approx(((a - np.eye(10)[TEST.labels[807]]) ** 2).sum()) == pytest.approx(1.379, abs=5e-4)
    assert found.details["own_cost"] == f"the cross-entropy C = −ln a_y = −ln {a[TEST.labels[807]]:.3f} = 2.018"


def test_the_first_step_on_the_curve_is_minus_eta_times_a_central_difference():
    problem = TinyNeuron()
    lowest = lowest_point(problem, problem.default_view())
    axis = steeper_axis(problem, lowest.point)
    curve = OneParameter(problem, axis, float(lowest.point[1 - axis]))
    walk = Walk(problem, (-5.0, 4.0), 10.0, curve)
    x, h = walk.start[axis], 1e-5
    slope = float((curve.cost(x + h) - curve.cost(x - h)) / (2 * h))
    found = measured("first_curve_step", Situation(load_bundled("classic").network, TRAIN, TEST, walk=walk), {})
    assert found.answer == pytest.approx(-10.0 * slope, abs=1e-6) == pytest.approx(1.98, abs=5e-3)


@pytest.mark.parametrize("model, count", [("classic", 26_506), ("best", 535_818)])
def test_twice_as_wide_hidden_layers(model, count):
    network = load_bundled(model).network
    sizes = [784, *(2 * n for n in network.sizes[1:-1]), 10]
    assert sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:])) == count
    assert measure("parameter_count_wider", Situation(network, TRAIN, TEST), {"factor": 2}) == count


def test_ask_gives_the_text_of_the_right_choice():
    class Question:
        measure, params, choices = "reasoned", {"right": 2}, ("no", "yes", "maybe")

    assert ask(Question, Situation(load_bundled("classic").network, TRAIN, TEST)) == ("yes", {})


@pytest.mark.parametrize("model", ["classic", "best"])
def test_the_facts_name_each_networks_own_activation(model):
    network = load_bundled(model).network
    said = facts(network, TRAIN, TEST)
    assert said["sizes"] == "-".join(map(str, network.sizes)) and said["f"] == network.activation.symbol
    assert said["f_slope"].startswith(f"{network.activation.symbol}′(z)")
