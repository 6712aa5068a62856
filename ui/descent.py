"""The Gradient-descent page's widgets and cached landscapes."""
from __future__ import annotations

import numpy as np
import streamlit as st

from nn_core.landscape import OutputLayerSlice, Parameter, TinyNeuron, calibrate_rates, cost_grid, descend, walk_verdict
from ui import loaders, state

RATES = [0.1, 0.3, 1.0, 3.0, 10.0, 20.0, 30.0, 60.0, 100.0, 150.0, 300.0, 600.0, 1000.0, 3000.0, 10000.0]
MAX_STEPS = 100
PLAY_SECONDS = 0.12
PROBLEMS = {"tiny": "a tiny neuron with two weights", "network": "two parameters of the real network"}
SAMPLE = 500  # training digits the real network's cost is averaged over

PRESETS = {  # button: why it may be missing on some landscapes
    "creep": "No learning rate on the slider is small enough to creep here: even the smallest gets most of the "
             "way within 100 steps.",
    "converge": "No learning rate on the slider settles here within 100 steps: the valley is long and narrow, so "
                "a step small enough not to overshoot across it crawls along its floor. Real training takes "
                "thousands of steps for this reason.",
    "overshoot": "Even the largest learning rate on the slider does not overshoot here: this parameter pair barely "
                 "changes the cost, so the landscape is nearly flat.",
}


@st.cache_resource(show_spinner=False, max_entries=64)
def preset_rates(key: tuple, _problem, start: tuple[float, float]) -> dict[str, float | None]:
    """The learning rates that creep, converge and overshoot from ``start`` (tried once per landscape)."""
    return calibrate_rates(_problem, start, RATES, MAX_STEPS)


@st.cache_resource(show_spinner=False, max_entries=16)
def network_problem(model_key: str, _network, target: int, source: int) -> OutputLayerSlice:
    """Output ``target``'s weight from hidden neuron ``source`` and its bias, on 500 training digits."""
    train, _ = loaders.embedded()
    index = np.random.default_rng(0).permutation(len(train))[:SAMPLE]
    return OutputLayerSlice(_network, train.inputs[index], train.labels[index],
                            Parameter(target, source), Parameter(target, None))


@st.cache_resource(show_spinner=False, max_entries=32)
def landscape(key: tuple, _problem, p1_range, p2_range):
    """The cost on a 60x60 grid (shared between sessions: it depends only on ``key``)."""
    return cost_grid(_problem, p1_range, p2_range, 60)


def problem_and_key():
    """The chosen problem and a key naming it (for caches)."""
    if st.session_state[state.DESCENT_PROBLEM] == "tiny":
        return TinyNeuron(), ("tiny",)
    model = state.current_model()
    network = model.network
    if not network.cost.probabilities:
        st.info("This model has sigmoid outputs with the quadratic cost; the map is drawn for the tiny neuron.")
        return TinyNeuron(), ("tiny",)
    k = network.sizes[-2]
    st.session_state[state.DESCENT_SOURCE] = min(st.session_state.get(state.DESCENT_SOURCE, 0), k - 1)
    left, right = st.columns(2)
    target = left.selectbox("Output neuron (digit)", list(range(10)), key=state.DESCENT_TARGET)
    source = right.number_input(f"Hidden neuron feeding it (0 to {k - 1})", 0, k - 1, key=state.DESCENT_SOURCE)
    return network_problem(state.model_key(), network, target, source), ("network", state.model_key(), target, source)


def default_start(problem, view) -> tuple[float, float]:
    """Where walks start unless the learner moves them: up on the map's left side."""
    if isinstance(problem, TinyNeuron):
        return -4.0, 4.0
    return round(view[0][0] + 1.0, 1), round(view[1][1] - 1.0, 1)


def _start_keys(problem_key: tuple) -> tuple[str, str]:
    suffix = "-".join(map(str, problem_key))
    return f"{state.DESCENT_START1}-{suffix}", f"{state.DESCENT_START2}-{suffix}"


def start_point(problem, view, problem_key: tuple) -> tuple[float, float]:
    """Two sliders for where the walk starts; each landscape has its own pair (their ranges differ)."""
    left, right = st.columns(2)
    values = []
    for column, key, (low, high), default, name in zip((left, right), _start_keys(problem_key), view,
                                                        default_start(problem, view), problem.names):
        low, high = float(round(low, 1)), float(round(high, 1))
        values.append(column.slider(f"Start: {name}", low, high, float(np.clip(default, low, high)),
                                    step=0.1, key=key))
    return values[0], values[1]


def preset_buttons(problem, view, problem_key: tuple) -> None:
    """Creep, converge, overshoot: each sets the rate that does it here and moves the start back."""
    start = default_start(problem, view)
    rates = preset_rates(problem_key + (start,), problem, start)
    with st.container(horizontal=True):
        for name, missing in PRESETS.items():
            rate = rates[name]
            st.button(name, key=f"descent-{name}", on_click=apply_preset, args=(rate, problem_key, start),
                      disabled=rate is None, help=missing if rate is None else f"η = {rate:g}, from the usual start")


def apply_preset(rate: float, problem_key: tuple, start: tuple[float, float]) -> None:
    st.session_state[state.DESCENT_RATE] = rate
    for key, value in zip(_start_keys(problem_key), start):
        st.session_state[key] = float(value)
    st.session_state[state.DESCENT_SHOWN] = MAX_STEPS
    st.session_state[state.DESCENT_PLAYING] = False


def start_playing() -> None:
    st.session_state[state.DESCENT_SHOWN] = 0
    st.session_state[state.DESCENT_PLAYING] = True


def walk(problem, start, rate):
    return descend(problem, start, rate, MAX_STEPS)


def describe(walk_result, rate: float, problem, start: tuple[float, float]) -> str:
    """What happened, in words."""
    costs = walk_result.costs
    verdict = walk_verdict(walk_result, problem, start)
    rises = int(np.sum(np.diff(costs) > 1e-9))
    landmark = problem.landmark()[2]
    if verdict == "flies off":
        return f"With η = {rate:g} the steps grew until the walk flew off the map: the learning rate is far too big."
    if verdict == "overshoots":
        return (f"With η = {rate:g} the walk overshoots: it jumps across the valley, and the cost went *up* on "
                f"{rises} of {len(costs) - 1} steps. Too big a learning rate.")
    if verdict == "creeps":
        return (f"With η = {rate:g} the walk is creeping: after {len(costs) - 1} steps it has not covered half of "
                f"the way to {landmark} (cost {costs[0]:.3f} → {costs[-1]:.4f}). The steps are small where "
                "the ground is nearly flat; a larger learning rate would get there sooner, until it overshoots.")
    how = "downhill every step" if rises == 0 else f"mostly downhill (up on {rises} of {len(costs) - 1} steps)"
    return (f"With η = {rate:g} the walk goes {how} and settles in the valley near {landmark}: cost "
            f"{costs[0]:.3f} → {costs[-1]:.4f}.")
