"""A class of 30 on one server, through the app's own pages (scripts/class_load.py runs it):

- a teacher opens a class on the console, which refreshes itself every few seconds;
- 24 students join with the code, then interact every 2-4 s: half move sliders (Turn the knobs,
  One neuron, Inside), half draw on the Draw page in the lesson, give the drawing to the class
  with its label, and reveal the lesson question's answer with a guess;
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
    result = await session.rerun([text_state(session, "class_join_code", code),
                                  text_state(session, "class_join_nickname", nickname),
                                  trigger_state(session, "class_join_submit")])
    if not any("You are in class" in text for text in result.texts) and result.exceptions:
        raise RuntimeError(f"{nickname} could not join: {result.exceptions or result.errors}")
    session.page = page
    await session.rerun()


async def open_console(session: Session) -> tuple[str, str]:
    """The teacher opens a class on the console; the code and the key shown once."""
    await session.connect()
    result = await session.rerun([trigger_state(session, "class_open_submit")])
    key = next(text.split("`")[1] for text in result.texts if text.startswith("**Teacher key:"))
    code = next(text.split(">")[1].split("<")[0] for text in result.texts if "aria-label='class code'" in text)
    return code, key


def drawing_payload(seq: int, rng: random.Random) -> tuple[dict, int]:
    """A pad drawing of an embedded test digit, as the pad sends it (tests/app/test_draw), and its label."""
    from nn_core.data import load_embedded
    from tests.app.test_draw import drawing_of, pad_payload

    _, test = load_embedded()
    index = rng.randrange(len(test))
    return pad_payload(seq, drawing_of(index, seed=seq)), int(test.labels[index])


async def slider_student(session: Session, seed: int, seconds: float, latencies: dict) -> None:
    from tests.load.run import _active_visitor

    await _active_visitor(session, seed, seconds, latencies.setdefault("slider release", []))


async def drawing_student(session: Session, seed: int, seconds: float, latencies: dict) -> None:
    """Draw, give the drawing with its label, reveal the step's answer with a guess: one every 2-4 s."""
    rng = random.Random(seed)
    deadline = time.perf_counter() + seconds
    await asyncio.sleep(rng.uniform(0, 3))
    seq, kind = 0, 0
    while time.perf_counter() < deadline:
        seq += 1
        if kind == 0:
            payload, label = drawing_payload(seq, rng)
            result = await session.trigger("nn_drawing_pad", "drawing", payload)
            latencies.setdefault("drawing sent", []).append(result.seconds)
            state = WidgetState(id=session.widgets["class_drawing_label"].id)
            state.string_array_value.data.extend([str(label)])
            result = await session.rerun([state, trigger_state(session, "class_drawing_submit")],
                                         fragment=session.fragment_of.get("class_drawing_submit", ""), auto=False)
            latencies.setdefault("drawing given", []).append(result.seconds)
            if any(text.startswith("Given:") for text in result.texts):
                latencies.setdefault("acknowledged drawings", []).append(1.0)
        elif "lesson_reveal" in session.widgets and "lesson_guess_draw" in session.widgets:
            guess = WidgetState(id=session.widgets["lesson_guess_draw"].id)
            guess.double_value = float(rng.choice([784, 100, 28, 785]))
            result = await session.rerun([guess, trigger_state(session, "lesson_reveal")])
            latencies.setdefault("answer revealed", []).append(result.seconds)
        kind = 1 - kind
        await asyncio.sleep(rng.uniform(2, 4))


async def follow(session: Session, seconds: float, latencies: list, reached: dict, name: str, moved: dict) -> None:
    """The page's fragments on their timers (the follow line, a trainer's ticks); note when the move arrives."""
    deadline = time.perf_counter() + seconds
    due: dict[str, float] = {}
    while time.perf_counter() < deadline:
        now = time.perf_counter()
        for fragment, interval in list(session.fragments.items()):
            due.setdefault(fragment, now + interval)
        for fragment in [f for f in due if f not in session.fragments]:
            del due[fragment]
        for fragment in [f for f, when in due.items() if when <= now]:
            due[fragment] = now + session.fragments[fragment]
            result = await session.rerun(fragment=fragment)
            latencies.append(result.seconds)
            if "at" in moved and name not in reached and any(
                    f"step {MOVE_TO_STEP + 1} of" in text for text in result.texts):
                reached[name] = time.perf_counter() - moved["at"]
        upcoming = min(due.values(), default=now + 0.1)
        await asyncio.sleep(max(0.0, min(upcoming, deadline) - time.perf_counter()))


async def teacher_moves(teacher: Session, after: float, moved: dict, latencies: dict) -> None:
    """Half-way: choose the step and press 'Everyone to step N'."""
    await asyncio.sleep(after)
    await teacher.rerun()   # the console's full page, with its step chooser
    choice = teacher.widgets["class_step_choice"]
    option = next(o for o in choice.options if o.startswith(f"{MOVE_TO_STEP + 1}. "))
    moved["at"] = time.perf_counter()
    result = await teacher.rerun([text_state(teacher, "class_step_choice", option),
                                  trigger_state(teacher, "class_move")])
    latencies.setdefault("teacher moves everyone", []).append(result.seconds)


async def class_run(base_url: str, students: int = 24, trainers: int = 5, seconds: float = 60.0) -> dict:
    from tests.load.run import trainer_query

    teacher = Session(base_url, "console")
    code, key = await open_console(teacher)
    pages = [SLIDER_PAGES[i % 3] if i % 2 == 0 else "draw" for i in range(students)]
    learners = [Session(base_url, page, "lesson=1" if page == "draw" else "") for page in pages]
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
    actors = [slider_student(s, i, seconds, latencies) if s.page != "draw" else drawing_student(s, i, seconds, latencies)
              for i, s in enumerate(learners)]
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
              "acknowledged_drawings": len(latencies.pop("acknowledged drawings", [])),
              "interactions": {kind: summary_ms(values) for kind, values in latencies.items() if values},
              "move_reached": len(reached), "move_slowest_s": round(max(reached.values()), 2) if reached else None,
              "move_median_s": round(sorted(reached.values())[len(reached) // 2], 2) if reached else None,
              "teacher_key": key}
    return report
