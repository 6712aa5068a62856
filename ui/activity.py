"""Who else is using this server right now: lets live training make room for them.

All visitors' scripts run in one process. A visitor training at full speed takes a share of
it on every tick; when someone else has just interacted (a slider, a click), the trainer
takes smaller bites so their page stays quick. This is the one piece of state shared by
sessions on purpose: when each session last ran its page, nothing more.
"""
from __future__ import annotations

import threading
import time

_lock = threading.Lock()
_last_run: dict[str, float] = {}
FORGET_AFTER = 60.0


def note_interaction(session: str) -> None:
    """A full page run of ``session`` (an interaction, not a training tick)."""
    now = time.monotonic()
    with _lock:
        _last_run[session] = now
        for other, when in list(_last_run.items()):
            if now - when > FORGET_AFTER:
                del _last_run[other]


def others_active(session: str, within: float = 3.0) -> bool:
    """Has another session interacted in the last ``within`` seconds?"""
    now = time.monotonic()
    with _lock:
        return any(other != session and now - when <= within for other, when in _last_run.items())
