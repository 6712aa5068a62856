"""The classroom's rules, one test per rule, on SQLite and on PostgreSQL."""
from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from classroom import keys
from classroom.rooms import (
    CLASS_CODE_LIMIT,
    MAX_DRAWINGS_PER_STUDENT,
    TEACHER_KEY_LIMIT,
    ClassroomError,
    NoSuchClassError,
    TooManyTriesError,
    WrongKeyError,
)
from classroom.schema import METADATA, answers, classes, drawings, entries, students

HERE = "127.0.0.1"


def all_rows(engine) -> dict[str, list]:
    with engine.connect() as db:
        return {table.name: db.execute(select(table)).all() for table in METADATA.sorted_tables}


def test_a_new_class_has_a_short_code_and_a_key_kept_only_as_a_slow_hash(rooms, engine):
    opened = rooms.open_class()
    assert len(opened.code) == 6 and set(opened.code) <= set(keys.CODE_ALPHABET)
    assert len(opened.teacher_key) >= 12
    everything = repr(all_rows(engine)).encode()
    assert opened.teacher_key.encode() not in everything            # not in any column, in any form we can see
    with engine.connect() as db:
        row = db.execute(select(classes)).one()
    assert bytes(row.key_hash) == keys.slow_hash(opened.teacher_key, bytes(row.key_salt))
    assert keys.SCRYPT["n"] >= 2 ** 14                               # slow: about 50 ms a try


def test_a_student_joins_with_the_code_as_typed_and_follows_the_class(rooms):
    opened = rooms.open_class()
    typed = f" {opened.code[:3].lower()}-{opened.code[3:].lower()} "
    seat = rooms.join(typed, "Sam", HERE)
    assert seat.nickname == "Sam" and seat.code == opened.code
    state = rooms.follow(seat.token)
    assert (state.code, state.lesson_step, state.step_moves, state.edit_resets) == (opened.code, None, 0, 0)
    assert rooms.join(opened.code, "", HERE).nickname == "Student 2"   # no nickname asked for
    assert rooms.seat(seat.token) == seat                               # a tab that kept the token gets the seat back
    with pytest.raises(NoSuchClassError):
        rooms.seat("not-a-token")


def test_nicknames_are_plain_short_text(rooms, engine):
    code = rooms.open_class().code
    seat = rooms.join(code, "**Bo**\n[x](http://evil)\x00\u202e" + "y" * 100, HERE)
    assert len(seat.nickname) <= 24 and "\n" not in seat.nickname and "\x00" not in seat.nickname
    assert "\u202e" not in seat.nickname                              # no right-to-left override
    assert seat.nickname.startswith("**Bo** [x](http")                # kept as written: the app shows it as text


def test_the_teacher_moves_everyone_and_resets_their_edits(rooms):
    opened = rooms.open_class()
    seats = [rooms.join(opened.code, f"s{i}", HERE) for i in range(3)]
    rooms.move_everyone(opened.code, opened.teacher_key, HERE, 4)
    rooms.reset_edits(opened.code, opened.teacher_key, HERE)
    for seat in seats:
        state = rooms.follow(seat.token)
        assert (state.lesson_step, state.step_moves, state.edit_resets) == (4, 1, 1)
    rooms.move_everyone(opened.code, opened.teacher_key, HERE, 4)     # the same step again still counts as a move
    assert rooms.follow(seats[0].token).step_moves == 2


def test_a_move_stays_within_the_steps_the_class_uses(rooms):
    opened = rooms.open_class()
    seat = rooms.join(opened.code, "Sam", HERE)
    rooms.set_settings(opened.code, opened.teacher_key, HERE, "simple", 2, 4, False)
    for outside in (1, 5):
        with pytest.raises(ClassroomError, match=f"step {outside + 1} is outside the steps this class uses"):
            rooms.move_everyone(opened.code, opened.teacher_key, HERE, outside)
    assert rooms.follow(seat.token).step_moves == 0
    rooms.move_everyone(opened.code, opened.teacher_key, HERE, 4)
    assert (rooms.follow(seat.token).lesson_step, rooms.follow(seat.token).step_moves) == (4, 1)


def test_every_teacher_action_checks_the_key(rooms):
    opened = rooms.open_class()
    seat = rooms.join(opened.code, "Sam", HERE)
    for action in (lambda key: rooms.console(opened.code, key, HERE),
                   lambda key: rooms.move_everyone(opened.code, key, HERE, 2),
                   lambda key: rooms.reset_edits(opened.code, key, HERE),
                   lambda key: rooms.class_digits(opened.code, key, HERE),
                   lambda key: rooms.close_class(opened.code, key, HERE)):
        with pytest.raises(WrongKeyError):
            action(seat.token)                                        # a student's own token is not a key
    assert rooms.follow(seat.token).step_moves == 0                   # nothing happened


