"""The Gradient-descent page's landscapes: each computed once per server and shared (read-only), and every
learning rate on the slider tried from the learner's start (cached apart for the map and the curve).

Besides the tiny neuron and the real network's slice: the tiny neuron with σ replaced by a step
(flat terraces, where gradient descent cannot move) and a neuron whose cost has two valleys (a
local minimum beside the lowest point), with two starts.

Everything the page's sentences print is computed by ``nn_core.landscape`` for the landscape and
start on screen: the lowest point, the verdicts, and which learning rates were tried and did what.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from nn_core.landscape import (
    Lowest,
    OneParameter,
    OutputLayerSlice,
    Parameter,
    StepNeuron,
    TinyNeuron,
    Trial,
    TwoValleys,
    Verdict,
    Walk,
    calibrate_momentum,
    calibrate_rates,
    cost_grid,
    flow_rate,
    hessian,
    lowest_point,
    steeper_axis,
    try_rates,
    valley_of,
    valleys,
)
from ui import loaders

RATES = [0.01, 0.03, 0.1, 0.3, 1.0, 2.0, 3.0, 5.0, 10.0, 30.0, 100.0, 300.0, 1000.0]
DEFAULT_RATE = 3.0           # converges on the tiny neuron from its usual start
DEFAULT_MOMENTUM = 0.5
MOMENTUM_TRIES = (0.5, 0.8, 0.9)   # what the momentum presets try
MAX_STEPS = 100
SAMPLE = 500                 # training digits the real network's cost is averaged over
GRID = 60
CURVE_POINTS = 300
TINY = ("tiny",)             # the tiny neuron's landscape key
STEP = ("tiny", "step")      # the tiny neuron with a step instead of σ (it shares the tiny neuron's start sliders)
VALLEYS = ("valleys",)       # the neuron with two valleys
CURVE_VALLEY_POINTS = 301    # the grid the curve's dips are looked for on


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
    start_key: tuple | None = None   # whose start sliders it uses (None: its own)
    terraces: tuple[float, ...] = ()  # an on/off neuron's flat terraces: the cost on each (else empty)
    starts: tuple = ()          # where its walks start, when it shows two (the first is the learner's)
    bottoms: tuple[Lowest, ...] = ()        # its valley bottoms, lowest first, when it has several
    curve_bottoms: tuple[Lowest, ...] = ()  # the curve's dips, lowest first
    bottom_curvatures: tuple[float, ...] = ()  # the sharpest curvature at each valley bottom
    flow: float = 0.0           # a rate at which a ball rolls into its own valley (nn_core.landscape.valley_of)
    curve_flow: float = 0.0

    @property
    def sliders(self) -> tuple:
        """The key of the start sliders this landscape uses."""
        return self.start_key or self.key


def default_start(problem, view) -> tuple[float, float]:
    """Where walks start unless the learner moves them: up on the map's left side (or the problem's first start)."""
    if isinstance(problem, TinyNeuron):
        return -5.0, 4.0
    if getattr(problem, "starts", None):
        return problem.starts[0]
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
    axis, held = getattr(_problem, "curve", (axis, float(centre[1 - axis])))   # a problem may name its own line
    curve = OneParameter(_problem, axis, float(held))
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
                     calibrate_momentum(_problem, start, RATES, MOMENTUM_TRIES, MAX_STEPS, lowest, view), dict(about),
                     **_shape(_problem, view, curve))


def _shape(problem, view, curve: OneParameter) -> dict:
    """What sets a landscape apart: an on/off neuron's terraces, or several valleys (their bottoms, two starts)."""
    if isinstance(problem, StepNeuron):
        return dict(start_key=TINY, terraces=tuple(float(c) for c in problem.terraces()))
    if not getattr(problem, "starts", None):
        return {}
    curve_view = curve.default_view()
    bottoms = tuple(valleys(problem, view))
    return dict(starts=tuple(problem.starts), bottoms=bottoms,
                curve_bottoms=tuple(valleys(curve, curve_view, CURVE_VALLEY_POINTS)),
                bottom_curvatures=tuple(float(np.linalg.eigvalsh(hessian(problem, b.point))[-1]) for b in bottoms),
                flow=flow_rate(problem, view), curve_flow=flow_rate(curve, curve_view))


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


@dataclass(frozen=True)
class Valleys:
    """Where walks from one start go among a landscape's valleys (indices into its bottoms, or the curve's)."""

    start: int                  # the valley the start itself lies in (where a ball let go there rolls)
    ends: dict                  # rate -> the valley its walk rolls into after its steps (flown off: the nearest)


@st.cache_resource(show_spinner=False, max_entries=64)
def valleys_reached(key: tuple, start: tuple[float, ...], _land: Landscape, on_curve: bool = False) -> Valleys:
    """For the start and every rate on the slider: which valley each walk from ``start`` rolls into."""
    trials = _curve_trials(key, start[0], _land) if on_curve else _map_trials(key, start, _land)
    problem, bottoms, flow = ((_land.curve, _land.curve_bottoms, _land.curve_flow) if on_curve else
                              (_land.problem, _land.bottoms, _land.flow))
    ends = valley_of(problem, [trials[0].walk.path[0], *(t.walk.path[-1] for t in trials)], list(bottoms), flow)
    return Valleys(int(ends[0]), {t.rate: int(end) for t, end in zip(trials, ends[1:])})


@st.cache_resource(show_spinner=False, max_entries=64)
def valley_after(key: tuple, walk_end: tuple[float, ...], _land: Landscape) -> int:
    """The valley a ball let go at ``walk_end`` rolls into (for a walk the page makes itself, with momentum)."""
    return int(valley_of(_land.problem, [walk_end], list(_land.bottoms), _land.flow)[0])


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


def tiny_landscape() -> Landscape:
    return landscape(TINY, TinyNeuron(), ())


def step_landscape() -> Landscape:
    """The tiny neuron with σ replaced by an on/off step."""
    return landscape(STEP, StepNeuron(), ())


def valleys_landscape() -> Landscape:
    """A neuron a = σ(w·x + b) whose cost has two valleys."""
    return landscape(VALLEYS, TwoValleys(), ())
