"""Text a visitor wrote (a link's value, a file's name, a model file's metadata), made safe to show.

Streamlit renders markdown in most places (st.markdown, captions, toasts, errors, widget labels),
and its markdown goes beyond CommonMark: links and images (the browser fetches an image's
address), :material/icons:, :colour[text], emoji shortcodes and $LaTeX$. ``plain`` makes a
visitor's text show as exactly the characters they wrote: every ASCII punctuation mark is
escaped with a backslash (CommonMark's rule for "this character, literally"), control
characters and line breaks become spaces, and long text is cut short. Escapes do not stop
GitHub-style autolinks (a bare http://… or www.… or a@b.c becomes a link), so an invisible
zero-width space follows every ":" and "@" and breaks "www.".
"""
from __future__ import annotations

import re
import string
import unicodedata

PUNCTUATION = frozenset(string.punctuation)
SHOWN_CHARACTERS = 80
ZERO_WIDTH_SPACE = "\u200b"


def plain(text: object, limit: int = SHOWN_CHARACTERS) -> str:
    """``text`` as markdown that renders as itself: no link, image, icon, colour, emoji or formula."""
    value = str(text)
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    shown = []
    for character in value:
        if unicodedata.category(character)[0] == "C" or character in "\n\r\t\u2028\u2029":
            shown.append(" ")
        elif character in ":@":
            shown.append("\\" + character + ZERO_WIDTH_SPACE)
        elif character in PUNCTUATION:
            shown.append("\\" + character)
        else:
            shown.append(character)
    return re.sub(r"(?i)(www)(\\\.)", "\\1" + ZERO_WIDTH_SPACE + "\\2", "".join(shown))   # www\. -> www, ZWSP, \.
