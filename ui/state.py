"""Session state: the one place its keys are named, and the values pages share.

Every visitor has their own session: their current input digit, their chosen model and
any model they trained or uploaded. Bundled models and the embedded digits are shared,
read-only objects (see ``ui.loaders``); a session never changes them.

A key is named here once; its page's settings table (ui/links/tables.py) gives the keys a
link can set their defaults. No other module writes a key as text (tests/structure/test_state_keys.py).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from figures.colours import PALETTES, Palette
from nn_core.bundled import BUNDLED
from nn_core.drawing import Reading
from nn_core.edits import NetworkEdits
from nn_core.modelfile import Model
from nn_core.noise import noise_pixels
from ui import loaders
from ui.cache_keys import model_fingerprint
from ui.words import a_digit

# -- the model and the input every page shows --------------------------------------------------
MODEL_CHOICE = "model_choice"          # "classic" | "best" | CUSTOM
CUSTOM = "custom"                      # the MODEL_CHOICE of this session's own model
CUSTOM_MODEL = "custom_model"          # Model trained or uploaded in this session, or None
CUSTOM_MODEL_KEY = "custom_model_key"  # cache_keys.model_fingerprint() of it, for caches
INPUT = "current_input"                # InputDigit, or None (an empty canvas)
INPUT_SOURCE = "input_source"          # where the Draw page takes the digit from: one of SOURCES
TEST_INDEX = "test_index"              # the test digit chosen on the Draw page
NOISE_SEED = "noise_seed"              # the seed of the random noise shown on the Draw page (one per press)
PAGE = "current_page"                  # the page shown by the last run (its url_path)

# -- how things look ------------------------------------------------------------------------------
PALETTE = "palette"                    # "standard" | "colour-blind safe"
LEVEL = "level"                        # "simple" (for a 15-year-old) or "full"
LARGE_TEXT = "large_text"              # large-text (projector) mode
PRESENTER = "presenter"                # the presenter layout (ui/presenter.py)
PRESENTER_APPLIED = "presenter_applied"  # the presenter setting the page config last followed
PAGE_WORDS_HELD = "page_words_held"    # (page, its opening words) waiting to be written under its figure
GLOSSARY_HELD = "glossary_held"        # (page, its terms) waiting for the page's end in the presenter layout
SCREEN = "screen_kind"                 # "narrow" (a phone) or "wide", as the browser says (ui/live/screen.py)
SCREEN_WATCH = "nn_screen_watch"       # the component that says it
MOTION = "motion_wanted"               # "reduce" when the system asks for less motion, else "full" (ui/live/screen.py)
SIDEBAR_FOLD = "sidebar_fold"          # bumped when the presenter layout starts: the browser folds the sidebar once per bump
LINK_READ = "link_read"                # the URL's settings were applied to this session

# -- Draw a digit ----------------------------------------------------------------------------------
CANVAS_VERSION = "canvas_version"      # bumps to remount the drawing pad and the uploaders (a reset empties them)
PAD = "drawing_pad"                    # the drawing pad's component key, + the generation above
PAD_SAVED = "drawing_pad_saved"        # the pad's last drawing (SavedDrawing), to paint it again on the next visit
PAD_ACK = "drawing_pad_ack"            # the number of the last drawing the server handled (also when refused)
PAD_PROBLEM = "drawing_pad_problem"    # why the last drawing was refused, said once
STROKE_WIDTH = "stroke_width"
UPLOAD_WIDGET = "upload_image"         # the image file uploader, + the generation above
LAST_UPLOAD = "last_upload"            # (name, size, id) of the upload already read
UPLOAD_PROBLEM = "upload_problem"      # why the last upload could not be used, or None

# -- One neuron ---------------------------------------------------------------------------------------
ONE_ACTIVATION = "one_activation"
ONE_BIAS = "one_bias"                  # (the inputs and weights: one_input(i), one_weight(i))
ONE_PRESET_NOTE = "one_preset_note"
ONE_LIVE = "one_neuron_live"           # the One-neuron live view
ONE_LIVE_ACK = "one_live_ack"          # the number the browser gave the last One-neuron release handled
ONE_LIVE_PROBLEM = "one_live_problem"  # why the last One-neuron release was refused, or None

# -- Inside the network -------------------------------------------------------------------------------
SELECTED_NEURON = "selected_neuron"    # (layer, neuron) or None
FLOW_STEP = "flow_step"                # how far the signal has travelled (0..L, or "all")
INPUT_EDGES = "input_edges"            # edges drawn from the image into each first-layer neuron
CHOICE_LAYER = "choice_layer"          # the neuron boxes under the network figure
CHOICE_NEURON = "choice_neuron"        # (one box per layer: per_layer(CHOICE_NEURON, layer))
INSIDE_LIVE = "inside_live"            # the Inside page's live network view
HOME_LIVE = "home_live"                # the home page's live network view (a picture: nothing to drag)

# -- Turn the knobs -------------------------------------------------------------------------------------
EDITS = "edits"                        # (model_key(), NetworkEdits) of the Turn-the-knobs page, or None
KNOB_LAYER = "knob_layer"              # the layer whose biases the sliders show
KNOB_NEURON = "knob_neuron"            # the neuron whose weights can be edited (its box: per_layer(KNOB_NEURON, layer))
KNOB_ROW = "knob_row"                  # the pixel whose weight into it can be edited (layer 1)
KNOB_COLUMN = "knob_column"
KNOB_SOURCE = "knob_source"            # the neuron of the layer below (its box: per_layer(KNOB_SOURCE, layer))
EXPERIMENT = "experiment"              # the guided experiment set up, or None
KNOBS_LIVE = "knobs_live"              # the knobs page's live network view
KNOBS_REFUSED = "knobs_refused"        # why the last change the knobs view sent was refused, or None
KNOBS_WEIGHTS_STALE = "knobs_weights_stale"  # a release changed what the page below the live view shows
LIVE_SENT = "live_sent_digests"        # digests of the big arrays this tab already holds (ui/live/component.py)
LIVE_APPLIED = "live_applied_release"  # id of the last release of the live network view applied

# -- Training and test data ------------------------------------------------------------------------------
DATA_CHOICE = "data_choice"            # "embedded" | "mnist" | "mine"
USER_DATA = "user_data"                # (train, test) of an uploaded data set, or None
DATA_UPLOAD = "data_upload"            # the data set uploader, + the generation above
LAST_DATA_UPLOAD = "last_data_upload"
DATA_PROBLEM = "data_problem"
BROWSE_PART = "browse_part"            # the Data page's widgets
BROWSE_DIGIT = "browse_digit"
BROWSE_PAGE = "browse_page"

# -- The cost -----------------------------------------------------------------------------------------------
COST_LABEL = "cost_label"              # the Cost page's right answer, for a drawing

# -- Gradient descent ---------------------------------------------------------------------------------------
DESCENT_PROBLEM = "descent_problem"    # which landscape: "tiny" | "network" | "valleys"
DESCENT_STEP = "descent_step"          # the tiny neuron's σ replaced by an on/off step
DESCENT_TARGET = "descent_target"
DESCENT_SOURCE = "descent_source"
DESCENT_START = "descent_start"        # the start sliders: one pair per landscape, descent_start(index, landscape)
DESCENT_RATE = "descent_rate"
DESCENT_MOMENTUM = "descent_momentum"  # μ for the momentum walk
DESCENT_SHOWN = "descent_shown"        # how many steps of the walks are drawn
DESCENT_PLAYING = "descent_playing"
DESCENT_PLAY_STARTED = "descent_play_started"  # when "Walk, step by step" was pressed (time.monotonic())
DESCENT_LINK_START = "descent_link_start"  # a link's start, waiting for the page to put it on its sliders
DESCENT_LINK_PRESET = "descent_link_preset"  # a link's preset, waiting for the page to know its rate
DESCENT_PRESET = "descent_preset"      # (name, η) of the last preset pressed, for the lesson's check
DESCENT_SEEN = "descent_seen"          # the walk the page last showed (nn_core.questions.Walk), for the lesson's questions

# -- Watch it learn -----------------------------------------------------------------------------------------------
TRAINER = "trainer"                    # this session's Trainer
TRAIN_RUNNING = "train_running"        # the live training ticks
TRAIN_UNTIL_EPOCH = "train_until_epoch"  # "One epoch" trains in ticks until this epoch is done, or None
TRAIN_SPEED = "train_speed"            # "slow motion" .. "full speed"
TRAIN_REPORT = "train_report"          # (steps done, nn_core Report on the test digits) of the trainer
TRAIN_PACE = "train_pace"              # recent (clock time, samples trained) pairs while running
RECIPE = "train_recipe"                # the Recipe the trainer was built from
RECIPE_PROBLEM = "recipe_problem"      # why the last recipe could not be used, or None
RECIPE_NOTE = "recipe_note"            # what to watch for after a ready-made recipe experiment
RECIPE_FIELDS = ("start", "hidden", "activation", "cost", "rate", "batch", "epochs", "momentum", "seed", "augment")
WEIGHT_LIMIT = "weight_limit"          # the fixed colour range of the first-layer weight images
MODEL_UPLOAD = "model_upload"          # the model file uploader, + the generation above
MODEL_PROBLEM = "model_problem"

# -- Backpropagation ------------------------------------------------------------------------------------------------
BACKPROP_NET = "backprop_net"          # ui.pages.backprop.scratch.Scratch: the copy of the network that steps change
BACKPROP_STEP = "backprop_step_shown"  # how far the error has travelled back (None: opens at the output)
BACKPROP_RATE = "backprop_rate"
BACKPROP_EXAMPLE = "backprop_example"  # the training digit learned from (its index), or None: the default
BACKPROP_EXAMPLE_BOX = "backprop_example_box"  # the number box showing it (a widget; copied to BACKPROP_EXAMPLE)
BACKPROP_LEVER_DIGIT = "backprop_lever_digit"  # the output neuron whose three levers are shown
BACKPROP_LEVER_EXAMPLE = "backprop_lever_example"  # the example that choice was made for
BACKPROP_PLAYING = "backprop_playing"  # "Play backwards" is running

# -- the lesson --------------------------------------------------------------------------------------------------------
LESSON_ON = "lesson_on"                # the lesson's card is shown (ui/lesson/)
LESSON_STEP = "lesson_step"            # the step shown (0-based)
LESSON_JUMP = "lesson_jump"            # the card's step slider (a widget; copied to LESSON_STEP)
LESSON_MOVED = "lesson_moved"          # Back, Next or a jump happened: the page switches tried so far to reach the step's page
LESSON_ARRIVED = "lesson_arrived"      # when the step's page was last reached by a move (time.monotonic; ui/lesson/progress.py)
LESSON_DONE = "lesson_done"            # ids of the steps whose check has passed
LESSON_ANSWERS = "lesson_answers"      # step id -> Reveal (the learner's guess, the measured answer)
LESSON_LOCKS = "lesson_locks"          # step id -> Lock: the guess locked (or skipped), and whether before the action
LESSON_SCROLL = "lesson_scroll"        # the card's scrolling (ui/live/scroll_to.js)
LESSON_SCROLL_TO = "lesson_scroll_to"  # (where, count): the last scroll asked for: "top" after a step change, "part"
                                       # (the part to act on) after a lock, "verdict" after a Reveal; done once each
LESSON_FOLD = "lesson_fold"            # the id of the step whose card is unfolded ("More"): closed on another step
LESSON_FINISHED = "lesson_finished"    # "Finish" was pressed: the summary is shown until it is closed
LESSON_GUESS = "lesson_guess"          # a step's guess box: lesson_guess(step id)
LESSON_NOT_READY = "lesson_not_ready"  # why a step's answer cannot be measured yet: lesson_not_ready(step id)
LESSON_LIMITS = "lesson_limits"        # progress.Limits: the steps a class lets Back, Next and Jump open (in a class)

# -- the class ------------------------------------------------------------------------------------------------------------
CLASS_SEAT = "class_seat"              # classroom.rooms.Seat: this student's place in a class, or None
CLASS_SEEN = "class_seen"              # the ClassState this page last followed (teacher's moves and resets)
CLASS_SENT = "class_answers_sent"      # step id -> the Reveal already given to the class
CLASS_SEND_FAILED = "class_send_failed"  # the Reveal the store last refused (its toast is said once)
CLASS_MESSAGE = "class_message"        # (kind, text) a callback leaves for the page: "success" | "error" | "info"
CLASS_FOLLOWER = "class_follower"        # the timer that asks whether the teacher moved everyone (class_follower.js)
CLASS_FOLLOWS = "class_follows"          # how many times this page's class line has answered it
CLASS_SEAT_KEEPER = "class_seat_keeper"  # the component that keeps the seat in the tab (ui/live/seat_keeper.js)
CLASS_SEAT_FORGET = "class_seat_forget"  # the student left: the tab forgets the seat too
CLASS_DRAWING_LABEL = "class_drawing_label"  # the digit a drawing given to the class is meant to be
CLASS_JOIN_CODE = "class_join_code"    # the Join form's boxes
CLASS_JOIN_LINKED = "class_join_linked"  # the Join form's code came from a link (the QR code): checked on its page
CLASS_JOIN_NICKNAME = "class_join_nickname"
CLASS_HOURS = "class_hours"            # the console's forms: open a class, sign in to one
CLASS_TEACHER_CODE = "class_teacher_code"
CLASS_TEACHER_KEY = "class_teacher_key"
CLASS_TEACHER = "class_teacher"        # (code, teacher key) this session's console signs in with, or None
CLASS_OPENED = "class_opened"          # the Opened class whose key is on screen this once
CLASS_STEP_CHOICE = "class_step_choice"  # the console's lesson-step box
CLASS_STEP_SENT = "class_step_sent"        # the move the console's step box last followed (how many moves)
CLASS_REPORTED = "class_reported"      # (token, step, done, guess locked, when): where this page last told the class
CLASS_LEVEL_APPLIED = "class_level_applied"  # (token, level): the class's level this page last took
CLASS_LEVEL_NEXT = "class_level_next"  # the class's level, for the next run to set before the Words control is drawn
CLASS_SET_LEVEL = "class_set_level"    # the console's settings: the class's level, its steps, Next waits for me
CLASS_SET_STEPS = "class_set_steps"
CLASS_SET_LOCK = "class_set_lock"
CLASS_SET_JOINING = "class_set_joining"  # the console's switch: new students may join


def session_is_set_up() -> bool:
    """Whether the app's frame has given this session its starting values (ui/session.init, before every page)."""
    return INPUT in st.session_state


