"""Showing plotly figures: one place for the chart options every page uses, and large text."""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from ui import state

CONFIG = {"displayModeBar": False}
LARGE_FONT = 18


def show(figure: go.Figure, key: str, static: bool = False, **options):
    """``st.plotly_chart`` with the app's chart settings; fonts enlarged in large-text mode.

    ``static`` charts do not respond to the mouse (a picture, not a tool).
    """
    if st.session_state.get(state.LARGE_TEXT):
        figure = go.Figure(figure)  # a copy: figures may be cached and shared between runs
        figure.update_layout(font=dict(size=LARGE_FONT))
        figure.update_annotations(font_size=LARGE_FONT - 2)
    config = {**CONFIG, "staticPlot": True} if static else CONFIG
    return st.plotly_chart(figure, key=key, config=config, **options)
