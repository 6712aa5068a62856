"""Live training in the browser: the recipe, the trainer's lifecycle, and bounded ticks.

Each visitor's ``Trainer`` lives in their session. While it runs, a fragment re-runs every
``TICK_SECONDS`` (driven by the browser's timer, so closing the tab stops it) and does a
bounded amount of work: a few steps in slow motion, or as many as fit in ``TICK_BUDGET``
at full speed. Then it returns and draws; nothing runs in the background.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import streamlit as st

from nn_core.activations import ACTIVATIONS
from nn_core.bundled import BUNDLED
from nn_core.costs import COSTS
from nn_core.data import DigitSet
from nn_core.errors import NNCoreError
from nn_core.evaluate import Report, report
from nn_core.modelfile import Model, load_model, model_bytes
from nn_core.network import Network
from nn_core.numbers import whole_number
from nn_core.training import Trainer, TrainingConfig
from ui import activity, datasets, glossary, loaders, state
from ui.level import simple
from ui.plain import plain
from ui.scores import measured_test_accuracy

TICK_SECONDS = 0.25                 # four chart updates a second
TICK_BUDGET = 0.09                  # seconds of training per tick at full speed ...
SHARED_BUDGET = 0.035               # ... or this, while other visitors are interacting ...
SLICE_SECONDS = 0.004               # ... in slices this long
TICK_LIMIT = 0.3                    # no tick trains longer than this (drawing it adds ~0.1 s), whatever the recipe
PACE_WINDOW = 3.0                   # seconds of clock time the shown samples/s is averaged over
SPEEDS = {                          # name: steps per tick (None: as many as fit in the budget)
    "slow motion": 1, "slow": 5, "fast": 25, "full speed": None,
}
MAX_HIDDEN = 512
MAX_HIDDEN_TEXT = 60                # characters of the hidden-layer sizes ("512, 512, 512, 512" is 18)


@dataclass(frozen=True)
class Recipe:
    hidden: tuple[int, ...]
    activation: str
    cost: str
    start: str                      # "random", "classic" or "best"
    config: TrainingConfig

    def describe(self) -> str:
        return f"{'-'.join(map(str, (784, *self.hidden, 10)))}, {self.activation}, {self.cost}"


DEFAULT_RECIPE = Recipe((16, 16), "sigmoid", "cross-entropy", "random",
                        TrainingConfig(learning_rate=0.5, batch_size=10, epochs=10))


def recipe_values(recipe: Recipe) -> dict:
    """The recipe form's widget values that describe ``recipe`` (the settings table's defaults come from here)."""
    config = recipe.config
    return {"recipe_start": recipe.start, "recipe_hidden": ", ".join(map(str, recipe.hidden)),
            "recipe_activation": recipe.activation, "recipe_cost": recipe.cost, "recipe_rate": config.learning_rate,
            "recipe_batch": config.batch_size, "recipe_epochs": config.epochs, "recipe_momentum": config.momentum,
            "recipe_seed": config.seed, "recipe_augment": config.augment}


def parse_hidden(text: str) -> tuple[int, ...]:
    """'16, 16' -> (16, 16), with a readable error."""
    try:
        sizes = tuple(whole_number(part.strip()) for part in text.split(","))
    except ValueError:
        raise ValueError("hidden layers are whole numbers separated by commas, like 16, 16") from None
    if not 1 <= len(sizes) <= 4 or min(sizes) < 1 or max(sizes) > MAX_HIDDEN:
        raise ValueError(f"use 1 to 4 hidden layers of 1 to {MAX_HIDDEN} neurons, like 16, 16 or 100")
    return sizes


def new_trainer(recipe: Recipe, train: DigitSet, test: DigitSet) -> Trainer:
    if recipe.start in BUNDLED:
        network = loaders.bundled(recipe.start).network.copy()
    else:
        network = Network.random((784, *recipe.hidden, 10), rng=recipe.config.seed,
                                 activation=recipe.activation, cost=recipe.cost)
    return Trainer(network, train, test, recipe.config)


def trainer() -> Trainer:
    """This session's trainer (a fresh one from the current recipe if there is none)."""
    if st.session_state.get(state.TRAINER) is None:
        rebuild()
    return st.session_state[state.TRAINER]


