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

A turn ends once its page has left the server (``sent``), not when its run ends: Streamlit's event loop, which sends
every page, shares the interpreter with the script threads, and with the next page already drawing, the last one's
final messages waited there: the teacher's press was answered 125-380 ms after it, when its run had ended after
60-146 ms. Ending each turn at the send, in scripts/class_load.py (one process, the same hour, the code before
against this): a release's p95 503-866 ms against 126-313, the console's refresh 739-760 against 194-395, while a
move's last arrival comes a few tenths of a second later. A turn is handed to the next in line alone: waking all
thirty waiting threads to let one through took 28 ms (median) between two turns; now 0.3 ms.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

AT_ONCE = 1          # the bell's runs drawn together: one (Python runs one thread at a time; with 2, the moves of a
                     # class of 30 arrived later, p95 1.35-1.43 s against 1.16 s, scripts/class_load.py --follow-only)
LONGEST_WAIT = 3.0   # seconds a bell's run waits for its turn at most, then runs anyway
LONGEST_SEND = 0.3   # seconds a turn is kept at most after its run, while the run's page is still being sent


class Turns:
    """Who owes a turn (sessions the bell has just rerun), who of them a student waits on, and the turns."""

    def __init__(self, at_once: int = AT_ONCE, longest_wait: float = LONGEST_WAIT,
                 sent: Callable[[str, float], object] | None = None):
        self.longest_wait = longest_wait
        self.sent = sent                    # sent(session_id, longest): waits until the run's page has left the server
        self._free = at_once
        self._lock = threading.Lock()
        self._owing: set[str] = set()       # rerun by the bell, its run not yet come for a turn
        self._waiting: dict[str, threading.Event] = {}   # runs waiting for a turn, in the order they came: the event
                                                         # that wakes each when its turn comes
        self._asked: set[str] = set()       # owing or waiting sessions a student waits on: they go first

    def owe(self, session_id: str) -> None:
        """The bell has asked for a run of this session: that run takes a turn."""
        with self._lock:
            self._owing.add(session_id)

    def forgive(self, session_id: str) -> None:
        """No run of this session will come (it has gone): it owes nothing."""
        with self._lock:
            self._owing.discard(session_id)
            self._asked.discard(session_id)

    def asked(self, session_id: str) -> None:
        """The browser has asked this session for a run (or its own run was stopped by the bell's): if the session
        owes a turn, its student is waiting for the turn's run, which goes before those nobody waits on."""
        with self._lock:
            if session_id in self._owing or session_id in self._waiting:
                self._asked.add(session_id)

    def owes(self, session_id: str) -> bool:
        with self._lock:
            return session_id in self._owing

    def waiting(self) -> tuple[str, ...]:
        """The sessions whose runs wait for a turn now, in the order they came."""
        with self._lock:
            return tuple(self._waiting)

    @contextmanager
    def turn(self, session_id: str | None) -> Iterator[bool]:
        """Around a full run: if the bell started it, wait for a turn first (True: it waited for one and had it)."""
        got = self._take(session_id)
        try:
            yield got
        finally:
            if got:
                try:
                    if self.sent is not None:
                        self.sent(session_id, LONGEST_SEND)   # the next turn starts once this page has left
                finally:
                    with self._lock:                      # (the turn is given back whatever the wait did)
                        self._free += 1
                        self._hand_over()

    def _take(self, session_id: str | None) -> bool:
        with self._lock:
            if session_id not in self._owing:
                return False
            self._owing.discard(session_id)
            called = self._waiting[session_id] = threading.Event()
            self._hand_over()
        called.wait(self.longest_wait)
        with self._lock:
            self._asked.discard(session_id)
            return self._waiting.pop(session_id, None) is None   # (handed a turn: no longer waiting)

    def _hand_over(self) -> None:
        """Give the free turns to the next in line (the lock held): only they are woken."""
        while self._free > 0 and self._waiting:
            following = self._next()
            self._free -= 1
            self._waiting.pop(following).set()

    def _next(self) -> str:
        """Whose turn comes next: the first waiting session a student waits on, else the first waiting."""
        return next((s for s in self._waiting if s in self._asked), next(iter(self._waiting)))
