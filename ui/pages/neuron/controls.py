"""The One-neuron page's widgets and words: the activation, presets, the sentence a learner can check by hand.

The nine sliders (four inputs, four weights, a bias) are drawn by the live view (ui/pages/neuron/live.py).
"""
from __future__ import annotations

import numpy as np
import streamlit as st

from figures.numbers import number, signed
from nn_core.activations import ACTIVATIONS, SIGMOID, Activation, get_activation
from ui import state
from ui.level import simple

INPUT_COUNT = 4
# (lowest, highest, step) of the sliders; a release from the browser outside them is refused (live.py)
INPUT_RANGE = (0.0, 1.0, 0.05)
WEIGHT_RANGE = (-6.0, 6.0, 0.1)
BIAS_RANGE = (-10.0, 10.0, 0.1)
DEFAULT_INPUTS = (0.8, 0.3, 0.6, 0.0)   # (the page's settings table reads these: ui/links/tables.py)
DEFAULT_WEIGHTS = (1.5, -2.0, 1.0, 0.5)
DEFAULT_BIAS = 0.0
DEFAULT_ACTIVATION = "sigmoid"
NO_BIAS_BELOW = 0.05  # a bias this small draws one curve, not two

CAPTION_NO_BIAS_YET = "Move the bias: a dotted curve will keep the neuron with no bias. "
CAPTION_DOTTED = "The dotted curve is the same neuron with no bias. "
CAPTION_REST = ("A negative bias pushes the curve right: the weighted sum must be larger before the neuron "
                "becomes active. That is all a bias does.")

# name: (inputs, weights, bias, what it shows)
PRESETS = {
    "AND": ((1, 1, 0, 0), (5, 5, 0, 0), -7.5, "fires only when a1 AND a2 are both on"),
    "OR": ((1, 0, 0, 0), (5, 5, 0, 0), -2.5, "fires when a1 OR a2 is on"),
    "NOT": ((1, 0, 0, 0), (-5, 0, 0, 0), 2.5, "fires when a1 is off"),
    "edge": ((1, 1, 0.2, 0.1), (3, 3, -3, -3), -2.0, "an edge detector: bright above (a1, a2), dark below (a3, a4)"),
}


def apply_preset(name: str) -> None:
    inputs, weights, bias, note = PRESETS[name]
    for i in range(INPUT_COUNT):
        st.session_state[state.one_input(i)] = float(inputs[i])
        st.session_state[state.one_weight(i)] = float(weights[i])
    st.session_state[state.ONE_BIAS] = float(bias)
    st.session_state[state.ONE_PRESET_NOTE] = f"**{name}**: {note}. Try switching the inputs on and off."


def _reset() -> None:
    st.session_state.update({state.ONE_ACTIVATION: DEFAULT_ACTIVATION, state.ONE_BIAS: DEFAULT_BIAS,
                             state.ONE_PRESET_NOTE: None})
    for i in range(INPUT_COUNT):
        st.session_state[state.one_input(i)] = DEFAULT_INPUTS[i]
        st.session_state[state.one_weight(i)] = DEFAULT_WEIGHTS[i]


def preset_shown() -> str | None:
    """The preset the sliders hold now, or None."""
    values = [st.session_state.get(state.one_input(i)) for i in range(INPUT_COUNT)]
    values += [st.session_state.get(state.one_weight(i)) for i in range(INPUT_COUNT)] + [st.session_state.get(state.ONE_BIAS)]
    for name, (inputs, weights, bias, _) in PRESETS.items():
        if all(isinstance(v, (int, float)) and abs(v - w) < 1e-6 for v, w in zip(values, [*inputs, *weights, bias])):
            return name
    return None


def activation_and_presets() -> Activation:
    """Draw the activation choice and the preset buttons (the sliders are the live view's); return the activation."""
    choice, presets = st.columns([2, 3], gap="medium")
    if simple():   # the sigmoid only: ReLU and tanh wait for the full level
        st.session_state[state.ONE_ACTIVATION] = "sigmoid"
        choice.markdown("Activation function: **the sigmoid σ**")
    else:
        choice.segmented_control("Activation function", list(ACTIVATIONS), key=state.ONE_ACTIVATION, required=True,
                                 format_func=lambda name: ACTIVATIONS[name].title)
    with presets:
        st.caption("Try a neuron that computes logic (then switch its inputs on and off):")
        with st.container(horizontal=True):
            for name in PRESETS:
                st.button(name, key=f"preset-{name}", on_click=apply_preset, args=(name,))
            st.button("Reset", key="preset-reset", on_click=_reset, icon=":material/restart_alt:")
    note = st.container()  # always there, so the live view below keeps its place (a new place remounts it)
    if st.session_state.get(state.ONE_PRESET_NOTE):
        note.info(st.session_state[state.ONE_PRESET_NOTE])
    return get_activation(st.session_state[state.ONE_ACTIVATION])


def current_values() -> tuple[np.ndarray, np.ndarray, float]:
    """(inputs, weights, bias) as the session holds them."""
    inputs = np.array([st.session_state[state.one_input(i)] for i in range(INPUT_COUNT)], dtype=np.float64)
    weights = np.array([st.session_state[state.one_weight(i)] for i in range(INPUT_COUNT)], dtype=np.float64)
    return inputs, weights, float(st.session_state[state.ONE_BIAS])


def neuron_output(inputs: np.ndarray, weights: np.ndarray, bias: float, activation: Activation) -> tuple[float, float]:
    """(Σ w·a, a = f(Σ w·a + b)) of the neuron."""
    weighted_sum = float((weights * inputs).sum())
    with np.errstate(over="ignore"):
        output = float(activation.function(np.array([weighted_sum + bias]))[0])
    return weighted_sum, output


def explain(weighted_sum: float, bias: float, output: float, activation: Activation) -> str:
    """The numbers in one sentence a learner can check by hand."""
    z = weighted_sum + bias
    squash = activation.symbol
    threshold = -bias
    if weighted_sum > threshold:
        verdict = "above it, so the neuron is active"
    else:
        verdict = f"not above it, so the neuron is {activation.below_threshold}"
    return (f"Weighted sum **Σ w·a = {signed(weighted_sum)}**. With bias b = {signed(bias)} the neuron becomes "
            f"active when Σ w·a > {signed(threshold)}; it is {verdict}. z = Σ w·a + b = {signed(z)}, so "
            f"**a = {squash}(z) = {number(output, 3)}**.")


def squashing_words(activation: Activation) -> str:
    """What the activation function does, in words: the seed's sentence for σ, the caveat for the others."""
    if activation is SIGMOID:
        return ("**The sigmoid** σ(x) = 1 / (1 + e⁻ˣ) says how positive z = Σ w·a + b, the weighted sum plus the "
                "bias, is: a very negative z gives nearly 0, z = Σ w·a + b = 0 gives exactly ½ (σ(0) = ½), a very "
                "positive z nearly 1. So the neuron's activation always lies between 0 and 1.")
    return (f"**{activation.title}**: {activation.formula}. Real networks often use it instead of σ; the classic "
            f"network of this app uses σ. Its output is {activation.holds}, so with it an activation is no "
            "longer always between 0 and 1.")
