"""Turns for the class bell's runs (ui/classroom/turns.py): only the runs the bell asked for wait, at most AT_ONCE of
them draw together, none waits past its longest wait, and the bell owes a turn exactly for the sessions it reran."""
from __future__ import annotations

import threading

from tests.app.test_class_bell import Store, a_bell
from ui.classroom.turns import Turns


def test_a_run_the_bell_did_not_start_never_waits():
    turns = Turns(at_once=1, longest_wait=3600.0)
    turns.owe("moved")
    with turns.turn("moved") as waited:
        assert waited
        with turns.turn("clicking") as other:     # every turn is taken, yet a student's own click runs at once
            assert not other
    assert not turns.owes("moved")                # a turn is owed once: its next run does not wait


def test_at_most_at_once_bell_runs_draw_together():
    turns = Turns(at_once=2, longest_wait=3600.0)
    drawing, most, done = [0], [0], []
    lock, release = threading.Lock(), threading.Event()

    def run(session_id):
        with turns.turn(session_id):
            with lock:
                drawing[0] += 1
                most[0] = max(most[0], drawing[0])
                first_two = drawing[0] == 2 and len(done) == 0
            if first_two:
                release.set()
            release.wait()
            with lock:
                drawing[0] -= 1
                done.append(session_id)

    sessions = [f"s{i}" for i in range(8)]
    for session_id in sessions:
        turns.owe(session_id)
    threads = [threading.Thread(target=run, args=(s,)) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(done) == sorted(sessions) and most[0] == 2


def test_a_bell_run_waits_no_longer_than_its_longest_wait():
    turns = Turns(at_once=1, longest_wait=0.01)
    turns.owe("a")
    turns.owe("b")
    with turns.turn("a") as first:
        with turns.turn("b") as second:           # no turn came: it runs anyway, holding none
            assert first and not second


def test_the_bell_owes_turns_for_the_sessions_it_reruns_and_forgives_the_gone():
    store = Store(K7Q2MX=("step", 1))
    bell, rerun = a_bell(store, gone={"s2"})
    for session_id in ("s1", "s2"):
        bell.listen(session_id, "K7Q2MX", store.read)
    bell.look()
    assert not bell.turns.owes("s1")              # the first look rings nobody
    store.states["K7Q2MX"] = ("step", 2)
    bell.look()
    assert sorted(rerun) == ["s1", "s2"]
    assert bell.turns.owes("s1") and not bell.turns.owes("s2")
