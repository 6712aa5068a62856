"""Turns for the class bell's runs (ui/classroom/turns.py): only the runs the bell asked for wait, at most AT_ONCE of
them draw together, none waits past its longest wait, and the bell owes a turn exactly for the sessions it reran."""
from __future__ import annotations

import threading

import pytest

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


def test_the_next_turn_starts_only_once_the_last_turn_s_page_has_left():
    log, leaving = [], threading.Event()

    def sent(session_id, longest):
        log.append(f"sending {session_id}")
        leaving.wait(60)                           # the event loop is still sending the page
        log.append(f"sent {session_id}")

    turns = Turns(at_once=1, longest_wait=3600.0, sent=sent)

    def run(session_id):
        with turns.turn(session_id):
            log.append(f"draw {session_id}")

    for session_id in ("a", "b"):
        turns.owe(session_id)
    first = threading.Thread(target=run, args=("a",))
    first.start()
    _wait_until(lambda: "sending a" in log, "a's page on its way")
    second = threading.Thread(target=run, args=("b",))
    second.start()
    _wait_until(lambda: turns.waiting() == ("b",), "b waiting")
    with turns.turn("clicking"):                   # a run the bell did not start neither waits nor is sent for
        log.append("draw clicking")
    leaving.set()
    for thread in (first, second):
        thread.join(timeout=60)
    assert log == ["draw a", "sending a", "draw clicking", "sent a", "draw b", "sending b", "sent b"]


def test_a_turn_is_given_back_even_if_the_wait_for_its_page_fails():
    def broken(session_id, longest):
        raise RuntimeError("the server's private API changed")

    turns = Turns(at_once=1, longest_wait=30.0, sent=broken)   # (without the turn given back: 30 s, then none)
    for session_id in ("a", "b"):
        turns.owe(session_id)
    with pytest.raises(RuntimeError):
        with turns.turn("a"):
            pass
    had = []
    with pytest.raises(RuntimeError):
        with turns.turn("b") as second:            # the next run still has its turn, at once
            had.append(second)
    assert had == [True]


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


def _wait_until(check, what: str) -> None:
    """Wait (on events, not on a clock's promise) until ``check()``; at most a generous minute."""
    pause = threading.Event()
    for _ in range(60_000):
        if check():
            return
        pause.wait(0.001)
    raise AssertionError(f"never happened: {what}")


def _order_after_a_held_turn(turns: Turns, sessions: tuple[str, ...], meanwhile=lambda: None) -> list[str]:
    """The order in which ``sessions`` (owing, their runs started in this order while "first" holds the only turn,
    then ``meanwhile()``) draw."""
    order = []

    def run(session_id):
        with turns.turn(session_id):
            order.append(session_id)

    with turns.turn("first"):
        threads = []
        for session_id in sessions:
            threads.append(threading.Thread(target=run, args=(session_id,)))
            threads[-1].start()
            count = len(threads)
            _wait_until(lambda count=count: len(turns.waiting()) == count, f"{session_id} waiting")
        meanwhile()
    for thread in threads:
        thread.join(timeout=60)
    return order


def test_a_student_waiting_for_an_answer_goes_before_the_pages_nobody_waits_on():
    turns = Turns(at_once=1, longest_wait=3600.0)
    for session_id in ("first", "quiet-1", "quiet-2", "asking"):
        turns.owe(session_id)
    turns.asked("not-owing")               # a click of a session the bell did not rerun: nothing to put first
    order = _order_after_a_held_turn(turns, ("quiet-1", "quiet-2", "asking"),
                                     meanwhile=lambda: turns.asked("asking"))   # its drag ends while its run waits
    assert order == ["asking", "quiet-1", "quiet-2"]


def test_a_session_asked_before_its_run_came_for_a_turn_still_goes_first():
    turns = Turns(at_once=1, longest_wait=3600.0)
    for session_id in ("first", "quiet", "stopped"):
        turns.owe(session_id)
    turns.asked("stopped")                 # the bell's rerun stopped a run its browser had asked for
    assert _order_after_a_held_turn(turns, ("quiet", "stopped")) == ["stopped", "quiet"]


def test_a_session_the_bell_s_rerun_finds_busy_goes_first():
    store = Store(K7Q2MX=("step", 1))
    bell, _ = a_bell(store)
    bell.rerun = lambda session_id, page, busy: (session_id != "busy" or busy() or True)   # "busy" was running a click
    for session_id in ("quiet", "busy"):
        bell.listen(session_id, "K7Q2MX", store.read, seen=("step", 1))
    bell.turns.owe("first")
    store.states["K7Q2MX"] = ("step", 2)
    bell.look()
    assert _order_after_a_held_turn(bell.turns, ("quiet", "busy")) == ["busy", "quiet"]


def test_every_run_a_browser_asks_for_by_hand_is_heard(monkeypatch):
    from streamlit.proto.BackMsg_pb2 import BackMsg

    from tests.streamlit_private import app_session_class
    from ui.patches.rerun import install_asked

    AppSession = app_session_class()  # noqa: N806  (a class)

    handled, heard = [], []
    monkeypatch.setattr(AppSession, "handle_backmsg", lambda self, msg: handled.append(msg.WhichOneof("type")))
    install_asked(heard.append)
    install_asked(heard.append)            # once per process: a second install wraps nothing again
    session = type("Session", (), {"id": "s1"})()
    rerun, timer, beat = BackMsg(), BackMsg(), BackMsg()
    rerun.rerun_script.page_name = "knobs"
    timer.rerun_script.fragment_id, timer.rerun_script.is_auto_rerun = "training", True   # nobody waits on a timer
    beat.app_heartbeat = True
    for message in (rerun, timer, beat):
        AppSession.handle_backmsg(session, message)
    assert heard == ["s1"] and handled == ["rerun_script", "rerun_script", "app_heartbeat"]
