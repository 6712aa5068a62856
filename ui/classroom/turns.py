"""Turns for the runs the class bell starts: when the teacher moves a class of 30, thirty whole pages would run at
once, and every slider a student moves meanwhile would wait behind all of them. Instead the bell's runs take turns,
one at a time, while the room's own clicks and drags run as soon as they come.

The bell notes whom it reruns (``owe``); that session's next full run waits for a turn before drawing anything
(app.py, ``turn``). No run waits longer than ``LONGEST_WAIT``: a turn is a courtesy, never a lock.

A student who is waiting for an answer goes first. A click, a drag's end or the page's timer that reaches a session
owing a turn (or that session's own run, which the bell's run stopped) is answered only once that session's turn
comes, so the bell's runs are drawn in this order: first the sessions someone has asked (``asked``), then the rest,
each group in the order the runs came. Measured with scripts/class_load.py, one process: without that order, the
answers the move overtook waited 0.03-1.7 s (median 0.6 s) behind the other pages.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

AT_ONCE = 1          # the bell's runs drawn together: one (Python runs one thread at a time; with 2, the moves of a
                     # class of 30 arrived later, p95 1.35-1.43 s against 1.16 s, scripts/class_load.py --follow-only)
LONGEST_WAIT = 3.0   # seconds a bell's run waits for its turn at most, then runs anyway


class Turns:
    """Who owes a turn (sessions the bell has just rerun), who of them a student waits on, and the turns."""

    def __init__(self, at_once: int = AT_ONCE, longest_wait: float = LONGEST_WAIT):
        self.longest_wait = longest_wait
        self._free = at_once
        self._changed = threading.Condition()
        self._owing: set[str] = set()       # rerun by the bell, its run not yet come for a turn
        self._waiting: list[str] = []       # runs waiting for a turn, in the order they came
        self._asked: set[str] = set()       # owing or waiting sessions a student waits on: they go first

    def owe(self, session_id: str) -> None:
        """The bell has asked for a run of this session: that run takes a turn."""
        with self._changed:
            self._owing.add(session_id)

    def forgive(self, session_id: str) -> None:
        """No run of this session will come (it has gone): it owes nothing."""
        with self._changed:
            self._owing.discard(session_id)
            self._asked.discard(session_id)

    def asked(self, session_id: str) -> None:
        """The browser has asked this session for a run (or its own run was stopped by the bell's): if the session
        owes a turn, its student is waiting for the turn's run, which goes before those nobody waits on."""
        with self._changed:
            if session_id in self._owing or session_id in self._waiting:
                self._asked.add(session_id)
                self._changed.notify_all()

    def owes(self, session_id: str) -> bool:
        with self._changed:
            return session_id in self._owing

    def waiting(self) -> tuple[str, ...]:
        """The sessions whose runs wait for a turn now, in the order they came."""
        with self._changed:
            return tuple(self._waiting)

    @contextmanager
    def turn(self, session_id: str | None) -> Iterator[bool]:
        """Around a full run: if the bell started it, wait for a turn first (True: it waited for one and had it)."""
        got = self._take(session_id)
        try:
            yield got
        finally:
            if got:
                with self._changed:
                    self._free += 1
                    self._changed.notify_all()

    def _take(self, session_id: str | None) -> bool:
        with self._changed:
            if session_id not in self._owing:
                return False
            self._owing.discard(session_id)
            self._waiting.append(session_id)
            deadline = time.monotonic() + self.longest_wait
            while not (self._free > 0 and self._next() == session_id):
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
            got = self._free > 0 and self._next() == session_id
            self._free -= got
            self._waiting.remove(session_id)
            self._asked.discard(session_id)
            self._changed.notify_all()     # (the next in line may be someone else now)
            return got

    def _next(self) -> str | None:
        """Whose turn comes next: the first waiting session a student waits on, else the first waiting."""
        return next((s for s in self._waiting if s in self._asked), self._waiting[0] if self._waiting else None)
