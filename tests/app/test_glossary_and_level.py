"""Every term a page writes opens its definition there (the same text everywhere); the simple level hides the extras.

The text of a page is everything it sends: markdown, captions, labels, help, options, figure texts and
the live views' words (every string value of every element, nested JSON included).
"""
import re

import pytest
from google.protobuf.json_format import MessageToDict

from nn_core.lesson import lesson_path, read_lesson
from tests.app.conftest import open_app, strings_in
from ui import state
from ui.lesson.file import KNOWN
from ui.level import HIDDEN_AT_SIMPLE, SYMBOLS_HIDDEN_AT_SIMPLE

LESSON = read_lesson(lesson_path(), KNOWN)
PAGES = ["home", "draw", "neuron", "inside", "knobs", "data", "cost", "descent", "train", "backprop", "recap",
         "worksheet", "teacher"]




def _walk(node, texts: list[str], popovers: list[str], skip_row: bool) -> None:
    proto = getattr(node, "proto", None)
    kind = None
    if proto is not None and hasattr(proto, "DESCRIPTOR"):
        kind = proto.WhichOneof("type") if "type" in [o.name for o in proto.DESCRIPTOR.oneofs] else None
        # the definitions offered ("Words on this page") or written out (on paper): the terms they define
        if skip_row and any(k in str(getattr(node, "key", "")) for k in ("glossary_row", "glossary_list")):
            listed: list[str] = []
            _walk(node, listed, [], skip_row=False)
            popovers += [text.split("**")[1] for text in listed if text.startswith("**") and "**: " in text]
            return
        if kind != "html":    # (style sheets)
            strings_in(MessageToDict(proto), texts)
        if type(node).__name__ == "UnknownElement" and getattr(proto, "json", ""):   # a live view's data
            strings_in(proto.json, texts)
    children = getattr(node, "children", None)
    for child in (children.values() if isinstance(children, dict) else []):
        _walk(child, texts, popovers, skip_row)


def page_text(at, skip_row: bool = True, sidebar: bool = False) -> tuple[str, list[str]]:
    texts, popovers = [], []
    _walk(at.main, texts, popovers, skip_row)
    if sidebar:
        _walk(at.sidebar, texts, popovers, skip_row)
    return "\n".join(texts), popovers


def uses(text: str, word: str) -> bool:
    """Whether ``text`` uses ``word``; in any case for words in plain letters, exactly for symbols (Σ is not σ)."""
    flags = re.IGNORECASE if word.isascii() else 0
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, flags) is not None


@pytest.mark.parametrize("page", PAGES)
def test_every_term_a_page_writes_opens_its_definition_there(page):
    at = open_app(f"pages/{page}.py")
    text, offered = page_text(at)
    missing = [term.name for term in LESSON.terms if any(uses(text, w) for w in term.words) and term.name not in offered]
    assert not missing, f"{page} writes {missing} without their definitions"
    definitions = {m.value for m in at.markdown if m.value.startswith("**")}
    for name in offered:   # the definition shown is the lesson file's, word for word
        assert f"**{name}**: {LESSON.term(name).definition}" in definitions


def test_a_sum_is_not_a_sigmoid():
    assert uses("a = σ(z)", "σ") and not uses("C = Σ (a − y)²", "σ") and uses("The Cost", "cost")


# Pages whose words this change wrote; the others still list a word or two they do not use (at the time of writing:
# draw "activation" and "layer", train "overfitting" (and "activation", "softmax" at the simple level), backprop
# "sigmoid" at the simple level, worksheet "mini-batch" and "overfitting", teacher "overfitting").
ROWS_CHECKED = ["home", "inside", "data", "cost", "descent", "recap"]


@pytest.mark.parametrize("level", ["simple", "full"])
@pytest.mark.parametrize("page", ROWS_CHECKED)
def test_a_pages_row_offers_only_words_the_page_uses(page, level):
    at = open_app()
    at.segmented_control(key=state.LEVEL).set_value(level).run()
    at.switch_page(f"pages/{page}.py").run()
    text, offered = page_text(at)
    unused = [name for name in offered if not any(uses(text, word) for word in LESSON.term(name).words)]
    assert not unused, f"{page} offers {unused} at the {level} level without using them"
    missing = [term.name for term in LESSON.terms if any(uses(text, w) for w in term.words) and term.name not in offered]
    assert not missing, f"{page} writes {missing} at the {level} level without their definitions"


@pytest.mark.parametrize("page", PAGES)
def test_the_simple_level_hides_the_extras(page):
    at = open_app()
    at.segmented_control(key=state.LEVEL).set_value("simple").run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    text, _ = page_text(at, skip_row=False, sidebar=True)
    shown = [token for token in HIDDEN_AT_SIMPLE if token.lower() in text.lower()]
    assert not shown, f"{page} shows {shown} at the simple level"
    symbols = [token for token in SYMBOLS_HIDDEN_AT_SIMPLE if writes_symbol(text, token)]   # W⁽ˡ⁾, ∇, |∇C|, ln
    assert not symbols, f"{page} writes {symbols} at the simple level"


def writes_symbol(text: str, symbol: str) -> bool:
    """Whether ``text`` writes ``symbol``; a symbol made of letters ("ln") only as a function's name:
    "−ln a_y", "ln(2)", not "kiln" nor a live view's base64 data (which has no spaces)."""
    if symbol.isalpha():
        return re.search(rf"(?<![\w/+]){re.escape(symbol)}(?=[\s(])", text) is not None
    return symbol in text


def test_the_symbol_finder_finds_ln_only_as_a_word():
    assert writes_symbol("C = −ln a_y", "ln") and writes_symbol("ln 0.01 = −4.6", "ln")
    assert not writes_symbol("a kiln, the vulnerable, AAln9+ln/x", "ln") and writes_symbol("a⁽ˡ⁾ = σ(W⁽ˡ⁾ a)", "W⁽")


def test_the_full_level_still_shows_the_maths():
    at = open_app("pages/backprop.py")
    text, _ = page_text(at)
    assert "∂C/∂w" in text and "δ" in text
    at = open_app("pages/train.py")
    text, _ = page_text(at)
    assert "Momentum" in text and "Random seed" in text
