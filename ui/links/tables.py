"""Every page's settings, one table each (see kinds.py for what a row says and what is derived from it),
and the link that carries them: a page's settings in its URL, so a teacher can hand out a link that opens
exactly that view.

``SHARED`` is in every link: the model, the input digit (``digit`` = a test digit's number, ``pixels``
= a drawing's 28x28 inputs, compressed, or ``noise`` = the seed of random noise), colours, text size,
the presenter layout, the level of the words and the lesson step. The other tables are a page's own; a
link to that page carries them, so a lesson step, a worksheet question or a teacher's "open exactly this"
can be handed out.

A link is read once, when a visitor's session starts; afterwards the URL follows what the visitor
does. Anything a link says that cannot be used is ignored, and said so.
"""
from __future__ import annotations

import re

import streamlit as st

from classroom.keys import tidy_code
from nn_core.activations import ACTIVATIONS
from nn_core.bundled import BUNDLED
from nn_core.costs import COSTS
from nn_core.drawing import read_drawing
from nn_core.modelfile import MAX_LAYERS, MAX_NEURONS
from nn_core.noise import MAX_SEED
from nn_core.numbers import decimal_number, whole_number
from ui import datasets, state
from ui.lesson import progress as lesson_progress
from ui.lesson.file import loaded as loaded_lesson
from ui.links.kinds import Choice, LinkField, Number, Setting, Settings, Text, choice, read_params, table_params
from ui.links.pixels import decode_pixels, encode_pixels
from ui.pages.backprop.scratch import DEFAULT_RATE as BACKPROP_DEFAULT_RATE
from ui.pages.backprop.scratch import RATES as BACKPROP_RATES
from ui.pages.descent import controls as descent
from ui.pages.descent.landscapes import DEFAULT_MOMENTUM, DEFAULT_RATE, RATES
from ui.pages.inside.flow import EDGE_CHOICES
from ui.pages.knobs import edits_link
from ui.pages.knobs.experiments import EXPERIMENTS, set_up
from ui.pages.neuron import controls as one_neuron
from ui.pages.train import live as training
from ui.pages.train.recipe import DEFAULT_RECIPE, MAX_HIDDEN_TEXT, recipe_values
from ui.plain import plain

MAX_NEURON = MAX_NEURONS - 1         # a link may name a layer, step or neuron up to these (the page checks its own network)
STEP_CHOICES = Choice({**{str(step): step for step in range(MAX_LAYERS + 1)}, "all": "all"})
RECIPE_BATCHES = (1, 5, 10, 20, 32, 64, 128, 256)


def rates(values) -> Choice:
    """A learning-rate slider's stops, written as people write them (lr=3, not lr=3.0)."""
    return Choice({f"{rate:g}": rate for rate in values})


# -- every page: the model, the input digit, how things look, the lesson ------------------------
def _use_test_digit(value: str) -> None:
    index = whole_number(value)
    if not 0 <= index < 1000:
        raise ValueError("test digits are numbered 0 to 999")
    state.show_test_digit(index)


def _use_pixels(value: str) -> None:
    pixels = decode_pixels(value)
    if read_drawing(pixels.reshape(28, 28)).empty:
        raise ValueError("the drawing is empty")
    state.set_input(state.InputDigit(pixels, state.DRAWING, "a drawing from a link", None, None))


def _use_noise(value: str) -> None:
    seed = whole_number(value)
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"noise is numbered 0 to {MAX_SEED}")
    state.show_noise(seed)


def _digit_now() -> str | None:
    digit = state.current_input()
    return str(digit.test_index) if digit is not None and digit.test_index is not None else None


def _pixels_now() -> str | None:
    digit = state.current_input()
    drawn = digit is not None and digit.test_index is None and digit.noise_seed is None
    return encode_pixels(digit.pixels) if drawn else None


def _noise_now() -> str | None:
    digit = state.current_input()
    return str(digit.noise_seed) if digit is not None and digit.noise_seed is not None else None


