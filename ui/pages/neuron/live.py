"""The One-neuron page's live view: nine sliders and three pictures that answer while a finger moves.

The component (ui/live/one_neuron.js, joined after ui/live/nn.js) draws the diagram, the sentence, the number line of the
weighted sum and the activation curve in the browser during a drag, with no rerun. When a slider
is let go it sends the nine values once (the ``release`` trigger): ``apply_release`` checks them
(finite numbers within the sliders' ranges) and keeps them in the page's session-state keys, so
presets, Reset and every other page read the same neuron. numpy stays the truth: the next run
sends Python's own sentence (``controls.explain``) back, and the view shows it.
"""
from __future__ import annotations

import math

import numpy as np
import streamlit as st

from figures.colours import BIAS_MARK, THRESHOLD_MARK
from figures.neuron_closeup import SUM_RANGE, activation_axis
from figures.numbers import number, signed
from nn_core.activations import Activation
from ui import state
from ui.live.component import engine_and_view, palette_data
from ui.pages.neuron import controls as one_neuron

COUNT = one_neuron.INPUT_COUNT
MOST_RELEASES = 2 ** 53         # a release number past this is not one the browser counted to


class RefusedError(ValueError):
    """A release whose values cannot be the neuron's; the message says why, in words (never the value sent)."""


def _slider_value(payload: dict, name: str, index: int | None, limits: tuple[float, float, float], what: str) -> float:
    value = payload.get(name)
    if index is not None:
        if not isinstance(value, list) or len(value) != COUNT:
            raise RefusedError(f"the {name} were not a list of {COUNT} numbers")
        value = value[index]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RefusedError(f"{what} was not a number")
    value = float(value)
    low, high, _ = limits
    if not math.isfinite(value) or not low <= value <= high:
        raise RefusedError(f"{what} was not a number from {signed(low, 1)} to {signed(high, 1)}")
    return value


def read_release(payload: object) -> tuple[list[float], list[float], float]:
    """(inputs, weights, bias) of a release ``{seq, inputs: [4], weights: [4], bias}``, or ``RefusedError``."""
    if not isinstance(payload, dict):
        raise RefusedError("they did not come as the nine slider values")
    inputs = [_slider_value(payload, "inputs", i, one_neuron.INPUT_RANGE, f"input a{i + 1}") for i in range(COUNT)]
    weights = [_slider_value(payload, "weights", i, one_neuron.WEIGHT_RANGE, f"weight w{i + 1}") for i in range(COUNT)]
    bias = _slider_value(payload, "bias", None, one_neuron.BIAS_RANGE, "the bias b")
    return inputs, weights, bias


def apply_release(payload: object) -> str | None:
    """Keep a release's values in the session (and return None), or keep the neuron as it was and return why not."""
    seq = payload.get("seq") if isinstance(payload, dict) else None
    if isinstance(seq, int) and not isinstance(seq, bool) and 0 < seq < MOST_RELEASES:
        st.session_state[state.ONE_LIVE_ACK] = seq  # even when refused: the browser then shows Python's values again
    try:
        inputs, weights, bias = read_release(payload)
    except RefusedError as refused:
        problem = (f"The sliders sent values this page cannot use ({refused}), so the neuron was kept as it was. "
                   "Move a slider again, or reload the page.")
        st.session_state[state.ONE_LIVE_PROBLEM] = problem
        return problem
    for i in range(COUNT):
        st.session_state[state.one_input(i)] = inputs[i]
        st.session_state[state.one_weight(i)] = weights[i]
    st.session_state[state.ONE_BIAS] = bias
    st.session_state[state.ONE_LIVE_PROBLEM] = None
    return None


def _on_release() -> None:
    shown = st.session_state.get(state.ONE_LIVE)
    apply_release(shown.get("release") if hasattr(shown, "get") else None)


def _shade_words(activation: Activation) -> str:
    low, high = activation.shade_range
    ceiling = " or more" if activation.high is None else ""
    inputs = "shade = activation: black 0, white 1"
    if (low, high) == (0.0, 1.0):
        return inputs
    return f"{inputs} (the neuron: black {number(low, 0)}, white {number(high, 0)}{ceiling})"


def view_data(inputs: np.ndarray, weights: np.ndarray, bias: float, activation: Activation) -> dict:
    """What the component needs to draw this neuron, all plain JSON (about 1.5 kB)."""
    palette = state.palette()
    weighted_sum, output = one_neuron.neuron_output(inputs, weights, bias, activation)
    return {
        "values": {"inputs": [float(v) for v in inputs], "weights": [float(w) for w in weights], "bias": float(bias)},
        "ranges": {"inputs": one_neuron.INPUT_RANGE, "weights": one_neuron.WEIGHT_RANGE, "bias": one_neuron.BIAS_RANGE},
        "activation": {"name": activation.name, "symbol": activation.symbol, "formula": activation.formula,
                       "below_threshold": activation.below_threshold, "shade": list(activation.shade_range),
                       "axis": list(activation_axis(activation, SUM_RANGE))},
        "palette": {**palette_data(palette), "bias": BIAS_MARK, "threshold": THRESHOLD_MARK},
        "large": bool(st.session_state.get(state.LARGE_TEXT)),
        "sentence": one_neuron.explain(weighted_sum, bias, output, activation),
        "a": output,
        "ack": int(st.session_state.get(state.ONE_LIVE_ACK, 0)),
        "sum_range": SUM_RANGE,
        "no_bias_below": one_neuron.NO_BIAS_BELOW,
        "words": {"no_bias_yet": one_neuron.CAPTION_NO_BIAS_YET, "dotted": one_neuron.CAPTION_DOTTED,
                  "rest": one_neuron.CAPTION_REST},
        "key_words": {"shades": _shade_words(activation)},
    }


def show(inputs: np.ndarray, weights: np.ndarray, bias: float, activation: Activation) -> None:
    """The live sliders and pictures of this neuron; a refused release is said above them.

    Two components (ui/live/component.engine_and_view): the drawing code (the "engine", ~36 kB, no data:
    unchanged between runs, so sent once per visit) and the view (its data and a few lines of code, ~6 kB,
    sent again after a release).
    """
    problem, said = st.session_state.get(state.ONE_LIVE_PROBLEM), st.container()  # always there: the view keeps its place
    if problem:
        said.warning(problem, icon=":material/warning:")
        st.session_state[state.ONE_LIVE_PROBLEM] = None  # said once
    mount = engine_and_view("nn_one_neuron", js=("nn.js", "one_neuron.js"), css=("one_neuron.css",))
    mount(state.ONE_LIVE, view_data(inputs, weights, bias, activation), on_release_change=_on_release)
