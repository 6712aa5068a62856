"""The Gradient-descent page's widgets, cached landscapes and the words that describe a walk.

Everything a sentence here prints is computed by ``nn_core.landscape`` for the landscape and
start on screen: the lowest point, the verdicts, and which learning rates were tried and did what.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import streamlit as st

from figures.numbers import signed_size, size
from nn_core.landscape import (
    TOO_BIG,
    Lowest,
    OneParameter,
    OutputLayerSlice,
    Parameter,
    TinyNeuron,
    Trial,
    Verdict,
    Walk,
    better_rate,
    calibrate_momentum,
    calibrate_rates,
    cost_grid,
    hessian,
    lowest_point,
    overshoot_rate,
    steeper_axis,
    try_rates,
)
from nn_core.network import parameter_count
from ui import loaders, state

# Session keys this page adds (to move into ui/state.py):
MOMENTUM = state.DESCENT_MOMENTUM       # the momentum slider
PLAY_BUTTON = "descent_play"
PRESET_BUTTON = "descent-{}"           # .format(preset name)
MOMENTUM_BUTTON = "descent-momentum-{}"
PLAY_STARTED = "descent_play_started"  # when "Walk, step by step" was pressed (time.monotonic())

RATES = [0.01, 0.03, 0.1, 0.3, 1.0, 2.0, 3.0, 5.0, 10.0, 30.0, 100.0, 300.0, 1000.0]
DEFAULT_RATE = 3.0           # converges on the tiny neuron from its usual start
DEFAULT_MOMENTUM = 0.5
MOMENTUM_TRIES = (0.5, 0.8, 0.9)   # what the momentum presets try
MAX_STEPS = 100
PLAY_SECONDS = 0.15
SAMPLE = 500                 # training digits the real network's cost is averaged over
GRID = 60
CURVE_POINTS = 300
PROBLEMS = {"tiny": "a tiny neuron with two weights", "network": "two parameters of the real network"}

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


@dataclass(frozen=True)
class Landscape:
    """One landscape and what the page needs to know about it (shared between sessions: read-only)."""

    key: tuple
    problem: object
    view: tuple
    grid: tuple                 # (p1 values, p2 values, C on the grid (rows = p2))
    lowest: Lowest
    curvature: float | None     # the sharpest curvature at the lowest point (largest Hessian eigenvalue)
    curve: OneParameter         # along the steeper parameter, the other held at the lowest point
    curve_lowest: Lowest
    curve_values: np.ndarray
    curve_costs: np.ndarray
    default_start: tuple[float, float]
    good_rates: tuple[float, ...]   # the rates on the slider that reach the bottom from the usual start
    presets: dict
    momentum_presets: dict
    about: dict                 # words about where the landscape comes from


def default_start(problem, view) -> tuple[float, float]:
    """Where walks start unless the learner moves them: up on the map's left side."""
    if isinstance(problem, TinyNeuron):
        return -5.0, 4.0
    return round(view[0][0] + 1.0, 1), round(view[1][1] - 1.0, 1)


@st.cache_resource(show_spinner=False, max_entries=32)
def landscape(key: tuple, _problem, about: tuple) -> Landscape:
    """Everything about one landscape that does not depend on the learner's start or rate."""
    view = _problem.default_view()
    lowest = lowest_point(_problem, view)
    centre = lowest.point if lowest.point is not None else (
        np.array(_problem.trained) if _problem.trained is not None else np.mean(np.array(view), axis=1))
    curvature = None if lowest.point is None else float(np.linalg.eigvalsh(hessian(_problem, lowest.point))[-1])
    axis = steeper_axis(_problem, centre)
    curve = OneParameter(_problem, axis, float(centre[1 - axis]))
    curve_view = curve.default_view()
    curve_values = np.linspace(*curve_view[0], CURVE_POINTS)
    start = default_start(_problem, view)
    plain = try_rates(_problem, start, RATES, MAX_STEPS, lowest, view)
    grid, curve_costs = cost_grid(_problem, *view, GRID), curve.cost(curve_values)
    for array in (*grid, curve_values, curve_costs):   # shared between sessions: read-only
        array.setflags(write=False)
    good = tuple(t.rate for t in plain if t.verdict.kind == "settles")
    return Landscape(key, _problem, view, grid, lowest, curvature, curve,
                     lowest_point(curve, curve_view), curve_values, curve_costs, start, good,
                     calibrate_rates(plain),
                     calibrate_momentum(_problem, start, RATES, MOMENTUM_TRIES, MAX_STEPS, lowest, view), dict(about))


def trials_from(key: tuple, start: tuple[float, float], land: Landscape) -> tuple[list[Trial], list[Trial]]:
    """Every rate on the slider tried from ``start``: on the map, and on the curve (from the start's value there).

    Cached apart, so that moving the start along the other parameter does not try the curve again.
    """
    return _map_trials(key, start, land), _curve_trials(key, start[land.curve.axis], land)