def _use_lesson_step(value: str) -> None:
    found = loaded_lesson()
    if found is None:
        raise ValueError("the lesson file could not be read")
    number = whole_number(value)
    if not 1 <= number <= len(found.steps):
        raise ValueError(f"the lesson has steps 1 to {len(found.steps)}")
    lesson_progress.go_to(number - 1)


def _lesson_step_now() -> str | None:
    if not st.session_state.get(state.LESSON_ON):
        return None
    return str(int(st.session_state.get(state.LESSON_STEP, 0)) + 1)


SHARED = Settings("*", rows=(
    Setting(state.MODEL_CHOICE, "classic", "model", choice(*BUNDLED), always=True),
    Setting(state.PALETTE, "standard", "colours", Choice({"standard": "standard", "colour-blind": "colour-blind safe"})),
    Setting(state.LARGE_TEXT, False, "text", Choice({"normal": False, "large": True})),
    Setting(state.PRESENTER, False, "view", Choice({"normal": False, "presenter": True})),
    Setting(state.LEVEL, "simple", "level", choice("simple", "full")),   # learners arrive at the simple level
), fields=(
    LinkField("digit", _use_test_digit, _digit_now),
    LinkField("pixels", _use_pixels, _pixels_now),
    LinkField("noise", _use_noise, _noise_now),
    LinkField("lesson", _use_lesson_step, _lesson_step_now),
))

# -- Draw a digit ------------------------------------------------------------------------------------
DRAW = Settings("draw", rows=(
    Setting(state.INPUT_SOURCE, state.DRAWING, kind=choice(*state.SOURCES)),   # (a link says it: digit=, pixels=, noise=)
    Setting(state.TEST_INDEX, state.DEFAULT_TEST_INDEX),
    Setting(state.STROKE_WIDTH, 20),
))


# -- Inside the network ------------------------------------------------------------------------------
def _use_neuron(value: str) -> None:
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,4})", value)
    if match is None:
        raise ValueError("write layer.neuron, like 1.7")
    layer, neuron = int(match[1]), int(match[2])
    sizes = state.current_model().network.sizes
    if not 1 <= layer < len(sizes) or not 0 <= neuron < sizes[layer]:
        raise ValueError(f"no neuron {neuron} in layer {layer} of this network")
    st.session_state[state.SELECTED_NEURON] = (layer, neuron)


def _neuron_now() -> str | None:
    chosen = st.session_state.get(state.SELECTED_NEURON)
    return f"{chosen[0]}.{chosen[1]}" if isinstance(chosen, tuple) else None


INSIDE = Settings("inside", rows=(
    Setting(state.FLOW_STEP, None, "step", STEP_CHOICES),
    Setting(state.INPUT_EDGES, 8, "edges", Number(EDGE_CHOICES[0], EDGE_CHOICES[-1], whole=True)),
    Setting(state.CHOICE_LAYER, None, kind=Number(1, MAX_LAYERS, whole=True)),
), fields=(LinkField("neuron", _use_neuron, _neuron_now),))


# -- One neuron -----------------------------------------------------------------------------------------
def _use_preset(value: str) -> None:
    if value not in one_neuron.PRESETS:
        raise ValueError(f"not one of {', '.join(one_neuron.PRESETS)}")
    one_neuron.apply_preset(value)


NEURON = Settings("neuron", rows=(
    Setting(state.ONE_ACTIVATION, one_neuron.DEFAULT_ACTIVATION, "activation", choice(*ACTIVATIONS)),
    *(Setting(state.one_input(i), a, f"a{i + 1}", Number(*one_neuron.INPUT_RANGE[:2]))
      for i, a in enumerate(one_neuron.DEFAULT_INPUTS)),
    *(Setting(state.one_weight(i), w, f"w{i + 1}", Number(*one_neuron.WEIGHT_RANGE[:2]))
      for i, w in enumerate(one_neuron.DEFAULT_WEIGHTS)),
    Setting(state.ONE_BIAS, one_neuron.DEFAULT_BIAS, "b", Number(*one_neuron.BIAS_RANGE[:2])),
), fields=(LinkField("preset", _use_preset, one_neuron.preset_shown),))


