"""One student cannot fill a class or fake the board, and deleted means gone (the 2026-12-06 red team's F3, F8, F12,
F13; the races of F9 are in tests/classroom/test_class_limits.py, on SQLite and PostgreSQL).

- F3 (seat_fill.py): *Leave the class* then *Join*, again and again from one session, took every seat; now leaving
  gives the seat back with what it gave, so the loop holds one seat and a real student still gets in; and the
  teacher's *New students may join* switch keeps anyone else out once everyone is in.
- F8 (challenge_best.py): the bundled best model, one step, entered: refused with a sentence; a fresh run enters, and
  the board shows its whole recipe.
- F12 (close_leaves_bytes.py): after *Close the class*, a leave or an expiry, neither SQLite file (the main one, the
  WAL) holds the nickname or the drawing's bytes.
- F13 (expiry_waits.py): a class past its time is deleted by the next request of any kind, not only by the next
  class opened.
"""
from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import func, select

import classroom.rooms as rooms_module
from classroom.rooms import PURGE_EVERY, Rooms
from classroom.schema import classes, drawings, students
from classroom.store import open_engine
from tests.app.conftest import all_text, open_app
from tests.classroom.conftest import Clock
from ui import state
from ui.classroom import shared

HERE = "127.0.0.1"
NICK = "Qzx Forensic Nick 73"


def rows_of(engine, code: str) -> dict[str, int]:
    """How many seats and drawings the store holds for the class with this code."""
    with engine.connect() as db:
        class_id = db.execute(select(classes.c.id).where(classes.c.code == code)).scalar()
        return {table.name: db.execute(select(func.count()).select_from(table).where(table.c.class_id == class_id))
                .scalar() for table in (students, drawings)}


def join_page(code: str, nickname: str):
    student = open_app("pages/join.py")
    student.text_input(key="class_join_code").input(code)
    student.text_input(key="class_join_nickname").input(nickname)
    student.button(key="class_join_submit").click().run()
    assert not student.exception, student.exception
    return student


# -- F3: leaving and joining again never holds a second seat -----------------------------------------------------
def test_leaving_and_joining_again_from_one_session_holds_one_seat_and_a_real_student_still_gets_in(monkeypatch):
    monkeypatch.setattr(rooms_module, "MAX_STUDENTS", 3)
    rooms = shared.rooms()
    opened = rooms.open_class()
    flooder = join_page(opened.code, "flooder")
    for round_ in range(6):
        seat = flooder.session_state[state.CLASS_SEAT]
        assert seat is not None, all_text(flooder)
        for label in range(3):
            rooms.give_drawing(seat.token, np.full((28, 28), label), label)
        flooder.button(key="class_leave").click().run()
        flooder.text_input(key="class_join_code").input(opened.code)
        flooder.text_input(key="class_join_nickname").input(f"seat{round_}")
        flooder.button(key="class_join_submit").click().run()
    assert rows_of(rooms.engine, opened.code) == {"students": 1, "drawings": 0}
    flooder.button(key="class_leave").click().run()
    assert "your seat, and the answers, drawings and challenge entry you gave, are deleted" in all_text(flooder)
    real = join_page(opened.code, "real student")
    assert real.session_state[state.CLASS_SEAT] is not None and not real.error


def test_a_full_class_says_so_and_what_to_do(monkeypatch):
    monkeypatch.setattr(rooms_module, "MAX_STUDENTS", 1)
    opened = shared.rooms().open_class()
    join_page(opened.code, "first")
    late = join_page(opened.code, "second")
    assert [e.value for e in late.error] == ["Could not join: this class is full (1 students): ask your teacher."]


def test_the_teacher_can_stop_new_students_joining_and_those_in_stay_in():
    from tests.app.test_classroom import open_class

    teacher, code, key = open_class()
    inside = join_page(code, "Ana")
    teacher.toggle(key=state.CLASS_SET_JOINING).set_value(False).run()
    assert not teacher.exception and not teacher.error
    late = join_page(code, "Ben")
    assert [e.value for e in late.error] == [
        "Could not join: this class takes no new students now: ask your teacher to let you in."]
    inside.run()
    assert inside.session_state[state.CLASS_SEAT] is not None and "In class" in all_text(inside)
    teacher.toggle(key=state.CLASS_SET_JOINING).set_value(True).run()
    assert join_page(code, "Ben").session_state[state.CLASS_SEAT] is not None


