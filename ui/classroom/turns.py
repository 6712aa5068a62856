"""Turns for the runs the class bell starts: when the teacher moves a class of 30, thirty whole pages would run at
once, and every slider a student moves meanwhile would wait behind all of them. Instead the bell's runs take turns,
one at a time, while the room's own clicks and drags run as soon as they come.

The bell notes whom it reruns (``owe``); that session's next full run waits for a turn before drawing anything
(app.py, ``turn``). No run waits longer than ``LONGEST_WAIT``: a turn is a courtesy, never a lock.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

AT_ONCE = 1          # the bell's runs drawn together: one (Python runs one thread at a time; with 2, the moves of a
                     # class of 30 arrived later, p95 1.35-1.43 s against 1.16 s, scripts/class_load.py --follow-only)
LONGEST_WAIT = 3.0   # seconds a bell's run waits for its turn at most, then runs anyway


class Turns:
    """Who owes a turn (sessions the bell has just rerun), and the turns themselves."""

    def __init__(self, at_once: int = AT_ONCE, longest_wait: float = LONGEST_WAIT):
        self.longest_wait = longest_wait
        self._slots = threading.BoundedSemaphore(at_once)
        self._lock = threading.Lock()
        self._owing: set[str] = set()

    def owe(self, session_id: str) -> None:
        """The bell has asked for a run of this session: that run takes a turn."""
        with self._lock:
            self._owing.add(session_id)

    def forgive(self, session_id: str) -> None:
        """No run of this session will come (it has gone): it owes nothing."""
        with self._lock:
            self._owing.discard(session_id)

    def owes(self, session_id: str) -> bool:
        with self._lock:
            return session_id in self._owing

    @contextmanager
    def turn(self, session_id: str | None) -> Iterator[bool]:
        """Around a full run: if the bell started it, wait for a turn first (True: it waited for one and had it)."""
        with self._lock:
            owed = session_id in self._owing
            self._owing.discard(session_id)
        got = owed and self._slots.acquire(timeout=self.longest_wait)
        try:
            yield got
        finally:
            if got:
                self._slots.release()
