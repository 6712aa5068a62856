"""Load the chart library while the visitor reads their first page, so the first page with a chart opens quickly.

Streamlit fetches and runs Plotly's JavaScript (4.7 MB, one module) only when a page first shows a chart;
running it took 0.5-1.5 s of the browser's time on the development machine, paid by whichever page the
visitor opens first that has a chart (Inside, Data, Cost, ...). This tiny component, mounted on every
page, imports that same module once per tab, when the page has finished drawing and the browser is idle:
the browser keeps one copy of a module per address, so Streamlit's own import later finds it ready.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit

from ui.live.component import component

STATIC_JS = Path(streamlit.__file__).parent / "static" / "static" / "js"


@cache
def plotly_chunk() -> str | None:
    """The file name of Streamlit's Plotly module (it carries a content hash), or None if there is none."""
    found = sorted(STATIC_JS.glob("PlotlyChart.*.js"))
    return found[0].name if found else None


def charts_when_idle() -> None:
    """Mount the preloader (at the end of the page: it takes no room)."""
    chunk = plotly_chunk()
    if chunk is not None:
        component("nn_preload", js=("preload.js",))(data={"chunk": chunk}, height=0)
