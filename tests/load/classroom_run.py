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
import functools
import random
import re
import time

from streamlit.proto.WidgetStates_pb2 import WidgetState

from tests.load.protocol import Session
from tests.load.run import LIVE_VIEWS, every_few_seconds, release_of, summary_ms
from ui.classroom import student

SLIDER_PAGES = ["knobs", "neuron", "inside"]


@functools.cache
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
    """Every 2-4 s, on whatever page the class is on: a live view's release where the page has one (the browser
    draws the drag; the server gets its end), else a rerun of the page, as any widget change makes."""
    async def act(rng, count) -> None:
        live, before = LIVE_VIEWS.get(session.page), session.page
        if live in session.widgets:
            event, payload = release_of(session.page, rng, count)
            result, kind = await session.trigger(live, event, payload), "live view release"
        else:
            result, kind = await session.rerun(), "page rerun"
        if result is None:     # (the page changed under the drag, as it can in a browser)
            return
        latencies.setdefault(kind, []).append(result.seconds)
        if session.page == before:   # (else the teacher's move overtook it: its answer is the step's page)
            latencies.setdefault(f"{kind}, not overtaken by a move", []).append(result.seconds)

    await every_few_seconds(seed, seconds, act)


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


FOLLOW_SECONDS = student.FOLLOW_SECONDS   # the page's own timer (ui/live/class_follower.js): a slow fallback, as the
                                         # class bell reruns the page when the teacher moves the class
FOLLOWER = "class_follower"
BUSY_GRACE = 4.0   # class_follower.js's BUSY_GRACE_MS: a tick waits this long at most for a busy page


def shows_step(result, step: int) -> bool:
    return any(f"step {step + 1} of" in text for text in result.texts)


def step_shown(result) -> int | None:
    """The lesson step (1-based) whose card this run drew (None: no card in it)."""
    found = next((re.search(r"step (\d+) of", text) for text in result.texts if re.search(r"step (\d+) of", text)), None)
    return int(found.group(1)) if found else None


async def follow(session: Session, seconds: float, latencies: list, name: str, moves: list, until=None,
                 runs: list | None = None, not_overtaken: list | None = None) -> None:
    """The page's class line, ticked as class_follower.js ticks it. A move counts as arrived when any run of this
    tab shows its step's card on its step's page (the tick's own run, or a release's that overtook it); the server
    switches the tab to the step's page (tests/load/protocol.py follows that, as a browser does); a trainer that lands
    on Watch it learn trains."""
    landed = []

    def watch(result) -> None:
        if runs is not None:   # (what this tab saw: to tell why a move was not seen)
            runs.append((result.finished_at, result.page, step_shown(result), len(result.texts),
                         [text[:60] for text in result.texts[:4]] + result.errors + result.exceptions + result.trace))
        for move in moves:
            if name not in move["reached"] and shows_step(result, move["step"]) and result.finished_at >= move["at"] \
                    and session.page == step_page(move["step"]):   # (its card on its page)
                move["reached"][name] = result.finished_at - move["at"]
                landed.append(move["step"])

    session.watchers.append(watch)
    if session.last is not None:
        watch(session.last)   # (the class bell's run may have brought the move before this tab was watched)
    deadline = time.perf_counter() + seconds
    tick = 0
    await asyncio.sleep(random.uniform(0, FOLLOW_SECONDS))   # (browsers' timers do not start together)
    while time.perf_counter() < deadline and not (until and until()):
        await asyncio.sleep(FOLLOW_SECONDS)
        busy = session.running_since
        if busy is not None and time.perf_counter() - busy < BUSY_GRACE:
            continue                       # as class_follower.js: no question while a run is on its way
        if landed and name.startswith("trainer") and session.page == "train" and "train_toggle" in session.widgets:
            await session.click("train_toggle")      # the step's action: train
        landed.clear()
        if FOLLOWER not in session.widgets:
            await session.rerun()          # (a page without its class line: draw it whole, as a reload would)
            continue
        tick += 1
        before = session.page
        result = await session.trigger(FOLLOWER, "tick", tick)
        if result is not None:
            latencies.append(result.seconds)
            if session.page == before and not_overtaken is not None:   # (else its answer is the move's page)
                not_overtaken.append(result.seconds)
    session.watchers.remove(watch)


async def teacher_moves(teacher: Session, steps: list[int], every: float, moves: list, latencies: dict) -> None:
    """Every ``every`` seconds: choose the next step and press 'Everyone to step N'."""
    for step in steps:
        await asyncio.sleep(every)
        await teacher.rerun()   # the console's full page, with its step chooser
        choice = teacher.widgets["class_step_choice"]
        option = next(o for o in choice.options if o.startswith(f"{step + 1}. "))
        moves.append({"step": step, "at": time.perf_counter(), "reached": {}})
        result = await teacher.rerun([text_state(teacher, "class_step_choice", option),
                                      trigger_state(teacher, "class_move")])
        teacher.fragments = {f: teacher.fragments[f] for f in result.fragments if f in teacher.fragments}
        latencies.setdefault("teacher moves everyone", []).append(result.seconds)


