"""Session state: the one place its keys are named, and the values pages share.

Every visitor has their own session: their current input digit, their chosen model and
any model they trained or uploaded. Bundled models and the embedded digits are shared,
read-only objects (see ``ui.loaders``); a session never changes them.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from figures.colours import PALETTES, Palette
from nn_core.bundled import BUNDLED
from nn_core.drawing import Reading
from nn_core.modelfile import Model
from ui import loaders
from ui.fingerprint import digest

# -- keys ------------------------------------------------------------------------------
MODEL_CHOICE = "model_choice"          # "classic" | "best" | "custom"
CUSTOM_MODEL = "custom_model"          # Model trained or uploaded in this session, or None
CUSTOM_MODEL_KEY = "custom_model_key"  # model_fingerprint() of it, for caches
INPUT = "current_input"                # InputDigit, or None (an empty canvas)
CANVAS_VERSION = "canvas_version"      # bumps to remount the drawing pad (a reset empties it)
PAD = "drawing_pad"                    # the drawing pad's component key, + the generation above
PAD_SAVED = "drawing_pad_saved"        # the pad's last drawing (SavedDrawing), to paint it again on the next visit
PAD_ACK = "drawing_pad_ack"            # the number of the last drawing the server handled (also when refused)
PAD_PROBLEM = "drawing_pad_problem"    # why the last drawing was refused, said once
PAGE = "current_page"                  # the page shown by the last run
PAGE_ENTERED = "page_entered"          # True on the first run of a visit to a page
SELECTED_NEURON = "selected_neuron"    # (layer, neuron) or None
FLOW_STEP = "flow_step"                # how far the signal has travelled (0..L)
INPUT_EDGES = "input_edges"            # edges drawn from the image into each first-layer neuron
STROKE_WIDTH = "stroke_width"
INPUT_SOURCE = "input_source"          # "draw" | "test" | "upload"
TEST_INDEX = "test_index"
CHOICE_LAYER = "choice_layer"          # the neuron boxes under the network figure
CHOICE_NEURON = "choice_neuron"        # (the neuron box's key is this plus "-<layer>")
SELECTION_SEEN = "selection_seen"      # the last click on the network figure already acted on
FIGURE_CACHE = "figure_cache"          # a few recent network figures of this session
PALETTE = "palette"                    # "standard" | "colour-blind safe"
ONE_ACTIVATION = "one_activation"      # the One-neuron page's widgets
ONE_BIAS = "one_bias"
ONE_PRESET_NOTE = "one_preset_note"
EDITS = "edits"                        # NetworkEdits of the Turn-the-knobs page, or None
KNOB_LAYER = "knob_layer"              # the layer whose biases the sliders show
KNOB_NEURON = "knob_neuron"            # the neuron whose weights can be edited
EXPERIMENT = "experiment"              # the guided experiment set up, or None
KNOB_SCALE = "knob_scale"              # the weight editor's widgets
KNOB_WEIGHT = "knob_weight"
KNOB_ROW = "knob_row"
KNOB_COLUMN = "knob_column"
KNOB_SOURCE = "knob_source"
TRAINER = "trainer"                    # this session's Trainer
TRAIN_RUNNING = "train_running"        # the live training ticks
TRAIN_UNTIL_EPOCH = "train_until_epoch"  # "One epoch" trains in ticks until this epoch is done, or None
TRAIN_SPEED = "train_speed"            # "slow motion" .. "full speed"
TRAIN_REPORT = "train_report"          # (steps done, nn_core Report on the test digits) of the trainer
TRAIN_PACE = "train_pace"              # recent (clock time, samples trained) pairs while running
RECIPE_PROBLEM = "recipe_problem"      # why the last recipe could not be used, or None
RECIPE = "train_recipe"                    # the Recipe the trainer was built from
RECIPE_NOTE = "recipe_note"            # what to watch for after a ready-made recipe experiment
WEIGHT_LIMIT = "weight_limit"          # the fixed colour range of the first-layer weight images
DATA_CHOICE = "data_choice"            # "embedded" | "mnist" | "mine"
USER_DATA = "user_data"                # (train, test) of an uploaded data set, or None
DATA_UPLOAD = "data_upload"            # (widget key prefix)
LAST_DATA_UPLOAD = "last_data_upload"
DATA_PROBLEM = "data_problem"
MODEL_UPLOAD = "model_upload"          # (widget key prefix)
MODEL_PROBLEM = "model_problem"
BROWSE_PART = "browse_part"            # the Data page's widgets
BROWSE_DIGIT = "browse_digit"
BROWSE_PAGE = "browse_page"
DESCENT_PROBLEM = "descent_problem"    # the Gradient-descent page's widgets and animation
DESCENT_TARGET = "descent_target"
DESCENT_SOURCE = "descent_source"
DESCENT_START1 = "descent_start1"
DESCENT_START2 = "descent_start2"
DESCENT_RATE = "descent_rate"
DESCENT_MOMENTUM = "descent_momentum"  # μ for the momentum walk
DESCENT_SHOWN = "descent_shown"
DESCENT_PLAYING = "descent_playing"
DESCENT_LINK_START = "descent_link_start"  # a link's start, waiting for the page to put it on its sliders
DESCENT_LINK_PRESET = "descent_link_preset"  # a link's preset, waiting for the page to know its rate
DESCENT_PRESET = "descent_preset"      # (name, η) of the last preset pressed, for the lesson's check
DESCENT_SEEN = "descent_seen"          # the walk the page last showed (nn_core.questions.Walk), for the lesson's questions
BACKPROP_NET = "backprop_net"          # ui.backprop_page.Scratch: the copy of the network that steps change
BACKPROP_STEP = "backprop_step_shown"  # how far the error has travelled back (None: opens at the output)
BACKPROP_RATE = "backprop_rate"
COST_LABEL = "cost_label"              # the Cost page's right answer, for a drawing
LESSON_ON = "lesson_on"                # the lesson's card is shown (ui/lesson.py)
LESSON_STEP = "lesson_step"            # the step shown (0-based)
LESSON_JUMP = "lesson_jump"            # the card's step slider (a widget; copied to LESSON_STEP)
LESSON_MOVED = "lesson_moved"          # Back, Next or a jump happened: go to the step's page
LESSON_DONE = "lesson_done"            # ids of the steps whose check has passed
LESSON_ANSWERS = "lesson_answers"      # step id -> Reveal (the learner's guess, the measured answer)
CLASS_SEAT = "class_seat"              # classroom.rooms.Seat: this student's place in a class, or None
CLASS_SEEN = "class_seen"              # the ClassState this page last followed (teacher's moves and resets)
CLASS_TEACHER = "class_teacher"        # (code, teacher key) this session's console signs in with, or None
CLASS_OPENED = "class_opened"          # the Opened class whose key is on screen this once
LEVEL = "level"                        # "simple" (for a 15-year-old) or "full"
LINK_READ = "link_read"                # the URL's settings were applied to this session
LARGE_TEXT = "large_text"              # large-text (projector) mode
PRESENTER = "presenter"                # the presenter layout (ui/presenter.py)
PRESENTER_APPLIED = "presenter_applied"  # the presenter setting the page config last followed
PRESENTER_HELD = "presenter_held"      # (page, its opening words) waiting to be written under its figure
SCREEN = "screen_kind"                 # "narrow" (a phone) or "wide", as the browser says (ui/screen.py)
UPLOAD_WIDGET = "upload_image"         # the image file uploader
LAST_UPLOAD = "last_upload"            # (name, size, id) of the upload already read
UPLOAD_PROBLEM = "upload_problem"      # why the last upload could not be used, or None
# live views (components v2, ui/live_component.py): their component keys and what they remember
LIVE_SENT = "live_sent_digests"        # digests of the big arrays this tab already holds
LIVE_APPLIED = "live_applied_release"  # id of the last release of the live network view applied
KNOBS_LIVE = "knobs_live"              # the knobs page's live network view
KNOBS_REFUSED = "knobs_refused"        # why the last change the knobs view sent was refused, or None
KNOBS_WEIGHTS_STALE = "knobs_weights_stale"  # a release changed what the page below the live view shows
INSIDE_LIVE = "inside_live"            # the Inside page's live network view
HOME_LIVE = "home_live"                # the home page's live network view (a picture: nothing to drag)
ONE_LIVE = "one_neuron_live"           # the One-neuron live view
ONE_LIVE_ACK = "one_live_ack"          # the number the browser gave the last One-neuron release handled
ONE_LIVE_PROBLEM = "one_live_problem"  # why the last One-neuron release was refused, or None

CUSTOM = "custom"                      # the MODEL_CHOICE of this session's own model


def model_title(choice: str) -> str:
    """'classic (784-16-16-10)', 'best (784-256-128-10)' or 'your model': a choice of model, in words."""
    if choice in BUNDLED:
        return f"{choice} ({'-'.join(map(str, loaders.bundled(choice).network.sizes))})"
    return "your model"
DEFAULT_TEST_INDEX = 3


@dataclass(frozen=True)
class InputDigit:
    """What the network is looking at: its 784 inputs and where they came from."""

    pixels: np.ndarray            # (784,) float32 in 0..1
    source: str                   # "drawing", "test digit" or "upload"
    description: str              # e.g. "test digit #12 (a 7)": markdown-safe (a file name in it is plain())
    label: int | None = None      # the true digit, when known
    reading: Reading | None = None
    test_index: int | None = None  # which test digit, when it is one
    size: tuple[int, int] | None = None  # (width, height) of an uploaded image file, before it was read


def test_digit(index: int) -> InputDigit:
    """Test digit ``index`` (0..999) as the current input."""
    _, test = loaders.embedded()
    index = int(np.clip(index, 0, len(test) - 1))
    label = int(test.labels[index])
    return InputDigit(test.inputs[index].copy(), "test digit", f"test digit #{index} (a {label})", label,
                      test_index=index)


def one_input(i: int) -> str:
    return f"one_input_{i}"


def one_weight(i: int) -> str:
    return f"one_weight_{i}"


# The values of the session that are not a page's setting; the pages' settings and their defaults are in
# their tables (ui/page_settings.py), and ui/session.py puts both in place.
DEFAULTS = {
    CUSTOM_MODEL: None, CUSTOM_MODEL_KEY: None, CANVAS_VERSION: 0, SELECTED_NEURON: None, SELECTION_SEEN: None,
    ONE_PRESET_NOTE: None, EDITS: None, EXPERIMENT: None, TRAINER: None, TRAIN_RUNNING: False, TRAIN_UNTIL_EPOCH: None,
    TRAIN_REPORT: None, TRAIN_PACE: (), RECIPE: None, USER_DATA: None, DESCENT_SHOWN: 100, DESCENT_PLAYING: False,
    BACKPROP_NET: None, COST_LABEL: None, LESSON_ON: False, LESSON_STEP: 0,
}


def session_id() -> str:
    """An id for this visitor's session (for the activity tracker)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    return context.session_id if context is not None else "no-session"