def test_wrong_teacher_keys_are_limited_per_device_and_never_close_a_signed_in_console(rooms, clock):
    first, second = rooms.open_class(), rooms.open_class()
    for _ in range(TEACHER_KEY_LIMIT.allowed):
        with pytest.raises(WrongKeyError):
            rooms.sign_in(first.code, "guess", "10.0.0.9")
    with pytest.raises(TooManyTriesError):
        rooms.sign_in(first.code, first.teacher_key, "10.0.0.9")   # this device waits, even with the right key
    assert rooms.sign_in(first.code, first.teacher_key, HERE).state.code == first.code   # another device signs in
    assert rooms.console(first.code, first.teacher_key, "10.0.0.9").state.code == first.code  # a console re-checks its key
    assert rooms.sign_in(second.code, second.teacher_key, "10.0.0.9").state.code == second.code   # another class
    clock.advance(TEACHER_KEY_LIMIT.window + 1)
    assert rooms.sign_in(first.code, first.teacher_key, "10.0.0.9").state.code == first.code


def test_wrong_class_codes_are_limited_per_device_and_a_right_code_always_gets_in(rooms, clock):
    opened = rooms.open_class()
    for i in range(CLASS_CODE_LIMIT.allowed):
        with pytest.raises(NoSuchClassError):
            rooms.join(f"ZZZZ{i:02d}", "x", "10.0.0.9")
    with pytest.raises(TooManyTriesError):
        rooms.join("ZZZZZZ", "x", "10.0.0.9")
    assert rooms.join(opened.code, "x", "10.0.0.9").nickname == "x"          # the right code, from the same device
    assert rooms.console(opened.code, opened.teacher_key, "10.0.0.9").nicknames == ("x",)   # its teacher, too
    assert rooms.sign_in(opened.code, opened.teacher_key, "10.0.0.9").nicknames == ("x",)
    with pytest.raises(NoSuchClassError):
        rooms.join("ZZZZZZ", "y", "10.0.0.10")                               # another device's wrong code: its own
    clock.advance(CLASS_CODE_LIMIT.window + 1)
    with pytest.raises(NoSuchClassError):
        rooms.join("ZZZZZZ", "x", "10.0.0.9")


def test_one_class_never_sees_another_class_data(rooms):
    a, b = rooms.open_class(), rooms.open_class()
    in_a, in_b = rooms.join(a.code, "Ann", HERE), rooms.join(b.code, "Ben", HERE)
    rooms.answer(in_a.token, "flip-to-3", "4", 4.0, "4.25", True, "classic")
    rooms.give_drawing(in_a.token, np.full((28, 28), 200), 7)
    rooms.enter_challenge(in_a.token, "784-16-16-10", 0.91, 1000)
    seen_by_b = rooms.console(b.code, b.teacher_key, HERE)
    assert seen_by_b.nicknames == ("Ben",) and seen_by_b.answers == () and seen_by_b.drawing_count == 0
    assert seen_by_b.leaderboard == ()
    assert len(rooms.class_digits(b.code, b.teacher_key, HERE).labels) == 0
    with pytest.raises(WrongKeyError):
        rooms.console(b.code, a.teacher_key, HERE)                    # A's key does not open B
    assert rooms.follow(in_b.token).code == b.code


def test_a_later_answer_to_the_same_question_replaces_the_first(rooms):
    opened = rooms.open_class()
    seat = rooms.join(opened.code, "Sam", HERE)
    rooms.answer(seat.token, "silence-7", "80", 80.0, "83.6 %", False, "classic")
    rooms.answer(seat.token, "silence-7", "83", 83.0, "83.6 %", True, "classic")
    rows = rooms.console(opened.code, opened.teacher_key, HERE).answers
    assert [(row.nickname, row.guess_number, row.right) for row in rows] == [("Sam", 83.0, True)]


def test_drawings_are_stored_as_28x28_digits_only(rooms, engine):
    opened = rooms.open_class()
    seat = rooms.join(opened.code, "Sam", HERE)
    pixels = np.arange(784).reshape(28, 28) % 256
    assert rooms.give_drawing(seat.token, pixels, 3) == 1
    with engine.connect() as db:
        row = db.execute(select(drawings)).one()
    assert len(bytes(row.pixels)) == 784 and row.label == 3
    assert set(drawings.c.keys()) == {"id", "class_id", "student_id", "label", "pixels", "drawn_at"}
    got = rooms.class_digits(opened.code, opened.teacher_key, HERE)
    assert np.array_equal(got.images[0], pixels.astype(np.uint8)) and got.labels.tolist() == [3]
    for bad_pixels, bad_label in ((np.zeros((32, 32)), 3), (np.zeros(785), 3), (pixels, 10), (pixels, -1), (pixels, 2.5)):
        with pytest.raises(ClassroomError):
            rooms.give_drawing(seat.token, bad_pixels, bad_label)
    with engine.connect() as db, pytest.raises(IntegrityError):       # and the database itself refuses anything else
        db.execute(insert(drawings).values(class_id=row.class_id, student_id=row.student_id, label=3,
                                           pixels=b"\0" * 785, drawn_at=0.0))