def rebuild() -> None:
    """A new trainer from the current recipe and data, paused at step 0."""
    recipe = st.session_state.get(state.RECIPE) or DEFAULT_RECIPE
    train, test = datasets.current()
    st.session_state[state.TRAINER] = new_trainer(recipe, train, test)
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


# -- controls (buttons outside the live fragment, so the tick interval can change) ---------------


def toggle_running() -> None:
    st.session_state[state.TRAIN_RUNNING] = not st.session_state.get(state.TRAIN_RUNNING, False)
    st.session_state[state.TRAIN_UNTIL_EPOCH] = None
    st.session_state[state.TRAIN_PACE] = ()


def one_step() -> None:
    st.session_state[state.TRAIN_RUNNING] = False
    st.session_state[state.TRAIN_UNTIL_EPOCH] = None
    trainer().run(1)


def one_epoch() -> None:
    """Train to the end of this epoch, in bounded ticks like the live training (never one long request)."""
    st.session_state[state.TRAIN_UNTIL_EPOCH] = trainer().epoch + 1
    st.session_state[state.TRAIN_RUNNING] = True
    st.session_state[state.TRAIN_PACE] = ()


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
    shared = activity.others_active(state.session_id())
    deadline = time.perf_counter() + (SHARED_BUDGET if shared else TICK_BUDGET)
    while not reached_goal(current) and time.perf_counter() < deadline:
        batches = current.batches_left_in_epoch if until is not None else 100_000
        if current.run(batches, max_seconds=SLICE_SECONDS, wait=TICK_LIMIT) == 0:
            break  # another run of this session holds the trainer: its result shows next tick
        time.sleep(0)


# -- the recipe, in words and as ready-made experiments ------------------------------------------


def update_rule(config: TrainingConfig) -> str:
    """The update this recipe makes on every step, as a formula (the momentum form when μ > 0)."""
    if simple():
        return ("Each step moves every weight and bias a little downhill: by the learning rate η times its slope, "
                "against the slope, where the cost is averaged over the mini-batch.")
    if config.momentum:
        return (f"Each step, with momentum μ = {config.momentum:g}: **v ← μv − η ∂C/∂w**, then **w ← w + v** (v "
                "remembers the last steps, so the walk keeps some speed), where C is the cost averaged over the "
                "mini-batch.")
    return "Each step: **w ← w − η ∂C/∂w** for every weight (and the same for every bias), where C is the cost " \
           "averaged over the mini-batch."


def data_name(digits: DigitSet) -> str:
    """'embedded MNIST' for 'embedded MNIST (train)': the data set, without which part of it (markdown-safe)."""
    return plain(digits.name.removesuffix(" (train)").removesuffix(" (test)"))


@dataclass(frozen=True)
class RecipeExperiment:
    """A ready-made change to the recipe and what to look for."""

    label: str
    changes: dict       # recipe widget key -> value
    watch: str


RECIPE_EXPERIMENTS = (
    RecipeExperiment("η = 100: too big", {"recipe_rate": 100.0},
                     "Watch the cost: the steps overshoot, and training stops with an explanation."),
    RecipeExperiment("η = 0.01: too small", {"recipe_rate": 0.01, "recipe_epochs": 3},
                     "Watch the cost fall, but slowly: after 3 epochs it is still far from the bottom."),
    RecipeExperiment("100 hidden neurons", {"recipe_hidden": "100"},
                     "More neurons, more knobs: compare the test accuracy with the classic 16, 16."),
    RecipeExperiment("the classic recipe", {}, "Back to the recipe of the lesson's network: 16, 16 sigmoid neurons, η = 0.5."),
)


