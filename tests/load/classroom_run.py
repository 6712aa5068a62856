"""A class of 30 on one server, through the app's own pages (scripts/class_load.py runs it):

- a teacher opens a class on the console, which refreshes itself every few seconds;
- 24 students join with the code (on the Join page), then interact every 2-4 s: half move sliders
  (Turn the knobs, One neuron, Inside); half, on the Draw page, give a labelled drawing or an
  answer every 2-4 s, sent straight to the class store the server uses (this client cannot draw
  on the pad's canvas; the browser test does that), timed as the store answers;
- 5 students join and train at full speed on Watch it learn;
- every student's page follows the teacher (its follow fragment, as a browser tab runs it);
- half-way, the teacher sends everyone to a lesson step: how long until each student's page shows it.

Every interaction is a rerun request over the websocket; its time is from sending it to the
server's "script finished" on 127.0.0.1, so it is the server's time plus a local round trip.
"""
from __future__ import annotations

import asyncio
import random
import time

from streamlit.proto.WidgetStates_pb2 import WidgetState

from tests.load.protocol import Session
from tests.load.run import summary_ms

SLIDER_PAGES = ["knobs", "neuron", "inside"]
MOVE_TO_STEP = 6          # "everyone to step 7" (0-based 6): one the students are not on


def step_page(index: int) -> str:
    from nn_core.lesson import lesson_path, read_lesson
    from ui.lesson.file import KNOWN

    return read_lesson(lesson_path(), KNOWN).steps[index].page


def text_state(session: Session, key: str, value: str) -> WidgetState:
    state = WidgetState(id=session.widgets[key].id)
    state.string_value = value
    return state


def trigger_state(session: Session, key: str) -> WidgetState:
    return WidgetState(id=session.widgets[key].id, trigger_value=True)


async def join(session: Session, code: str, nickname: str) -> None:
    """Open 'Join a class', type the code and a nickname, press Join; then go to the session's own page."""
    page = session.page
    session.page = "join"
    await session.connect()
    for _ in range(3):   # (a page a fresh server does not know yet comes as the home page: ask again)
        if "class_join_code" in session.widgets:
            break
        await asyncio.sleep(0.5)
        await session.rerun()
    result = await session.rerun([text_state(session, "class_join_code", code),
                                  text_state(session, "class_join_nickname", nickname),
                                  trigger_state(session, "class_join_submit")])
    if not any("You are in class" in text for text in result.texts) and result.exceptions:
        raise RuntimeError(f"{nickname} could not join: {result.exceptions or result.errors}")
    session.page = page
    session.fragments.clear()   # the Join page's fragments are gone once the tab is on another page, as in a browser
    await session.rerun()


async def open_console(session: Session) -> tuple[str, str]:
    """The teacher opens a class on the console; the code and the key shown once."""
    await session.connect()
    result = await session.rerun([trigger_state(session, "class_open_submit")])
    shown = next(text for text in result.texts if "aria-label='teacher key'" in text)   # on a screen of its own
    key = shown.split(">", 1)[1].split("<", 1)[0].strip()
    result = await session.rerun([trigger_state(session, "class_key_hide")])          # "I have written it down"
    code = next(text for text in result.plain if len(text) == 6 and text.isalnum())   # big, under the join address
    return code, key


async def slider_student(session: Session, seed: int, seconds: float, latencies: dict) -> None:
    from tests.load.run import _active_visitor

    await _active_visitor(session, seed, seconds, latencies.setdefault("slider release", []))


async def store_student(code: str, seed: int, seconds: float, latencies: dict, acknowledged: list) -> None:
    """Answers and drawings every 2-4 s, sent to the class store the server uses (not through a page:
    this websocket client cannot draw on the pad), timed as the store answers them."""
    import numpy as np

    from classroom.rooms import Rooms
    from classroom.store import open_engine
    from nn_core.data import load_embedded

    _, test = load_embedded()
    rng = random.Random(seed)
    loop = asyncio.get_running_loop()
    rooms = Rooms(open_engine())
    seat = await loop.run_in_executor(None, rooms.join, code, f"writer {seed}", f"10.0.0.{seed}")
    deadline = time.perf_counter() + seconds
    await asyncio.sleep(rng.uniform(0, 3))
    kind = 0
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        if kind == 0:
            index = rng.randrange(len(test))
            await loop.run_in_executor(None, rooms.give_drawing, seat.token, np.asarray(test.images[index]),
                                       int(test.labels[index]))
            latencies.setdefault("drawing given (store)", []).append(time.perf_counter() - started)
            acknowledged.append(1)
        else:
            guess = rng.choice([784, 100, 28])
            await loop.run_in_executor(None, rooms.answer, seat.token, "draw", str(guess), float(guess), "784",
                                       guess == 784, "classic")
            latencies.setdefault("answer sent (store)", []).append(time.perf_counter() - started)
        kind = 1 - kind
        await asyncio.sleep(rng.uniform(2, 4))
    rooms.engine.dispose()