def per_layer(key: str, layer: int) -> str:
    """The key of a box that has one copy per layer (its options and their labels differ from layer to layer)."""
    return f"{key}-{layer}"


def one_input(i: int) -> str:
    return f"one_input_{i}"


def one_weight(i: int) -> str:
    return f"one_weight_{i}"


def recipe_key(field: str) -> str:
    """The recipe form's widget for one of RECIPE_FIELDS."""
    assert field in RECIPE_FIELDS, field
    return f"recipe_{field}"


def descent_start(index: int, landscape: tuple) -> str:
    """Start slider ``index`` (0, 1) of a landscape: each landscape has its own pair, since their ranges differ."""
    return f"{DESCENT_START}{index + 1}-{'-'.join(map(str, landscape))}"


def is_descent_start(key: str) -> bool:
    return key.startswith(DESCENT_START)


def lesson_guess(step_id: str) -> str:
    return f"{LESSON_GUESS}_{step_id}"


def lesson_not_ready(step_id: str) -> str:
    return f"{LESSON_NOT_READY}_{step_id}"


def generation_key(key: str) -> str:
    """The key of a widget only a new key can empty (canvas, uploaders): ``key`` and the session's generation."""
    return f"{key}-{st.session_state.get(CANVAS_VERSION, 0)}"


