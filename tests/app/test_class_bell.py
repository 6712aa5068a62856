"""The class bell (ui/classroom/bell.py): a change of a class's state reruns the sessions of that class's students,
and only theirs; an ended class's students are rerun once and forgotten; a session that is gone is forgotten; a
teacher's ring makes the bell look at once instead of at its next look."""
from __future__ import annotations

import threading
from dataclasses import dataclass

from ui.classroom.bell import Bell


class Store:
    """Class states by code, as the store would answer (a class missing: ended)."""

    def __init__(self, **states):
        self.states = dict(states)
        self.asked = 0

    def read(self, codes):
        self.asked += 1
        return {code: self.states[code] for code in codes if code in self.states}


def a_bell(store, gone=()):
    rerun = []
    bell = Bell(lambda session_id, page, busy: rerun.append(session_id) or session_id not in gone, every=3600.0)
    bell._thread = object()   # (no thread: these tests look by hand)
    return bell, rerun


def test_a_change_reruns_the_students_of_that_class_only():
    store = Store(K7Q2MX=("step", 1), ABCDEF=("step", 4))
    bell, rerun = a_bell(store)
    for session_id, code in (("s1", "K7Q2MX"), ("s2", "K7Q2MX"), ("s3", "ABCDEF")):
        bell.listen(session_id, code, store.read)
    assert bell.look() == [] and rerun == []          # the first look only learns where each class is
    store.states["K7Q2MX"] = ("step", 2)
    assert bell.look() == ["K7Q2MX"] and sorted(rerun) == ["s1", "s2"]
    rerun.clear()
    assert bell.look() == [] and rerun == []          # nothing changed since
    assert store.asked == 3                           # one read per look, for every class at once


def test_an_ended_class_reruns_its_students_once_and_forgets_them():
    store = Store(K7Q2MX=("step", 1))
    bell, rerun = a_bell(store)
    bell.listen("s1", "K7Q2MX", store.read)
    bell.look()
    del store.states["K7Q2MX"]
    assert bell.look() == ["K7Q2MX"] and rerun == ["s1"]
    assert bell.listening("K7Q2MX") == 0 and bell.look() == []


def test_a_session_that_is_gone_is_forgotten_and_one_that_moved_class_is_rung_for_its_new_class():
    store = Store(K7Q2MX=("step", 1), ABCDEF=("step", 1))
    bell, rerun = a_bell(store, gone={"closed-tab"})
    bell.listen("closed-tab", "K7Q2MX", store.read)
    bell.listen("s2", "K7Q2MX", store.read)
    bell.look()
    bell.listen("s2", "ABCDEF", store.read, seen=("step", 1))   # joined another class, and saw where it is
    store.states = {"K7Q2MX": ("step", 2), "ABCDEF": ("step", 2)}
    bell.look()
    assert sorted(rerun) == ["closed-tab", "s2"]     # s2 once, for its new class
    assert bell.listening("K7Q2MX") == 0 and bell.listening("ABCDEF") == 1
    bell.forget("s2")
    assert bell.listening("ABCDEF") == 0


def test_a_ring_makes_the_bell_look_at_once():
    store = Store(K7Q2MX=("step", 1))
    heard = threading.Event()
    bell = Bell(lambda session_id, page, busy: heard.set() or True, every=3600.0)   # it would look again only in an hour
    bell.listen("s1", "K7Q2MX", store.read, seen=("step", 1))         # (starts its thread)
    store.states["K7Q2MX"] = ("step", 2)
    bell.ring()
    assert heard.wait(30), "the ring did not make the bell look"


def test_a_move_reruns_each_student_on_the_step_s_page_and_a_settings_change_on_the_page_they_are_on():
    @dataclass(frozen=True)
    class Now:
        lesson_step: int | None
        step_moves: int
        level: str = "simple"

    store = Store(K7Q2MX=Now(None, 0))
    pages = []
    bell = Bell(lambda session_id, page, busy: pages.append(page) or True, every=3600.0)
    bell._thread = object()
    bell.listen("s1", "K7Q2MX", store.read, seen=Now(None, 0), step_pages=("draw", "draw", "neuron"))
    store.states["K7Q2MX"] = Now(2, 1)
    bell.look()
    store.states["K7Q2MX"] = Now(2, 1, "full")
    bell.look()
    store.states["K7Q2MX"] = Now(7, 2)                 # a step the lesson does not have: the page they are on
    bell.look()
    assert pages == ["neuron", None, None]