def test_a_student_gives_at_most_so_many_drawings(rooms, monkeypatch):
    import classroom.rooms as rooms_module

    monkeypatch.setattr(rooms_module, "MAX_DRAWINGS_PER_STUDENT", 3)
    seat = rooms.join(rooms.open_class().code, "Sam", HERE)
    for _ in range(3):
        rooms.give_drawing(seat.token, np.zeros((28, 28)), 1)
    with pytest.raises(ClassroomError, match="drawings"):
        rooms.give_drawing(seat.token, np.zeros((28, 28)), 1)
    assert MAX_DRAWINGS_PER_STUDENT >= 50


def test_the_board_keeps_each_student_best_entry_and_ranks_them(rooms):
    opened = rooms.open_class()
    ann, ben, cy = (rooms.join(opened.code, name, HERE) for name in ("Ann", "Ben", "Cy"))
    for bad in (1.5, -0.1, float("nan"), float("inf")):
        with pytest.raises(ClassroomError):
            rooms.enter_challenge(ann.token, "x", bad, 1000)
    assert rooms.my_entry(ann.token) is None
    assert rooms.enter_challenge(ann.token, "784-16-16-10", 0.90, 1000)
    assert rooms.enter_challenge(ben.token, "784-30-10", 0.93, 1000)
    assert not rooms.enter_challenge(ann.token, "784-64-10", 0.85, 1000)   # worse: her best stays
    assert rooms.enter_challenge(ann.token, "784-64-10", 0.95, 1000)       # better: it replaces it
    board = rooms.console(opened.code, opened.teacher_key, HERE).leaderboard
    assert [(entry.nickname, entry.recipe, entry.accuracy) for entry in board] == [
        ("Ann", "784-64-10", 0.95), ("Ben", "784-30-10", 0.93)]
    assert (rooms.my_entry(ann.token).recipe, rooms.my_entry(ann.token).accuracy) == ("784-64-10", 0.95)
    assert rooms.my_entry(cy.token) is None


def test_closing_a_class_deletes_all_it_holds_and_nothing_else(rooms, engine):
    closing, staying = rooms.open_class(), rooms.open_class()
    for opened in (closing, staying):
        seat = rooms.join(opened.code, "Sam", HERE)
        rooms.answer(seat.token, "cost", "2", 2.0, "2.018", True, "classic")
        rooms.give_drawing(seat.token, np.zeros((28, 28)), 0)
        rooms.enter_challenge(seat.token, "784-16-16-10", 0.9, 1000)
    gone = rooms.join(closing.code, "Leaving", HERE)
    rooms.close_class(closing.code, closing.teacher_key, HERE)
    rows = all_rows(engine)
    for table in (classes, students, answers, drawings, entries):
        assert len(rows[table.name]) == 1, table.name   # the staying class, its one student and their rows
    with pytest.raises(NoSuchClassError):
        rooms.follow(gone.token)
    with pytest.raises(NoSuchClassError):
        rooms.join(closing.code, "late", HERE)
    assert rooms.console(staying.code, staying.teacher_key, HERE).drawing_count == 1


def test_a_class_expires_by_itself_after_its_time(rooms, clock, engine):
    opened = rooms.open_class()                                        # 24 h by default
    seat = rooms.join(opened.code, "Sam", HERE)
    rooms.give_drawing(seat.token, np.zeros((28, 28)), 0)
    assert opened.expires_at - clock.now == pytest.approx(24 * 3600)
    clock.advance(24 * 3600 - 5)
    assert rooms.follow(seat.token).code == opened.code
    clock.advance(10)
    with pytest.raises(NoSuchClassError):
        rooms.follow(seat.token)
    with pytest.raises(NoSuchClassError):
        rooms.console(opened.code, opened.teacher_key, HERE)
    assert rooms.purge_expired() == 1
    assert all(len(rows) == 0 for name, rows in all_rows(engine).items() if name != "attempts")
    short = rooms.open_class(hours=0.5)
    assert short.expires_at - clock.now == pytest.approx(1800)
    for bad in (0, -1, float("nan"), 24 * 8):
        with pytest.raises(ClassroomError):
            rooms.open_class(hours=bad)


