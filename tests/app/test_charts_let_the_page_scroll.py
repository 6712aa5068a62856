"""Every chart leaves a finger's swipe to the page (issue 21): plotly's drag (zoom, pan) is off in every figure a page
shows, so on a touch screen a swipe that starts on a chart scrolls the page; the mouse still gets the hover values.

(The browser side, with real touch events: tests/browser/test_phone.py.)
"""
from __future__ import annotations

import json

import pytest

from tests.app.conftest import open_app

CHART_PAGES = ["draw", "inside", "knobs", "data", "cost", "descent", "train", "backprop", "recap"]


@pytest.mark.parametrize("page", CHART_PAGES)
def test_no_chart_takes_a_swipe_from_the_page(page):
    at = open_app(f"pages/{page}.py")
    charts = at.get("plotly_chart")
    grabbing = [chart.proto.spec[:80] for chart in charts
                if json.loads(chart.proto.spec)["layout"].get("dragmode") is not False
                and not json.loads(chart.proto.config or "{}").get("staticPlot")]
    assert not grabbing, f"{page}: {len(grabbing)} of {len(charts)} charts would take a swipe: {grabbing}"
