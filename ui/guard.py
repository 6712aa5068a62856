"""Every uncaught exception becomes one sentence, and the visitor keeps their work.

A page (or a live fragment: ui/fragments.py) runs inside ``kindly()``. If anything goes wrong there (a value a
hacked browser sent that Streamlit cannot use, a file too big for memory, a bug), the visitor
sees one clear line instead of a traceback with server paths, and their session (drawing,
model, training) is left as it was. The details go to the server's log. Streamlit's own
control flow (st.rerun, st.stop) passes through: it is not an ``Exception``.
"""
from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

import streamlit as st

log = logging.getLogger("nn_explainer")

MEMORY = ("That needed more memory than this app has, so it was stopped. Nothing you made is lost: your drawing, "
          "model and settings are as they were.")
OTHER = ("Something on this page could not be shown, so it was stopped. Nothing you made is lost: your drawing, "
         "model and settings are as they were. If it happens again, try “Start over” in the sidebar.")


def sentence(exc: BaseException) -> str:
    return MEMORY if isinstance(exc, MemoryError) else OTHER


@contextlib.contextmanager
def kindly(where: str) -> Iterator[None]:
    """Run a page or part of one; turn any exception into a sentence on the page."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 (every exception: that is the point)
        log.exception("uncaught exception in %s", where)
        st.error(sentence(exc), icon=":material/error:")