def test_what_was_sent_survives_a_restart(store_url, clock):
    from classroom.rooms import Rooms
    from classroom.store import open_engine

    first = open_engine(store_url)
    rooms = Rooms(first, clock)
    opened = rooms.open_class()
    seat = rooms.join(opened.code, "Sam", HERE)
    rooms.answer(seat.token, "cost", "2", 2.0, "2.018", True, "classic")
    rooms.give_drawing(seat.token, np.full((28, 28), 9), 4)
    first.dispose()                                                    # the server stops
    again = Rooms(open_engine(store_url), clock)                       # and starts again (migrating is a no-op)
    console = again.console(opened.code, opened.teacher_key, HERE)
    assert console.answers[0].guess == "2" and console.drawing_count == 1
    assert again.follow(seat.token).code == opened.code
    again.engine.dispose()


def test_the_class_settings_are_checked_kept_and_followed_by_every_student(rooms):
    opened = rooms.open_class()
    seat = rooms.join(opened.code, "Sam", HERE)
    state = rooms.follow(seat.token)
    assert (state.level, state.first_step, state.last_step, state.lock_next) == ("simple", None, None, False)
    rooms.set_settings(opened.code, opened.teacher_key, HERE, "full", 2, 6, True)
    state = rooms.follow(seat.token)
    assert (state.level, state.first_step, state.last_step, state.lock_next) == ("full", 2, 6, True)
    rooms.set_settings(opened.code, opened.teacher_key, HERE, "simple", None, 4, False)   # open at the start
    assert (rooms.follow(seat.token).first_step, rooms.follow(seat.token).last_step) == (None, 4)
    for wrong in (("maths", None, None, False), ("full", 5, 2, False), ("full", -1, None, False),
                  ("full", 1.5, None, False), ("full", None, None, "yes")):
        with pytest.raises(ClassroomError):
            rooms.set_settings(opened.code, opened.teacher_key, HERE, *wrong)
    with pytest.raises(WrongKeyError):
        rooms.set_settings(opened.code, "not-the-key", HERE, "full", None, None, False)
    assert rooms.follow(seat.token).level == "simple"                    # nothing refused was kept


def test_a_student_says_where_they_are_and_the_board_keeps_since_when_they_are_on_that_step(rooms, clock):
    opened = rooms.open_class()
    ana = rooms.join(opened.code, "Ana", HERE)
    rooms.join(opened.code, "Ben", HERE)
    board = rooms.console(opened.code, opened.teacher_key, HERE).students
    assert [(w.nickname, w.step, w.last_seen) for w in board] == [("Ana", None, None), ("Ben", None, None)]
    start = clock.now
    rooms.report_whereabouts(ana.token, 3, False, True)
    clock.advance(40)
    rooms.report_whereabouts(ana.token, 3, True, True)        # the same step, now done: since when stays
    found = rooms.console(opened.code, opened.teacher_key, HERE)
    ana_now = found.students[0]
    assert (ana_now.step, ana_now.step_since, ana_now.done, ana_now.guess_locked) == (3, start, True, True)
    assert ana_now.last_seen == clock.now == found.read_at
    clock.advance(10)
    rooms.report_whereabouts(ana.token, 4, False, False)      # a new step: since now
    assert rooms.console(opened.code, opened.teacher_key, HERE).students[0].step_since == clock.now
    rooms.report_whereabouts(ana.token, None, False, False)   # left the lesson
    assert rooms.console(opened.code, opened.teacher_key, HERE).students[0].step is None
    assert rooms.console(opened.code, opened.teacher_key, HERE).students[1].step is None   # Ben's row untouched
    with pytest.raises(ClassroomError):
        rooms.report_whereabouts(ana.token, -2, False, False)
    with pytest.raises(NoSuchClassError):
        rooms.report_whereabouts("not-a-token", 1, False, False)


def test_stuck_means_long_on_a_step_not_done_and_away_means_silent(rooms, clock):
    from classroom.rooms import AWAY_SECONDS, STUCK_MINUTES

    opened = rooms.open_class()
    seats = [rooms.join(opened.code, name, HERE) for name in ("Ana", "Ben", "Cy")]
    rooms.report_whereabouts(seats[0].token, 5, False, True)
    rooms.report_whereabouts(seats[1].token, 5, True, True)
    rooms.report_whereabouts(seats[2].token, 5, False, False)
    clock.advance(STUCK_MINUTES * 60 - 1)
    for seat in seats[:2]:
        rooms.report_whereabouts(seat.token, 5, seat is seats[1], True)
    found = rooms.console(opened.code, opened.teacher_key, HERE)
    assert [w.stuck(found.read_at) for w in found.students] == [False, False, False]
    clock.advance(2)
    found = rooms.console(opened.code, opened.teacher_key, HERE)
    assert [w.stuck(found.read_at) for w in found.students] == [True, False, True]   # Ben's step is done
    assert [w.away(found.read_at) for w in found.students] == [False, False, True]   # Cy said nothing since
    assert AWAY_SECONDS < STUCK_MINUTES * 60
