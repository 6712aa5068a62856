"""One decorator for every fragment of the app: ``st.fragment``, the error guard, and what a full run does after it.

A fragment reruns on its own (a drawing sent, a release, a training tick) and skips the app's frame
(app.py): so the guard that turns an exception into one sentence must be its own, and if the lesson's
step was just done inside it, the whole page must redraw (the lesson's card is outside the fragment).
A fragment can also run in a session whose frame has not run yet (a reload right after the server restarted
can send the page's events before its first full run): so it sets the session up itself (``session.init``,
idempotent) before its body reads any key.
A fragment that stands in for a full run (``full_run``: the Draw page's pad) also notes the interaction
and makes the URL follow, as the frame does.
"""
from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st

from ui import activity, session
from ui.guard import kindly
from ui.lesson.progress import notice_progress
from ui.links.tables import write_link


def page_fragment(run_every: float | None = None, *, lesson: bool = True, full_run: bool = False) -> Callable:
    """``@page_fragment(run_every=...)``: the decorated function is a guarded fragment.

    ``lesson``: after it runs, a step of the lesson done inside it redraws the page (the class's fragments
    have no lesson step to do). ``full_run``: it stands in for a full run (see above).
    """
    def decorate(function: Callable) -> Callable:
        @st.fragment(run_every=run_every)
        @functools.wraps(function)
        def fragment(*args, **kwargs):
            with kindly(function.__name__):
                session.init()   # (a no-op once the frame has run: see above)
                function(*args, **kwargs)
                if full_run:
                    activity.note_interaction()
                    write_link()
                if lesson:
                    notice_progress()   # (st.rerun passes through the guard: it is not an Exception)

        return fragment

    return decorate
