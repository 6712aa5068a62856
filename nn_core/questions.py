"""The answers to the lesson's questions, measured on a network, never written down.

Each measure takes a ``Situation`` (the network in use and what the learner is looking at)
plus the parameters the lesson file gives it, and returns a number, or for a choice question
the index of the right choice (``Chosen``), with the measured numbers its explanation quotes
(``Measured.details``). The app builds the situation from the live session;
``scripts/answer_key.py`` builds it from the bundled model and the lesson's standard moves, so
the teacher's key is the same measurement.

``facts`` are the numbers a step's own words need before anything is measured (which test digit
the network reads wrong with confidence, the layer sizes, ...): the lesson file writes them as
``{name}`` and the card fills them in for the network in use.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from nn_core.activations import get_activation
from nn_core.backprop import backprop
from nn_core.costs import sum_of_squares
from nn_core.data import DigitSet
from nn_core.edits import NetworkEdits
from nn_core.lesson import Param
from nn_core.modelfile import MAX_LAYERS, MAX_NEURONS
from nn_core.network import Network, forward, predict

DIGITS = tuple(str(d) for d in range(10))
SURE = 0.9                     # an output above this is "sure" (step 2's confidently wrong digit)
MISTAKE = "mistake"            # a test-digit parameter meaning "the test digit read wrong with confidence"

# The parameters the lesson file gives checks and measures (ui/lesson/checks.py uses these too): types and ranges.
TEST_DIGIT = Param("digit", int, 0, 999, texts=(MISTAKE,))    # the 1,000 embedded test digits are numbered 0 to 999
LAYER = Param("layer", int, 1, MAX_LAYERS)                      # (a network without that layer: NotReadyError)
NEURON = Param("neuron", int, 0, MAX_NEURONS - 1)               # (taken modulo the layer's size)
OUTPUT = Param("output", int, 0, 9)
LONE_INPUT = Param("input", int, 1, 4)                          # the One-neuron page's four inputs, counted from 1


# -- what a question may be about ------------------------------------------------------------------
@dataclass(frozen=True)
class LoneNeuron:
    """The One-neuron page's neuron: a = f(Σ w·a + b)."""

    inputs: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    activation: str = "sigmoid"

    def z(self, inputs: tuple[float, ...] | None = None) -> float:
        """z = Σ w·a + b (for ``inputs`` instead of the sliders' inputs, if given)."""
        return float(np.dot(self.weights, self.inputs if inputs is None else inputs)) + self.bias

    def output(self, inputs: tuple[float, ...] | None = None) -> float:
        return float(get_activation(self.activation).function(np.array([self.z(inputs)]))[0])


@dataclass(frozen=True)
class Walk:
    """A gradient-descent walk as the Descent page sets it up: the problem (with ``gradient``), start and η,
    and the curve the page's ball rolls on (``nn_core.landscape.OneParameter``: one parameter of the problem)."""

    problem: object
    start: tuple[float, float]
    rate: float
    curve: object | None = None


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


@dataclass(frozen=True)
class Chosen:
    """The answer of a choice question: the index of the right choice, in the order the measure documents."""

    index: int


@dataclass(frozen=True)
class Measured:
    """An answer and the measured numbers its explanation may quote ({name} in the lesson file's explain)."""

    answer: float | Chosen
    details: Mapping[str, str] = field(default_factory=dict)


# -- numbers in words ----------------------------------------------------------------------------------
def _fixed(value: float, decimals: int = 3) -> str:
    """0.076, −2.500: a true minus sign."""
    return f"{value:.{decimals}f}".replace("-", "−")


def _signed(value: float, decimals: int = 2) -> str:
    """+2.50, −2.50."""
    return _fixed(value, decimals) if value < 0 else f"+{value:.{decimals}f}"


def _percent(share: float) -> str:
    return f"{100.0 * share:.1f}"


# -- choosing the digits the lesson is about -----------------------------------------------------------
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


