"""The Turn-the-knobs page's guided experiments: one record each (its button, what it asks, how it sets up).

Each sets up the edits from the trained values (after resetting them), and may show a test digit
and focus the sliders on the neuron it is about.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import streamlit as st

from figures.colours import Palette
from nn_core.activations import Activation
from nn_core.edits import NetworkEdits, on_bias, silent_bias
from nn_core.questions import first_flippable_digit, first_right_digit
from ui import loaders, state
from ui.pages.knobs.controls import BIAS_RANGE, current_edits


def _focus(layer: int, neuron: int = 0) -> None:
    st.session_state[state.KNOB_LAYER] = layer
    st.session_state[state.KNOB_NEURON] = neuron


def _flip(edits: NetworkEdits) -> None:
    """A test 8 read correctly whose answer the digit-3 slider can flip (for classic: #800, at a bias of 7.64)."""
    state.show_test_digit(first_flippable_digit(edits.trained, loaders.embedded()[1], 8, 3, BIAS_RANGE - 0.5))
    _focus(edits.trained.layer_count, 3)


def _silence(edits: NetworkEdits) -> None:
    neuron = 7 % edits.trained.sizes[1]
    edits.silence(1, neuron)
    _focus(1, neuron)


def _always_on(edits: NetworkEdits) -> None:
    edits.scale_weights(1, 0, 0.0)  # so no input can pull it down
    edits.set_bias(1, 0, on_bias(edits.trained, loaders.embedded()[1].inputs, BIAS_RANGE))
    _focus(1, 0)


def _inside_out(edits: NetworkEdits) -> None:
    state.show_test_digit(first_right_digit(edits.trained, loaders.embedded()[1], 0))
    neuron = 7 % edits.trained.sizes[1]
    edits.scale_weights(1, neuron, -1.0)
    _focus(1, neuron)


def _silence_words(_: Palette, activation: Activation) -> str:
    bias = silent_bias(activation.low)
    silent = float(activation.function(np.array([bias]))[0])
    written = f"{bias:g}".replace("-", "−")
    return (f"Its incoming weights are cut to 0 and its bias set to {written}, so its activation is "
            f"{activation.symbol}({written}) = {silent:.5f} whatever the input: silent. Look at the accuracy "
            "by digit below: which digits suffer? That tells you what this neuron helped to recognise.")


@dataclass(frozen=True)
class Experiment:
    """A guided experiment: its button, what it asks, and how it sets up the network (from trained values)."""

    title: str
    instructions: Callable[[Palette, Activation], str]   # (colours, the hidden activation) -> text
    set_up: Callable[[NetworkEdits], None]


EXPERIMENTS = {
    "flip": Experiment(
        "Make it answer 3",
        lambda _, __: "The input is now a test 8 the network reads correctly, and the sliders show the output biases. "
                  "Drag the slider of **digit 3** to the right. At what bias does the answer flip to 3? Does the "
                  "accuracy on the test digits suffer?",
        _flip),
    "silence": Experiment(
        "Silence hidden neuron 7",
        _silence_words,
        _silence),
    "always-on": Experiment(
        "Keep hidden neuron 0 always on",
        lambda _, __: "Its incoming weights are cut to 0 and its bias raised, so it is fully active for every digit. "
                  "Which digits does that confuse?",
        _always_on),
    "blind": Experiment(
        "Turn hidden neuron 7's template inside out",
        lambda colours, _: f"Its incoming weights are multiplied by −1: {colours.positive_name} becomes "
                        f"{colours.negative_name} and {colours.negative_name} becomes {colours.positive_name}. "
                        "The input is a 0. Watch its activation and the answer; then press “Reset neuron”.",
        _inside_out),
}


def set_up(name: str) -> None:
    edits = current_edits()
    edits.reset_all()
    EXPERIMENTS[name].set_up(edits)
    st.session_state[state.EXPERIMENT] = name


def experiments_panel() -> None:
    with st.container(horizontal=True):
        for name, experiment in EXPERIMENTS.items():
            st.button(experiment.title, key=f"experiment-{name}", on_click=set_up, args=(name,),
                      icon=":material/science:")
    chosen = st.session_state.get(state.EXPERIMENT)
    if chosen in EXPERIMENTS:
        st.info(EXPERIMENTS[chosen].instructions(state.palette(), current_edits().trained.activation),
                icon=":material/science:")