# -- Turn the knobs --------------------------------------------------------------------------------------
def _use_experiment(value: str) -> None:
    if value not in EXPERIMENTS:
        raise ValueError(f"not one of {', '.join(EXPERIMENTS)}")
    set_up(value)


KNOBS = Settings("knobs", rows=(
    Setting(state.KNOB_LAYER, 1, "layer", Number(1, MAX_LAYERS, whole=True)),
    Setting(state.KNOB_NEURON, 0, "neuron", Number(0, MAX_NEURON, whole=True)),
    Setting(state.KNOB_ROW, 14), Setting(state.KNOB_COLUMN, 14), Setting(state.KNOB_SOURCE, 0),
), fields=(
    LinkField("experiment", _use_experiment, lambda: st.session_state.get(state.EXPERIMENT)),
    LinkField("edits", edits_link.apply_edits_text, edits_link.edits_text),
))

# -- Training and test data --------------------------------------------------------------------------------
DATA = Settings("data", rows=(
    Setting(state.DATA_CHOICE, "embedded", kind=choice(*datasets.CHOICES)),
    Setting(state.BROWSE_PART, "training", "part", choice("training", "test")),
    Setting(state.BROWSE_DIGIT, "all", "show", choice("all", *range(10))),
    Setting(state.BROWSE_PAGE, 1, "page", Number(1, 1000, whole=True)),
))


# -- Gradient descent --------------------------------------------------------------------------------------
def _use_start(value: str) -> None:
    parts = value.split(",")
    if len(parts) != 2:
        raise ValueError("write two numbers, like -5,4")
    start = tuple(decimal_number(part) for part in parts)
    if not all(-1000 <= v <= 1000 for v in start):
        raise ValueError("not between -1000 and 1000")
    st.session_state[state.DESCENT_LINK_START] = start     # the page puts it on its sliders (their range is its own)


def _start_now() -> str | None:
    seen = st.session_state.get(state.DESCENT_SEEN)
    return None if seen is None else ",".join(f"{v:g}" for v in seen.start)


def _use_descent_preset(value: str) -> None:
    if value not in descent.PRESETS:
        raise ValueError(f"not one of {', '.join(descent.PRESETS)}")
    st.session_state[state.DESCENT_LINK_PRESET] = value    # the page knows the rate it means on its landscape


DESCENT = Settings("descent", rows=(
    Setting(state.DESCENT_PROBLEM, "tiny", "landscape", choice(*descent.PROBLEMS)),
    Setting(state.DESCENT_STEP, False, "activation", Choice({"sigmoid": False, "step": True})),
    Setting(state.DESCENT_TARGET, 3, "target", Number(0, 9, whole=True)),
    Setting(state.DESCENT_SOURCE, 0, "source", Number(0, MAX_NEURON, whole=True)),
    Setting(state.DESCENT_RATE, DEFAULT_RATE, "lr", rates(RATES)),
    Setting(state.DESCENT_MOMENTUM, DEFAULT_MOMENTUM, "mu", Number(*descent.MOMENTUM_SLIDER[:2])),
), fields=(
    LinkField("start", _use_start, _start_now),
    LinkField("preset", _use_descent_preset, descent.preset_in_force),
))


# -- Backpropagation -----------------------------------------------------------------------------------------
BACKPROP = Settings("backprop", rows=(
    Setting(state.BACKPROP_STEP, None, "step", STEP_CHOICES),
    Setting(state.BACKPROP_RATE, BACKPROP_DEFAULT_RATE, "lr", rates(BACKPROP_RATES)),
    Setting(state.BACKPROP_EXAMPLE, None, "example", Number(0, 3999, whole=True), widget=False),
))


# -- Watch it learn: the training recipe ---------------------------------------------------------------------
def _recipe_applied() -> list[str]:
    training.apply_recipe()
    problem = st.session_state.get(state.RECIPE_PROBLEM)
    return [problem] if problem else []