@dataclass(frozen=True)
class Mistake:
    """The test digit step 2 is about: read wrong, and the network sure of its answer if it ever is."""

    index: int
    label: int
    answer: int
    confidence: float          # its largest output
    kind: str                  # "sure": the first mistake above SURE; "unsure": none is, this is the surest;
                               # "none": no test digit is read wrong, this is the least sure right answer


def confident_mistake(network: Network, test: DigitSet) -> Mistake:
    """The first test digit ``network`` reads wrong with its largest output above SURE (0.9).

    If it has no such mistake, its most confident mistake; if it reads every test digit right, the digit it
    is least sure of. ``kind`` says which, so the words can stay true.
    """
    outputs = predict(network, test.inputs).astype(np.float64)
    answers, confidence = outputs.argmax(axis=1), outputs.max(axis=1)
    wrong = np.flatnonzero(answers != test.labels)
    sure = wrong[confidence[wrong] > SURE]
    if len(sure):
        index, kind = int(sure[0]), "sure"
    elif len(wrong):
        index, kind = int(wrong[np.argmax(confidence[wrong])]), "unsure"
    else:
        index, kind = int(np.argmin(confidence)), "none"
    return Mistake(index, int(test.labels[index]), int(answers[index]), float(confidence[index]), kind)


def test_index(network: Network, test: DigitSet, digit: int | str) -> int:
    """A test-digit parameter of the lesson file: a number, or MISTAKE (resolved on ``network``)."""
    return confident_mistake(network, test).index if digit == MISTAKE else int(digit)


# -- the facts a step's words need ---------------------------------------------------------------------
FACTS: Mapping[str, str] = {
    "mistake": "the test digit the network reads wrong with confidence (its number)",
    "mistake_label": "that digit's true label",
    "mistake_note": "a sentence when no mistake is above 0.9 (empty otherwise)",
    "inputs": "the number of inputs (784)",
    "sizes": "the layer sizes, e.g. 784-16-16-10",
    "parameters": "the number of weights and biases",
    "hidden2_last": "the number of the last neuron of hidden layer 2",
    "train_count": "the number of training digits",
    "test_count": "the number of test digits",
    "train_accuracy": "the network's accuracy on its training digits (%)",
    "test_accuracy": "the network's accuracy on the test digits (%)",
    "f": "the hidden layers' activation function, as written in a formula (σ, ReLU)",
    "f_slope": "its derivative, written out",
    "off": "what a hidden neuron does when z < 0 (mostly off, silent)",
    "flip_digit": "the test digit the Knobs experiment 'Make it answer 3' shows (an 8 it reads right)",
    "flip_start": "output 3's bias before any edit, as the Knobs slider shows it",
}


FLIP_LIMIT = 9.5    # the Knobs bias slider's end (ui/pages/knobs/controls.BIAS_RANGE) less 0.5: a flip within reach


def facts(network: Network, train: DigitSet, test: DigitSet) -> dict[str, str]:
    """The values of FACTS for ``network``, as the card writes them."""
    mistake = confident_mistake(network, test)
    note = {"sure": "",
            "unsure": f" (This network is never that sure when it is wrong: #{mistake.index} is its surest mistake, "
                      f"at {mistake.confidence:.2f}.)",
            "none": f" (This network reads every test digit right: #{mistake.index} is the one it is least sure of, "
                    f"at {mistake.confidence:.2f}.)"}[mistake.kind]
    accuracy = {name: float((predict(network, digits.inputs).argmax(axis=1) == digits.labels).mean())
                for name, digits in (("train", train), ("test", test))}
    activation = network.activation
    return {
        "mistake": str(mistake.index), "mistake_label": str(mistake.label), "mistake_note": note,
        "inputs": f"{network.sizes[0]:,}", "sizes": "-".join(map(str, network.sizes)),
        "parameters": f"{network.params.size:,}",
        "hidden2_last": str(network.sizes[2] - 1) if network.layer_count > 2 else "the last",
        "train_count": f"{len(train):,}", "test_count": f"{len(test):,}",
        "train_accuracy": _percent(accuracy["train"]), "test_accuracy": _percent(accuracy["test"]),
        "f": activation.symbol, "f_slope": activation.slope, "off": activation.below_threshold,
        "flip_digit": str(first_flippable_digit(network, test, 8, 3, FLIP_LIMIT)),
        "flip_start": _signed(float(network.biases[-1][3]), 2),
    }