@st.cache_resource(show_spinner=False, max_entries=256)
def _map_trials(key: tuple, start: tuple[float, float], _land: Landscape) -> list[Trial]:
    return try_rates(_land.problem, start, RATES, MAX_STEPS, _land.lowest, _land.view)


@st.cache_resource(show_spinner=False, max_entries=256)
def _curve_trials(key: tuple, value: float, _land: Landscape) -> list[Trial]:
    return try_rates(_land.curve, (value,), RATES, MAX_STEPS, _land.curve_lowest, _land.curve.default_view())


def tried(trials: list[Trial], rate: float) -> tuple[Walk, Verdict]:
    """The walk with learning rate ``rate`` among those tried, and its verdict."""
    trial = next(t for t in trials if t.rate == rate)
    return trial.walk, trial.verdict


@st.cache_resource(show_spinner=False, max_entries=16)
def network_problem(model_key: str, _network, target: int, source: int) -> OutputLayerSlice:
    """Output ``target``'s weight from hidden neuron ``source`` and its bias, on 500 training digits."""
    train, _ = loaders.embedded()
    index = np.random.default_rng(0).permutation(len(train))[:SAMPLE]
    return OutputLayerSlice(_network, train.inputs[index], train.labels[index],
                            Parameter(target, source), Parameter(target, None))


def choose_landscape() -> Landscape:
    """The landscape picker (and, for the real network, which output neuron and hidden neuron)."""
    st.segmented_control("Landscape of", list(PROBLEMS), format_func=PROBLEMS.get, key=state.DESCENT_PROBLEM,
                         required=True)
    if st.session_state[state.DESCENT_PROBLEM] == "tiny":
        return landscape(("tiny",), TinyNeuron(), ())
    model = state.current_model()
    network = model.network
    if not network.cost.probabilities:
        st.info("This model has sigmoid outputs with the quadratic cost; the map is drawn for the tiny neuron.")
        return landscape(("tiny",), TinyNeuron(), ())
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
    suffix = "-".join(map(str, land.key))
    return f"{state.DESCENT_START1}-{suffix}", f"{state.DESCENT_START2}-{suffix}"


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
    """Creep, converge, overshoot: each sets the rate that does it here and moves the start back."""
    with st.container(horizontal=True):
        for name, missing in PRESETS.items():
            rate = land.presets[name]
            st.button(name, key=PRESET_BUTTON.format(name), on_click=apply_preset, args=(land, rate, None, name),
                      disabled=rate is None,
                      help=missing if rate is None else f"η = {rate:g}, from the usual start (tried, not predicted)")
        st.button("Walk, step by step", key=PLAY_BUTTON, on_click=start_playing, icon=":material/play_arrow:")


def apply_preset(land: Landscape, rate: float, momentum: float | None, name: str | None = None) -> None:
    st.session_state[state.DESCENT_RATE] = rate
    st.session_state[state.DESCENT_PRESET] = (name, rate)
    if momentum is not None:
        st.session_state[MOMENTUM] = momentum
    for key, value in zip(_start_keys(land), land.default_start):
        st.session_state[key] = float(value)
    st.session_state[state.DESCENT_SHOWN] = MAX_STEPS
    st.session_state[state.DESCENT_PLAYING] = False


def start_playing() -> None:
    st.session_state[state.DESCENT_SHOWN] = 0
    st.session_state[state.DESCENT_PLAYING] = True
    st.session_state[PLAY_STARTED] = time.monotonic()


def next_shown(steps: int) -> int:
    """How many steps to show on this tick: one more, or as many as the time since Play asks for.

    A slow browser draws fewer frames, but the walk still takes PLAY_SECONDS per step in all.
    """
    shown = st.session_state.get(state.DESCENT_SHOWN, 0) + 1
    started = st.session_state.get(PLAY_STARTED)
    if started is not None:
        shown = max(shown, int((time.monotonic() - started) / PLAY_SECONDS))
    return min(shown, steps)


def momentum_slider() -> float:
    if MOMENTUM not in st.session_state:
        st.session_state[MOMENTUM] = DEFAULT_MOMENTUM
    return st.slider("Momentum μ", 0.0, 0.95, step=0.05, key=MOMENTUM,
                     help="How much of the previous step each step keeps (0 = plain gradient descent).")


def momentum_buttons(land: Landscape) -> None:
    with st.container(horizontal=True):
        for name, missing in MOMENTUM_PRESETS.items():
            pair = land.momentum_presets[name]
            st.button(f"momentum {name}", key=MOMENTUM_BUTTON.format(name), disabled=pair is None,
                      on_click=apply_preset, args=(land, *(pair or (None, None))),
                      help=missing if pair is None else f"η = {pair[0]:g} and μ = {pair[1]:g}, from the usual start")


