"""The Backpropagation page's scratch copy: a copy of the model in use that its steps change, the training
example it learns from, and the copy's scores after every step (test accuracy, mean training cost).

Every other page keeps the trained network; Undo, or choosing another model, throws the copy away.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from nn_core.backprop import gradient_step, pulling_batch, shuffled_batches
from nn_core.costs import sum_of_squares
from nn_core.evaluate import evaluate, output_activations
from nn_core.network import Network, forward
from ui import loaders, state

RATES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
DEFAULT_RATE = 0.1
BATCH = 10                              # examples in the mini-batch step
WALK = 10                               # mini-batch steps in one walk ("10 steps of 10")


# -- the copy and its scores -------------------------------------------------------------
@dataclass(frozen=True)
class Score:
    """How a network does on the embedded digits."""

    test_accuracy: float        # on the 1,000 unseen test digits, 0..1
    train_cost: float           # the mean of the network's own cost over the 4,000 training digits (what a step lowers)
    train_squares: float        # the mean of 3Blue1Brown's Σ (a − y)² over the same digits (the simple level's cost)
    train_wrong: np.ndarray     # the training digits it gets wrong (indices)


@dataclass(frozen=True)
class Alone:
    """The mini-batch step's fair comparison: this example alone at η/B, from the same start."""

    rate: float                 # η/B: this example's share of the mini-batch step
    score: Score
    right_after: float          # the example's output for its right digit after that step


@dataclass(frozen=True)
class Step:
    """One button press on the copy: one gradient-descent step, or a walk of several mini-batch steps."""

    kind: str                   # "example", "batch" or "walk"
    rate: float
    digits: tuple[int, ...]     # the training digits it learned from (a step: the example first)
    right_before: float         # the example's output for its right digit, before and after
    right_after: float
    before: Score
    after: Score
    alone: Alone | None = None  # a mini-batch step: this example alone at η/B instead
    path: tuple[Score, ...] = ()  # a walk: the score after each of its mini-batch steps (after = path[-1])


@dataclass(frozen=True)
class Scratch:
    """A copy of the model in use that the steps change, with the trained network's score."""

    owner: str                  # state.model_key() of the model it was copied from
    network: Network
    trained: Score
    steps: tuple[Step, ...] = ()

    @property
    def score(self) -> Score:
        return self.steps[-1].after if self.steps else self.trained


def score(network: Network) -> Score:
    """Test accuracy, mean training costs and the training digits it gets wrong: one forward pass of 5,000 digits."""
    train, test = loaders.embedded()
    outputs = output_activations(network, train)
    labels = train.labels.astype(np.intp)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        cost = network.cost.mean(outputs, labels)
        squares = float(np.mean(sum_of_squares(outputs.astype(np.float64), labels)))
    wrong = np.flatnonzero(np.argmax(outputs, axis=1) != labels).astype(np.int16)  # 4,000 digits: int16 holds them
    return Score(evaluate(network, test).accuracy, cost, squares, wrong)


def trained_network() -> Network:
    return state.current_model().network


def scratch() -> Scratch:
    """The page's copy of the model in use (a fresh one when the model changed or the steps were undone)."""
    current = st.session_state.get(state.BACKPROP_NET)
    if not isinstance(current, Scratch) or current.owner != state.model_key():
        network = trained_network().copy()
        current = Scratch(state.model_key(), network, score(network))
        st.session_state[state.BACKPROP_NET] = current
    return current


def reset() -> None:
    st.session_state[state.BACKPROP_NET] = None


# -- the example: always a training digit ---------------------------------------------------
@dataclass(frozen=True)
class Example:
    index: int                  # which training digit
    pixels: np.ndarray          # (784,) float32 in 0..1
    label: int


def example_index(copy: Scratch) -> int:
    """The chosen training digit, or by default the first one the trained network gets wrong."""
    train, _ = loaders.embedded()
    chosen = st.session_state.get(state.BACKPROP_EXAMPLE)
    if isinstance(chosen, int) and 0 <= chosen < len(train):
        return chosen
    return int(copy.trained.train_wrong[0]) if len(copy.trained.train_wrong) else 0


def label_of(index: int) -> int:
    """The right answer of training digit ``index``."""
    return int(loaders.embedded()[0].labels[index])


def example(index: int) -> Example:
    train, _ = loaders.embedded()
    return Example(index, train.inputs[index].copy(), int(train.labels[index]))


# -- taking a step ---------------------------------------------------------------------------
def right_outputs(network: Network, digits: np.ndarray | None = None) -> np.ndarray:
    """Each training digit's output for its right digit, a_y: (N,), or (len(digits),) for these digits."""
    train, _ = loaders.embedded()
    chosen = np.arange(len(train)) if digits is None else np.asarray(digits)
    with np.errstate(all="ignore"):
        outputs = forward(network, train.inputs[chosen]).output
    return outputs[np.arange(len(chosen)), train.labels[chosen]].astype(np.float64)


def mini_batch(network: Network, index: int, steps_taken: int) -> np.ndarray:
    """This training digit and BATCH − 1 others that pull: digits the network on the page reads wrong or is
    unsure of (output for the right digit below UNSURE). The same model, example and step give the same batch."""
    return pulling_batch(index, right_outputs(network), BATCH, np.random.default_rng([index, steps_taken]))


def walk_batches(index: int, steps_taken: int) -> np.ndarray:
    """WALK mini-batches of BATCH training digits, (WALK, BATCH): one shuffle of all 4,000, as real training does."""
    train, _ = loaders.embedded()
    return shuffled_batches(WALK, BATCH, len(train), np.random.default_rng([index, steps_taken, WALK]))


def _stepped(network: Network, digits, rate: float) -> Network:
    """One gradient-descent step on these training digits, in place; returns the network."""
    train, _ = loaders.embedded()
    digits = np.asarray(digits)
    gradient_step(network, train.inputs[digits], train.labels[digits].astype(np.intp), rate)
    return network


def take_step(kind: str, index: int) -> None:
    """One button press on the copy: a step on this example, a step on a mini-batch of BATCH, or WALK of those."""
    copy = scratch()
    network = copy.network
    rate = float(st.session_state[state.BACKPROP_RATE])
    right_before = float(right_outputs(network, [index])[0])
    alone, path = None, ()
    if kind == "example":
        digits = np.array([index])
        _stepped(network, digits, rate)
        after = score(network)
    elif kind == "batch":
        digits = mini_batch(network, index, len(copy.steps))
        by_itself = _stepped(network.copy(), [index], rate / BATCH)
        alone = Alone(rate / BATCH, score(by_itself), float(right_outputs(by_itself, [index])[0]))
        _stepped(network, digits, rate)
        after = score(network)
    else:
        batches = walk_batches(index, len(copy.steps))
        path = tuple(score(_stepped(network, batch, rate)) for batch in batches)
        digits, after = batches.ravel(), path[-1]
    right_after = float(right_outputs(network, [index])[0])
    step = Step(kind, rate, tuple(int(d) for d in digits), right_before, right_after, copy.score, after, alone, path)
    st.session_state[state.BACKPROP_NET] = Scratch(copy.owner, network, copy.trained, copy.steps + (step,))