async def follow(session: Session, seconds: float, latencies: list, reached: dict, name: str, moved: dict) -> None:
    """The page's fragments on their timers (the follow line, a trainer's ticks); note when the move arrives."""
    def seen(result) -> bool:
        latencies.append(result.seconds)
        if "at" not in moved or name in reached or not any(f"step {MOVE_TO_STEP + 1} of" in t for t in result.texts):
            return False
        reached[name] = time.perf_counter() - moved["at"]
        # the server switched this tab to the step's page and ran it; like a browser, this client now
        # asks for that page, and keeps only the timed fragments that page registered
        session.page = step_page(MOVE_TO_STEP)
        session.fragments = {f: session.fragments[f] for f in result.fragments if f in session.fragments}
        return True

    await session.keep_ticking(seconds, seen)


async def teacher_moves(teacher: Session, after: float, moved: dict, latencies: dict) -> None:
    """Half-way: choose the step and press 'Everyone to step N'."""
    await asyncio.sleep(after)
    await teacher.rerun()   # the console's full page, with its step chooser
    choice = teacher.widgets["class_step_choice"]
    option = next(o for o in choice.options if o.startswith(f"{MOVE_TO_STEP + 1}. "))
    moved["at"] = time.perf_counter()
    result = await teacher.rerun([text_state(teacher, "class_step_choice", option),
                                  trigger_state(teacher, "class_move")])
    teacher.fragments = {f: teacher.fragments[f] for f in result.fragments if f in teacher.fragments}
    latencies.setdefault("teacher moves everyone", []).append(result.seconds)


async def class_run(base_url: str, students: int = 24, trainers: int = 5, seconds: float = 60.0) -> dict:
    from tests.load.run import trainer_query

    warm = Session(base_url, "")      # a first visitor on the home page loads the models and runs st.navigation once
    await warm.connect()
    await warm.close()
    teacher = Session(base_url, "console")
    code, key = await open_console(teacher)
    pages = [SLIDER_PAGES[i % 3] if i % 2 == 0 else "draw" for i in range(students)]
    learners = [Session(base_url, page) for page in pages]
    training = [Session(base_url, "train", trainer_query(k)[0]) for k in range(trainers)]
    opened = time.perf_counter()
    for i, session in enumerate([*learners, *training]):
        await join(session, code, f"student {i + 1}")
    joined_seconds = time.perf_counter() - opened
    for session in training:
        await session.click("train_toggle")
    latencies: dict[str, list[float]] = {}
    reached: dict[str, float] = {}
    moved: dict[str, float] = {}
    everyone = {f"student {i + 1}": s for i, s in enumerate([*learners, *training])}
    acknowledged: list = []
    actors = [slider_student(s, i, seconds, latencies) if s.page != "draw" else
              store_student(code, i, seconds, latencies, acknowledged) for i, s in enumerate(learners)]
    await asyncio.gather(
        *actors,
        *(follow(s, seconds, latencies.setdefault("follow tick" if s.page != "train" else "trainer tick", []), reached,
                 name, moved) for name, s in everyone.items()),
        follow(teacher, seconds, latencies.setdefault("console refresh", []), {}, "teacher", {}),
        teacher_moves(teacher, seconds / 2, moved, latencies),
    )
    for session in [teacher, *everyone.values()]:
        await session.close()
    report = {"class_code": code, "students": len(everyone), "joined_in_seconds": round(joined_seconds, 1),
              "acknowledged_drawings": len(acknowledged),
              "interactions": {kind: summary_ms(values) for kind, values in latencies.items() if values},
              "move_reached": len(reached), "move_slowest_s": round(max(reached.values()), 2) if reached else None,
              "move_median_s": round(sorted(reached.values())[len(reached) // 2], 2) if reached else None,
              "move_reach_s": sorted(round(v, 2) for v in reached.values()),
              "move_over_3s": {name: [everyone[name].page, round(v, 2)] for name, v in reached.items() if v > 3},
              "teacher_key": key}
    return report
