"""The console's board of students and the class's settings, in the app: a student's page tells the class where it
is (step, done, guess locked) and the board shows it; stuck and away are said in words after their time (the store's
clock is the test's); the class's level reaches a joined student's page; the class's steps bound Back, Next and Jump;
"Next waits for me" holds Next on the teacher's step until the teacher moves; the projector names nobody stuck."""
from __future__ import annotations

import time

import pytest

from classroom.rooms import AWAY_SECONDS, STUCK_MINUTES
from tests.app.conftest import all_text, shown
from tests.app.test_classroom import draw_on, join, open_class, zeros_of_drawing
from tests.classroom.conftest import Clock
from ui import state
from ui.classroom import shared
from ui.lesson.progress import HELD


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """The class store's clock, moved by the test (from now: classes are opened and expire on it)."""
    moved = Clock(time.time())
    monkeypatch.setattr(shared.rooms(), "clock", moved)
    return moved


def boards(teacher) -> list:
    return [frame.value for frame in teacher.table if "guess locked" in frame.value.columns]


def board_rows(teacher) -> list[dict]:
    teacher.run()
    assert not teacher.exception, teacher.exception
    (table,) = boards(teacher)
    return table.to_dict("records")


def summary_line(teacher) -> str:
    return next(m.value for m in teacher.markdown if " of " in m.value and " on step " in m.value)


def tick(student):
    """The follow tick (AppTest runs the whole script), and the rerun it may ask for."""
    student.run()
    student.run()
    assert not student.exception, student.exception
    return student


def on_step(student, index: int):
    """The student's card on lesson step ``index`` (as Next or a move would put it)."""
    student.session_state[state.LESSON_ON] = True
    student.session_state[state.LESSON_STEP] = index
    return tick(student)


def test_a_student_step_done_and_guess_reach_the_board(clock):
    teacher, code, _ = open_class()
    student = join(code, "Sam", page="pages/draw.py")
    assert board_rows(teacher)[0]["step"] == "–"                         # joined, not in the lesson
    on_step(student, 0)
    row = board_rows(teacher)[0]
    assert (row["student"], row["step"][:3], row["done"], row["guess locked"]) == ("Sam", "1\\.", "–", "–")
    student.number_input(key="lesson_guess_draw").set_value(zeros_of_drawing(3)).run()
    student.button(key="lesson_lock").click().run()
    tick(student)
    assert board_rows(teacher)[0]["guess locked"] == "✓"
    draw_on(student, 3)                                                   # the step's action: a drawing arrives
    tick(student)
    row = board_rows(teacher)[0]
    assert (row["done"], row["guess locked"], row["last seen"]) == ("✓", "✓", "0 s ago")
    assert "1 of 1 on step 1, 1 done" in summary_line(teacher)


def test_stuck_is_flagged_in_words_after_stuck_minutes_and_away_after_silence(clock):
    teacher, code, _ = open_class()
    ana, ben = join(code, "Ana", page="pages/draw.py"), join(code, "Ben", page="pages/draw.py")
    for student in (ana, ben):
        on_step(student, 0)
    clock.advance(STUCK_MINUTES * 60 - 5)
    tick(ana)
    tick(ben)
    assert [row["status"] for row in board_rows(teacher)] == ["", ""]
    assert "stuck" not in summary_line(teacher)
    clock.advance(10)
    tick(ana)                                                              # Ana's page ticks on; Ben's went quiet
    rows = board_rows(teacher)
    assert [(row["status"], row["student"]) for row in rows] == [("⚠ stuck", "Ana"), ("⚠ stuck", "Ben")]
    assert rows[0]["on this step for"] == _minutes_seconds(STUCK_MINUTES * 60 + 5)
    assert "2 stuck: Ana, Ben" in summary_line(teacher)
    clock.advance(AWAY_SECONDS)
    tick(ana)
    rows = board_rows(teacher)
    assert [(row["status"], row["student"]) for row in rows] == [("⚠ stuck", "Ana"), ("· away", "Ben")]   # stuck first
    assert "1 stuck: Ana · 1 away: Ben" in summary_line(teacher)


def _minutes_seconds(seconds: float) -> str:
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


