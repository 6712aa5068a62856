"""Who else is using this server right now: lets live training make room for them.

All visitors' scripts run in one process. A visitor training at full speed takes a share of
it on every tick; when someone else has just interacted (a slider, a click), the trainer
takes smaller bites so their page stays quick. This is the one piece of state shared by
sessions on purpose: when each session last ran its page, nothing more.
"""
from __future__ import annotations

import threading
import time

from ui.patches.script_context import session_id

_lock = threading.Lock()
_last_run: dict[str, float] = {}
FORGET_AFTER = 60.0


def note_interaction(session: str | None = None) -> None:
    """A full page run of ``session`` (by default this run's), an interaction, not a training tick."""
    session = session or session_id()
    now = time.monotonic()
    with _lock:
        _last_run[session] = now
        for other, when in list(_last_run.items()):
            if now - when > FORGET_AFTER:
                del _last_run[other]


def others_active(session: str | None = None, within: float = 3.0) -> bool:
    """Has another session (than ``session``, by default this run's) interacted in the last ``within`` seconds?"""
    session = session or session_id()
    now = time.monotonic()
    with _lock:
        return any(other != session and now - when <= within for other, when in _last_run.items())
