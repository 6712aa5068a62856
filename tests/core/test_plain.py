"""ui/plain.plain: a visitor's text (a link's value, a file's name) shows as exactly the characters written.

Properties over any text: reading the escapes back gives the text (control characters and line breaks
as spaces, a long text cut short with "…"); no ASCII punctuation is left unescaped, so no markdown,
link, image, icon, colour or formula can start; no autolink can form.
"""
from __future__ import annotations

import re
import string
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from ui.plain import SHOWN_CHARACTERS, ZERO_WIDTH_SPACE, plain

ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=120) | st.sampled_from(
    ["[x](http://evil.example)", "![i](http://x/y.png)", ":material/home:", ":red[big]", "$x^2$", "www.evil.example",
     "a@b.c", "<script>alert(1)</script>", "**bold** _it_ `code`", "line\nbreak\r\n\u2028", "# heading", "> quote"])


def read_back(markdown: str) -> str:
    """What a reader sees: every backslash escape resolved, the zero-width spaces gone."""
    return ESCAPE.sub(r"\1", markdown).replace(ZERO_WIDTH_SPACE, "")


def expected(text: str, limit: int) -> str:
    value = text if len(text) <= limit else text[: limit - 1] + "…"
    return "".join(" " if unicodedata.category(c)[0] == "C" or c in "\n\r\t\u2028\u2029" else c for c in value)


@given(TEXT)
@example("\\")
@example("x" * 500)
def test_the_text_reads_back_as_written(text):
    assert read_back(plain(text)) == expected(text, SHOWN_CHARACTERS)


@given(TEXT)
def test_no_ascii_punctuation_is_left_unescaped(text):
    left = ESCAPE.sub("", plain(text, 200))
    assert not set(left) & set(string.punctuation), left


@given(TEXT)
def test_no_autolink_and_no_line_break_can_form(text):
    shown = plain(text, 200)
    assert "www." not in shown.lower().replace("\\", "")
    assert all(shown[i + 1] == ZERO_WIDTH_SPACE for i, c in enumerate(shown) if c in ":@")
    assert not any(c in shown for c in "\n\r\u2028\u2029")


def test_a_long_text_is_cut_at_the_limit():
    assert read_back(plain("a" * 30, 10)) == "a" * 9 + "…"