# -- F8: the board is honest ------------------------------------------------------------------------------------
def test_the_bundled_best_model_one_step_on_cannot_be_entered_and_a_fresh_run_can_with_its_whole_recipe():
    opened = shared.rooms().open_class()
    student = join_page(opened.code, "Speedy")
    student.switch_page("pages/train.py").run()
    student.selectbox(key=state.recipe_key("start")).set_value("best")
    next(b for b in student.button if b.label == "Build this network").click().run()
    student.button(key="train_step").click().run()
    assert not student.exception, student.exception
    assert not [b for b in student.button if b.key == "class_challenge"]
    assert "continued a model that was trained before" in all_text(student)
    assert shared.rooms().console(opened.code, opened.teacher_key, HERE).leaderboard == ()
    student.selectbox(key=state.recipe_key("start")).set_value("random")
    next(b for b in student.button if b.label == "Build this network").click().run()
    student.button(key="train_step").click().run()
    student.button(key="class_challenge").click().run()
    assert not student.exception, student.exception
    board = shared.rooms().console(opened.code, opened.teacher_key, HERE).leaderboard
    seed = student.session_state[state.TRAINER].config.seed
    assert [(e.nickname, e.recipe) for e in board] == [
        ("Speedy", f"784-16-16-10 sigmoid · η 0.5 · batch 10 · 0.0/10 epochs · seed {seed} · 3,500 digits")]


# -- F12: deleted means gone from the files too ------------------------------------------------------------------
@pytest.fixture
def sqlite_rooms(tmp_path):
    path = tmp_path / "classroom.sqlite3"
    engine = open_engine(f"sqlite:///{path}")
    yield Rooms(engine, Clock()), path
    engine.dispose()


def traces(path, needles: list[bytes]) -> dict[str, int]:
    """How often any of ``needles`` occurs in the store's main file and its WAL file."""
    found = {}
    for name in (path, path.with_name(path.name + "-wal")):
        data = name.read_bytes() if name.exists() else b""
        found[name.name] = sum(data.count(needle) for needle in needles)
    return found


def a_student_who_drew(rooms: Rooms):
    opened = rooms.open_class(hours=1)
    seat = rooms.join(opened.code, NICK, HERE)
    pixels = np.random.default_rng(73).integers(1, 256, (28, 28))
    rooms.give_drawing(seat.token, pixels, 7)
    return opened, seat, [NICK.encode(), pixels.astype(np.uint8).tobytes()]


def test_closing_a_class_leaves_neither_its_nickname_nor_its_drawing_in_the_sqlite_files(sqlite_rooms):
    rooms, path = sqlite_rooms
    opened, _, needles = a_student_who_drew(rooms)
    assert sum(traces(path, needles).values()) >= 2          # (the test can see them while they are kept)
    rooms.close_class(opened.code, opened.teacher_key, HERE)
    assert traces(path, needles) == {path.name: 0, path.name + "-wal": 0}


def test_leaving_leaves_neither_the_nickname_nor_the_drawing_in_the_sqlite_files(sqlite_rooms):
    rooms, path = sqlite_rooms
    _, seat, needles = a_student_who_drew(rooms)
    rooms.leave(seat.token)
    assert traces(path, needles) == {path.name: 0, path.name + "-wal": 0}


# -- F13: expiry deletes on a timer ------------------------------------------------------------------------------
@pytest.mark.parametrize("next_request", ["follow", "join"])
def test_a_class_past_its_time_is_deleted_by_the_next_request_of_any_kind(sqlite_rooms, next_request):
    rooms, path = sqlite_rooms
    staying = rooms.open_class(hours=24)
    other = rooms.join(staying.code, "Stays", HERE)
    expiring, _, needles = a_student_who_drew(rooms)
    rooms.clock.advance(3600 + PURGE_EVERY)
    if next_request == "follow":
        rooms.follow(other.token)
    else:
        rooms.join(staying.code, "Another", HERE)
    assert rows_of(rooms.engine, expiring.code) == {"students": 0, "drawings": 0}
    assert traces(path, needles) == {path.name: 0, path.name + "-wal": 0}
    assert rows_of(rooms.engine, staying.code)["students"] >= 1
