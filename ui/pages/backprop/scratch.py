"""The Backpropagation page's scratch copy: a copy of the model in use that its steps change, the training
example it learns from, and the copy's scores after every step (test accuracy, mean training cost).

Every other page keeps the trained network; Undo, or choosing another model, throws the copy away.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from nn_core.backprop import gradient_step
from nn_core.evaluate import evaluate, output_activations
from nn_core.network import Network, forward
from ui import loaders, state

RATES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
DEFAULT_RATE = 0.1
BATCH = 10                              # examples in the mini-batch step


# -- the copy and its scores -------------------------------------------------------------
@dataclass(frozen=True)
class Score:
    """How a network does on the embedded digits."""

    test_accuracy: float        # on the 1,000 unseen test digits, 0..1
    train_cost: float           # the mean cost over the 4,000 training digits
    train_wrong: np.ndarray     # the training digits it gets wrong (indices)


@dataclass(frozen=True)
class Step:
    """One gradient-descent step taken on the copy."""

    kind: str                   # "example" or "batch"
    rate: float
    digits: tuple[int, ...]     # the training digits it learned from, the example first
    right_before: float         # the example's output for its right digit, before and after
    right_after: float
    before: Score
    after: Score
    batch_instead: Score | None = None  # for a one-example step: what the mini-batch button would have given,
    right_instead: float | None = None  # and the example's output for its right digit after that step
    others_sure: int = 0                # how many of the mini-batch's other digits had an output above 0.9 for their right digit


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
    """Test accuracy, mean training cost and the training digits it gets wrong: one forward pass of 5,000 digits."""
    train, test = loaders.embedded()
    outputs = output_activations(network, train)
    labels = train.labels.astype(np.intp)
    with np.errstate(divide="ignore"):
        cost = network.cost.mean(outputs, labels)
    wrong = np.flatnonzero(np.argmax(outputs, axis=1) != labels)
    return Score(evaluate(network, test).accuracy, cost, wrong)


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
def mini_batch(index: int, steps_taken: int) -> np.ndarray:
    """This training digit and BATCH − 1 others, chosen at random (a new choice for every step)."""
    train, _ = loaders.embedded()
    rng = np.random.default_rng([index, steps_taken])
    others = rng.choice(np.delete(np.arange(len(train)), index), BATCH - 1, replace=False)
    return np.r_[index, others]


def take_step(kind: str, index: int) -> None:
    """One step of gradient descent on the copy: on this example alone, or on a mini-batch of BATCH."""
    train, _ = loaders.embedded()
    copy = scratch()
    network = copy.network
    rate = float(st.session_state[state.BACKPROP_RATE])
    batch = mini_batch(index, len(copy.steps))
    label = int(train.labels[index])
    instead = right_instead = None
    if kind == "example":
        other = network.copy()
        gradient_step(other, train.inputs[batch], train.labels[batch].astype(np.intp), rate)
        instead, right_instead = score(other), float(forward(other, train.inputs[index]).output[label])
    digits = np.array([index]) if kind == "example" else batch
    right_before = float(forward(network, train.inputs[index]).output[label])
    others = digits[1:]
    others_sure = int(np.sum(forward(network, train.inputs[others]).output[np.arange(len(others)), train.labels[others]] > 0.9))
    gradient_step(network, train.inputs[digits], train.labels[digits].astype(np.intp), rate)
    right_after = float(forward(network, train.inputs[index]).output[label])
    step = Step(kind, rate, tuple(int(d) for d in digits), right_before, right_after, copy.score, score(network),
                instead, right_instead, others_sure)
    st.session_state[state.BACKPROP_NET] = Scratch(copy.owner, network, copy.trained, copy.steps + (step,))
