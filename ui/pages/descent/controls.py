"""The Gradient-descent page's controls: the landscape picker (and the tiny neuron's σ-or-step switch), η, the
start, the presets and the walk's play.

The landscapes and the walks they try are landscapes.py's; the words that describe them, words.py's.
"""
from __future__ import annotations

import time

import numpy as np
import streamlit as st

from nn_core.network import parameter_count
from ui import state
from ui.live import screen
from ui.pages.descent.landscapes import (
    DEFAULT_MOMENTUM,
    DEFAULT_RATE,
    MAX_STEPS,
    RATES,
    SAMPLE,
    Landscape,
    landscape,
    network_problem,
    step_landscape,
    tiny_landscape,
    valleys_landscape,
)

PLAY_BUTTON = "descent_play"
PRESET_BUTTON = "descent-{}"           # .format(preset name)
MOMENTUM_BUTTON = "descent-momentum-{}"
MOMENTUM_SLIDER = (0.0, 0.95, 0.05)    # lowest, highest, step of the μ slider (a link's mu= is held to the same)
PLAY_SECONDS = 0.15
PROBLEMS = {"tiny": "a tiny neuron with two weights", "network": "two parameters of the real network",
            "valleys": "a neuron with two valleys"}
STEP_TOGGLE = "On/off neurons: replace σ by a step"

PRESETS = {  # button: why it may be missing on some landscapes
    "creep": "No learning rate on the slider creeps here: even the smallest gets more than half of the way down "
             "within 100 steps, or is not much smaller than the one that converges.",
    "converge": "No learning rate on the slider reaches the bottom from here within 100 steps: those small enough not "
                "to overshoot are too slow (a long, narrow valley does this). Real training takes thousands of steps.",
    "overshoot": "Even the largest learning rate on the slider does not overshoot here: this landscape curves too "
                 "gently.",
}
MOMENTUM_PRESETS = {
    "helps": "No pair tried here shows it: wherever plain gradient descent is too slow, momentum does not reach the "
             "bottom within 100 steps either.",
    "hurts": "No momentum tried (0.5, 0.8, 0.9) makes the walk that converges overshoot here: the valley is gentle "
             "enough to absorb the extra speed.",
}


def choose_landscape() -> Landscape:
    """The landscape picker (and, for the real network, which output neuron and hidden neuron)."""
    st.segmented_control("Landscape of", list(PROBLEMS), format_func=PROBLEMS.get, key=state.DESCENT_PROBLEM,
                         required=True)
    if st.session_state[state.DESCENT_PROBLEM] == "valleys":
        return valleys_landscape()
    if st.session_state[state.DESCENT_PROBLEM] == "tiny":
        st.toggle(STEP_TOGGLE, key=state.DESCENT_STEP,
                  help="A step is 0 below 0 and 1 above: the neuron is either off or on, nothing in between.")
        return step_landscape() if st.session_state[state.DESCENT_STEP] else tiny_landscape()
    model = state.current_model()
    network = model.network
    if not network.cost.probabilities:
        st.info("This model has sigmoid outputs with the quadratic cost; the map is drawn for the tiny neuron.")
        return tiny_landscape()
    k = network.sizes[-2]
    st.session_state[state.DESCENT_SOURCE] = min(st.session_state.get(state.DESCENT_SOURCE, 0), k - 1)
    left, right = st.columns(2)
    target = left.selectbox("Output neuron (digit)", list(range(10)), key=state.DESCENT_TARGET)
    hidden = network.layer_names()[-2]
    source = right.number_input(f"Neuron of {hidden} feeding it (0 to {k - 1})", 0, k - 1, key=state.DESCENT_SOURCE)
    about = (("model", "-".join(map(str, network.sizes))),
             ("parameters", parameter_count(network.sizes)), ("hidden", hidden), ("target", target),
             ("source", source), ("cost", network.cost.formula), ("examples", SAMPLE))
    problem = network_problem(state.model_key(), network, target, source)
    return landscape(("network", state.model_key(), target, source), problem, about)


# -- widgets -----------------------------------------------------------------------------

def rate_slider() -> float:
    """The learning-rate slider; a value not on it (an old default, a link) becomes the default."""
    if st.session_state.get(state.DESCENT_RATE) not in RATES:
        st.session_state[state.DESCENT_RATE] = DEFAULT_RATE
    return st.select_slider("Learning rate η", RATES, key=state.DESCENT_RATE, format_func=lambda r: f"{r:g}",
                            help="How far each step goes per unit of slope: step = η × gradient.")


def _start_keys(land: Landscape) -> tuple[str, str]:
    return state.descent_start(0, land.sliders), state.descent_start(1, land.sliders)


