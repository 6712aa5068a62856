"""A modified browser sends hostile widget values over the websocket, to a real widget of every kind.

The guard (ui/patches/widget_values.problem) depends on a widget's kind and its deserialiser, not on the
page: so one widget of each kind is attacked, on the two pages that together hold every kind (Watch it
learn: number boxes, a select slider, select boxes, a text box, a checkbox, a segmented control, buttons;
Gradient descent adds sliders; the sidebar brings a radio and toggles). tests/hostile/test_widget_value_guard.py
checks ``problem`` itself for every kind of value. Each hostile value must be dropped without an exception
or error box, and the page must show exactly what it showed before (the visitor's state is kept).
"""
from __future__ import annotations

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from tests.load.protocol import Session, run_coroutine

KINDS = {  # a value of each kind, hostile for any widget of another kind (and NaN / huge for its own)
    "double_value": float("nan"), "int_value": 2**62, "string_value": "[x](http://evil.example)" * 50,
    "bool_value": True, "double_array_value": [float("inf"), float("nan")], "int_array_value": [-(2**62)],
    "string_array_value": ["💥", ""], "json_value": "{not json",
}


def hostile_states(widget_id: str, own_kind: str) -> list[WidgetState]:
    states = []
    for kind, value in KINDS.items():
        if kind == own_kind and kind not in ("double_value", "double_array_value"):
            continue  # a right-kind value can be legitimate; NaN and infinity never are
        state = WidgetState(id=widget_id)
        field = getattr(state, kind)
        if hasattr(field, "data"):
            field.data.extend(value)
        else:
            setattr(state, kind, value)
        states.append(state)
    return states


def own_kind(proto) -> str:
    """The value kind a widget's proto says it sends (sliders and others: guessed from their fields)."""
    name = type(proto).__name__
    return {"Slider": "double_array_value", "NumberInput": "double_value", "TextInput": "string_value",
            "Checkbox": "bool_value", "Button": "trigger_value", "Radio": "int_value", "Selectbox": "int_value",
            "ButtonGroup": "int_array_value"}.get(name, "?")


def one_of_each_kind(widgets: dict, done: set[str]) -> dict:
    """The first widget of each kind (its element type) not attacked yet on an earlier page."""
    chosen = {}
    for key, proto in widgets.items():
        kind = type(proto).__name__
        if kind not in done and kind not in {type(p).__name__ for p in chosen.values()}:
            chosen[key] = proto
    return chosen


async def attack(url: str, pages: tuple[str, ...]) -> tuple[list[str], set[str]]:
    problems, done = [], set()
    for page in pages:
        problems += await attack_page(url, page, done)
    return problems, done


async def attack_page(url: str, page: str, done: set[str]) -> list[str]:
    session = Session(url, page)
    first = await session.connect()
    problems = []
    for key, proto in one_of_each_kind(session.widgets, done).items():
        done.add(type(proto).__name__)
        for state in hostile_states(proto.id, own_kind(proto)):
            result = await session.rerun([state])
            if result.exceptions or result.errors:
                problems.append(f"{page}/{key} {state.WhichOneof('value')}: {(result.exceptions + result.errors)[0][:80]}")
            elif result.texts != first.texts:
                problems.append(f"{page}/{key} {state.WhichOneof('value')}: the page changed")
    await session.close()
    return problems


@pytest.mark.slow
def test_hostile_values_sent_to_a_widget_of_every_kind_are_dropped_and_the_page_is_kept(own_server):
    problems, attacked = run_coroutine(attack(own_server.url, ("train", "descent")))
    assert problems == []
    assert {"Slider", "NumberInput", "TextInput", "Checkbox", "Button", "Radio", "Selectbox", "ButtonGroup"} <= attacked
