"""Every page's view in its link: each settings-table row round-trips, and the composite parts open what they say.

The rows come from ui/links/tables.py, so a new setting is tested here without a new line.
"""
import random

import numpy as np
import pytest

from nn_core.bundled import load_bundled
from tests.app.conftest import live_data
from tests.app.test_links_and_display import open_link
from ui import state
from ui.links.kinds import Choice, Number, Text
from ui.links.tables import TABLES

PAGE_OF = {"*": "pages/home.py"}


def script(table) -> str:
    return PAGE_OF.get(table.page, f"pages/{table.page}.py")


def other_value(row, rng):
    """A valid value for the row that is not its default, and its link text."""
    kind = row.kind
    if isinstance(kind, Choice):
        options = [text for text, value in kind.options.items() if value != row.default]
    elif isinstance(kind, Number):
        options = [kind.write(v) for v in kind.values if v != row.default]
    else:
        options = ["30"]
    text = rng.choice(options)
    return kind.parse(text), text


ROWS = [(table, row) for table in TABLES for row in table.rows if row.url and not isinstance(row.kind, Text)]
# values a page corrects to what its own network or slider allows (a layer the classic network lacks, ...)
CORRECTED = {"knob_layer", "knob_neuron", "descent_source", "flow_step", "backprop_step_shown", "browse_page"}


@pytest.mark.parametrize("table, row", ROWS, ids=[f"{t.page}:{r.url}" for t, r in ROWS])
def test_every_row_of_every_table_opens_from_a_link_and_is_written_back(table, row):
    rng = random.Random(row.key)
    value, text = other_value(row, rng)
    if row.key in CORRECTED:   # a value every bundled network has
        value, text = {"knob_layer": (2, "2"), "knob_neuron": (5, "5"), "descent_source": (3, "3"), "flow_step": (1, "1"),
                       "backprop_step_shown": (1, "1"), "browse_page": (2, "2")}[row.key]
    maths = {} if row.url == "level" else {"level": "full"}   # (ReLU and tanh are choices of the full level)
    at = open_link(script(table), **maths, **{row.url: text})
    assert not [t for t in at.toast if row.url in t.value], [t.value for t in at.toast]
    assert at.session_state[row.key] == value
    assert at.query_params[row.url] == text          # the URL says it again, as it was written


def test_one_neuron_sliders_and_preset_in_a_link():
    at = open_link("pages/neuron.py", a1="1", w2="-3.5", b="-2")
    values = live_data(at, "nn_one_neuron")["values"]
    assert values["inputs"][0] == 1.0 and values["weights"][1] == -3.5 and values["bias"] == -2.0
    at = open_link("pages/neuron.py", preset="AND")
    assert at.session_state[state.ONE_BIAS] == -7.5 and at.query_params["preset"] == "AND"


def test_knobs_edits_and_experiment_in_a_link():
    at = open_link("pages/knobs.py", layer="3", edits="b3.3=7.9,s1.7=0,w2.4.9=1.5")
    edits = at.session_state[state.EDITS][1]
    assert edits.bias(3, 3) == pytest.approx(7.9) and edits.weight_edit(1, 7).scale == 0.0
    assert edits.network.weights[1][4][9] == pytest.approx(1.5)
    link = at.query_params["edits"]
    again = open_link("pages/knobs.py", edits=link).session_state[state.EDITS][1]
    np.testing.assert_array_equal(again.network.params, edits.network.params)
    at = open_link("pages/knobs.py", experiment="silence")
    assert at.session_state[state.EXPERIMENT] == "silence" and at.query_params["experiment"] == "silence"
    for junk in ("b9.0=1", "b3.3=99", "x1.1=1", "b3.3=1,"):
        at = open_link("pages/knobs.py", edits=junk)
        assert any("edits" in t.value for t in at.toast), junk
        assert not at.session_state[state.EDITS][1].is_edited, junk   # nothing of a refused edit is used


def test_descent_start_and_preset_in_a_link():
    at = open_link("pages/descent.py", lr="30", start="-3,2")
    assert at.session_state[state.DESCENT_RATE] == 30.0
    assert at.session_state[state.DESCENT_SEEN].start == (-3.0, 2.0) and at.query_params["start"] == "-3,2"
    at = open_link("pages/descent.py", preset="overshoot")
    pressed = at.session_state[state.DESCENT_PRESET]
    assert pressed[0] == "overshoot" and at.session_state[state.DESCENT_RATE] == pressed[1]
    assert at.query_params["preset"] == "overshoot" and at.query_params["lr"] == f"{pressed[1]:g}"


def test_backprop_step_rate_and_example_in_a_link():
    at = open_link("pages/backprop.py", step="1", lr="0.3", example="42")
    assert at.session_state[state.BACKPROP_STEP] == 1 and at.session_state[state.BACKPROP_RATE] == 0.3
    assert "training digit #42" in " ".join(m.value for m in at.markdown)


def test_inside_neuron_and_lesson_step_in_a_link():
    at = open_link("pages/inside.py", neuron="2.5", step="2")
    assert at.session_state[state.SELECTED_NEURON] == (2, 5) and at.query_params["neuron"] == "2.5"
    net = load_bundled("classic").network
    assert net.sizes[2] > 5
    at = open_link("pages/home.py", lesson="3")   # a lesson step's link opens its page, with the card
    assert at.session_state[state.LESSON_ON] and at.session_state[state.PAGE] == "neuron"
    assert at.query_params["lesson"] == "3"
    at = open_link("pages/home.py", lesson="99")
    assert any("lesson" in t.value for t in at.toast) and not at.session_state[state.LESSON_ON]


def test_a_parameter_of_another_page_is_said_not_used():
    at = open_link("pages/draw.py", lr="100")
    assert any("not a setting of this page" in t.value.replace("\\", "") for t in at.toast)
