"""The drawing canvas (streamlit-drawable-canvas): light strokes on a dark square.

Its strokes are kept in session state and handed back when the page is shown again, so a
drawing survives a visit to another page.
"""
from __future__ import annotations

import numpy as np
import streamlit as st

from nn_core.errors import NNCoreError
from nn_core.imagefile import read_image
from ui import state

CANVAS_SIZE = 280
MAX_CANVAS_SIDE = 4 * CANVAS_SIZE    # the canvas sends its own pixels (times the screen's pixel ratio)
MAX_CANVAS_BYTES = 2_000_000

# The canvas has a fixed size: its column must not get narrower than it (large text, small screens).
CANVAS_COLUMN_CSS = (f"<style>[data-testid='stColumn']:has([class*='st-key-canvas-']) "
                     f"{{ min-width: {CANVAS_SIZE + 12}px; }}</style>")


def drawing_canvas(stroke_width: int) -> tuple[np.ndarray | None, bool]:
    """Show the canvas; returns (RGBA image, whether it holds a new drawing since the last run).

    The image is None until the first stroke after the canvas appeared.
    """
    from streamlit_drawable_canvas import st_canvas  # registers its component when first used

    saved = st.session_state.get(state.CANVAS_DRAWING)
    if state.page_just_entered() or state.CANVAS_INITIAL not in st.session_state:
        # hand the saved strokes over once per visit; changing initial_drawing redraws the canvas
        st.session_state[state.CANVAS_INITIAL] = saved
    st.html(CANVAS_COLUMN_CSS)
    result = st_canvas(
        stroke_width=stroke_width, stroke_color="#FFFFFF", background_color="#000000",
        width=CANVAS_SIZE, height=CANVAS_SIZE, drawing_mode="freedraw", update_streamlit=True,
        initial_drawing=st.session_state[state.CANVAS_INITIAL], return_image_data=True,
        key=f"canvas-{state.widget_generation()}",
    )
    drawing = result.json_data
    image = _canvas_image(result)
    if image is None or not isinstance(drawing, dict):
        return None, False
    objects = drawing.get("objects", [])
    saved_objects = (saved or {}).get("objects", [])
    is_new = objects != saved_objects
    if is_new:
        st.session_state[state.CANVAS_DRAWING] = {"objects": objects}
    return image, is_new


def _canvas_image(result) -> np.ndarray | None:
    """The canvas's picture, read like any uploaded image: its size checked before it is decoded.

    The browser sends it as a PNG; a modified browser could send anything. Anything that is not
    a canvas-sized image is ignored, as if nothing had been drawn.
    """
    try:
        data = result.image_bytes
        if data is None or len(data) > MAX_CANVAS_BYTES:
            return None
        image = read_image(data)
    except (NNCoreError, ValueError, TypeError):
        return None
    return image if max(image.shape[:2]) <= MAX_CANVAS_SIDE else None
