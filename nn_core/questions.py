"""The answers to the lesson's questions, measured on a network, never written down.

Each measure takes a ``Situation`` (the network in use and what the learner is looking at)
plus the parameters the lesson file gives it, and returns a number or a choice. The app builds
the situation from the live session; ``scripts/answer_key.py`` builds it from the bundled model
and the lesson's standard moves, so the teacher's key is the same measurement.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from nn_core.activations import get_activation
from nn_core.backprop import backprop
from nn_core.data import DigitSet
from nn_core.edits import NetworkEdits
from nn_core.network import Network, forward, predict

DIGITS = tuple(str(d) for d in range(10))


@dataclass(frozen=True)
class LoneNeuron:
    """The One-neuron page's neuron: a = f(Σ w·a + b)."""

    inputs: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    activation: str = "sigmoid"

    def output(self) -> float:
        z = float(np.dot(self.weights, self.inputs)) + self.bias
        return float(get_activation(self.activation).function(np.array([z]))[0])


@dataclass(frozen=True)
class Walk:
    """A gradient-descent walk as the Descent page sets it up: the problem (with ``gradient``), start and η."""

    problem: object
    start: tuple[float, float]
    rate: float


@dataclass(frozen=True)
class Situation:
    """What a question may be about. Fields a question does not need may be None."""

    network: Network                       # the network in use (trained or the learner's own)
    train: DigitSet
    test: DigitSet
    inputs: np.ndarray | None = None       # (784,) what the network is looking at
    label: int | None = None               # its true digit, when known
    selected: tuple[int, int] | None = None  # (layer, neuron) chosen on the Inside page
    neuron: LoneNeuron | None = None
    walk: Walk | None = None
    test_accuracies: tuple[float, ...] = field(default=())  # a training run's test accuracy after each epoch (0..1)
    steps_done: int | None = None          # that run's mini-batch steps so far


class NotReadyError(Exception):
    """The situation lacks what the question is about (say, nothing trained yet); the message says what to do."""


def _need(value, what: str):
    if value is None:
        raise NotReadyError(what)
    return value


def first_right_digit(network: Network, test: DigitSet, label: int) -> int:
    """The first test digit with true label ``label`` that ``network`` reads correctly (or the first one at all)."""
    candidates = np.flatnonzero(test.labels == label)
    right = candidates[predict(network, test.inputs[candidates]).argmax(axis=1) == label]
    return int(right[0] if len(right) else candidates[0])


def first_flippable_digit(network: Network, test: DigitSet, label: int, output: int, limit: float) -> int:
    """The first test digit of ``label`` read correctly whose answer turns into ``output`` at an output bias
    below ``limit`` (a slider's end), or else the first one read correctly."""
    right = first_right_digit(network, test, label)
    candidates = np.flatnonzero(test.labels == label)
    outputs = forward(network, test.inputs[candidates]).zs[-1].astype(np.float64)
    read = outputs.argmax(axis=1) == label
    flips = network.biases[-1][output] + np.delete(outputs, output, axis=1).max(axis=1) - outputs[:, output]
    within = np.flatnonzero(read & (flips < limit))
    return int(candidates[within[0]]) if len(within) else right


def flip_bias(network: Network, inputs: np.ndarray, output: int) -> float:
    """The bias of output neuron ``output`` above which the answer becomes ``output``.

    The answer is the largest output, and every output is increasing in its own z = (W a)_j + b_j,
    so it flips when z_output passes the largest other z: at b = b_output + max_{j≠output} z_j − z_output.
    """
    z = forward(network, inputs).zs[-1].astype(np.float64)
    others = np.delete(z, output)
    return float(network.biases[-1][output] + others.max() - z[output])


def silenced_accuracy(network: Network, test: DigitSet, layer: int, neuron: int) -> float:
    """Test accuracy (0..1) with neuron ``neuron`` of ``layer`` silenced as the Knobs page does it."""
    edits = NetworkEdits(network)
    edits.silence(layer, neuron)
    return float((predict(edits.network, test.inputs).argmax(axis=1) == test.labels).mean())


def right_output_wish(network: Network, inputs: np.ndarray, label: int) -> float:
    """−∂C/∂z of the right digit's output neuron: how strongly this example wants it to go up."""
    return float(-backprop(network, inputs, [label]).deltas[-1][label])


def example_cost(network: Network, inputs: np.ndarray, label: int) -> float:
    """The network's own cost C on one labelled example."""
    output = forward(network, inputs).output[None, :]
    return float(network.cost.per_example(output, np.array([label]))[0])


