"""A page's settings in its URL, so a teacher can hand out a link that opens exactly that view.

What a link can say is derived from the pages' settings tables (ui/page_settings.py): every page's
link carries the shared settings (``model``, the input digit as ``digit`` = a test digit's number
or ``pixels`` = a drawing's 28x28 inputs, compressed; ``colours``, ``text``, ``view``, ``level``,
``lesson``), and a page's own (One neuron's sliders and preset, the Knobs layer, edits and
experiment, the Descent landscape, η, start and preset, the Backprop step and η, the training
recipe, ...).

A link is read once, when a visitor's session starts; afterwards the URL follows what the
visitor does. Anything a link says that cannot be used is ignored, and said so.
"""
from __future__ import annotations

import streamlit as st

from ui import page_settings, state
from ui.pixel_text import MAX_PIXELS_TEXT, decode_pixels, encode_pixels

__all__ = ["MAX_PIXELS_TEXT", "apply_link", "current_link", "decode_pixels", "encode_pixels", "write_link"]


def apply_link(page: str) -> list[str]:
    """Read the URL's settings into the session (once per session); returns what was not understood."""
    if st.session_state.get(state.LINK_READ):
        return []
    st.session_state[state.LINK_READ] = True
    return page_settings.apply_link(page, st.query_params.to_dict())


def current_link() -> dict[str, str]:
    """The settings of the current page, as URL parameters."""
    return page_settings.current_link(st.session_state.get(state.PAGE) or "")


def write_link() -> None:
    """Make the browser's URL show the current settings (only when they changed)."""
    wanted = current_link()
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
