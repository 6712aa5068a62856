"""Clicks and reruns that overlap while a large network trains: one run at a time, no false NaN, no stale page.

Streamlit abandons a running script when a new rerun request arrives, and the abandoned run
keeps computing until it reaches a Streamlit call. Here a real server gets overlapping
"One epoch" clicks, and page interactions during full-speed training, on networks big enough
for the runs to overlap (tests/load/protocol.py speaks the browser's websocket protocol).
"""
from __future__ import annotations

import asyncio

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from tests.load.protocol import Session, run_coroutine

BIG = "hidden=256,256&batch=8&epochs=1000"   # "One epoch": 500 steps, a few ticks (the clicks overlap it)
WIDE = "hidden=512,512&batch=32&epochs=1000&speed=full%20speed"
WRONG = ("NaN", "infinite", "too large")
CLICKS = 40


async def send_click(session: Session, key: str) -> None:
    """Send a click without waiting for the run it starts (as a second quick click does)."""
    message = BackMsg()
    request = message.rerun_script
    request.page_name, request.query_string = session.page, session.query
    request.widget_states.widgets.extend([WidgetState(id=session.widgets[key].id, trigger_value=True)])
    await session.ws.send(message.SerializeToString())


def steps(result) -> int:
    return int(result.metrics["Steps"].replace(",", ""))


async def shown_steps(session: Session) -> tuple[int, object]:
    """The step count a full run of the page shows (the end of a run the earlier, unawaited clicks started can
    arrive first and show none: ask again)."""
    for _ in range(5):
        result = await session.rerun()
        if "Steps" in result.metrics:
            return steps(result), result
    raise AssertionError(f"no step count shown: {result.texts[:3]}, {result.errors}, {result.exceptions}")


async def overlapping_epoch_clicks(url: str) -> tuple[list[str], list[int]]:
    session = Session(url, "train", BIG)
    await session.connect()
    await send_click(session, "train_epoch")
    await asyncio.sleep(0.4)
    await send_click(session, "train_epoch")
    await asyncio.sleep(0.4)
    await send_click(session, "train_step")
    result = await session.rerun()
    last = -1
    for _ in range(40):                      # the epoch runs to its end in ticks: until the count stops moving
        await session.keep_ticking(1.5)
        now, _ = await shown_steps(session)
        if now == last:
            break
        last = now
    texts = list(result.texts)
    shown = []
    for _ in range(3):                       # after the ticks: the page shows the trainer's true count
        count, result = await shown_steps(session)
        texts += result.texts + result.errors + result.exceptions
        shown.append(count)
        await asyncio.sleep(0.5)
    await session.close()
    return texts, shown


async def interactions_during_full_speed(url: str) -> list[str]:
    session = Session(url, "train", WIDE)
    await session.connect()
    await session.click("train_toggle")     # Start
    texts = []
    ticking = asyncio.create_task(session.keep_ticking(10.0))
    for _ in range(CLICKS):                 # a visitor clicking around: a plain rerun every 0.2 s, while it ticks
        message = BackMsg()
        message.rerun_script.page_name, message.rerun_script.query_string = session.page, session.query
        await session.ws.send(message.SerializeToString())
        await asyncio.sleep(0.2)
    await ticking
    result = await session.rerun()
    texts += result.texts + result.errors + result.exceptions
    await session.close()
    return texts


@pytest.mark.slow
def test_overlapping_one_epoch_clicks_train_one_run_at_a_time(own_server):
    texts, shown = run_coroutine(overlapping_epoch_clicks(own_server.url))
    assert not any(word in text for text in texts for word in WRONG), [t for t in texts if "stopped" in t]
    assert shown[0] > 0 and len(set(shown)) == 1, shown       # paused: the count shown is final, not stale


@pytest.mark.slow
def test_interacting_during_full_speed_training_gives_no_false_divergence(own_server):
    texts = run_coroutine(interactions_during_full_speed(own_server.url))
    assert not any(word in text for text in texts for word in WRONG), [t for t in texts if "stopped" in t]


async def ticks_then_silence(url: str, ticks: int) -> list[int]:
    """Slow motion (one step a tick): start, send ``ticks`` ticks, then none for a while (the tab is closed: its
    timer is gone), then one more. The steps shown after each: training happens in the ticks a tab sends, only."""
    session = Session(url, "train", "speed=slow%20motion&epochs=1000")
    await session.connect()
    shown = [steps(await session.click("train_toggle"))]                  # Start: the full run ticks once
    trainer_tick = min(session.fragments, key=session.fragments.get)       # the 0.25 s fragment, not the 0.5 s one
    for _ in range(ticks):
        shown.append(steps(await session.rerun(fragment=trainer_tick)))
    await asyncio.sleep(2.0)                                               # silence: a background worker would train
    shown.append(steps(await session.rerun(fragment=trainer_tick)))
    await session.close()
    return shown


@pytest.mark.slow
def test_training_happens_only_in_the_ticks_a_tab_sends(own_server):
    """What makes closing the tab stop the work: nothing trains between ticks (counted, not timed)."""
    shown = run_coroutine(ticks_then_silence(own_server.url, 5))
    assert shown == list(range(shown[0], shown[0] + 7)), shown
