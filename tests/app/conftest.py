"""AppTest fixtures: the whole app (frame + pages), run headless in-process."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from tests.streamlit_private import send_app_trigger
from ui import state

ROOT = Path(__file__).resolve().parents[2]
# a live view's own code and plotly's binary arrays: not words a learner reads
CODE = {"jsContent", "htmlContent", "cssContent", "jsSourcePath", "cssSourcePath", "bdata"}


def strings_in(value, out: list[str], skip: frozenset[str] | set[str] = CODE) -> None:
    """Every string inside ``value`` (an element's message as a dict; JSON text opened up), except under the keys
    in ``skip`` (code, by default)."""
    if isinstance(value, str):
        if value[:1] in "[{":
            try:
                strings_in(json.loads(value), out, skip)
                return
            except ValueError:
                pass
        out.append(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in skip:
                strings_in(item, out, skip)
    elif isinstance(value, list):
        for item in value:
            strings_in(item, out, skip)


def element_strings(node, out: list[str], skip: frozenset[str] | set[str] = CODE) -> None:
    """Every string each element under ``node`` sends (style sheets left out; a live view's data opened up)."""
    proto = getattr(node, "proto", None)
    if proto is not None and hasattr(proto, "DESCRIPTOR"):
        kind = proto.WhichOneof("type") if "type" in [o.name for o in proto.DESCRIPTOR.oneofs] else None
        if kind != "html":
            strings_in(MessageToDict(proto), out, skip)
        if type(node).__name__ == "UnknownElement" and getattr(proto, "json", ""):
            strings_in(proto.json, out, skip)
    children = getattr(node, "children", None)
    for child in (children.values() if isinstance(children, dict) else []):
        element_strings(child, out, skip)


def open_app(page: str | None = None, *, level: str | None = "full") -> AppTest:
    """The app on ``page``, at the full level unless told: most tests check the maths a page shows. The app itself
    opens at the simple level (``level=None`` keeps what a visitor gets: tests/app/test_home.py)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if level is not None:
        at.session_state[state.LEVEL] = level
    at.run()
    assert not at.exception, at.exception
    if page:
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at


@pytest.fixture(autouse=True)
def classes_opened_without_a_limit(monkeypatch):
    """Every AppTest session is one device: the tests open more classes in an hour than a device may
    (classroom.rooms.CLASS_OPEN_LIMIT, tested in tests/hostile/test_class_limits.py)."""
    from dataclasses import replace

    from classroom import rooms

    monkeypatch.setattr(rooms, "CLASS_OPEN_LIMIT", replace(rooms.CLASS_OPEN_LIMIT, allowed=1_000_000))


@pytest.fixture
def home():
    return open_app()


@pytest.fixture
def draw_page():
    return open_app("pages/draw.py")


@pytest.fixture
def inside_page():
    return open_app("pages/inside.py")


def chart_specs(at: AppTest) -> list[dict]:
    """The plotly figures on the page, as JSON dicts."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def live_element(at: AppTest, name: str):
    """The components-v2 element ``name`` (AppTest shows it as an unknown ``bidi_component``)."""
    return next(e for e in at.get("bidi_component") if e.proto.component_name == name)


def live_data(at: AppTest, name: str) -> dict:
    """The data the page gave the live component ``name`` on its last run (unwrapped: see ui/live/component.py)."""
    data = json.loads(live_element(at, name).proto.json)
    return data[0] if isinstance(data, list) else data


def send_trigger(at: AppTest, name: str, event: str, payload) -> AppTest:
    """What the browser's ``setTriggerValue(event, payload)`` does: a trigger in the next run's widget states."""
    send_app_trigger(at, live_element(at, name).proto.id, event, payload)
    return at


def shown(markdown: str) -> str:
    """What a reader sees of a markdown string: backslash escapes resolved, zero-width spaces gone (see ui/plain.py)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u200b", "")


def all_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [t.value for t in at.title] + [h.value for h in at.subheader] + [e.value for e in at.error]
    return shown("\n".join(parts))


@pytest.fixture
def neuron_page():
    return open_app("pages/neuron.py")


@pytest.fixture
def knobs_page():
    return open_app("pages/knobs.py")


@pytest.fixture
def train_page():
    return open_app("pages/train.py")


@pytest.fixture
def data_page():
    return open_app("pages/data.py")


@pytest.fixture
def descent_page():
    return open_app("pages/descent.py")


@pytest.fixture
def backprop_page():
    return open_app("pages/backprop.py")
