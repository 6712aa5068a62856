"""Test accuracy of the network in use, recomputed quickly after every hand edit."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from nn_core.edits import NetworkEdits
from nn_core.evaluate import accuracy_by_digit
from nn_core.network import forward, forward_from
from ui import loaders, state


@dataclass(frozen=True)
class Scores:
    accuracy: float
    per_digit: np.ndarray
    trained_accuracy: float
    trained_per_digit: np.ndarray


@st.cache_resource(show_spinner=False, max_entries=8)
def _trained_pass(model_key: str, _network) -> tuple[list[np.ndarray], tuple[float, np.ndarray]]:
    """The unedited model's activations of every layer on the test digits, and its scores.

    Shared and read-only: the same for every session using that model. An edit in layer l
    leaves a^(0) .. a^(l-1) as they are, so rescoring starts from there.
    """
    _, test = loaders.embedded()
    activations = forward(_network, test.inputs).activations
    for a in activations:
        a.setflags(write=False)
    return activations, accuracy_by_digit(activations[-1], test.labels)


def test_scores(edits: NetworkEdits) -> Scores:
    """Accuracy of the edited and the trained network on the 1,000 test digits."""
    _, test = loaders.embedded()
    activations, trained = _trained_pass(state.model_key(), edits.trained)
    now = trained
    if edits.is_edited:
        first = min((layer for layer, _ in edits.changed_neurons()), default=1)
        now = accuracy_by_digit(forward_from(edits.network, activations[first - 1], first), test.labels)
    return Scores(now[0], now[1], trained[0], trained[1])


@st.cache_resource(show_spinner=False, max_entries=32)
def measured_test_accuracy(model_key: str, _network) -> float:
    """The app's own measurement of a model: its accuracy on the 1,000 embedded test digits (shared)."""
    _, test = loaders.embedded()
    return accuracy_by_digit(forward(_network, test.inputs).activations[-1], test.labels)[0]
