"""A fuzz over every page: random and extreme widget values, rapid changes; nothing may crash.

Each step picks a widget on the page, gives it a random or extreme value (its minimum, its
maximum, junk text) or presses it, and reruns. Messages for bad values are fine (that is
the point); an exception is not. The values a choice widget can take come from the pages'
settings tables (ui/links/tables.py), the same rows a link is checked against.
"""
import random

import pytest
from streamlit.proto.NumberInput_pb2 import NumberInput
from streamlit.proto.Slider_pb2 import Slider

from tests.app.conftest import live_data, open_app, send_trigger
from ui.links.tables import TABLES
from ui.navigation import KIT
from ui.navigation import PAGES as LESSON_PAGES

SLIDER_INT = Slider.DataType.INT
NUMBER_INT = NumberInput.DataType.INT

PAGES = [page.script for page in LESSON_PAGES + KIT]
STEPS = 30
TEXTS = ["", " ", "16, 16", "abc", "1,2,3,4,5", "0", "-5", "100000", "16,,16", "💥", "1e9", "512, 512, 512, 512"]
TABLE_VALUES = {row.key: tuple(row.kind.values) for table in TABLES for row in table.rows if row.kind.values}
SKIP_BUTTONS = {"reset_all"}  # tested on its own; here it would undo the fuzz's own state


def table_options(widget) -> list | None:
    """The values the settings tables give this widget's key that the widget offers now (None: no row says)."""
    offered = []
    for value in TABLE_VALUES.get(widget.key, ()):
        try:
            if str(widget.format_func(value)) in widget.options:
                offered.append(value)
        except (IndexError, KeyError, TypeError, ValueError):
            continue   # (a layer this network does not have)
    return offered or None


def _number(rng, low, high, integer):
    low = -1e6 if low is None else low
    high = 1e6 if high is None else high
    value = rng.choice([low, high, rng.uniform(low, high), (low + high) / 2])
    return int(round(value)) if integer else float(value)


def _act(at, rng) -> str:
    """Do one random thing to one random widget; describe it."""
    kinds = []
    kinds += [("slider", w) for w in at.slider]
    kinds += [("number", w) for w in at.number_input]
    kinds += [("select", w) for w in at.selectbox if w.options]
    kinds += [("radio", w) for w in at.radio]
    kinds += [("toggle", w) for w in at.toggle]
    kinds += [("checkbox", w) for w in at.checkbox]
    kinds += [("text", w) for w in at.text_input]
    kinds += [("group", w) for w in at.button_group if table_options(w)]
    kinds += [("button", w) for w in at.button if w.key not in SKIP_BUTTONS and not w.disabled]
    kinds += [("live", e) for e in at.get("bidi_component") if e.proto.component_name == "nn_live_network"]
    kind, widget = rng.choice(kinds)
    if kind == "live":   # what a drag's end (or a forged client) sends the live network view
        event, value = _live_event(rng)
        send_trigger(at, "nn_live_network", event, value)
        return f"live {event} {value}"
    if kind == "slider":
        proto = widget.proto
        value = _number(rng, proto.min, proto.max, proto.data_type == SLIDER_INT)
        value = min(max(value, proto.min), proto.max)
        if proto.step:
            value = proto.min + round((value - proto.min) / proto.step) * proto.step
            value = min(max(value, proto.min), proto.max)
            value = int(value) if proto.data_type == SLIDER_INT else float(value)
        widget.set_value(value)
    elif kind == "number":
        proto = widget.proto
        low = proto.min if proto.has_min else None
        high = proto.max if proto.has_max else None
        widget.set_value(_number(rng, low, high, proto.data_type == NUMBER_INT))
    elif kind == "select":
        widget.set_value(_select_value(widget, rng))
    elif kind == "radio":
        widget.set_value(rng.choice(table_options(widget) or [widget.value]))
    elif kind in ("toggle", "checkbox"):
        widget.set_value(not widget.value)
    elif kind == "text":
        widget.set_value(rng.choice(TEXTS))
    elif kind == "group":
        widget.set_value(rng.choice(table_options(widget)))
    else:
        widget.click()
    at.run()
    return f"{kind} {getattr(widget, 'key', None) or getattr(widget, 'label', '')}"


def _live_event(rng) -> tuple[str, object]:
    extreme = [0, 1, 2, 3, 15, 16, 255, 783, 784, -1, 10.0, -10.0, 1e9, 0.5, True, "3", None]
    change = {"kind": rng.choice(["bias", "scale", "weight", "x"]), "layer": rng.choice(extreme),
              "neuron": rng.choice(extreme), "source": rng.choice(extreme), "value": rng.choice(extreme)}
    return rng.choice([("release", {"id": rng.randint(1, 9), "changes": [change]}), ("step", rng.choice(extreme + ["all"])),
                       ("select", [rng.choice(extreme), rng.choice(extreme)]), ("edges", rng.choice(extreme))])


def _select_value(widget, rng):
    """A selectbox's option value (AppTest's select_index would send the formatted label)."""
    if table_options(widget):
        return rng.choice(table_options(widget))
    label = rng.choice(widget.options)
    last = label.split()[-1]
    return int(last) if last.lstrip("-").isdigit() else label


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_random_and_extreme_values_never_crash_a_page(page):
    rng = random.Random(f"fuzz-{page}")
    at = open_app(page)
    done = []
    for _ in range(STEPS):
        done.append(_act(at, rng))
        assert not at.exception, f"after {done}: {at.exception}"


def test_rapid_releases_leave_a_consistent_state(knobs_page):
    """Many quick bias changes in a row (each release carries the tab's changes not yet acknowledged): the last wins."""
    knobs_page.segmented_control(key="knob_layer").set_value(3).run()
    values = [5.0, -9.9, 10.0, -10.0, 0.5, 7.3, -7.7, 3.3]
    for k in range(1, len(values) + 1):
        changes = [{"kind": "bias", "layer": 3, "neuron": 4, "value": v} for v in values[max(0, k - 3):k]]
        send_trigger(knobs_page, "nn_live_network", "release", {"id": k, "changes": changes})
    assert not knobs_page.exception
    edits = knobs_page.session_state["edits"][1]
    assert edits.bias(3, 4) == pytest.approx(3.3, abs=1e-5)
    data = live_data(knobs_page, "nn_live_network")
    assert data["edits"]["biases"] == [[3, 4, pytest.approx(3.3, abs=1e-5)]] and data["applied"] == len(values)
