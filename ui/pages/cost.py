"""The Cost page's pieces: the right answer for the current digit, and the costs averaged over digits.

Two costs, each named wherever a number is: 3Blue1Brown's C = Σ (a − y)² (both levels), and the
cost the network is trained on, e.g. the cross-entropy −ln a_y (the full level).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from nn_core.costs import Cost, sum_of_squares
from nn_core.evaluate import CostSummary, cost_summary, output_activations
from nn_core.network import Network
from ui import loaders, state


def right_answer(digit: state.InputDigit | None, prediction: int) -> int:
    """The label of the current digit: known for a test digit, asked for a drawing or an upload."""
    if digit is not None and digit.label is not None:
        return int(digit.label)
    if st.session_state.get(state.COST_LABEL) is None:
        st.session_state[state.COST_LABEL] = int(prediction)
    st.selectbox("Which digit did you mean?", list(range(10)), key=state.COST_LABEL,
                 help="The cost needs the right answer: it compares the network's output with it")
    return int(st.session_state[state.COST_LABEL])


@dataclass(frozen=True)
class Averages:
    train: CostSummary
    test: CostSummary
    untrained: CostSummary   # the same layers with random weights, before any training
    train_squares: np.ndarray  # (N,) Σ (a − y)² of every training digit (train.per_example is the trained-on cost)


@st.cache_resource(show_spinner=False, max_entries=8)
def averages(model_key: str, _network: Network) -> Averages:
    """The costs over the 4,000 training and 1,000 test digits (shared: they depend only on the model)."""
    train, test = loaders.embedded()
    untrained = Network.random(_network.sizes, rng=0, activation=_network.activation.name, cost=_network.cost.name)
    squares = sum_of_squares(output_activations(_network, train).astype(np.float64), train.labels.astype(np.intp))
    return Averages(cost_summary(_network, train), cost_summary(_network, test), cost_summary(untrained, train),
                    squares)


def trained_cost(cost: Cost) -> str:
    """The name and formula of the cost a network is trained on: 'cross-entropy −ln a_y', 'quadratic ½‖a − y‖²'."""
    return cost.title.split(" (")[0]


def worst_sum_of_squares(cost: Cost, outputs: int = 10) -> float:
    """The largest Σ (a − y)² can be: 2 when the outputs add up to 1 (all on one wrong digit), else one per output."""
    return 2.0 if cost.probabilities else float(outputs)


@dataclass(frozen=True)
class Example:
    index: int
    label: int
    output: np.ndarray


def _first_right_and_wrong(network: Network, digits) -> tuple[Example, Example | None]:
    outputs = output_activations(network, digits)
    right = np.argmax(outputs, axis=1) == digits.labels
    pick = [int(np.argmax(right)) if right.any() else 0, int(np.argmin(right)) if not right.all() else None]
    return tuple(None if i is None else Example(i, int(digits.labels[i]), outputs[i]) for i in pick)


@st.cache_resource(show_spinner=False, max_entries=8)
def right_and_wrong(model_key: str, _network: Network) -> tuple[Example, Example | None, str]:
    """A training digit the network reads right, one it reads wrong, and which set they are from.

    If it reads every training digit right, both come from the test digits (and the wrong one is
    None if it reads all of those right too).
    """
    train, test = loaders.embedded()
    right, wrong = _first_right_and_wrong(_network, train)
    if wrong is not None:
        return right, wrong, "training"
    return (*_first_right_and_wrong(_network, test), "test")


def sum_of_squares_line(output: np.ndarray, label: int) -> str:
    """'**C = Σ (a − y)² = (0.13 − 1)² + … = 1.379**': the one place the page writes the digit shown's Σ (a − y)².

    (The lesson asks for this number: keep it produced here only, so that it can be held back until Reveal.)
    """
    return f"**C = Σ (a − y)² = {squares_sum_text(output, label)}**"


def squares_sum_text(output: np.ndarray, label: int) -> str:
    """'(0.36 − 1)² + (0.41 − 0)² + (0.19 − 0)² + the other 7 (together 0.004) = 0.61', largest terms first."""
    output = np.asarray(output, dtype=np.float64)
    target = np.zeros(len(output))
    target[label] = 1.0
    terms = (output - target) ** 2
    order = [int(j) for j in np.argsort(-terms)[:3]]
    shown = " + ".join(f"({output[j]:.2f} − {int(target[j])})²" for j in order)
    rest = float(terms.sum() - terms[order].sum())
    return f"{shown} + the other {len(output) - len(order)} (together {rest:.3f}) = {terms.sum():.3f}"


def pick_mistake() -> None:
    """Make the current input the next test digit the model in use reads wrong."""
    _, test = loaders.embedded()
    wrong = np.flatnonzero(np.argmax(output_activations(state.current_model().network, test), axis=1) != test.labels)
    if len(wrong) == 0:
        return
    current = state.current_input()
    after = current.test_index if current is not None and current.test_index is not None else -1
    state.show_test_digit(int(next((i for i in wrong if i > after), wrong[0])))