def _run_experiment(experiment: RecipeExperiment) -> None:
    for key, value in {**recipe_values(DEFAULT_RECIPE), **experiment.changes}.items():
        st.session_state[key] = value
    st.session_state[state.RECIPE_NOTE] = experiment.watch
    apply_recipe()


def recipe_experiments() -> None:
    with st.container(horizontal=True):
        for number, experiment in enumerate(RECIPE_EXPERIMENTS):
            st.button(experiment.label, key=f"recipe-experiment-{number}", on_click=_run_experiment, args=(experiment,),
                      icon=":material/science:")
    if st.session_state.get(state.RECIPE_NOTE):
        st.caption(st.session_state[state.RECIPE_NOTE])


# -- the recipe form -----------------------------------------------------------------------


STARTS = {"random": "random weights", **{name: f"the trained {name} model" for name in BUNDLED}}


def apply_recipe() -> None:
    """The form's submit callback: build the network it describes, or say why not."""
    value = st.session_state
    try:
        sizes = parse_hidden(value["recipe_hidden"])
        config = TrainingConfig(learning_rate=float(value["recipe_rate"]), batch_size=int(value["recipe_batch"]),
                                epochs=int(value["recipe_epochs"]), seed=int(value["recipe_seed"]),
                                momentum=float(value["recipe_momentum"]), augment=bool(value["recipe_augment"]))
    except (ValueError, TypeError) as exc:
        value[state.RECIPE_PROBLEM] = f"That recipe cannot be used: {plain(exc, 300)}. The current network is kept."
        return
    activation, cost, start = value["recipe_activation"], value["recipe_cost"], value["recipe_start"]
    if start != "random":
        bundled = loaders.bundled(start).network
        sizes, activation, cost = bundled.sizes[1:-1], bundled.activation.name, bundled.cost.name
    value[state.RECIPE] = Recipe(tuple(sizes), activation, cost, start, config)
    value[state.RECIPE_PROBLEM] = None
    rebuild()


def recipe_form(table) -> None:
    """Choose the network and how to train it; applied by “Build this network”. The bounds and choices are the
    page's settings table's (ui/page_settings.py), the same a link is checked against."""
    kind = {row.key: row.kind for row in table.rows}
    full = not simple()
    with st.form("recipe_form"):
        left, middle, right = st.columns(3)
        left.selectbox("Start from", list(STARTS), format_func=STARTS.get, key="recipe_start",
                       help="A trained model keeps its own layers; its training continues from where it was")
        left.text_input("Hidden layers", key="recipe_hidden", max_chars=MAX_HIDDEN_TEXT,
                        help="Sizes separated by commas: 16, 16 is the classic network; try 30 or 100")
        if full:
            left.selectbox("Hidden activation", list(ACTIVATIONS), format_func=lambda name: ACTIVATIONS[name].title,
                           key="recipe_activation")
            middle.selectbox("Cost", list(COSTS), format_func=lambda name: COSTS[name].title, key="recipe_cost")
        rate, epochs = kind["recipe_rate"], kind["recipe_epochs"]
        middle.number_input("Learning rate η", rate.low, rate.high, format="%g", key="recipe_rate",
                            help=glossary.definition("learning rate") + " Try 100 to see what too big does.")
        middle.select_slider("Mini-batch size", list(kind["recipe_batch"].values), key="recipe_batch",
                             help=glossary.definition("mini-batch"))
        right.number_input("Epochs", epochs.low, epochs.high, key="recipe_epochs", help=glossary.definition("epoch"))
        if full:
            momentum, seed = kind["recipe_momentum"], kind["recipe_seed"]
            right.number_input("Momentum μ", momentum.low, momentum.high, step=0.1, format="%g", key="recipe_momentum")
            right.number_input("Random seed", seed.low, seed.high, key="recipe_seed", help="Same seed, same result")
            right.checkbox("Augment (shift, rotate, scale, thicken)", key="recipe_augment")
        st.form_submit_button("Build this network", icon=":material/build:", type="primary", on_click=apply_recipe)
    if st.session_state.get(state.RECIPE_PROBLEM):
        st.error(st.session_state[state.RECIPE_PROBLEM])


