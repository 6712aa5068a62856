"""The Watch-it-learn page's recipe: the network to build and how to train it, as one record, and in words.

The form's widgets hold one value per field of the recipe (``state.recipe_key(field)``, the settings
table's TRAIN rows); ``read_form`` turns them into a ``Recipe`` or says why it cannot be used.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

import streamlit as st

from nn_core.bundled import BUNDLED
from nn_core.data import DigitSet, load_embedded_challenge
from nn_core.modelfile import APP_HIDDEN_LAYERS, APP_HIDDEN_NEURONS
from nn_core.numbers import whole_number
from nn_core.training import Trainer, TrainingConfig
from ui import loaders, state
from ui.level import simple
from ui.plain import plain

MAX_HIDDEN_TEXT = 60                # characters of the hidden-layer sizes ("512, 512, 512, 512" is 18)
STARTS = {"random": "random weights", **{name: f"the trained {name} model" for name in BUNDLED}}


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


def recipe_values(recipe: Recipe) -> dict[str, object]:
    """Field -> the form's value that describes ``recipe`` (the settings table's defaults come from here)."""
    config = recipe.config
    return {"start": recipe.start, "hidden": ", ".join(map(str, recipe.hidden)), "activation": recipe.activation,
            "cost": recipe.cost, "rate": config.learning_rate, "batch": config.batch_size, "epochs": config.epochs,
            "momentum": config.momentum, "seed": config.seed, "augment": config.augment}


def parse_hidden(text: str) -> tuple[int, ...]:
    """'16, 16' -> (16, 16), with a readable error."""
    try:
        sizes = tuple(whole_number(part.strip()) for part in text.split(","))
    except ValueError:
        raise ValueError("hidden layers are whole numbers separated by commas, like 16, 16") from None
    if not 1 <= len(sizes) <= APP_HIDDEN_LAYERS or min(sizes) < 1 or max(sizes) > APP_HIDDEN_NEURONS:
        raise ValueError(f"use 1 to {APP_HIDDEN_LAYERS} hidden layers of 1 to {APP_HIDDEN_NEURONS} neurons, "
                         "like 16, 16 or 100")
    return sizes


def form_value(field: str):
    return st.session_state[state.recipe_key(field)]


def read_form() -> Recipe:
    """The recipe the form's widgets describe; ValueError (in words) if it cannot be used.

    A trained model to start from keeps its own layers, activation and cost."""
    try:
        sizes = parse_hidden(form_value("hidden"))
        config = TrainingConfig(learning_rate=float(form_value("rate")), batch_size=int(form_value("batch")),
                                epochs=int(form_value("epochs")), seed=int(form_value("seed")),
                                momentum=float(form_value("momentum")), augment=bool(form_value("augment")))
    except TypeError as exc:
        raise ValueError(str(exc)) from None
    activation, cost, start = form_value("activation"), form_value("cost"), form_value("start")
    if start != "random":
        bundled = loaders.bundled(start).network
        sizes, activation, cost = bundled.sizes[1:-1], bundled.activation.name, bundled.cost.name
    return Recipe(tuple(sizes), activation, cost, start, config)


def new_trainer(recipe: Recipe, train: DigitSet, test: DigitSet) -> Trainer:
    """A trainer at step 0: the bundled model to continue, or random weights from the recipe's seed (then its
    ``fresh_start`` says so: only such a run can enter a class's challenge)."""
    if recipe.start in BUNDLED:
        return Trainer(loaders.bundled(recipe.start).network.copy(), train, test, recipe.config)
    return Trainer.from_random((784, *recipe.hidden, 10), train, test, recipe.config, recipe.activation, recipe.cost)


SEAT_SEEDS = 1_000_000              # a class seat's seeds are 0 .. 999,999: six digits on the board


def seat_seed(token: str, chosen: int = 0) -> int:
    """The seed of a class seat's runs: the same for the same seat (and seed chosen in the recipe), another for
    another seat. A hash of the seat's token, so it says nothing about the token."""
    digest = hashlib.sha256(f"nn-explainer challenge seed {chosen} {token}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % SEAT_SEEDS


def run_set_up(recipe: Recipe, train: DigitSet) -> tuple[Recipe, DigitSet]:
    """What a fresh run uses: in a class, the seat's seed (random weights and mini-batch order of its own) and, on
    the embedded digits, only the 3,500 to learn from (the 500 validation digits that rank the class's challenge
    are kept aside: ui/classroom/challenge.py); outside a class, the recipe and data as chosen."""
    seat = st.session_state.get(state.CLASS_SEAT)
    if seat is None:
        return recipe, train
    recipe = replace(recipe, config=replace(recipe.config, seed=seat_seed(seat.token, recipe.config.seed)))
    learn, _, _ = load_embedded_challenge()
    return recipe, (learn if train is loaders.embedded()[0] else train)


def current_recipe() -> Recipe:
    """The recipe this session's trainer was built from."""
    return st.session_state.get(state.RECIPE) or DEFAULT_RECIPE


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
    """A ready-made change to the recipe and what to look for (``simpler``: the same at the simple level)."""

    label: str
    changes: dict       # recipe field -> value
    note: str
    simpler: str | None = None

    @property
    def watch(self) -> str:
        """What to look for, in the words of the level in use."""
        return self.simpler if self.simpler and simple() else self.note


# What the starting recipe (DEFAULT_RECIPE) reaches, and how the bundled classic network was trained
# (scripts/build_models.py): tests/app/test_train.py measures both again.
STARTING_RECIPE_ACCURACY = "89.2 %"       # on the 1,000 test digits after its 10 epochs (seeded)
CLASSIC_ACCURACY = "95.3 %"               # the bundled classic network, on the same digits

RECIPE_EXPERIMENTS = (
    RecipeExperiment("η = 100: too big", {"rate": 100.0},
                     "Watch the cost: the steps overshoot, and training stops with an explanation."),
    RecipeExperiment("η = 0.01: too small", {"rate": 0.01, "epochs": 3},
                     "Watch the cost fall, but slowly: after 3 epochs it is still far from the bottom."),
    RecipeExperiment("100 hidden neurons", {"hidden": "100"},
                     "More neurons, more knobs: compare the test accuracy with the starting recipe's 16, 16."),
    RecipeExperiment(
        "the starting recipe", {},
        "Back to the starting recipe: the same 16, 16 sigmoid layers as the lesson's network, η = 0.5, mini-batches "
        f"of 10, 10 epochs. It reaches {STARTING_RECIPE_ACCURACY} on the test digits (outside a class, where every "
        "run of it starts from the same random weights). The lesson's network "
        f"({CLASSIC_ACCURACY}) was trained much longer: 100 epochs with momentum 0.9 and a learning rate that shrinks "
        "as it goes, on the training digits and two redrawn copies of each, randomly distorted (shifted, turned, "
        "stretched) every epoch.",
        "Back to the starting recipe: the same 16, 16 sigmoid layers as the lesson's network, η = 0.5, 10 epochs. "
        f"It reaches {STARTING_RECIPE_ACCURACY} on the test digits (outside a class, where every run of it starts "
        f"from the same random weights). The lesson's network ({CLASSIC_ACCURACY}) was "
        "trained ten times longer, with a few extra tricks, on the training digits and randomly distorted copies of "
        "them."),
)
