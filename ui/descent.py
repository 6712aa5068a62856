"""The Gradient-descent page's widgets and cached landscapes."""
from __future__ import annotations

import numpy as np
import streamlit as st

from nn_core.landscape import OutputLayerSlice, Parameter, TinyNeuron, cost_grid, descend
from ui import loaders, state

RATES = [0.1, 0.3, 1.0, 3.0, 10.0, 20.0, 30.0, 60.0, 100.0, 150.0, 300.0, 600.0, 1000.0]
MAX_STEPS = 100
PLAY_SECONDS = 0.12
PROBLEMS = {"tiny": "a tiny neuron with two weights", "network": "two parameters of the real network"}
SAMPLE = 500  # training digits the real network's cost is averaged over

# name: (learning rate, what it shows); the same start point for all
PRESETS = {
    "tiny": {"creep": 1.0, "converge": 20.0, "overshoot": 300.0},
    "network": {"creep": 0.3, "converge": 10.0, "overshoot": 150.0},
}


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
    if network.cost.name != "cross-entropy":
        st.info("This model has sigmoid outputs with the quadratic cost; the map is drawn for the tiny neuron.")
        return TinyNeuron(), ("tiny",)
    k = network.sizes[-2]
    st.session_state[state.DESCENT_SOURCE] = min(st.session_state.get(state.DESCENT_SOURCE, 0), k - 1)
    left, right = st.columns(2)
    target = left.selectbox("Output neuron (digit)", list(range(10)), key=state.DESCENT_TARGET)
    source = right.number_input(f"Hidden neuron feeding it (0 to {k - 1})", 0, k - 1, key=state.DESCENT_SOURCE)
    return network_problem(state.model_key(), network, target, source), ("network", state.model_key(), target, source)


def start_point(problem, view, problem_key: tuple) -> tuple[float, float]:
    """Two sliders for where the walk starts; each landscape has its own pair (their ranges differ)."""
    defaults = (-4.0, 4.0) if isinstance(problem, TinyNeuron) else (view[0][0] + 1.0, view[1][1] - 1.0)
    left, right = st.columns(2)
    suffix = "-".join(map(str, problem_key))
    values = []
    for column, key, (low, high), default, name in zip((left, right), (state.DESCENT_START1, state.DESCENT_START2),
                                                        view, defaults, problem.names):
        low, high = float(round(low, 1)), float(round(high, 1))
        values.append(column.slider(f"Start: {name}", low, high, float(np.clip(round(default, 1), low, high)),
                                    step=0.1, key=f"{key}-{suffix}"))
    return values[0], values[1]


def apply_preset(problem_kind: str, name: str) -> None:
    st.session_state[state.DESCENT_RATE] = PRESETS[problem_kind][name]
    st.session_state[state.DESCENT_SHOWN] = MAX_STEPS
    st.session_state[state.DESCENT_PLAYING] = False


def start_playing() -> None:
    st.session_state[state.DESCENT_SHOWN] = 0
    st.session_state[state.DESCENT_PLAYING] = True


def walk(problem, start, rate):
    return descend(problem, start, rate, MAX_STEPS)


def describe(walk_result, rate: float, problem) -> str:
    """What happened, in words."""
    costs = walk_result.costs
    if walk_result.diverged:
        return f"With η = {rate:g} the steps grew until the walk flew off the map: the learning rate is far too big."
    rises = int(np.sum(np.diff(costs) > 1e-9))
    if costs[-1] > 0.9 * costs[0]:
        return (f"With η = {rate:g} the walk barely moves: the steps are tiny where the ground is nearly flat. "
                "It is creeping; a larger learning rate would get there sooner.")
    if rises > len(costs) // 10:
        return (f"With η = {rate:g} the walk overshoots: it jumps across the valley, and the cost went *up* on "
                f"{rises} of {len(costs) - 1} steps. Too big a learning rate.")
    return (f"With η = {rate:g} the walk goes downhill every step and settles in the valley: cost "
            f"{costs[0]:.3f} → {costs[-1]:.4f}.")