# The values of the session that are not a page's setting; the pages' settings and their defaults are in
# their tables (ui/links/tables.py), and ui/session.py puts both in place.
DEFAULTS = {
    CUSTOM_MODEL: None, CUSTOM_MODEL_KEY: None, CANVAS_VERSION: 0, SELECTED_NEURON: None, ONE_PRESET_NOTE: None,
    EDITS: None, EXPERIMENT: None, TRAINER: None, TRAIN_RUNNING: False, TRAIN_UNTIL_EPOCH: None, TRAIN_REPORT: None,
    TRAIN_PACE: (), RECIPE: None, USER_DATA: None, DESCENT_SHOWN: 100, DESCENT_PLAYING: False, BACKPROP_NET: None,
    COST_LABEL: None, LESSON_ON: False, LESSON_STEP: 0, NOISE_SEED: None,
}
# What "Start over" keeps: the link is not read again, the screen not forgotten, the class not left.
KEPT_ON_RESET = (LINK_READ, SCREEN, MOTION, CLASS_SEAT, CLASS_SEEN, CLASS_TEACHER)


# -- the model in use ------------------------------------------------------------------------------------------------
def model_title(choice: str) -> str:
    """'classic (784-16-16-10)', 'best (784-256-128-10)' or 'your model': a choice of model, in words."""
    if choice in BUNDLED:
        return f"{choice} ({'-'.join(map(str, loaders.bundled(choice).network.sizes))})"
    return "your model"


