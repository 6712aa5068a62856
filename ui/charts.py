"""Showing plotly figures: one place for the chart options every page uses, and large text.

Every figure a page shows is built with ``dragmode=False`` (figures/): plotly then leaves a touch to the
browser, so on a phone or tablet a swipe that starts on a chart scrolls the page (with a drag mode, plotly
cancels the touch and the page does not move). The mouse still gets the hover values.
tests/app/test_charts_let_the_page_scroll.py holds every page to it.
"""
from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from ui import state

CONFIG = {"displayModeBar": False}
LARGE_FONT = 17       # px on a projector (large text): no figure text below 16
SHARED = 64      # figures kept for every session of this process (shared)
_shared: OrderedDict = OrderedDict()
_shared_lock = threading.Lock()


def remembered(key: Hashable, build: Callable[[], go.Figure]) -> go.Figure:
    """``build()``, unless a run of any session built a figure under ``key`` recently (the figures kept for this
    process, as ``shared``). ``key`` must name everything the figure shows (hash arrays with ``digest``): on a
    slider move most figures on a page do not change, and 30 students on one page see the same ones."""
    return _kept(("remembered", key), build)


def shared(build: Callable[..., go.Figure], *args, **kwargs) -> go.Figure:
    """``build(*args, **kwargs)``, or the figure an earlier run of any session built from equal arguments.

    Figure builders (figures/) are pure functions, and the figure they return is not changed afterwards (``show``
    copies it before it enlarges fonts): one object can serve every visitor. A teacher who moves 30 students to
    the same page then has its figures built once, not 30 times (a page's figures cost 20-100 ms to build).
    Arrays count by their bytes; an argument with no reliable fingerprint makes the figure afresh.
    """
    try:
        key = (build.__module__, build.__qualname__, _fingerprint(args), _fingerprint(kwargs))
    except TypeError:
        return build(*args, **kwargs)
    return _kept(key, lambda: build(*args, **kwargs))


def _kept(key: Hashable, build: Callable[[], go.Figure]) -> go.Figure:
    """The figure kept under ``key`` for every session of this process, or ``build()`` kept there (the SHARED
    newest)."""
    with _shared_lock:
        found = _shared.get(key)
        if found is not None:
            _shared.move_to_end(key)
            return found
    figure = build()
    with _shared_lock:
        _shared[key] = figure
        while len(_shared) > SHARED:
            _shared.popitem(last=False)
    return figure


def _fingerprint(value) -> Hashable:
    """A hashable stand-in for ``value`` that differs whenever what a figure would show differs (TypeError: none)."""
    if isinstance(value, np.ndarray):
        data = np.ascontiguousarray(value)
        return ("array", data.shape, data.dtype.str, hashlib.blake2b(data.tobytes(), digest_size=16).digest())
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, *map(_fingerprint, value))
    if isinstance(value, dict):
        return ("dict", *((key, _fingerprint(item)) for key, item in sorted(value.items())))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__qualname__, *(_fingerprint(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if value is None or isinstance(value, (bool, int, float, str, bytes, np.generic)):
        return (type(value).__name__, value)
    raise TypeError(f"no fingerprint for {type(value).__name__}")


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
