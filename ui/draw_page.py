"""Ways to give the network a digit: draw it, pick a test digit, or upload an image.

Each control sets the session's current input (``ui.state``), which every page shows.
"""
from __future__ import annotations

import numpy as np
import streamlit as st

from nn_core.drawing import read_drawing
from nn_core.errors import NNCoreError
from nn_core.imagefile import read_image_with_size
from ui import live_drawing, loaders, state
from ui.plain import plain

SOURCES = {"draw": ":material/draw: Draw", "test": ":material/casino: Test digit", "upload": ":material/upload: Upload an image"}
UPLOAD_TYPES = ["png", "jpg", "jpeg", "gif", "bmp", "webp", "tif", "tiff"]


def source_picker() -> str:
    """Choose where the digit comes from."""
    choice = st.segmented_control("Where does the digit come from?", list(SOURCES), format_func=SOURCES.get,
                                  key=state.INPUT_SOURCE, required=True, on_change=_source_changed)
    return choice or "draw"


def _source_changed() -> None:
    if st.session_state.get(state.INPUT_SOURCE) == "draw":
        live_drawing.restore()   # the pad's drawing, if any, is what every page shows again


def drawing_pad() -> state.InputDigit | None:
    """The drawing pad with its live answer. Returns the pad's drawing if it is the current input."""
    live_drawing.show(state.current_model().network)
    return live_drawing.drawing_shown()


def _random_test_digit() -> None:
    _, test = loaders.embedded()
    st.session_state[state.TEST_INDEX] = int(np.random.default_rng().integers(len(test)))


def test_digit_controls() -> None:
    """Pick one of the 1,000 unseen test digits, by number or at random."""
    _, test = loaders.embedded()
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    left.number_input(f"Test digit number (0 to {len(test) - 1})", 0, len(test) - 1, step=1, key=state.TEST_INDEX)
    right.button("Random", icon=":material/casino:", on_click=_random_test_digit, key="random_test_digit")
    digit = state.test_digit(st.session_state[state.TEST_INDEX])
    current = state.current_input()
    if current is None or current.description != digit.description:
        state.set_input(digit)
    st.caption("These 1,000 digits were never shown to the network while it learned: they are how we "
               "check it on handwriting it has not seen.")


def upload_controls() -> None:
    """Upload a picture of a handwritten digit (any size; dark on light or light on dark)."""
    upload = st.file_uploader("A picture of one handwritten digit", type=UPLOAD_TYPES,
                              key=f"{state.UPLOAD_WIDGET}-{state.widget_generation()}",
                              help="PNG or JPEG works best. Dark ink on light paper is fine: it is inverted.")
    if upload is None:
        st.session_state[state.UPLOAD_PROBLEM] = None
        return
    marker = (upload.name, upload.size, upload.file_id)
    if st.session_state.get(state.LAST_UPLOAD) != marker:  # a new file: read it once
        st.session_state[state.LAST_UPLOAD] = marker
        st.session_state[state.UPLOAD_PROBLEM] = _read_upload(upload.name, upload.getvalue())
    if st.session_state[state.UPLOAD_PROBLEM]:
        st.error(st.session_state[state.UPLOAD_PROBLEM])


def _read_upload(name: str, data: bytes) -> str | None:
    """Make the uploaded image the current input; or say why not (the current input is kept)."""
    try:
        image, size = read_image_with_size(data)
        reading = read_drawing(image)
    except NNCoreError as exc:
        return f"Could not read {plain(name)}: {plain(exc, 300)}. Your current digit is kept."
    if reading.empty:
        return f"No digit found in {plain(name)}: it looks blank. Your current digit is kept."
    state.set_input(state.InputDigit(reading.inputs.copy(), "upload", f"your image {plain(name)}", None, reading,
                                     size=size))
    return None