def current_model() -> Model:
    """The model in use: a shared bundled one, or this session's own."""
    choice = st.session_state.get(MODEL_CHOICE, "classic")
    if choice == CUSTOM and st.session_state.get(CUSTOM_MODEL) is not None:
        return st.session_state[CUSTOM_MODEL]
    return loaders.bundled("best" if choice == "best" else "classic")


def model_key() -> str:
    """Changes whenever the model in use changes: the key of caches of it (see ui/cache_keys.py)."""
    choice = st.session_state.get(MODEL_CHOICE, "classic")
    if choice == CUSTOM:
        return f"custom-{st.session_state.get(CUSTOM_MODEL_KEY)}"
    return choice


def set_custom_model(model: Model) -> None:
    """Use this session's own model (trained or uploaded) on every page."""
    st.session_state[CUSTOM_MODEL] = model
    st.session_state[CUSTOM_MODEL_KEY] = model_fingerprint(model)
    st.session_state[MODEL_CHOICE] = CUSTOM
    st.session_state[SELECTED_NEURON] = None


def edits_of_model_in_use() -> NetworkEdits | None:
    """The Knobs page's edits, if they are of the model in use (None otherwise: never creates them).

    EDITS holds the pair (model_key(), edits), so edits made on one model never show on another.
    """
    owner, edits = st.session_state.get(EDITS) or (None, None)
    return edits if edits is not None and owner == model_key() else None