# -- after (or between) training ---------------------------------------------------------------


def test_report(current: Trainer) -> Report:
    """Answers, mistakes and confusion matrix on the test digits (computed once per training step)."""
    steps, saved = st.session_state.get(state.TRAIN_REPORT) or (None, None)
    if saved is None or steps != current.steps_done:
        saved = report(current.network, current.test)
        st.session_state[state.TRAIN_REPORT] = (current.steps_done, saved)
    return saved


def trained_model(current: Trainer) -> Model:
    recipe = st.session_state.get(state.RECIPE) or DEFAULT_RECIPE
    report = test_report(current)
    return Model(current.network.copy(), {
        "name": "your trained model", "description": f"trained in the app for {current.epoch_progress:.1f} epochs",
        "recipe": {"sizes": list(current.network.sizes), "activation": current.network.activation.name,
                   "cost": current.network.cost.name, "start": recipe.start, **recipe.config.to_dict()},
        "test_accuracy": report.accuracy, "test_n": len(current.test), "test_data": current.test.name,
    })


def use_everywhere() -> None:
    state.set_custom_model(trained_model(trainer()))


def download_button(current: Trainer) -> None:
    """Download the trained model as .npz (the file is made only when the button is pressed)."""
    model = trained_model(current)
    st.download_button("Download the model (.npz)", data=lambda: model_bytes(model), file_name="my-network.npz",
                       mime="application/octet-stream", icon=":material/download:", key="download_model")


def _model_uploaded(widget: str) -> None:
    """The uploader's callback (it runs before the page, so it may switch the model in use)."""
    upload = st.session_state.get(widget)
    if upload is None:
        st.session_state[state.MODEL_PROBLEM] = None
        return
    try:
        model = load_model(upload.getvalue())
    except NNCoreError as exc:
        st.session_state[state.MODEL_PROBLEM] = (f"{plain(upload.name)} cannot be used: {plain(exc, 300)}. "
                                                   "The current model stays.")
        return
    claims = file_claims(model)
    model.metadata = {"name": f"{upload.name[:60]} (uploaded)", "claims": claims}
    state.set_custom_model(model)
    st.session_state[state.MODEL_PROBLEM] = None


def file_claims(model: Model) -> str:
    """What an uploaded model file says about itself, in one line (its validated metadata only)."""
    parts = [f"“{model.name}”"] if model.metadata.get("name") else []
    if model.description:
        parts.append(model.description)
    if model.test_accuracy is not None:
        on = f" on {model.test_n:,} test digits" if model.test_n is not None else ""
        parts.append(f"{model.test_accuracy:.1%} right{on}")
    return ", ".join(parts)


def model_upload() -> None:
    """Upload a model file: validated; a bad file gets a sentence and the current model stays."""
    widget = f"{state.MODEL_UPLOAD}-{state.widget_generation()}"
    st.file_uploader("Upload a model (.npz)", type=["npz"], key=widget, on_change=_model_uploaded, args=(widget,),
                     help="A model file saved by this app or by `python -m nn_core train`")
    if st.session_state.get(state.MODEL_PROBLEM):
        st.error(st.session_state[state.MODEL_PROBLEM])
    elif st.session_state.get(state.CUSTOM_MODEL) is not None:
        model = state.current_model()
        measured = measured_test_accuracy(state.model_key(), model.network)
        st.success(f"In use on every page: {plain(model.name)} ({model.network.describe()}). Measured here: "
                   f"{measured:.1%} right on the 1,000 unseen test digits.")
        if model.metadata.get("claims"):
            st.caption(f"The file says: {plain(model.metadata['claims'], 300)}. That is the file's own claim; the "
                       "number above is this app's measurement.")