# -- words -------------------------------------------------------------------------------

def number(value: float, digits: int = 2) -> str:
    """A fixed-point number with a true minus sign, never '−0.00'."""
    return f"{round(value, digits) + 0.0:.{digits}f}".replace("-", "−")


def point_text(point, names: tuple[str, ...] | None = None) -> str:
    """'(−2.59, 1.13)' on a map; 'w1 = −131.48' on a curve (when ``names`` is given)."""
    if len(point) == 1 and names:
        return f"{names[0]} = {number(point[0])}"
    return "(" + ", ".join(number(v) for v in point) + ")"


def share(value: float) -> str:
    return f"{100 * value:.0f}\u00a0%"


def describe(walk: Walk, verdict: Verdict, rate: float, lowest: Lowest, trials: list[Trial], where: str = "walk",
             picture: str = "map", names: tuple[str, ...] | None = None) -> str:
    """What a plain gradient-descent walk did, in words, measured against the lowest point (by cost).

    Advice to go larger comes only from ``better_rate``: a rate tried from this start, below the
    one that overshoots.
    """
    costs, steps = walk.costs, verdict.steps
    first_step = rate * float(np.linalg.norm(walk.slopes[0]))
    bottom = (f"the lowest point has C = {costs_text(lowest.cost)}" if lowest.point is not None else
              f"this slice has no lowest point nearby; its cost falls towards C = {costs_text(lowest.cost)}")
    span = f"cost {costs_text(costs[0])} → {costs_text(costs[-1])}; {bottom}"
    kind = verdict.kind
    if kind == "flies off":
        where_now = "its parameters grew past a million" if walk.diverged else f"it is now at {point_text(walk.path[-1], names)}"
        return (f"With η = {rate:g} the steps are so long that the {where} flies off the {picture} ({where_now}, "
                f"cost {costs_text(costs[-1])}): far too big a learning rate.")
    if kind in ("thrown off", "plateau"):
        place = f"off the {picture} onto a flat plateau" if kind == "thrown off" else "onto a flat plateau"
        slope = float(np.linalg.norm(walk.slopes[-1]))
        flat = ("the ground is flat (|∇C| = 0 to the computer's precision)" if slope == 0 else
                f"the slope is almost zero (|∇C| = {size(slope)})")
        return (f"With η = {rate:g} a step jumps right over the valley and throws the {where} {place} at "
                f"{point_text(walk.path[-1], names)}, where {flat}: "
                f"it is stranded there at cost {costs_text(costs[-1])} ({bottom}). Far too big a learning rate.")
    if kind == "overshoots":
        smaller = _best_smaller(trials, rate)
        advice = (f" η = {smaller.rate:g} reaches the bottom from this start in {steps_text(smaller.reached)}."
                  if smaller else "")
        away = "" if verdict.distance is None else f", still {size(verdict.distance)} from the lowest point"
        return (f"With η = {rate:g} the {where} overshoots: its steps are so long that it jumps across the valley, "
                f"and the cost went *up* on {verdict.rises} of {steps} steps. After {steps} steps it is at cost "
                f"{costs_text(costs[-1])}{away} ({bottom}). Too big a learning rate.{advice}")
    if kind == "settles":
        reached = _steps_to_bottom(walk, lowest)
        how = ("downhill every step" if verdict.rises == 0 else
               f"mostly downhill (the cost went up on {verdict.rises} of {steps} steps, where it jumped past the "
               "valley floor)" if verdict.rises < 3 else
               f"mostly downhill (the cost went up on {verdict.rises} of {steps} steps: it zig-zags across the valley)")
        return (f"With η = {rate:g} the {where} goes {how} and reaches the bottom in {steps_text(reached)} "
                f"(within 1 % of the lowest cost): {span}.")
    # creeps
    better = better_rate(trials, rate)
    too_big = overshoot_rate(trials)
    if better is not None:
        gets = (f"reaches the bottom in {steps_text(better.reached)}" if better.reached is not None
                else f"gets down to C = {costs_text(better.end_cost)}")
        advice = f" A larger learning rate gets there sooner: η = {better.rate:g} {gets} from this start."
    elif too_big is not None:
        advice = f" A larger learning rate would not help from here: η = {too_big:g} already overshoots."
    else:
        advice = ""
    last_step = rate * float(np.linalg.norm(walk.slopes[-1]))
    if verdict.covered < 0.5:
        return (f"With η = {rate:g} the {where} is creeping: after {steps} steps it has come only "
                f"{share(verdict.covered)} of the way down ({span}). Each step is η × the slope: the first is only "
                f"η × |∇C| = {rate:g} × {size(first_step / rate)} = {size(first_step)} long.{advice}")
    shrank = (f" Its steps shrank from {size(first_step)} to {size(last_step)} as the ground flattened."
              if last_step < first_step else "")
    return (f"With η = {rate:g} the {where} is on its way but not there yet: after {steps} steps it has come "
            f"{share(verdict.covered)} of the way down ({span}).{shrank}{advice}")


