"""The class bell: when the teacher moves the class, changes its settings, resets the edits or closes it, every
student's page served by this server process runs again at once, instead of waiting for its own next question.

One thread per process watches the classes its students are in: one query, four times a second, and only while
a student is here. When a class's state changes it asks Streamlit to rerun each of those students' sessions, the
way Streamlit itself reruns a session when its script file changes (``AppSession.request_rerun`` with the
session's last client state: its page and its link). That run starts by taking in the change before anything is
drawn (``student.catch_up``), so a move opens the step's page in the same run. Those runs take turns, one at a
time, the pages a student waits on first, each turn ending once its page has left the server (ui/classroom/turns.py),
so the room's own clicks are not queued behind thirty pages.

With several replicas, each process has its own bell, so a move pressed on one replica reaches the students of
every one. A page the bell misses (a session that just reconnected) still follows within a few seconds: its own
timer (ui/live/class_follower.js) asks now and then.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from classroom.rooms import Rooms
from ui.classroom.turns import Turns
from ui.patches.rerun import install_asked, rerun_session, wait_sent

BELL_SECONDS = 0.25   # how often the bell looks at the classes of this process's students

log = logging.getLogger("nn_explainer")


class Bell:
    """Which sessions of this process are students of which class, and a thread that reruns them when their class
    changes. ``read_states`` reads each open class's state (code → a ClassState, or anything comparable; a class
    missing from the answer has ended); ``rerun(session_id, page, busy)`` reruns one session, on the page with that
    url path if one is given, and calls ``busy()`` if that stops a run of the session (False: the session is gone)."""

    def __init__(self, rerun: Callable[[str, str | None, Callable[[], None]], bool], every: float = BELL_SECONDS,
                 read_states: Callable[[list[str]], dict[str, object]] | None = None,
                 sent: Callable[[str, float], object] | None = None):
        self.rerun, self.every, self.read_states = rerun, every, read_states
        self.turns = Turns(sent=sent)                 # the runs it starts wait for a turn (app.py)
        self.step_pages: tuple[str, ...] = ()        # the lesson's steps' pages (url paths), in order
        self._lock = threading.Lock()
        self._students: dict[str, set[str]] = {}    # class code → session ids
        self._class_of: dict[str, str] = {}         # session id → class code
        self._heard: dict[str, object] = {}         # class code → its state when the bell last looked
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def listen(self, session_id: str, code: str, read_states: Callable[[list[str]], dict[str, object]],
               seen: object = None, step_pages: tuple[str, ...] = ()) -> None:
        """This session is a student of class ``code`` (and of no other), and has just taken in its state ``seen``;
        ``read_states`` reads the classes' states from the store this session uses (one store per server), and
        ``step_pages`` are the pages of the lesson's steps (a move reruns each student on its step's page)."""
        with self._lock:
            self.read_states = read_states
            self.step_pages = step_pages or self.step_pages
            if seen is not None:
                self._heard.setdefault(code, seen)   # a change after this, even before the bell's first look, rings
            if self._class_of.get(session_id) == code:
                return
            self._forget(session_id)
            self._students.setdefault(code, set()).add(session_id)
            self._class_of[session_id] = code
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="class-bell", daemon=True)
                self._thread.start()

    def forget(self, session_id: str) -> None:
        """This session is in no class (any more)."""
        with self._lock:
            self._forget(session_id)

    def ring(self, first: str | None = None) -> None:
        """Look now (a teacher of this process has just changed a class), not at the next quarter second. ``first``:
        the teacher's session, whose run now answers the press: it takes the first turn, so the students' pages it
        sets off wait until the console is drawn (with them alongside, the press took 0.3-0.85 s, scripts/class_load.py)."""
        if first is not None:
            self.turns.owe(first)
            self.turns.asked(first)
        self._wake.set()

    def listening(self, code: str) -> int:
        with self._lock:
            return len(self._students.get(code, ()))

    def look(self) -> list[str]:
        """One look at the classes: rerun the students of each class whose state changed; the codes rung."""
        with self._lock:
            codes = list(self._students)
        if not codes or self.read_states is None:
            return []
        states = self.read_states(codes)
        changed = []
        with self._lock:   # (listen and forget change what was heard too)
            for code in codes:
                now, before = states.get(code), self._heard.get(code)
                self._heard[code] = now
                if code not in states or (before is not None and now != before):
                    changed.append((code, before, now))
        for code, before, now in changed:
            self._rerun_students(code, ended=code not in states, page=self._moved_to(before, now))
        return [code for code, _, _ in changed]

    def _moved_to(self, before: object, now: object) -> str | None:
        """The page of the step the teacher has just moved everyone to (None: no move, or no such step): the
        students' runs open it at once, without first running the page they were on."""
        step, moves = getattr(now, "lesson_step", None), getattr(now, "step_moves", None)
        if step is None or moves is None or moves == getattr(before, "step_moves", None):
            return None
        return self.step_pages[step] if 0 <= step < len(self.step_pages) else None

    def _rerun_students(self, code: str, ended: bool, page: str | None) -> None:
        with self._lock:
            sessions = list(self._students.get(code, ()))
        gone = []
        for session_id in sessions:
            self.turns.owe(session_id)    # (before the rerun: its run may start at once)
            if not self.rerun(session_id, page, lambda stopped=session_id: self.turns.asked(stopped)):
                gone.append(session_id)
        with self._lock:
            for session_id in gone + (sessions if ended else []):
                self._forget(session_id)
        for session_id in gone:
            self.turns.forgive(session_id)   # (no run of it will come to take its turn)
            if ended:
                self._heard.pop(code, None)

    def _forget(self, session_id: str) -> None:
        code = self._class_of.pop(session_id, None)
        if code is not None:
            members = self._students.get(code)
            if members is not None:
                members.discard(session_id)
                if not members:
                    del self._students[code]
                    self._heard.pop(code, None)

    def _watch(self) -> None:
        while True:
            self._wake.wait(self.every)
            self._wake.clear()
            try:
                self.look()
            except Exception:  # noqa: BLE001  (the store did not answer: the pages' own timers still follow)
                log.warning("the class bell could not read the classes", exc_info=True)


def states_reader(rooms: Rooms) -> Callable[[list[str]], dict[str, object]]:
    """What a student's page follows of each open class, by code, read from this store (``Rooms.class_states``)."""
    return lambda codes: {state.code: state for state in rooms.class_states(list(codes))}


_bell: Bell | None = None
_made = threading.Lock()


def bell() -> Bell:
    """This process's bell."""
    global _bell
    with _made:
        if _bell is None:
            _bell = Bell(rerun_session, sent=wait_sent)
            install_asked(_bell.turns.asked)   # a student waiting for an answer goes first (ui/classroom/turns.py)
        return _bell
