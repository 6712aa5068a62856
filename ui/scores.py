"""Test accuracy of the network in use, recomputed quickly after every hand edit."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from nn_core.edits import NetworkEdits
from nn_core.evaluate import output_activations
from ui import loaders, state


@dataclass(frozen=True)
class Scores:
    accuracy: float
    per_digit: np.ndarray
    trained_accuracy: float
    trained_per_digit: np.ndarray


def _score(outputs: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    right = np.argmax(outputs, axis=1) == labels
    per_digit = np.bincount(labels, weights=right, minlength=10) / np.maximum(np.bincount(labels, minlength=10), 1)
    return float(right.mean()), per_digit


@st.cache_resource(show_spinner=False, max_entries=8)
def _trained_scores(model_key: str, _network) -> tuple[float, np.ndarray]:
    """The unedited model's scores (shared: the same for every session using that model)."""
    _, test = loaders.embedded()
    return _score(output_activations(_network, test), test.labels)


def test_scores(edits: NetworkEdits) -> Scores:
    """Accuracy of the edited and the trained network on the 1,000 test digits (one forward pass each)."""
    _, test = loaders.embedded()
    trained = _trained_scores(state.model_key(), edits.trained)
    now = _score(output_activations(edits.network, test), test.labels) if edits.is_edited else trained
    return Scores(now[0], now[1], trained[0], trained[1])