def keep_edits(edits: NetworkEdits) -> None:
    """Make ``edits`` the session's edits of the model in use."""
    st.session_state[EDITS] = (model_key(), edits)


def palette() -> Palette:
    """The colours in use (standard red/blue, or the colour-blind-safe orange/blue)."""
    return PALETTES.get(st.session_state.get(PALETTE, "standard"), PALETTES["standard"])


# -- the input digit --------------------------------------------------------------------------------------------------
DRAWING, TEST_DIGIT, UPLOAD, NOISE = "drawing", "test digit", "upload", "noise"
SOURCES = (DRAWING, TEST_DIGIT, UPLOAD, NOISE)  # where a digit comes from: the Draw page's choice and InputDigit.source
DEFAULT_TEST_INDEX = 3


@dataclass(frozen=True)
class InputDigit:
    """What the network is looking at: its 784 inputs and where they came from."""

    pixels: np.ndarray            # (784,) float32 in 0..1
    source: str                   # one of SOURCES
    description: str              # e.g. "test digit #12 (a 7)": markdown-safe (a file name in it is plain())
    label: int | None = None      # the true digit, when known
    reading: Reading | None = None
    test_index: int | None = None  # which test digit, when it is one
    size: tuple[int, int] | None = None  # (width, height) of an uploaded image file, before it was read
    noise_seed: int | None = None  # the seed of random noise, when it is that


def test_digit(index: int) -> InputDigit:
    """Test digit ``index`` (0..999) as an input."""
    _, test = loaders.embedded()
    index = int(np.clip(index, 0, len(test) - 1))
    label = int(test.labels[index])
    return InputDigit(test.inputs[index].copy(), TEST_DIGIT, f"test digit #{index} ({a_digit(label)})", label,
                      test_index=index)


def current_input() -> InputDigit | None:
    return st.session_state.get(INPUT)


def current_pixels() -> np.ndarray:
    """The current input's 784 pixels, or a blank image when there is none."""
    digit = current_input()
    return digit.pixels if digit is not None else np.zeros(784, dtype=np.float32)


def set_input(digit: InputDigit | None) -> None:
    """Make ``digit`` what every page shows (None: nothing drawn yet); the Inside flow starts again."""
    st.session_state[INPUT] = digit
    st.session_state[FLOW_STEP] = None


def show_test_digit(index: int) -> None:
    """Show test digit ``index`` on every page, as the Draw page's test-digit choice (the one way to pick one)."""
    digit = test_digit(index)
    st.session_state[TEST_INDEX] = digit.test_index
    st.session_state[INPUT_SOURCE] = TEST_DIGIT
    set_input(digit)


def noise(seed: int) -> InputDigit:
    """Random noise ``seed`` as an input: 784 random pixels (nn_core.noise), no digit at all."""
    return InputDigit(noise_pixels(seed), NOISE, f"random noise #{seed}", None, noise_seed=int(seed))


def show_noise(seed: int) -> None:
    """Show random noise ``seed`` on every page, as the Draw page's noise button (the one way to make some)."""
    digit = noise(seed)
    st.session_state[NOISE_SEED] = digit.noise_seed
    st.session_state[INPUT_SOURCE] = NOISE
    set_input(digit)


def note_page(name: str) -> None:
    """Record which page this run shows."""
    st.session_state[PAGE] = name


def page() -> str:
    """The url_path of the page shown ("" for home)."""
    return st.session_state.get(PAGE) or ""