RECIPE_KINDS = {   # field: (its name in a link, its kind)
    "start": ("start", choice("random", *BUNDLED)), "hidden": ("hidden", Text(MAX_HIDDEN_TEXT)),
    "activation": ("activation", choice(*ACTIVATIONS)), "cost": ("cost", choice(*COSTS)),
    "rate": ("lr", Number(0.0001, 1000.0)), "batch": ("batch", choice(*RECIPE_BATCHES)),
    "epochs": ("epochs", Number(1, 1000, whole=True)), "momentum": ("momentum", Number(0.0, 0.99)),
    "seed": ("seed", Number(0, 10_000, whole=True)), "augment": ("augment", Choice({"0": False, "1": True})),
}
_RECIPE = recipe_values(DEFAULT_RECIPE)   # the classic recipe, as the form's widgets hold it
TRAIN = Settings("train", rows=(
    *(Setting(state.recipe_key(field), _RECIPE[field], *RECIPE_KINDS[field]) for field in state.RECIPE_FIELDS),
    Setting(state.TRAIN_SPEED, "fast", "speed", choice(*training.SPEEDS)),
), after_link=_recipe_applied)

# -- Join a class: the code from the board, filled in by the QR code's link (/join?code=K7Q2MX) ----------------
def _use_join_code(value: str) -> None:
    """A link's ``code=`` (the console's QR code): the Join form opens with it, tidied as a typed code is (the join
    page then checks it: ui/classroom/joining.check_linked_code)."""
    st.session_state[state.CLASS_JOIN_CODE] = tidy_code(value)
    st.session_state[state.CLASS_JOIN_LINKED] = True


def _join_code_now() -> str | None:
    """The code in the Join form, for the page's link (none once in a class)."""
    return (st.session_state.get(state.CLASS_JOIN_CODE) or None) if st.session_state.get(state.CLASS_SEAT) is None else None


JOIN = Settings("join", fields=(LinkField("code", _use_join_code, _join_code_now),))

TABLES = (SHARED, DRAW, INSIDE, NEURON, KNOBS, DATA, DESCENT, BACKPROP, TRAIN, JOIN)
PAGE_TABLES = {table.page: table for table in TABLES}


def defaults() -> dict:
    return {key: value for table in TABLES for key, value in table.defaults().items()}


def widget_keys() -> tuple[str, ...]:
    return tuple(row.key for table in TABLES for row in table.rows if row.widget)


# -- links: read once when a session starts, then written after every run ------------------------------------
def apply_link(page: str) -> list[str]:
    """Read the URL's settings into the session (once per session); returns what was not understood, in words."""
    if st.session_state.get(state.LINK_READ):
        return []
    st.session_state[state.LINK_READ] = True
    return apply_params(page, st.query_params.to_dict())


def write_link() -> None:
    """Make the browser's URL show the current page's settings (only when they changed)."""
    wanted = current_link(state.page())
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def apply_params(page: str, params: dict[str, str]) -> list[str]:
    """Read a link to ``page`` into the session: the shared settings, then that page's own; what was refused, in words."""
    refused, _ = read_params(SHARED, params, st.session_state.__setitem__)
    table = PAGE_TABLES.get(page)
    later: list[str] = []
    if table is not None:
        more, used = read_params(table, params, st.session_state.__setitem__)
        refused += more
        if used and table.after_link is not None:
            later = table.after_link()   # (already plain text)
    known = set(SHARED.url_names) | set(table.url_names if table is not None else ())
    refused += [(name, value, ValueError("not a setting of this page")) for name, value in params.items() if name not in known]
    return [f"{plain(name, 20)}={plain(repr(value), 60)} ({plain(exc, 120)})" for name, value, exc in refused] + later


def current_link(page: str) -> dict[str, str]:
    """The link parameters that reopen ``page`` as it is now."""
    params = table_params(SHARED, st.session_state.get)
    table = PAGE_TABLES.get(page)
    if table is not None:
        params.update(table_params(table, st.session_state.get))
    return params