# -- measures: step by step ------------------------------------------------------------------------------
def _inputs(s: Situation) -> np.ndarray:
    return _need(s.inputs, "Choose a digit first.")


def _label(s: Situation) -> int:
    return _need(s.label, "Choose a test digit (its right answer is known).")


def _lone(s: Situation) -> LoneNeuron:
    return _need(s.neuron, "Open the One neuron page first.")


def zero_inputs(s: Situation) -> Measured:
    """How many of the inputs are exactly 0 (black)."""
    zeros = int(np.count_nonzero(_inputs(s) == 0))
    return Measured(float(zeros), {"ink": f"{s.inputs.size - zeros:,}"})


def network_answer(s: Situation, digit: int | str) -> Measured:
    """The network's answer for a test digit (a choice among 0..9), and how sure it is."""
    index = test_index(s.network, s.test, digit)
    output = predict(s.network, s.test.inputs[index]).astype(np.float64)
    answer = int(np.argmax(output))
    label = int(s.test.labels[index])
    return Measured(Chosen(answer), {"confidence": f"{output[answer]:.3f}", "digit": str(index), "label": str(label),
                                     "verdict": "right" if answer == label else "wrong"})


def answer_now(s: Situation) -> Measured:
    """The network's answer for the digit shown."""
    return Measured(Chosen(int(np.argmax(forward(s.network, _inputs(s)).output))))


def neuron_half_with(s: Situation, input: int, value: float) -> Measured:
    """Choices (above ½, below ½): the lone sigmoid neuron with input number ``input`` (1-based) set to ``value``."""
    neuron = _lone(s)
    if neuron.activation != "sigmoid":
        raise NotReadyError("Choose the sigmoid σ on the One neuron page first: the question is about σ.")
    inputs = list(neuron.inputs)
    inputs[int(input) - 1] = float(value)
    z, a = neuron.z(tuple(inputs)), neuron.output(tuple(inputs))
    return Measured(Chosen(0 if z > 0 else 1), {"z": _fixed(z, 1), "a": _fixed(a, 3)})


def neuron_gate(s: Situation) -> Measured:
    """Choices (AND, OR, neither): for which of a₁, a₂ ∈ {0, 1} the lone neuron's z = Σ w·a + b is above 0
    (more than half on, for σ), the other inputs as they are."""
    neuron = _lone(s)

    def on(a1: float, a2: float) -> bool:
        return neuron.z((a1, a2, *neuron.inputs[2:])) > 0

    table = (on(0, 0), on(1, 0), on(0, 1), on(1, 1))
    index = {(False, False, False, True): 0, (False, True, True, True): 1}.get(table, 2)
    one = neuron.z((1.0, 0.0, *neuron.inputs[2:]))
    return Measured(Chosen(index), {"z_one": _fixed(one, 1), "a_one": _fixed(neuron.output((1.0, 0.0, *neuron.inputs[2:])), 3),
                                    "z_both": _fixed(neuron.z((1.0, 1.0, *neuron.inputs[2:])), 1)})


def brightest_neuron(s: Situation, layer: int) -> Measured:
    """The number of the most active neuron of ``layer`` for the digit shown."""
    layer = int(layer)
    if layer >= s.network.layer_count:
        raise NotReadyError(f"This network has no hidden layer {layer}.")
    result = forward(s.network, _inputs(s))
    a = np.asarray(result.activations[layer], dtype=np.float64)
    brightest = int(np.argmax(a))
    return Measured(float(brightest), {"a": _fixed(float(a[brightest])), "z": _fixed(float(result.zs[layer - 1][brightest]), 2),
                                       "second": _fixed(float(np.sort(a)[-2]))})


# The three pictures step 6 shows: an edge (a short stroke), a loop and a whole digit (a training 3).
_ROWS, _COLUMNS = np.mgrid[0:28, 0:28].astype(np.float64)


