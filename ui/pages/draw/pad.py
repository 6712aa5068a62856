"""The Draw page's drawing pad: a live view that answers while a stroke is being drawn.

The pad (ui/live/drawing_pad.js, joined after ui/live/nn.js) is drawn with Pointer Events. While a
stroke is drawn, the browser reads the pad as ``nn_core.drawing`` does and runs the forward pass
itself, so the answer and the bars move during the stroke. When a drawing changes for good (a
stroke ends, undo, clear) the pad sends it once (the ``drawing`` trigger: its 280x280 pixels as a
PNG, and its strokes). ``pad_values`` checks it; ``nn_core.drawing`` reads the pixels again, and that
reading becomes the current input every page shows. The next run sends nn_core's answer back
with the number of the drawing it is for, and the pad shows it.

The network's weights cross the wire once per tab (``send_once``, under the same name the live
network view uses, so a tab that has one has both).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from figures.outputs import OTHER_BAR
from nn_core.drawing import read_drawing
from nn_core.network import Network, forward
from ui import state
from ui.cache_keys import model_name
from ui.live.component import engine_and_view, forget_sent, palette_data, send_once
from ui.live.network import network_data
from ui.pages.draw import pad_values
from ui.words import confidence_words

TEXTS = {
    "prompt": "Draw a digit from 0 to 9 in the black square: the answer appears while you draw.",
    "loading": "Loading the network…",
    "live": "Live: the network reads your drawing many times a second while you draw.",
    "waiting": "Checking your finished drawing…",
    "python": "Your drawing is read: every page now shows this answer.",
    "full": "The pad is full: undo or clear to draw more.",
    "refused": "This drawing could not be read: undo, clear or draw again.",
}


@dataclass(frozen=True)
class SavedDrawing:
    seq: int                            # the pad's number for this drawing
    strokes: tuple[tuple[float, ...], ...]
    digit: state.InputDigit | None      # None: the pad was emptied


def _mount():
    return engine_and_view("nn_drawing_pad", js=("nn.js", "drawing_pad.js"), css=("drawing_pad.css",))


def saved() -> SavedDrawing | None:
    return st.session_state.get(state.PAD_SAVED)


def drawing_shown() -> state.InputDigit | None:
    """The pad's drawing, if it is the current input (what every page shows)."""
    kept, current = saved(), state.current_input()
    return current if kept is not None and kept.digit is not None and current is kept.digit else None


def apply_drawing(payload) -> str | None:
    """Make a drawing the pad sent the current input (None), or keep everything and return why not."""
    seq = pad_values.drawing_number(payload)
    if seq is not None:
        st.session_state[state.PAD_ACK] = seq   # even when refused: the pad then knows the server has answered
    try:
        drawing = pad_values.pad_drawing(payload)
    except pad_values.PadValueError as refused:
        problem = f"The drawing pad sent something this page cannot use ({refused}), so your digit was kept."
        st.session_state[state.PAD_PROBLEM] = problem
        return problem
    reading = read_drawing(drawing.image)
    digit = None if reading.empty else state.InputDigit(reading.inputs.copy(), state.DRAWING, "your drawing", None,
                                                        reading)
    st.session_state[state.PAD_SAVED] = SavedDrawing(drawing.seq, drawing.strokes, digit)
    st.session_state[state.STROKE_WIDTH] = drawing.width
    st.session_state[state.PAD_PROBLEM] = None
    state.set_input(digit)
    return None


def apply_width(value) -> None:
    """The brush width chosen on the pad (a value outside its range is ignored)."""
    try:
        st.session_state[state.STROKE_WIDTH] = pad_values.brush_width(value)
    except pad_values.PadValueError:
        return


def restore() -> None:
    """Back to the Draw source: the pad's drawing, if it has one, is the current input again."""
    kept = saved()
    if kept is not None and kept.digit is not None:
        state.set_input(kept.digit)


def answer_data(network: Network) -> dict | None:
    """nn_core's answer for the pad's drawing, and the drawing's number; None if the pad's drawing is not shown."""
    digit = drawing_shown()
    if digit is None:
        return None
    output = forward(network, digit.pixels).output
    return {"seq": saved().seq, "output": [float(v) for v in output],
            "answer": int(np.argmax(output)), "words": confidence_words(output, network.cost.probabilities)}


def pad_data(network: Network) -> dict:
    """Everything the pad gets on a run: small, except the network on the tab's first run."""
    model = model_name(network)
    kept = saved()
    strokes = [list(s) for s in kept.strokes] if kept is not None and drawing_shown() is not None else []
    return {
        "model": model, "network": send_once(model, lambda: network_data(network)),
        "strokes": strokes, "ack": int(st.session_state.get(state.PAD_ACK, 0)),
        "width": int(st.session_state[state.STROKE_WIDTH]), "answer": answer_data(network),
        "palette": {**palette_data(state.palette()), "other": OTHER_BAR},
        "large": bool(st.session_state.get(state.LARGE_TEXT)), "texts": TEXTS,
    }


def show(network: Network) -> None:
    """The pad and its live answer; a refused drawing is said above it, once."""
    problem, said = st.session_state.get(state.PAD_PROBLEM), st.container()   # always there: the pad keeps its place
    if problem:
        said.warning(problem, icon=":material/warning:")
        st.session_state[state.PAD_PROBLEM] = None
    key = state.generation_key(state.PAD)

    def on_drawing() -> None:
        apply_drawing((st.session_state.get(key) or {}).get("drawing"))

    def on_width() -> None:
        apply_width((st.session_state.get(key) or {}).get("width"))

    def on_missing() -> None:
        forget_sent((st.session_state.get(key) or {}).get("missing"))

    _mount()(key, pad_data(network), on_drawing_change=on_drawing, on_width_change=on_width,
             on_missing_change=on_missing)
