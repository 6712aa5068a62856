"""A modified browser sends hostile widget values over the websocket: every widget of every page.

Each hostile value must be dropped without an exception or error box, and the page must show
exactly what it showed before (the visitor's state is kept). See ui/patches/widget_values.py.
"""
from __future__ import annotations

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from tests.browser.harness import AppServer
from tests.load.protocol import Session, run_coroutine
from ui.navigation import PAGES

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


async def attack(url: str, page: str) -> list[str]:
    session = Session(url, page)
    first = await session.connect()
    problems = []
    for key, proto in list(session.widgets.items()):
        for state in hostile_states(proto.id, own_kind(proto)):
            result = await session.rerun([state])
            if result.exceptions or result.errors:
                problems.append(f"{page}/{key} {state.WhichOneof('value')}: {(result.exceptions + result.errors)[0][:80]}")
            elif result.texts != first.texts:
                problems.append(f"{page}/{key} {state.WhichOneof('value')}: the page changed")
    await session.close()
    return problems


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    app = AppServer(tmp_path_factory.mktemp("hostile-ws"))
    yield app
    app.stop()


@pytest.mark.slow
@pytest.mark.parametrize("page", [p.url_path for p in PAGES if p.url_path not in ("train",)] + ["train"])
def test_hostile_widget_values_are_dropped_and_the_page_is_kept(server, page):
    assert run_coroutine(attack(server.url, page)) == []
