"""Words for learners, not developers (issue 21): no page a learner reads speaks of the server, the session, the
browser, components, tabs or link parameters, at either level.

The text of a page is everything it sends that a person reads: markdown, captions, titles, labels, help,
options, placeholders, figure texts and the live views' words (their data, nested JSON included), and the
sidebar's. The For teachers page and the teacher's console may name links and the server: they are for teachers.
"""
from __future__ import annotations

import re

import pytest

from tests.app.conftest import element_strings, open_app, strings_in
from ui import state

LEARNER_PAGES = ["home", "draw", "neuron", "inside", "knobs", "data", "cost", "descent", "train", "backprop", "recap",
                 "worksheet", "join"]
DEVELOPER_WORDS = re.compile(
    r"\b(servers?|sessions?|browsers?|components?|tabs?|URLs?)\b"   # words of the machinery
    r"|\?[a-z_]+=|\b(level|lesson|view|text|digit|model)=",                                  # a link's settings
    re.IGNORECASE)
# what a message carries besides words: ids, keys, icons, pages, a live view's own code
NOT_WORDS = {"id", "formId", "icon", "pageScriptHash", "page", "url", "urlPath", "key", "componentName",
             "jsContent", "htmlContent", "cssContent", "jsSourcePath", "cssSourcePath", "bdata", "src", "spec"}


def learner_text(at) -> list[str]:
    out: list[str] = []
    element_strings(at.main, out, NOT_WORDS)
    element_strings(at.sidebar, out, NOT_WORDS)
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
