"""A class follows its teacher, over Streamlit's own websocket protocol (no browser needed): three students on
three pages join with the code; the teacher moves everyone three times, each time to a step on another page; every
move reaches every student, and each page then shows the step's card.

Counted, not timed: the test waits for every student to arrive (on a busy machine, later) and prints how long
each took; the class-of-30 timings are scripts/class_load.py's, on a quiet machine (README, "A class of 30").
"""
from __future__ import annotations

import asyncio

import pytest

from tests.load.classroom_run import follow, join, open_console, shows_step, steps_on_other_pages, teacher_moves
from tests.load.protocol import Session, run_coroutine

PAGES = ("knobs", "draw", "neuron")   # where the three students are when the teacher moves everyone
ARRIVE_WITHIN = 60.0                  # seconds: a bound for waiting, not a measurement


async def a_class_moves(url: str) -> tuple[list, list, int]:

    warm = Session(url, "")
    await warm.connect()
    await warm.close()
    teacher = Session(url, "console")
    code, _ = await open_console(teacher)
    students = {f"student {k + 1}": Session(url, page) for k, page in enumerate(PAGES)}
    for name, session in students.items():
        await join(session, code, name)
    moves: list[dict] = []
    for step in steps_on_other_pages(3):
        await teacher_moves(teacher, [step], 0.0, moves, {})
        everyone_there = lambda: len(moves[-1]["reached"]) == len(students)   # noqa: E731
        await asyncio.gather(*(follow(session, ARRIVE_WITHIN, [], name, moves, until=everyone_there)
                               for name, session in students.items()))
    shown = []
    for session in students.values():
        result = await session.rerun()               # the page each student is on now, drawn whole
        shown.append(shows_step(result, moves[-1]["step"]))
        await session.close()
    await teacher.close()
    return moves, shown, sum(session.silences for session in students.values())


@pytest.mark.slow
def test_every_move_reaches_every_student_on_every_page(own_server):
    moves, shown, silences = run_coroutine(a_class_moves(own_server.url))
    for move in moves:
        print(f"step {move['step'] + 1} reached the students in",
              {name: round(seconds, 2) for name, seconds in move["reached"].items()}, "s")
    assert [sorted(move["reached"]) for move in moves] == [["student 1", "student 2", "student 3"]] * 3
    assert all(shown), shown    # each page shows the lesson's card at the last step
    assert silences == 0        # no tick went to a fragment the server no longer held
