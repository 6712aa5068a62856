"""A class follows its teacher, over Streamlit's own websocket protocol (no browser needed): three students on
three pages join with the code; "Everyone to step 7" reaches every one of them, and each page then shows step 7.

Counted, not timed: the test waits for every student to arrive (on a busy machine, later) and prints how long
each took; the class-of-30 timings are scripts/class_load.py's, on a quiet machine (README, "A class of 30").
"""
from __future__ import annotations

import asyncio
import time

import pytest

from tests.load.classroom_run import MOVE_TO_STEP, follow, join, open_console, teacher_moves
from tests.load.protocol import Session, run_coroutine

PAGES = ("knobs", "draw", "neuron")   # where the three students are when the teacher moves everyone
ARRIVE_WITHIN = 60.0                  # seconds: a bound for waiting, not a measurement


async def a_class_moves(url: str) -> tuple[dict, list[str]]:
    warm = Session(url, "")
    await warm.connect()
    await warm.close()
    teacher = Session(url, "console")
    code, _ = await open_console(teacher)
    students = {f"student {k + 1}": Session(url, page) for k, page in enumerate(PAGES)}
    for name, session in students.items():
        await join(session, code, name)
    reached, moved, latencies = {}, {}, []
    await teacher_moves(teacher, 0.0, moved, {})
    deadline = time.perf_counter() + ARRIVE_WITHIN
    while len(reached) < len(students) and time.perf_counter() < deadline:
        await asyncio.gather(*(follow(session, 3.0, latencies, reached, name, moved)   # (a follow tick a second)
                               for name, session in students.items() if name not in reached))
    shown = []
    for session in students.values():
        result = await session.rerun()               # the page each student is on now, drawn whole
        shown.append(next((text for text in result.texts if f"step {MOVE_TO_STEP + 1} of" in text), ""))
        await session.close()
    await teacher.close()
    return reached, shown


@pytest.mark.slow
def test_everyone_to_step_7_reaches_every_student_on_every_page(own_server):
    reached, shown = run_coroutine(a_class_moves(own_server.url))
    print("the move reached the students in", {name: round(seconds, 2) for name, seconds in reached.items()}, "s")
    assert sorted(reached) == ["student 1", "student 2", "student 3"]
    assert all(shown), shown    # each page shows the lesson's card at step 7
