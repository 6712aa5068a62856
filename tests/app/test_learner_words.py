"""Words for learners, not developers (issue 21): no page a learner reads speaks of the server, the session, the
browser, components, tabs or link parameters, at either level.

The text of a page is everything it sends that a person reads: markdown, captions, titles, labels, help,
options, placeholders, figure texts and the live views' words (their data, nested JSON included), and the
sidebar's. The For teachers page and the teacher's console may name links and the server: they are for teachers.
"""
from __future__ import annotations

import re

import pytest
from google.protobuf.json_format import MessageToDict

from tests.app.conftest import open_app, strings_in
from ui import state

LEARNER_PAGES = ["home", "draw", "neuron", "inside", "knobs", "data", "cost", "descent", "train", "backprop", "recap",
                 "worksheet", "join_class"]
DEVELOPER_WORDS = re.compile(
    r"\b(servers?|sessions?|browsers?|components?|tabs?|URLs?)\b"   # words of the machinery
    r"|\?[a-z_]+=|\b(level|lesson|view|text|digit|model)=",                                  # a link's settings
    re.IGNORECASE)
# what a message carries besides words: ids, keys, icons, pages, a live view's own code
NOT_WORDS = {"id", "formId", "icon", "pageScriptHash", "page", "url", "urlPath", "key", "componentName",
             "jsContent", "htmlContent", "cssContent", "jsSourcePath", "cssSourcePath", "bdata", "src", "spec"}


def _words(value, out: list[str]) -> None:
    if isinstance(value, dict):
        for name, item in value.items():
            if name not in NOT_WORDS:
                _words(item, out)
    elif isinstance(value, list):
        for item in value:
            _words(item, out)
    elif isinstance(value, str):
        strings_in(value, out)


def _walk(node, out: list[str]) -> None:
    proto = getattr(node, "proto", None)
    if proto is not None and hasattr(proto, "DESCRIPTOR"):
        kind = proto.WhichOneof("type") if "type" in [o.name for o in proto.DESCRIPTOR.oneofs] else None
        if kind != "html":   # (style sheets)
            _words(MessageToDict(proto), out)
        if type(node).__name__ == "UnknownElement" and getattr(proto, "json", ""):   # a live view's data
            strings_in(proto.json, out)
    children = getattr(node, "children", None)
    for child in (children.values() if isinstance(children, dict) else []):
        _walk(child, out)


def learner_text(at) -> list[str]:
    out: list[str] = []
    _walk(at.main, out)
    _walk(at.sidebar, out)
    # a plotly figure's words (titles, legends, hovers) without its numbers' binary arrays
    for chart in at.get("plotly_chart"):
        strings_in(chart.proto.spec, out)
    return out


def developer_words(texts: list[str]) -> list[str]:
    return sorted({f"…{t[max(0, m.start() - 40):m.end() + 40]}…" for t in texts for m in DEVELOPER_WORDS.finditer(t)})


@pytest.mark.parametrize("level", ["simple", "full"])
@pytest.mark.parametrize("page", LEARNER_PAGES)
def test_a_learner_never_reads_the_machinerys_words(page, level):
    at = open_app(f"pages/{page}.py")
    at.segmented_control(key=state.LEVEL).set_value(level).run()
    assert not at.exception, at.exception
    found = developer_words(learner_text(at))
    assert not found, f"{page} at the {level} level says: {found}"


def test_the_check_finds_the_words_it_is_for():
    said = ["The server's answer: the one every page uses.", "Open /?lesson=1&level=simple on each computer",
            "your browser reads the pad", "in this browser tab", "the session's edits", "custom components"]
    assert len(developer_words(said)) == len(said)
    assert not developer_words(["The network says 3", "a table of digits", "stable", "a tablet"])