def steps_on_other_pages(count: int) -> list[int]:
    """``count`` lesson steps (0-based) from step 3 on, each on another page than the one before it."""
    from nn_core.lesson import lesson_path, read_lesson
    from ui.lesson.file import KNOWN

    steps = read_lesson(lesson_path(), KNOWN).steps
    chosen: list[int] = []
    for index in [*range(2, len(steps)), *range(len(steps))] * 2:
        if not chosen or steps[index].page != steps[chosen[-1]].page:
            chosen.append(index)
        if len(chosen) == count:
            break
    return chosen


def runs_since(seen: list, at: float, within: float = float("inf")) -> list:
    """What a tab saw (``follow``'s record) from ``at`` on, for ``within`` seconds, times counted from ``at``."""
    return [[round(when - at, 2), *rest] for when, *rest in seen if 0 <= when - at <= within]


async def class_run(base_url: str, students: int = 24, trainers: int = 5, seconds: float = 60.0,
                    moves: int = 10, interact: bool = True) -> dict:
    """A teacher, ``students`` interacting (``interact``; else only following), ``trainers`` training, everyone
    following ``moves`` moves over ``seconds``."""
    from tests.load.run import trainer_query

    warm = Session(base_url, "")      # a first visitor on the home page loads the models and runs st.navigation once
    await warm.connect()
    await warm.close()
    teacher = Session(base_url, "console")
    code, key = await open_console(teacher)
    pages = [SLIDER_PAGES[i % 3] if i % 2 == 0 else "draw" for i in range(students)]
    everyone = {f"student {i + 1}": Session(base_url, page) for i, page in enumerate(pages)}
    everyone |= {f"trainer {k + 1}": Session(base_url, "train", trainer_query(k)[0]) for k in range(trainers)}
    opened = time.perf_counter()
    for name, session in everyone.items():
        await join(session, code, name)
    joined_seconds = time.perf_counter() - opened
    for name, session in everyone.items():
        if name.startswith("trainer"):
            await session.click("train_toggle")
    latencies: dict[str, list[float]] = {}
    runs: dict[str, list] = {}
    made: list[dict] = []
    acknowledged: list = []
    actors = [slider_student(s, i, seconds, latencies) if i % 2 == 0 else
              store_student(code, i, seconds, latencies, acknowledged)
              for i, s in enumerate(s for name, s in everyone.items() if name.startswith("student"))] if interact else []
    trainers_ticking = [s.keep_ticking(seconds) for name, s in everyone.items() if name.startswith("trainer")]
    await asyncio.gather(
        *actors, *trainers_ticking,
        *(follow(s, seconds + 15, latencies.setdefault("follow tick", []), name, made, runs=runs.setdefault(name, []),
                 not_overtaken=latencies.setdefault("follow tick, not overtaken by a move", []))
          for name, s in everyone.items()),
        teacher.keep_ticking(seconds),
        teacher_moves(teacher, steps_on_other_pages(moves), seconds / (moves + 1), made, latencies),
    )
    for session in [teacher, *everyone.values()]:
        await session.close()
    arrivals = sorted(t for move in made for t in move["reached"].values())
    final = made[-1]["step"] if made else None
    return {"class_code": code, "students": len(everyone), "joined_in_seconds": round(joined_seconds, 1),
            "acknowledged_drawings": len(acknowledged),
            "interactions": {kind: summary_ms(values) for kind, values in latencies.items() if values},
            "console refresh": summary_ms(teacher.tick_times) if teacher.tick_times else None,
            "teacher_presses_ms": [round(1000 * t, 1) for t in latencies.get("teacher moves everyone", [])],
            "moves": len(made), "moves_reaching_everyone": sum(len(m["reached"]) == len(everyone) for m in made),
            "move_arrivals": summary_ms(arrivals) if arrivals else None,
            "move_by_step": {m["step"] + 1: [step_page(m["step"]), *(round(f(m["reached"].values()), 2) for f in (min, max))]
                             for m in made if m["reached"]},
            "move_not_reached": [[m["step"] + 1, sorted(set(everyone) - set(m["reached"]))] for m in made
                                 if len(m["reached"]) < len(everyone)],
            "runs_after_a_missed_move": {f"step {m['step'] + 1}, {name}": runs_since(runs.get(name, []), m["at"], 8)
                                         for m in made for name in sorted(set(everyone) - set(m["reached"]))},
            "on_the_last_step_at_the_end": sum(s.page == step_page(final) for s in everyone.values()) if made else None,
            "runs_of_those_off_the_last_step": {name: runs_since(runs.get(name, []), made[-1]["at"])
                                                for name, s in everyone.items() if made and s.page != step_page(final)},
            "silent_fragment_reruns": sum(s.silences for s in [teacher, *everyone.values()]),
            "teacher_key": key}
