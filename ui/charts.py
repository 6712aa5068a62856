"""Showing plotly figures: one place for the chart options every page uses, and large text.

Every figure a page shows is built with ``dragmode=False`` (figures/): plotly then leaves a touch to the
browser, so on a phone or tablet a swipe that starts on a chart scrolls the page (with a drag mode, plotly
cancels the touch and the page does not move). The mouse still gets the hover values.
tests/app/test_charts_let_the_page_scroll.py holds every page to it.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

import plotly.graph_objects as go
import streamlit as st

from ui import state

CONFIG = {"displayModeBar": False}
LARGE_FONT = 17       # px on a projector (large text): no figure text below 16
REMEMBERED = 12  # figures kept per session


def remembered(key: Hashable, build: Callable[[], go.Figure]) -> go.Figure:
    """``build()``, unless this session built a figure under ``key`` recently (a small LRU cache).

    A figure costs 5-15 ms to build; on a slider move most figures on a page do not change.
    ``key`` must name everything the figure shows (hash arrays with ``digest``).
    """
    cache: OrderedDict = st.session_state.setdefault(state.FIGURE_CACHE, OrderedDict())
    if key not in cache:
        cache[key] = build()
        while len(cache) > REMEMBERED:
            cache.popitem(last=False)
    cache.move_to_end(key)
    return cache[key]


def annotation_scale() -> float:
    """How much larger ``show`` draws annotations than the figures' own 12 px (for figures that make room for them)."""
    return (LARGE_FONT - 1) / 12 if st.session_state.get(state.LARGE_TEXT) else 1.0


def show(figure: go.Figure, key: str, static: bool = False, **options):
    """``st.plotly_chart`` with the app's chart settings; fonts enlarged in large-text mode.

    ``static`` charts do not respond to the mouse (a picture, not a tool).
    """
    if st.session_state.get(state.LARGE_TEXT):
        figure = go.Figure(figure)  # a copy: figures may be cached and shared between runs
        figure.update_layout(font=dict(size=LARGE_FONT), uniformtext=dict(minsize=LARGE_FONT - 1, mode="hide"),
                             legend_font_size=LARGE_FONT - 1, title_font_size=LARGE_FONT)
        # Streamlit's plotly theme sets its own (small) axis fonts: ours win when they are set on the figure
        for axes in (figure.update_xaxes, figure.update_yaxes):
            axes(tickfont_size=LARGE_FONT - 1, title_font_size=LARGE_FONT - 1)
        figure.update_annotations(font_size=LARGE_FONT - 1)
        # numbers printed on bars and beside markers (trace types without printed text are left alone)
        figure.for_each_trace(lambda trace: trace.update(textfont_size=LARGE_FONT - 1) if "textfont" in trace else None)
    config = {**CONFIG, "staticPlot": True} if static else CONFIG
    return st.plotly_chart(figure, key=key, config=config, **options)
