"""The guard on widget values a browser sends (ui/patches/widget_values.problem), for every kind of value.

Fast and without a server: each case is a widget's registered metadata (its value kind and its
deserialiser, whose object carries the range or the options Streamlit knows) and a value a forged
client sent. tests/hostile/test_websocket_values.py sends such values to a real widget of each kind.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from tests.app.conftest import live_element, open_app
from tests.streamlit_private import TRIGGER_DESERIALIZER, send_app_trigger_text
from ui.patches.widget_values import MAX_JSON_CHARS, problem


@dataclass
class Serde:
    """What the guard reads of a Streamlit serde: a range, or the options' labels."""

    min_value: float | None = None
    max_value: float | None = None
    formatted_option_to_index: dict | None = None
    accept_new_options: bool = False
    convert: object = None
    seen: list = field(default_factory=list)

    def deserialize(self, value):
        self.seen.append(value)
        return self.convert(value) if self.convert else value


def widget(value_type: str, **serde) -> SimpleNamespace:
    return SimpleNamespace(value_type=value_type, deserializer=Serde(**serde).deserialize)


def sent(kind: str, value=None) -> WidgetState:
    state = WidgetState(id="w")
    if value is None:
        return state                                    # a cleared value
    field_ = getattr(state, kind)
    if hasattr(field_, "data"):
        field_.data.extend(value)
    else:
        setattr(state, kind, value)
    return state


SLIDER = widget("double_array_value", min_value=-10.0, max_value=10.0)
NUMBER = widget("int_value", min_value=0, max_value=999)
CHOICE = widget("int_value", formatted_option_to_index={"classic": 0, "best": 1})
GROUP = widget("string_array_value", formatted_option_to_index={"simple": 0, "full": 1})
TEXT = widget("string_value", convert=lambda v: v.strip())
CHECKBOX = widget("bool_value")
BUTTON = widget("trigger_value")
JSON = widget("json_value")    # (Streamlit parses the JSON before the deserialiser sees it)


@pytest.mark.parametrize("meta, state", [
    (SLIDER, sent("double_array_value", [2.5])),
    (NUMBER, sent("int_value", 500)),
    (NUMBER, sent("double_value", 500.0)),            # a browser sends a whole number as double to an int box
    (CHOICE, sent("int_value", 1)),
    (GROUP, sent("string_array_value", ["full"])),
    (TEXT, sent("string_value", "16, 16")),
    (CHECKBOX, sent("bool_value", True)),
    (BUTTON, sent("trigger_value", True)),
    (JSON, sent("json_value", '{"release": 1}')),
    (SLIDER, sent("double_array_value")),             # cleared
], ids=["slider", "number", "number-as-double", "choice", "group", "text", "checkbox", "button", "json", "cleared"])
def test_a_value_the_widget_can_have_passes(meta, state):
    assert problem(meta, state) is None


@pytest.mark.parametrize("meta, state, why", [
    (SLIDER, sent("string_value", "[x](http://evil.example)"), "string_value sent to a widget of double_array_value"),
    (SLIDER, sent("double_array_value", [math.nan]), "not a finite number"),
    (SLIDER, sent("double_array_value", [math.inf]), "not a finite number"),
    (SLIDER, sent("double_array_value", [11.0]), "outside the widget's range"),
    (NUMBER, sent("int_value", 2 ** 62), "outside the widget's range"),
    (NUMBER, sent("bool_value", True), "bool_value sent"),
    (CHOICE, sent("string_array_value", ["💥"]), "string_array_value sent"),
    (GROUP, sent("string_array_value", ["evil"]), "'evil' is not one of the widget's options"),
    (TEXT, sent("int_array_value", [-(2 ** 62)]), "int_array_value sent"),
    (CHECKBOX, sent("double_value", math.nan), "double_value sent"),
    (JSON, sent("json_value", "{not json"), "JSONDecodeError"),
], ids=["kind", "nan", "infinity", "range", "huge", "bool-to-number", "list-to-choice", "unknown-option",
        "list-to-text", "nan-to-checkbox", "bad-json"])
def test_a_value_the_widget_cannot_have_is_named_and_dropped(meta, state, why):
    said = problem(meta, state)
    assert said is not None and why in said, said


def test_the_deserialiser_is_tried_only_on_kinds_that_are_pure_conversions():
    upload = widget("file_uploader_state_value")
    assert problem(upload, WidgetState(id="w", file_uploader_state_value={})) is None
    assert upload.deserializer.__self__.seen == []     # not run: it could read a file


# -- a component's JSON is bounded before Streamlit decodes it (review 2026-12-06, F7) ------------------------------
def nested(depth: int) -> str:
    """A live view's event whose value is ``depth`` lists, one inside the other."""
    return '[{"event": "release", "value": %s}]' % ("[" * depth + "]" * depth)


TRIGGER = SimpleNamespace(value_type="json_trigger_value", deserializer=TRIGGER_DESERIALIZER)


@pytest.mark.parametrize("text, why", [
    (nested(1000), "nested deeper than"),              # Python's own limit: json.loads raised RecursionError
    (nested(40), "nested deeper than"),                # the app's bound, far below it
    ('"' + "x" * (MAX_JSON_CHARS + 1) + '"', "longer than"),
], ids=["1000-deep", "40-deep", "too-long"])
def test_a_component_event_too_deep_or_too_long_is_dropped_before_it_is_decoded(text, why):
    said = problem(TRIGGER, sent("json_trigger_value", text))
    assert said is not None and why in said, said
    assert why in problem(JSON, sent("json_value", text))


def test_real_component_events_pass():
    strokes = [[20] + [140.5] * 200 for _ in range(100)]
    for value in ([{"event": "release", "value": [3, 4, 2.5]}], [{"event": "strokes", "value": strokes}]):
        assert problem(TRIGGER, sent("json_trigger_value", json.dumps(value))) is None


def test_a_1000_deep_event_to_a_live_view_gives_no_error_box():
    at = open_app("pages/knobs.py")
    send_app_trigger_text(at, live_element(at, "nn_live_network").proto.id, nested(1000))
    assert not at.exception, at.exception
    assert not [e.value for e in at.error], [e.value for e in at.error]