def note_page(name: str) -> None:
    """Record which page this run shows, and whether the visitor just arrived on it."""
    st.session_state[PAGE_ENTERED] = st.session_state.get(PAGE) != name
    st.session_state[PAGE] = name


def page_just_entered() -> bool:
    return bool(st.session_state.get(PAGE_ENTERED, True))


def widget_generation() -> int:
    """Part of the keys of widgets that only a new key can empty (canvas, uploader)."""
    return st.session_state.get(CANVAS_VERSION, 0)


def current_model() -> Model:
    """The model in use: a shared bundled one, or this session's own."""
    choice = st.session_state.get(MODEL_CHOICE, "classic")
    if choice == "custom" and st.session_state.get(CUSTOM_MODEL) is not None:
        return st.session_state[CUSTOM_MODEL]
    return loaders.bundled("best" if choice == "best" else "classic")


def model_key() -> str:
    """Changes whenever the model in use changes (for caches)."""
    choice = st.session_state.get(MODEL_CHOICE, "classic")
    if choice == "custom":
        return f"custom-{st.session_state.get(CUSTOM_MODEL_KEY)}"
    return choice


def model_fingerprint(model: Model) -> str:
    """A digest of what the model computes. Shared caches are keyed on it, so two sessions'
    models share an entry only if they are the same network (never through a reused id())."""
    network = model.network
    return f"{network.describe()}|{network.params.dtype}|{digest(network.params)}"


def palette() -> Palette:
    """The colours in use (standard red/blue, or the colour-blind-safe orange/blue)."""
    return PALETTES.get(st.session_state.get(PALETTE, "standard"), PALETTES["standard"])


def current_input() -> InputDigit | None:
    return st.session_state.get(INPUT)


def current_pixels() -> np.ndarray:
    """The current input's 784 pixels, or a blank image when there is none."""
    digit = current_input()
    return digit.pixels if digit is not None else np.zeros(784, dtype=np.float32)


def set_input(digit: InputDigit | None) -> None:
    """Make ``digit`` what every page shows (None: nothing drawn yet)."""
    st.session_state[INPUT] = digit
    st.session_state[FLOW_STEP] = None


def set_custom_model(model: Model) -> None:
    """Use this session's own model (trained or uploaded) on every page."""
    st.session_state[CUSTOM_MODEL] = model
    st.session_state[CUSTOM_MODEL_KEY] = model_fingerprint(model)
    st.session_state[MODEL_CHOICE] = "custom"
    st.session_state[SELECTED_NEURON] = None
