"""A page's settings in its URL, so a teacher can hand out a link that opens exactly that view.

Shared by every page: ``model`` (classic | best), the input digit (``digit`` = a test digit's
number, or ``pixels`` = a drawing's 28x28 inputs, compressed), ``colours`` (standard |
colour-blind) and ``text`` (normal | large). On the training page, the recipe: ``hidden``,
``activation``, ``cost``, ``lr``, ``batch``, ``epochs``, ``momentum``, ``seed``, ``augment``,
``start`` and ``speed``.

A link is read once, when a visitor's session starts; afterwards the URL follows what the
visitor does. Anything a link says that cannot be used is ignored, and said so.
"""
from __future__ import annotations

import base64
import binascii
import zlib

import numpy as np
import streamlit as st

from nn_core.activations import ACTIVATIONS
from nn_core.bundled import BUNDLED
from nn_core.costs import COSTS
from nn_core.drawing import read_drawing
from nn_core.numbers import decimal_number, whole_number
from ui import state
from ui.plain import plain

MODELS = tuple(BUNDLED)
COLOUR_NAMES = {"standard": "standard", "colour-blind": "colour-blind safe"}
RECIPE_PARAMS = {  # URL name: (recipe widget key, parser)
    "hidden": ("recipe_hidden", str),
    "activation": ("recipe_activation", lambda v: _choice(v, tuple(ACTIVATIONS))),
    "cost": ("recipe_cost", lambda v: _choice(v, tuple(COSTS))),
    "lr": ("recipe_rate", lambda v: _bounded(decimal_number(v), 0.0001, 1000.0)),
    "batch": ("recipe_batch", lambda v: _choice(whole_number(v), (1, 5, 10, 20, 32, 64, 128, 256))),
    "epochs": ("recipe_epochs", lambda v: _bounded(whole_number(v), 1, 1000)),
    "momentum": ("recipe_momentum", lambda v: _bounded(decimal_number(v), 0.0, 0.99)),
    "seed": ("recipe_seed", lambda v: _bounded(whole_number(v), 0, 10_000)),
    "augment": ("recipe_augment", lambda v: _choice(v, ("0", "1")) == "1"),
    "start": ("recipe_start", lambda v: _choice(v, ("random", *BUNDLED))),
}
SPEEDS = ("slow motion", "slow", "fast", "full speed")


def _choice(value, allowed):
    if value not in allowed:
        raise ValueError(f"not one of {', '.join(map(str, allowed))}")
    return value


def _bounded(value, low, high):
    if not (low <= value <= high):
        raise ValueError(f"not between {low} and {high}")
    return value


def encode_pixels(pixels: np.ndarray) -> str:
    """784 inputs in 0..1 -> a short URL-safe text (uint8, deflated, base64)."""
    raw = np.round(np.clip(pixels, 0, 1) * 255).astype(np.uint8).tobytes()
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii").rstrip("=")


MAX_PIXELS_TEXT = 2048  # encode_pixels writes at most 1,060 characters: 784 bytes stored uncompressed


def decode_pixels(text: str) -> np.ndarray:
    """The inverse of ``encode_pixels``; ValueError for anything else.

    The text is short (at most MAX_PIXELS_TEXT characters) and at most 785 bytes are ever
    inflated from it, so a decompression bomb costs nothing: it is refused once the 785th
    byte appears.
    """
    if not isinstance(text, str) or len(text) > MAX_PIXELS_TEXT:
        raise ValueError(f"too long for a drawing (at most {MAX_PIXELS_TEXT:,} characters)")
    inflater = zlib.decompressobj()
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        raw = inflater.decompress(packed, 785)
    except (binascii.Error, zlib.error, ValueError):
        raise ValueError("not a drawing this app wrote") from None
    if len(raw) != 784 or not inflater.eof or inflater.unconsumed_tail or inflater.unused_data:
        raise ValueError("not 28x28 pixels")
    return np.frombuffer(raw, dtype=np.uint8).astype(np.float32) / 255.0