def _answer(s: Situation) -> str:
    return str(int(np.argmax(forward(s.network, _need(s.inputs, "Choose a digit first.")).output)))


def _selected_activation(s: Situation) -> float:
    layer, neuron = _need(s.selected, "Click a neuron in the picture first.")
    return float(forward(s.network, _need(s.inputs, "Choose a digit first.")).activations[layer][neuron])


def _epoch_accuracy(s: Situation, epoch: int) -> float:
    if len(s.test_accuracies) < epoch:
        raise NotReadyError(f"Train for {epoch} epoch{'s' if epoch > 1 else ''} first: the answer is measured on your run.")
    return 100.0 * s.test_accuracies[epoch - 1]


def _first_step(s: Situation) -> float:
    walk = _need(s.walk, "Open the Gradient descent page first.")
    slope = np.asarray(walk.problem.gradient(*walk.start), dtype=np.float64)
    return float(walk.rate * np.linalg.norm(slope))


@dataclass(frozen=True)
class Measure:
    """One kind of answer: its parameters (names, in the lesson file) and how it is measured."""

    params: tuple[str, ...]
    measure: Callable[..., float | str]    # (situation, **params) -> the answer
    words: str                             # what it measures, for the teacher's page


MEASURES: Mapping[str, Measure] = {
    "input_count": Measure((), lambda s: float(s.network.sizes[0]), "inputs of the network (one per pixel)"),
    "parameter_count": Measure((), lambda s: float(s.network.params.size), "weights and biases of the network"),
    "training_digit_count": Measure((), lambda s: float(len(s.train)), "labelled training digits"),
    "network_answer": Measure(("digit",), lambda s, digit: str(int(np.argmax(predict(s.network, s.test.inputs[int(digit)])))),
                              "the network's answer for that test digit"),
    "answer_now": Measure((), _answer, "the network's answer for the digit shown"),
    "neuron_output": Measure((), lambda s: _need(s.neuron, "Open the One neuron page first.").output(),
                             "the lone neuron's activation a = σ(Σ w·a + b)"),
    "firing_threshold": Measure((), lambda s: -_need(s.neuron, "Open the One neuron page first.").bias,
                                "the weighted sum above which σ(Σ w·a + b) > ½, i.e. −b"),
    "selected_activation": Measure((), _selected_activation, "the chosen neuron's activation for the digit shown"),
    "flip_bias": Measure(("output",), lambda s, output: flip_bias(s.network, _need(s.inputs, "Choose a digit first."),
                                                                  int(output)),
                         "the output bias at which the answer flips (exact: where z_output passes the largest other z)"),
    "silenced_accuracy": Measure(("layer", "neuron"),
                                 lambda s, layer, neuron: 100.0 * silenced_accuracy(s.network, s.test, int(layer),
                                                                                   int(neuron) % s.network.sizes[int(layer)]),
                                 "test accuracy with that neuron silenced"),
    "input_cost": Measure((), lambda s: example_cost(s.network, _need(s.inputs, "Choose a digit first."),
                                                     _need(s.label, "Choose a test digit (its right answer is known).")),
                          "the network's own cost C on the digit shown"),
    "first_step_length": Measure((), _first_step, "length of the first step, η × the steepness at the start"),
    "epoch_test_accuracy": Measure(("epoch",), lambda s, epoch: _epoch_accuracy(s, int(epoch)),
                                   "test accuracy of the learner's run after that epoch"),
    "steps_done": Measure((), lambda s: float(_need(s.steps_done, "Start training first.")),
                          "mini-batch steps the run took before it stopped"),
    "right_output_wish": Measure((), lambda s: right_output_wish(
        s.network, _need(s.inputs, "Choose a digit first."), _need(s.label, "Choose a test digit (its right answer is known).")),
        "how strongly this example wants the right digit's weighted sum z to rise (its output wish)"),
}


def measure(name: str, situation: Situation, params: Mapping[str, int | float | str]) -> float | str:
    """The answer of measure ``name`` in ``situation``; NotReadyError if the situation lacks what it needs."""
    return MEASURES[name].measure(situation, **params)


def judge(given: float | str | None, answer: float | str, tolerance: float) -> bool:
    """Is the learner's ``given`` answer right: the same choice, or a number within ``tolerance``?"""
    if given is None:
        return False
    if isinstance(answer, str):
        return str(given) == answer
    return abs(float(given) - float(answer)) <= tolerance + 1e-9