def test_the_class_level_reaches_a_joined_student_and_then_the_student_may_choose(clock):
    teacher, code, _ = open_class()
    student = tick(join(code, "Sam", page="pages/home.py"))               # the page was "with the maths"
    assert student.session_state[state.LEVEL] == "simple"                  # the class's level, on joining
    student.session_state[state.LEVEL] = "full"                           # the student's own choice ...
    tick(student)
    assert student.session_state[state.LEVEL] == "full"                    # ... is kept while the class's stays
    student.session_state[state.LEVEL] = "simple"
    tick(student)
    teacher.segmented_control(key=state.CLASS_SET_LEVEL).set_value("full").run()
    assert not teacher.exception, teacher.exception
    tick(student)
    assert student.session_state[state.LEVEL] == "full"
    assert student.segmented_control(key=state.LEVEL).value == "full"      # the sidebar's Words control says so


def test_the_class_steps_bound_back_next_and_jump(clock):
    teacher, code, _ = open_class()
    teacher.select_slider(key=state.CLASS_SET_STEPS).set_range(2, 4).run()
    assert not teacher.exception, teacher.exception
    student = join(code, "Sam", page="pages/home.py")
    on_step(student, 2)
    assert student.button(key="lesson_back").disabled                       # the class's first step
    offered = [option.split(".")[0] for option in teacher.selectbox(key="class_step_choice").options]
    assert offered == ["3", "4", "5"]                                       # the teacher moves within them too
    student.button(key="lesson_more").click().run()
    assert len(student.select_slider(key=state.LESSON_JUMP).options) == 3   # Jump offers steps 3 to 5 only
    for index in (3, 4):
        student.button(key="lesson_next").click().run()
        student.run()
        assert student.session_state[state.LESSON_STEP] == index
    assert student.button(key="lesson_next").label == "Finish"             # the class's last step
    student.button(key="lesson_back").click().run()
    student.run()
    assert student.session_state[state.LESSON_STEP] == 3


def test_next_waits_for_the_teacher_until_the_teacher_moves(clock):
    teacher, code, _ = open_class()
    teacher.toggle(key=state.CLASS_SET_LOCK).set_value(True).run()
    teacher.selectbox(key="class_step_choice").set_value(3)
    teacher.button(key="class_move").click().run()
    student = tick(join(code, "Sam", page="pages/home.py"))
    tick(student)
    assert student.session_state[state.LESSON_STEP] == 3
    next_button = student.button(key="lesson_next")
    assert next_button.disabled and next_button.help == HELD                # no further than the teacher's step
    student.button(key="lesson_back").click().run()
    student.run()
    assert not student.button(key="lesson_next").disabled                   # back is allowed, and Next up to it
    teacher.selectbox(key="class_step_choice").set_value(4)
    teacher.button(key="class_move").click().run()
    tick(student)
    assert student.session_state[state.LESSON_STEP] == 4
    assert student.button(key="lesson_next").disabled
    student.button(key="lesson_back").click().run()
    student.run()
    student.button(key="lesson_next").click().run()                        # up to the teacher's new step
    student.run()
    assert student.session_state[state.LESSON_STEP] == 4
    teacher.toggle(key=state.CLASS_SET_LOCK).set_value(False).run()
    tick(student)
    assert not student.button(key="lesson_next").disabled


def test_the_projector_view_counts_the_stuck_and_names_none_of_them(clock):
    teacher, code, _ = open_class()
    ana = join(code, "Ana", page="pages/draw.py")
    on_step(ana, 0)
    clock.advance(STUCK_MINUTES * 60 + 1)
    tick(ana)
    teacher.run()
    assert "1 stuck: Ana" in summary_line(teacher)
    teacher.button(key="class_projector").click().run()
    teacher.run()
    line = summary_line(teacher)
    assert "1 stuck" in line and "Ana" not in line
    assert not boards(teacher)
    assert "Ana" not in shown(" ".join(m.value for m in teacher.markdown)) and "stuck: Ana" not in all_text(teacher)


def test_a_page_that_changed_nothing_writes_only_every_report_seconds(clock):
    """30 pages ticking every second must not write 30 rows a second: an unchanged page says it is there now and then."""
    from ui.classroom.whereabouts import REPORT_SECONDS

    teacher, code, _ = open_class()
    student = on_step(join(code, "Sam", page="pages/draw.py"), 0)
    assert board_rows(teacher)[0]["last seen"] == "0 s ago"
    clock.advance(REPORT_SECONDS - 1)
    tick(student)
    tick(student)
    assert board_rows(teacher)[0]["last seen"] == f"{REPORT_SECONDS - 1:.0f} s ago"    # ticks, and nothing written
    clock.advance(2)
    tick(student)
    assert board_rows(teacher)[0]["last seen"] == "0 s ago"                            # still there, said once