def apply_link() -> list[str]:
    """Read the URL's settings into the session (once per session); returns what was not understood."""
    if st.session_state.get(state.LINK_READ):
        return []
    st.session_state[state.LINK_READ] = True
    params, problems = st.query_params.to_dict(), []

    def use(name: str, apply) -> None:
        if name in params:
            try:
                apply(params[name])
            except (ValueError, TypeError) as exc:
                problems.append(f"{plain(name, 20)}={plain(repr(params[name]), 60)} ({plain(exc, 120)})")

    use("model", lambda v: st.session_state.__setitem__(state.MODEL_CHOICE, _choice(v, MODELS)))
    use("colours", lambda v: st.session_state.__setitem__(state.PALETTE, COLOUR_NAMES[_choice(v, tuple(COLOUR_NAMES))]))
    use("text", lambda v: st.session_state.__setitem__(state.LARGE_TEXT, _choice(v, ("normal", "large")) == "large"))
    use("view", lambda v: st.session_state.__setitem__(state.PRESENTER, _choice(v, ("normal", "presenter")) == "presenter"))
    use("digit", _use_test_digit)
    use("pixels", _use_pixels)
    recipe_given = False
    for name, (key, parse) in RECIPE_PARAMS.items():
        if name in params:
            use(name, lambda v, key=key, parse=parse: st.session_state.__setitem__(key, parse(v)))
            recipe_given = True
    use("speed", lambda v: st.session_state.__setitem__(state.TRAIN_SPEED, _choice(v, SPEEDS)))
    if recipe_given:
        from ui import training

        training.apply_recipe()
        if st.session_state.get(state.RECIPE_PROBLEM):
            problems.append(st.session_state[state.RECIPE_PROBLEM])  # already plain()
    return problems


def _use_test_digit(value: str) -> None:
    index = whole_number(value)
    if not 0 <= index < 1000:
        raise ValueError("test digits are numbered 0 to 999")
    st.session_state[state.TEST_INDEX] = index
    st.session_state[state.INPUT_SOURCE] = "test"
    state.set_input(state.test_digit(index))


def _use_pixels(value: str) -> None:
    pixels = decode_pixels(value)
    reading = read_drawing(pixels.reshape(28, 28))
    if reading.empty:
        raise ValueError("the drawing is empty")
    state.set_input(state.InputDigit(pixels, "drawing", "a drawing from a link", None, None))


def current_link() -> dict[str, str]:
    """The settings of the current page, as URL parameters."""
    params: dict[str, str] = {}
    if st.session_state.get(state.MODEL_CHOICE) in MODELS:
        params["model"] = st.session_state[state.MODEL_CHOICE]
    digit = state.current_input()
    if digit is not None and digit.test_index is not None:
        params["digit"] = str(digit.test_index)
    elif digit is not None:
        params["pixels"] = encode_pixels(digit.pixels)
    if state.palette().name != "standard":
        params["colours"] = "colour-blind"
    if st.session_state.get(state.LARGE_TEXT):
        params["text"] = "large"
    if st.session_state.get(state.PRESENTER):
        params["view"] = "presenter"
    if st.session_state.get(state.PAGE) == "train":
        params.update(_recipe_link())
    return params


def _recipe_link() -> dict[str, str]:
    recipe = st.session_state.get(state.RECIPE)
    if recipe is None:
        return {}
    config = recipe.config
    return {
        "start": recipe.start, "hidden": ",".join(map(str, recipe.hidden)), "activation": recipe.activation,
        "cost": recipe.cost, "lr": f"{config.learning_rate:g}", "batch": str(config.batch_size),
        "epochs": str(config.epochs), "momentum": f"{config.momentum:g}", "seed": str(config.seed),
        "augment": "1" if config.augment else "0", "speed": st.session_state.get(state.TRAIN_SPEED, "fast"),
    }


def write_link() -> None:
    """Make the browser's URL show the current settings (only when they changed)."""
    wanted = current_link()
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