def start_sliders(land: Landscape, columns) -> tuple[float, float]:
    """Two sliders for where the walks start; each landscape has its own pair (their ranges differ)."""
    values = []
    linked = st.session_state.pop(state.DESCENT_LINK_START, None)   # a link's start, put on this landscape's sliders
    for column, key, (low, high), default, name, index in zip(columns, _start_keys(land), land.view, land.default_start,
                                                               land.problem.names, range(2)):
        low, high = float(round(low, 1)), float(round(high, 1))
        if linked is not None:
            st.session_state[key] = float(np.clip(round(linked[index], 1), low, high))
        if key not in st.session_state:   # the default goes in here, not as value=: presets set these keys too
            st.session_state[key] = float(np.clip(default, low, high))
        values.append(column.slider(f"Start: {name}", low, high, step=0.1, format="%.1f", key=key))
    return values[0], values[1]


def linked_preset(land: Landscape) -> None:
    """A link's preset (preset=overshoot): the rate it means on this landscape, from the usual start."""
    name = st.session_state.pop(state.DESCENT_LINK_PRESET, None)
    if name in PRESETS and land.presets.get(name) is not None:
        apply_preset(land, land.presets[name], None, name)


def preset_buttons(land: Landscape) -> None:
    """Creep, converge, overshoot: each sets the rate that does it here and moves the start back.

    Not on terraces (no rate moves the walk) nor among two valleys (where a walk ends depends on its start).
    """
    presets = not (land.terraces or land.starts)
    if presets:
        st.caption("Try these (each sets η and puts the start back):")
    with st.container(horizontal=True):
        for name, missing in PRESETS.items() if presets else ():
            rate = land.presets[name]
            st.button(name, key=PRESET_BUTTON.format(name), on_click=apply_preset, args=(land, rate, None, name),
                      disabled=rate is None,
                      help=missing if rate is None else f"η = {rate:g}, from the usual start (tried, not predicted)")
        st.button("Walk, step by step", key=PLAY_BUTTON, on_click=start_playing, icon=":material/play_arrow:")


def apply_preset(land: Landscape, rate: float, momentum: float | None, name: str | None = None) -> None:
    st.session_state[state.DESCENT_RATE] = rate
    st.session_state[state.DESCENT_PRESET] = (name, rate)
    if momentum is not None:
        st.session_state[state.DESCENT_MOMENTUM] = momentum
    for key, value in zip(_start_keys(land), land.default_start):
        st.session_state[key] = float(value)
    st.session_state[state.DESCENT_SHOWN] = MAX_STEPS
    st.session_state[state.DESCENT_PLAYING] = False


def clock() -> float:
    """Seconds on a clock that only goes forward (the walk's pace is measured on it)."""
    return time.monotonic()


def preset_in_force() -> str | None:
    """The preset last pressed, if η has not been moved since and the landscape shown has presets (not the on/off
    neuron nor the two valleys): for the lesson's check and the page's link."""
    pressed = st.session_state.get(state.DESCENT_PRESET)
    special = (st.session_state.get(state.DESCENT_PROBLEM) == "valleys"
               or (st.session_state.get(state.DESCENT_PROBLEM) == "tiny" and st.session_state.get(state.DESCENT_STEP)))
    if isinstance(pressed, tuple) and pressed[0] and st.session_state.get(state.DESCENT_RATE) == pressed[1] and not special:
        return pressed[0]
    return None


def start_playing() -> None:
    """Walk step by step; for less motion, the whole walk at once (as the last tick leaves it)."""
    if screen.reduced_motion():
        st.session_state[state.DESCENT_SHOWN] = MAX_STEPS
        st.session_state[state.DESCENT_PLAYING] = False
        return
    st.session_state[state.DESCENT_SHOWN] = 0
    st.session_state[state.DESCENT_PLAYING] = True
    st.session_state[state.DESCENT_PLAY_STARTED] = clock()


def next_shown(steps: int) -> int:
    """How many steps to show on this tick: one more, or as many as the time since Play asks for.

    A slow browser draws fewer frames, but the walk still takes PLAY_SECONDS per step in all.
    """
    shown = st.session_state.get(state.DESCENT_SHOWN, 0) + 1
    started = st.session_state.get(state.DESCENT_PLAY_STARTED)
    if started is not None:
        shown = max(shown, int((clock() - started) / PLAY_SECONDS))
    return min(shown, steps)


def momentum_slider() -> float:
    if state.DESCENT_MOMENTUM not in st.session_state:
        st.session_state[state.DESCENT_MOMENTUM] = DEFAULT_MOMENTUM
    return st.slider("Momentum μ", *MOMENTUM_SLIDER[:2], step=MOMENTUM_SLIDER[2], key=state.DESCENT_MOMENTUM,
                     help="How much of the previous step each step keeps (0 = plain gradient descent).")


def momentum_buttons(land: Landscape) -> None:
    with st.container(horizontal=True):
        for name, missing in MOMENTUM_PRESETS.items():
            pair = land.momentum_presets[name]
            st.button(f"momentum {name}", key=MOMENTUM_BUTTON.format(name), disabled=pair is None,
                      on_click=apply_preset, args=(land, *(pair or (None, None))),
                      help=missing if pair is None else f"η = {pair[0]:g} and μ = {pair[1]:g}, from the usual start")