def _best_smaller(trials: list[Trial], rate: float) -> Trial | None:
    """The smaller rate tried that reaches the bottom first, downhill every step if one does (None if none does)."""
    reaching = [t for t in trials if t.rate < rate and t.verdict.kind == "settles" and t.reached is not None]
    smooth = [t for t in reaching if t.verdict.rises == 0]
    return min(smooth or reaching, key=lambda t: (t.reached, -t.rate), default=None)


def steps_text(count: int) -> str:
    return f"{count} step" if count == 1 else f"{count} steps"


def _steps_to_bottom(walk: Walk, lowest: Lowest) -> int:
    from nn_core.landscape import steps_to_bottom

    reached = steps_to_bottom(walk, lowest)
    return len(walk.costs) - 1 if reached is None else reached


def costs_text(value: float) -> str:
    return f"{float(value):.4f}"


def curve_step_words(land: Landscape, walk: Walk, k: int, rate: float) -> str:
    """The ball at step ``k`` of its walk on the curve: the slope there and the step it takes from there."""
    name = land.curve.symbols[0]
    k = min(k, len(walk.path) - 1)
    value, slope = float(walk.path[k, 0]), float(walk.slopes[k, 0])
    step = -rate * slope
    where = "At the start" if k == 0 else f"After {steps_text(k)}"
    width = float(np.ptp(land.curve_values))
    if abs(step) < 1e-4 * width:
        return (f"{where} the ball is at {name} = {number(value)}, where the slope is almost zero "
                f"(dC/d{name} = {signed_size(slope)}): its steps, −η × slope, are too short to see.")
    direction = ("the curve goes down to the right, so the ball steps right" if slope < 0 else
                 "the curve goes up to the right, so the ball steps left")
    return (f"{where} the ball is at {name} = {number(value)}, where the slope is dC/d{name} = {signed_size(slope)}: "
            f"{direction}. The step is −η × slope = −{rate:g} × ({signed_size(slope)}) = {signed_size(step)}.")


def momentum_words(plain: Walk, plain_verdict: Verdict, heavy: Walk, heavy_verdict: Verdict, rate: float,
                   momentum: float, lowest: Lowest) -> str:
    """Plain gradient descent against momentum, from the same start with the same η, in one or two sentences."""
    if momentum == 0:
        return "With μ = 0 the two walks are the same: momentum adds nothing. Move the slider."

    def outcome(walk: Walk, verdict: Verdict) -> str:
        if verdict.kind == "settles":
            return f"reaches the bottom in {steps_text(_steps_to_bottom(walk, lowest))}"
        if verdict.kind == "creeps":
            return f"has come {share(verdict.covered)} of the way down after {verdict.steps} steps"
        if verdict.kind == "overshoots":
            return f"overshoots (the cost went up on {verdict.rises} of {verdict.steps} steps)"
        if verdict.kind == "plateau":
            return "is thrown onto a flat plateau and stranded there"
        return "is thrown off the map" if verdict.kind == "thrown off" else "flies off the map"

    text = (f"With η = {rate:g}: plain gradient descent {outcome(plain, plain_verdict)}; with momentum μ = {momentum:g} "
            f"the walk {outcome(heavy, heavy_verdict)}.")
    plain_steps = _steps_to_bottom(plain, lowest) if plain_verdict.kind == "settles" else None
    heavy_steps = _steps_to_bottom(heavy, lowest) if heavy_verdict.kind == "settles" else None
    if heavy_steps is not None and (plain_steps is None or heavy_steps < plain_steps):
        text += " Here momentum helps: the ball keeps its speed where the slope keeps pointing the same way."
    elif heavy_verdict.kind in TOO_BIG and plain_verdict.kind not in TOO_BIG:
        text += " Here momentum hurts: the steps were already big, and the extra speed carries the ball past the bottom."
    elif heavy_steps is not None and plain_steps is not None and heavy_steps > plain_steps:
        text += (" Here momentum is slower: the ball rolls past the bottom and has to swing back"
                 f" (the cost went up on {heavy_verdict.rises} steps).")
    elif plain_verdict.kind == heavy_verdict.kind == "creeps":
        if heavy_verdict.covered > plain_verdict.covered + 0.005:
            text += " Momentum got further down in the same number of steps, but neither has reached the bottom."
        elif heavy_verdict.covered < plain_verdict.covered - 0.005:
            text += " Momentum got less far down in the same number of steps."
    return text