def _stroke(start: tuple[float, float], end: tuple[float, float], width: float = 1.3) -> np.ndarray:
    """A straight pen stroke from ``start`` to ``end`` (row, column), anti-aliased: (28, 28) in 0..1."""
    p, d = np.array(start), np.array(end) - np.array(start)
    t = np.clip(((_ROWS - p[0]) * d[0] + (_COLUMNS - p[1]) * d[1]) / (d @ d), 0.0, 1.0)
    distance = np.hypot(_ROWS - (p[0] + t * d[0]), _COLUMNS - (p[1] + t * d[1]))
    return np.clip(width + 0.5 - distance, 0.0, 1.0)


def _ring(centre: tuple[float, float], radius: float, width: float = 1.3) -> np.ndarray:
    distance = np.abs(np.hypot(_ROWS - centre[0], _COLUMNS - centre[1]) - radius)
    return np.clip(width + 0.5 - distance, 0.0, 1.0)


PICTURE_DIGIT = 3


def lesson_pictures(train: DigitSet) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(edge, loop, digit): three (784,) float32 inputs; the digit is the first training digit labelled 3."""
    digit = train.inputs[int(np.flatnonzero(train.labels == PICTURE_DIGIT)[0])]
    return (_stroke((6.0, 8.0), (6.0, 20.0)).ravel().astype(np.float32), _ring((10.0, 14.0), 5.0).ravel().astype(np.float32),
            np.asarray(digit, dtype=np.float32))


def strongest_picture(s: Situation) -> Measured:
    """Choices (the edge, the loop, the digit, none): which picture gives the chosen hidden-1 neuron the largest
    z = Σ w·a + b, or none if z < 0 for all three (for σ: less than half on; for ReLU: silent)."""
    layer, neuron = _need(s.selected, "Click a neuron of hidden 1 in the picture first.")
    if layer != 1:
        raise NotReadyError("Choose a neuron of hidden 1: its weights meet the pixels.")
    z = forward(s.network, np.stack(lesson_pictures(s.train))).zs[0][:, neuron].astype(np.float64)
    index = 3 if z.max() < 0 else int(np.argmax(z))
    return Measured(Chosen(index), {"neuron": str(neuron), "z_edge": _signed(z[0]), "z_loop": _signed(z[1]),
                                    "z_digit": _signed(z[2])})


def silenced_accuracy(network: Network, test: DigitSet, layer: int, neuron: int) -> float:
    """Test accuracy (0..1) with neuron ``neuron`` of ``layer`` silenced as the Knobs page does it."""
    edits = NetworkEdits(network)
    edits.silence(layer, neuron)
    return float((predict(edits.network, test.inputs).argmax(axis=1) == test.labels).mean())


def _hidden_layer(s: Situation, layer: int) -> int:
    """``layer`` if the network in use has that hidden layer; else NotReadyError saying so."""
    layer = int(layer)
    if not 1 <= layer < s.network.layer_count:
        raise NotReadyError(f"This network has no hidden layer {layer}.")
    return layer


def silenced_worst_digit(s: Situation, layer: int, neuron: int) -> Measured:
    """Choices (0, 1, ..., 9, none): the digit whose test accuracy falls most when that neuron is silenced
    as the Knobs page does it; none if no digit loses a single test digit."""
    layer = _hidden_layer(s, layer)
    neuron = int(neuron) % s.network.sizes[layer]
    edits = NetworkEdits(s.network)
    edits.silence(layer, neuron)
    before = predict(s.network, s.test.inputs).argmax(axis=1) == s.test.labels
    after = predict(edits.network, s.test.inputs).argmax(axis=1) == s.test.labels
    per_digit = [(before[s.test.labels == d].mean(), after[s.test.labels == d].mean()) for d in range(10)]
    drops = np.array([b - a for b, a in per_digit])
    worst = int(np.argmax(drops))
    if drops[worst] <= 0:
        result = "No digit: every digit is read as well as before"
        index = 10
    else:
        result = (f"The {worst}s: {_percent(per_digit[worst][0])} % of them were read right, now "
                  f"{_percent(per_digit[worst][1])} %")
        index = worst
    return Measured(Chosen(index), {"result": result, "accuracy": _percent(after.mean()),
                                    "trained_accuracy": _percent(before.mean()), "neuron": str(neuron)})


def squared_error(s: Situation) -> Measured:
    """3Blue1Brown's cost C = Σ (a − y)² of the digit shown, and the network's own cost beside it."""
    output = forward(s.network, _inputs(s)).output.astype(np.float64)[None, :]
    label = np.array([_label(s)])
    cost = s.network.cost
    own = _fixed(float(cost.per_example(output, label)[0]))
    a_y = _fixed(float(output[0, label[0]]))
    words = (f"the cross-entropy C = −ln a_y = −ln {a_y} = {own}" if cost.probabilities else
             f"the quadratic cost {cost.formula}, half of it: {own}")
    return Measured(float(sum_of_squares(output, label)[0]), {"own_cost": words, "a_y": a_y})


def example_cost(network: Network, inputs: np.ndarray, label: int) -> float:
    """The network's own cost C on one labelled example."""
    output = forward(network, inputs).output[None, :]
    return float(network.cost.per_example(output, np.array([label]))[0])


