"""Live training in the browser: the trainer's lifecycle and its bounded ticks.

Each visitor's ``Trainer`` lives in their session. While it runs, a fragment (pages/train.py) re-runs
every ``TICK_SECONDS`` (driven by the browser's timer, so closing the tab stops it) and calls ``tick``,
which does a bounded amount of work: a few steps in slow motion, or as many as fit in ``TICK_BUDGET``
at full speed. Then it returns and draws; nothing runs in the background.
"""
from __future__ import annotations

import time

import numpy as np
import streamlit as st

from nn_core.data import DigitSet
from nn_core.training import Trainer
from ui import activity, datasets, state
from ui.level import simple
from ui.pages.train.recipe import (
    DEFAULT_RECIPE,
    Recipe,
    RecipeExperiment,
    current_recipe,
    new_trainer,
    read_form,
    recipe_values,
    run_set_up,
)
from ui.plain import plain

TICK_SECONDS = 0.25                 # four chart updates a second
TICK_BUDGET = 0.09                  # seconds of training per tick at full speed ...
SHARED_BUDGET = 0.035               # ... or this, while other visitors are interacting ...
SLICE_SECONDS = 0.004               # ... in slices this long
TICK_LIMIT = 0.3                    # no tick trains longer than this (drawing it adds ~0.1 s), whatever the recipe
PACE_WINDOW = 3.0                   # seconds of clock time the shown samples/s is averaged over
SPEEDS = {                          # name: steps per tick (None: as many as fit in the budget)
    "slow motion": 1, "slow": 5, "fast": 25, "full speed": None,
}
def cost_name(current: Trainer) -> str:
    """Which cost the chart shows: the one this network learns from (its name at the full level)."""
    if simple():
        return "cost: how wrong, on average"
    return f"cost it is trained on: {current.network.cost.name}"


def cost_note() -> str | None:
    """Below the chart at the simple level: the cost it shows is not quite the Cost page's C."""
    if not simple():
        return None
    return ("The chart shows the cost this network learns from. Like the Cost page's C = Σ (a − y)² it is small when "
            "the answers are right and sure, but it punishes a sure wrong answer much harder; both fall as it learns.")


def trainer() -> Trainer:
    """This session's trainer (a fresh one from the current recipe if there is none)."""
    current = st.session_state.get(state.TRAINER)
    if current is None or (current.steps_done == 0 and not _as_set_up(current)):
        rebuild()      # (none yet, or an untouched one from before joining or leaving a class)
    return st.session_state[state.TRAINER]


def _set_up() -> tuple[Recipe, DigitSet, DigitSet]:
    """The recipe and data a fresh run uses now: in a class, the seat's seed and the class's digits."""
    train, test = datasets.current()
    recipe, train = run_set_up(current_recipe(), train)
    return recipe, train, test


def _as_set_up(current: Trainer) -> bool:
    recipe, train, _ = _set_up()
    return current.train is train and current.config.seed == recipe.config.seed


def rebuild() -> None:
    """A new trainer from the current recipe and data, paused at step 0."""
    st.session_state[state.TRAINER] = new_trainer(*_set_up())
    stop_running()
    st.session_state[state.TRAIN_REPORT] = None
    st.session_state[state.TRAIN_PACE] = ()
    st.session_state[state.WEIGHT_LIMIT] = weight_limit(st.session_state[state.TRAINER], 0.0)


def weight_limit(current: Trainer, previous: float) -> float:
    """The first-layer images' colour range: it only ever widens (to the weights' 99th percentile).

    So a colour means the same weight from frame to frame, until the weights outgrow the range.
    """
    spread = float(np.percentile(np.abs(current.network.weights[0]), 99))
    return max(previous, round(max(spread, 0.05), 2))


def reached_goal(current: Trainer) -> bool:
    """Training should stop now: it has ended, or "One epoch" has reached the end of its epoch."""
    until = st.session_state.get(state.TRAIN_UNTIL_EPOCH)
    return current.finished or (until is not None and current.epoch >= until)


def stop_running() -> None:
    st.session_state[state.TRAIN_RUNNING] = False
    st.session_state[state.TRAIN_UNTIL_EPOCH] = None


def record_pace(current: Trainer, now: float | None = None) -> None:
    """Note how many samples have been trained by now (called once per tick)."""
    now = time.perf_counter() if now is None else now
    recent = [(t, n) for t, n in st.session_state.get(state.TRAIN_PACE, ()) if now - t <= PACE_WINDOW]
    st.session_state[state.TRAIN_PACE] = (*recent, (now, current.status.samples))


def clock_pace() -> float | None:
    """Samples trained per second of clock time over the last few ticks, or None before two ticks.

    This is what the learner watches happen, unlike ``TrainingStatus.samples_per_second``, which
    counts only the time spent computing (not drawing the charts or waiting for the next tick).
    """
    pace = st.session_state.get(state.TRAIN_PACE, ())
    if len(pace) < 2 or pace[-1][0] <= pace[0][0]:
        return None
    return (pace[-1][1] - pace[0][1]) / (pace[-1][0] - pace[0][0])


def tick(current: Trainer) -> None:
    """One bounded piece of training, as the speed setting says ("One epoch" runs at full speed).

    Whatever the recipe, a tick computes for at most ``TICK_LIMIT`` seconds (a few steps of a
    huge network take that long), so closing the tab stops the work within a tick. At full
    speed the budget is spent in slices of ``SLICE_SECONDS``, with a pause of zero seconds
    between them: that hands the interpreter lock to any other visitor's page that is waiting.
    While others are interacting, the budget shrinks, so their sliders stay quick.
    """
    until = st.session_state.get(state.TRAIN_UNTIL_EPOCH)
    steps = None if until is not None else SPEEDS.get(st.session_state.get(state.TRAIN_SPEED, "full speed"))
    if steps is not None:
        current.run(steps, max_seconds=TICK_LIMIT)
        return
    shared = activity.others_active()
    deadline = time.perf_counter() + (SHARED_BUDGET if shared else TICK_BUDGET)
    while not reached_goal(current) and time.perf_counter() < deadline:
        batches = current.batches_left_in_epoch if until is not None else 100_000
        if current.run(batches, max_seconds=SLICE_SECONDS, wait=TICK_LIMIT) == 0:
            break  # another run of this session holds the trainer: its result shows next tick
        time.sleep(0)


# -- a new recipe ----------------------------------------------------------------------------------


def apply_recipe() -> None:
    """The form's submit callback (and a link's): build the network it describes, or say why not."""
    try:
        recipe = read_form()
    except ValueError as exc:
        st.session_state[state.RECIPE_PROBLEM] = (f"That recipe cannot be used: {plain(exc, 300)}. The current network "
                                                  "is kept.")
        return
    st.session_state[state.RECIPE] = recipe
    st.session_state[state.RECIPE_PROBLEM] = None
    rebuild()


def run_experiment(experiment: RecipeExperiment) -> None:
    """A ready-made recipe: the classic one with the experiment's changes, built at once."""
    for field, value in {**recipe_values(DEFAULT_RECIPE), **experiment.changes}.items():
        st.session_state[state.recipe_key(field)] = value
    st.session_state[state.RECIPE_NOTE] = experiment.watch
    apply_recipe()
