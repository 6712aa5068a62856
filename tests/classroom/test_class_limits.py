"""The classroom's limits hold when requests arrive together (the review's races.py, F9), on SQLite and PostgreSQL:
seats per class, drawings per seat and per class, challenge entries per seat. Each burst runs the store's own API
from threads released at once, as many sessions' script threads do; the counts afterwards are exact."""
from __future__ import annotations

import time

import numpy as np
import pytest
from sqlalchemy import func, select

import classroom.rooms as rooms_module
from classroom import keys
from classroom.rooms import ClassroomError
from classroom.schema import classes, drawings, students
from tests.classroom.conftest import together

HERE = "127.0.0.1"


def count(engine, table, where) -> int:
    with engine.connect() as db:
        return db.execute(select(func.count()).select_from(table).where(where)).scalar()


def class_id_of(engine, code: str) -> int:
    with engine.connect() as db:
        return db.execute(select(classes.c.id).where(classes.c.code == code)).scalar()


def test_joins_that_arrive_together_never_pass_the_class_size(rooms, engine, monkeypatch):
    monkeypatch.setattr(rooms_module, "MAX_STUDENTS", 40)
    made = keys.new_token
    monkeypatch.setattr(keys, "new_token", lambda: (time.sleep(0.005), made())[1])   # a busy server's pace
    opened = rooms.open_class()
    for i in range(30):
        rooms.join(opened.code, f"s{i}", HERE)
    outcomes = together(40, lambda i: rooms.join(opened.code, f"r{i}", HERE))
    assert outcomes == {"done": 10, "ClassroomError": 30}
    assert count(engine, students, students.c.class_id == class_id_of(engine, opened.code)) == 40


def test_drawings_from_one_seat_that_arrive_together_never_pass_its_limit(rooms, engine, monkeypatch):
    monkeypatch.setattr(rooms_module, "MAX_DRAWINGS_PER_STUDENT", 12)
    seat = rooms.join(rooms.open_class().code, "giver", HERE)       # one token, held by many tabs
    for i in range(4):
        rooms.give_drawing(seat.token, np.zeros((28, 28)), i)
    outcomes = together(16, lambda i: rooms.give_drawing(seat.token, np.zeros((28, 28)), i % 10))
    assert outcomes == {"done": 8, "ClassroomError": 8}
    assert rooms.my_drawing_count(seat.token) == 12


def test_drawings_from_many_seats_that_arrive_together_never_pass_the_class_limit(rooms, engine, monkeypatch):
    monkeypatch.setattr(rooms_module, "MAX_DRAWINGS_PER_CLASS", 10)
    opened = rooms.open_class()
    seats = [rooms.join(opened.code, f"s{i}", HERE) for i in range(16)]
    outcomes = together(16, lambda i: rooms.give_drawing(seats[i].token, np.zeros((28, 28)), i % 10))
    assert outcomes == {"done": 10, "ClassroomError": 6}
    assert count(engine, drawings, drawings.c.class_id == class_id_of(engine, opened.code)) == 10
    with pytest.raises(ClassroomError, match="class already has 10 drawings"):
        rooms.give_drawing(seats[0].token, np.zeros((28, 28)), 1)


def test_entries_from_one_seat_that_arrive_together_never_pass_its_limit_nor_make_two_rows(rooms, monkeypatch):
    monkeypatch.setattr(rooms_module, "MAX_ENTRIES_PER_STUDENT", 6)
    opened = rooms.open_class()
    seat = rooms.join(opened.code, "entrant", HERE)
    outcomes = together(12, lambda i: rooms.enter_challenge(seat.token, f"784-{i}-10", 0.5 + i / 100, 500))
    assert outcomes == {"done": 6, "ClassroomError": 6}
    board = rooms.console(opened.code, opened.teacher_key, HERE).leaderboard
    assert len(board) == 1
    with pytest.raises(ClassroomError, match="entered the challenge 6 times"):
        rooms.enter_challenge(seat.token, "784-10", 0.99, 500)


def test_the_counts_migration_keeps_every_row_and_counts_them(store_url):
    """A store at 0002 with a class in it, brought to head: nothing lost (a batch copy of `classes` on SQLite would
    cascade-delete its students), and the new counts say what the rows hold."""
    from sqlalchemy import text

    from classroom.store import open_engine, upgrade

    engine = open_engine(store_url, migrate=False)
    upgrade(engine, "0002")
    with engine.begin() as db:
        db.execute(text("INSERT INTO classes (id, code, key_hash, key_salt, opened_at, expires_at, step_moves, "
                        "edit_resets) VALUES (1, 'ABCDEF', :h, :s, 0, 1e12, 0, 0)"), {"h": b"h" * 64, "s": b"s" * 16})
        for student in (1, 2, 3):
            db.execute(text("INSERT INTO students (id, class_id, token_hash, nickname, joined_at) "
                            "VALUES (:i, 1, :t, :n, 0)"), {"i": student, "t": bytes([student]) * 32, "n": f"s{student}"})
        for drawing in range(5):
            db.execute(text("INSERT INTO drawings (class_id, student_id, label, pixels, drawn_at) "
                            "VALUES (1, :s, 1, :p, 0)"), {"s": 1 + drawing % 2, "p": bytes(784)})
        db.execute(text("INSERT INTO entries (class_id, student_id, recipe, accuracy, digits, submitted_at) "
                        "VALUES (1, 1, 'x', 0.5, 500, 0)"))
    upgrade(engine)
    with engine.connect() as db:
        assert db.execute(text("SELECT seats_taken, drawings_given, joining_open FROM classes")).one() == (3, 5, True)
        assert sorted(db.execute(text("SELECT id, drawings_given, entries_made FROM students")).all()) == [
            (1, 3, 1), (2, 2, 0), (3, 0, 0)]
    engine.dispose()


def test_leaving_gives_the_seat_back_with_all_it_gave_and_the_counts_go_down(rooms, engine, monkeypatch):
    monkeypatch.setattr(rooms_module, "MAX_STUDENTS", 2)
    monkeypatch.setattr(rooms_module, "MAX_DRAWINGS_PER_CLASS", 4)
    opened = rooms.open_class()
    stays, leaves = rooms.join(opened.code, "Stays", HERE), rooms.join(opened.code, "Leaves", HERE)
    for seat in (stays, leaves):
        rooms.answer(seat.token, "cost", "2", 2.0, "2.0", True, "classic")
        rooms.give_drawing(seat.token, np.zeros((28, 28)), 1)
        rooms.give_drawing(seat.token, np.zeros((28, 28)), 2)
        rooms.enter_challenge(seat.token, "784-10", 0.5, 500)
    rooms.leave(leaves.token)
    rooms.leave(leaves.token)                                         # (again, from a second tab: nothing more)
    with pytest.raises(rooms_module.NoSuchClassError):
        rooms.follow(leaves.token)
    found = rooms.console(opened.code, opened.teacher_key, HERE)
    assert found.nicknames == ("Stays",) and found.drawing_count == 2 and len(found.answers) == 1
    assert [entry.nickname for entry in found.leaderboard] == ["Stays"]
    again = rooms.join(opened.code, "Back", HERE)                     # the seat and its two drawings are free again
    rooms.give_drawing(again.token, np.zeros((28, 28)), 3)
    rooms.give_drawing(again.token, np.zeros((28, 28)), 4)
    with engine.connect() as db:
        row = db.execute(select(classes.c.seats_taken, classes.c.drawings_given)).one()
    assert tuple(row) == (2, 4)