def first_curve_step(s: Situation) -> Measured:
    """The ball's first step on the Descent page's curve: −η × slope at the start (signed: + is to the right)."""
    walk = _need(s.walk, "Open the Gradient descent page first.")
    curve = _need(walk.curve, "Open the Gradient descent page first.")
    slope = float(np.asarray(curve.gradient(walk.start[curve.axis]), dtype=np.float64).ravel()[0])
    return Measured(-walk.rate * slope, {"rate": f"{walk.rate:g}", "slope": _signed(slope, 3)})


def _first_step(s: Situation) -> float:
    walk = _need(s.walk, "Open the Gradient descent page first.")
    slope = np.asarray(walk.problem.gradient(*walk.start), dtype=np.float64)
    return float(walk.rate * np.linalg.norm(slope))


def _output_wishes(s: Situation) -> tuple[np.ndarray, np.ndarray, int]:
    """(y − a, a, label) at the outputs: each output's wish, as the Backprop page draws it."""
    output = forward(s.network, _inputs(s)).output.astype(np.float64)
    label = _label(s)
    return np.eye(len(output))[label] - output, output, label


def strongest_down_wish(s: Situation) -> Measured:
    """Choices (0..9): the output whose wish y − a is most negative, for the example shown."""
    wish, output, label = _output_wishes(s)
    down = int(np.argmin(wish))
    return Measured(Chosen(down), {"wish": _signed(float(wish[down]), 3), "a": _fixed(float(output[down])),
                                   "up": _signed(float(wish[label]), 3), "label": str(label)})


def right_output_wish(network: Network, inputs: np.ndarray, label: int) -> float:
    """−∂C/∂z of the right digit's output neuron: how strongly this example wants it to go up."""
    return float(-backprop(network, inputs, [label]).deltas[-1][label])


def parameter_count_wider(s: Situation, factor: int) -> Measured:
    """Weights and biases of the same network with every hidden layer ``factor`` times as wide."""
    sizes = [s.network.sizes[0], *(int(factor) * n for n in s.network.sizes[1:-1]), s.network.sizes[-1]]
    layers = [(n_in, n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    total = sum(n_in * n_out + n_out for n_in, n_out in layers)
    parts = [f"{n_in:,} × {n_out:,} + {n_out:,} = {n_in * n_out + n_out:,}" for n_in, n_out in layers]
    breakdown = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    return Measured(float(total), {"breakdown": breakdown, "ratio": f"{total / s.network.params.size:.2f}",
                                   "wider": "-".join(map(str, sizes))})


def reasoned(s: Situation, right: int) -> Measured:
    """A choice whose answer is reasoned, not measured: the file names it (``right``, counted from 1)."""
    return Measured(Chosen(int(right) - 1))


def _selected_activation(s: Situation) -> float:
    layer, neuron = _need(s.selected, "Click a neuron in the picture first.")
    return float(forward(s.network, _inputs(s)).activations[layer][neuron])


def _epoch_accuracy(s: Situation, epoch: int) -> float:
    if len(s.test_accuracies) < epoch:
        raise NotReadyError(f"Train for {epoch} epoch{'s' if epoch > 1 else ''} first: the answer is measured on your run.")
    return 100.0 * s.test_accuracies[epoch - 1]


@dataclass(frozen=True)
class Measure:
    """One kind of answer: its parameters (names, in the lesson file) and how it is measured.

    ``choices``: 0 for a number; n > 0 for a choice among exactly n options, in the order ``words`` gives;
    None for a choice among the file's own options (a reasoned answer). ``details``: the names its
    explanation may quote. ``pictures``: inputs the card shows beside the question, if any. ``on``: what the
    answer is measured on when it is not the network in use (the card then says so instead of the model's name).
    """

    params: tuple[Param, ...]
    measure: Callable[..., float | Measured]    # (situation, **params) -> the answer
    words: str                                  # what it measures, for the teacher's page
    choices: int | None = 0
    details: tuple[str, ...] = ()
    pictures: Callable[[DigitSet], tuple[np.ndarray, ...]] | None = None
    on: str = ""          # what it is measured on, when that is not the network in use ("this page's neuron")


LONE_NEURON = "this page's neuron"             # what some answers are measured on, when not the network in use
DESCENT_EXAMPLE = "the page's descent example"
LEARNERS_RUN = "your training run"

MEASURES: Mapping[str, Measure] = {
    "input_count": Measure((), lambda s: float(s.network.sizes[0]), "inputs of the network (one per pixel)"),
    "zero_inputs": Measure((), zero_inputs, "how many of the digit's inputs are exactly 0 (black)", details=("ink",)),
    "parameter_count": Measure((), lambda s: float(s.network.params.size), "weights and biases of the network"),
    "parameter_count_wider": Measure((Param("factor", int, 1, 100),), parameter_count_wider,
                                     "weights and biases with every hidden layer that many times as wide",
                                     details=("breakdown", "ratio", "wider")),
    "training_digit_count": Measure((), lambda s: float(len(s.train)), "labelled training digits"),
    "network_answer": Measure((TEST_DIGIT,), network_answer,
                              "the network's answer for that test digit (digit = \"mistake\": the first it reads "
                              "wrong with an output above 0.9); choices 0 to 9", 10,
                              ("confidence", "digit", "label", "verdict")),
    "answer_now": Measure((), answer_now, "the network's answer for the digit shown; choices 0 to 9", 10),
    "neuron_output": Measure((), lambda s: _lone(s).output(), "the lone neuron's activation a = σ(Σ w·a + b)",
                             on=LONE_NEURON),
    "neuron_half_with": Measure((LONE_INPUT, Param("value", float)), neuron_half_with,
                                "whether the lone sigmoid neuron is above or below ½ with that input set to that "
                                "value; choices: above, below", 2, ("z", "a"), on=LONE_NEURON),
    "firing_threshold": Measure((), lambda s: -_lone(s).bias,
                                "the weighted sum above which σ(Σ w·a + b) > ½, i.e. −b", on=LONE_NEURON),
    "neuron_gate": Measure((), neuron_gate, "which gate the lone neuron computes on a₁ and a₂ (z > 0 as on); "
                                            "choices: AND, OR, neither", 3, ("z_one", "a_one", "z_both"),
                          on=LONE_NEURON),
    "brightest_neuron": Measure((LAYER,), brightest_neuron, "the number of that layer's most active neuron for the "
                                                              "digit shown", details=("a", "z", "second")),
    "selected_activation": Measure((), _selected_activation, "the chosen neuron's activation for the digit shown"),
    "strongest_picture": Measure((), strongest_picture,
                                 "which of three pictures (an edge, a loop, a training 3) gives the chosen hidden-1 "
                                 "neuron the largest z = Σ w·a + b; choices: edge, loop, digit, none (z < 0 for all)",
                                 4, ("neuron", "z_edge", "z_loop", "z_digit"), lesson_pictures),
    "flip_bias": Measure((OUTPUT,), lambda s, output: flip_bias(s.network, _inputs(s), int(output)),
                         "the output bias at which the answer flips (exact: where z_output passes the largest other z)"),
    "silenced_accuracy": Measure((LAYER, NEURON),
                                 lambda s, layer, neuron: 100.0 * silenced_accuracy(
                                     s.network, s.test, _hidden_layer(s, layer), int(neuron) % s.network.sizes[int(layer)]),
                                 "test accuracy with that neuron silenced"),
    "silenced_worst_digit": Measure((LAYER, NEURON), silenced_worst_digit,
                                    "the digit whose test accuracy falls most with that neuron silenced; choices 0 to "
                                    "9, then none", 11, ("result", "accuracy", "trained_accuracy", "neuron")),
    "input_cost": Measure((), lambda s: example_cost(s.network, _inputs(s), _label(s)),
                          "the network's own cost C on the digit shown"),
    "squared_error": Measure((), squared_error, "C = Σ (a − y)² of the digit shown",
                             details=("own_cost", "a_y")),
    "first_step_length": Measure((), _first_step, "length of the first step on the map, η × the steepness at the start",
                                 on=DESCENT_EXAMPLE),
    "first_curve_step": Measure((), first_curve_step, "the ball's first step on the curve, −η × slope at the start",
                                details=("rate", "slope"), on=DESCENT_EXAMPLE),
    "epoch_test_accuracy": Measure((Param("epoch", int, 1, 1000),), lambda s, epoch: _epoch_accuracy(s, int(epoch)),
                                   "test accuracy of the learner's run after that epoch", on=LEARNERS_RUN),
    "steps_done": Measure((), lambda s: float(_need(s.steps_done, "Start training first.")),
                          "mini-batch steps the run took before it stopped", on=LEARNERS_RUN),
    "right_output_wish": Measure((), lambda s: right_output_wish(s.network, _inputs(s), _label(s)),
                                 "how strongly this example wants the right digit's weighted sum z to rise (its output wish)"),
    "strongest_down_wish": Measure((), strongest_down_wish,
                                   "the output whose wish y − a is most negative for the example shown; choices 0 to 9",
                                   10, ("wish", "a", "up", "label")),
    "reasoned": Measure((Param("right", int, 1),), reasoned,
                        "a reasoned answer: the choice the file names (right = its number)", None),
}


def flip_bias(network: Network, inputs: np.ndarray, output: int) -> float:
    """The bias of output neuron ``output`` above which the answer becomes ``output``.

    The answer is the largest output, and every output is increasing in its own z = (W a)_j + b_j,
    so it flips when z_output passes the largest other z: at b = b_output + max_{j≠output} z_j − z_output.
    """
    z = forward(network, inputs).zs[-1].astype(np.float64)
    others = np.delete(z, output)
    return float(network.biases[-1][output] + others.max() - z[output])


def measured(name: str, situation: Situation, params: Mapping[str, int | float | str]) -> Measured:
    """Measure ``name`` in ``situation``, with its details; NotReadyError if the situation lacks what it needs."""
    found = MEASURES[name].measure(situation, **params)
    return found if isinstance(found, Measured) else Measured(float(found))


def measure(name: str, situation: Situation, params: Mapping[str, int | float | str]) -> float | Chosen:
    """The answer of measure ``name`` in ``situation`` (without its details)."""
    return measured(name, situation, params).answer


def ask(question, situation: Situation) -> tuple[float | str, Mapping[str, str]]:
    """A lesson question's answer as the card shows it (a number, or the text of the right choice) and its details.

    ``question`` has ``measure``, ``params`` and ``choices`` (nn_core.lesson.Question).
    """
    found = measured(question.measure, situation, question.params)
    if isinstance(found.answer, Chosen):
        return question.choices[found.answer.index], found.details
    return float(found.answer), found.details


def judge(given: float | str | None, answer: float | str, tolerance: float) -> bool:
    """Is the learner's ``given`` answer right: the same choice, or a number within ``tolerance``?"""
    if given is None:
        return False
    if isinstance(answer, str):
        return str(given) == answer
    return abs(float(given) - float(answer)) <= tolerance + 1e-9
