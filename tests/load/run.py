"""A bounded load run against a local server: idle visitors, live trainers, one visitor measured.

Used by the small CI load test (tests/load/test_load.py) and by the full classroom-size run
(scripts/load_test.py). Everything stays on 127.0.0.1 and stops by itself after ``seconds``.
"""
from __future__ import annotations

import asyncio
import random
import statistics
import time
import urllib.request

from tests.load.protocol import Session

IDLE_PAGES = ["draw", "inside", "knobs", "neuron", "data", "descent", "backprop", ""]


def rss_mb(pid: int | None) -> float:
    if pid is None:
        return float("nan")
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def summary_ms(samples: list[float]) -> dict:
    ms = [s * 1000 for s in samples]
    return {"n": len(ms), "median_ms": round(statistics.median(ms), 1), "p95_ms": round(percentile(ms, 0.95), 1),
            "max_ms": round(max(ms), 1)}


def _steps(metrics: dict) -> int:
    value = metrics.get("Steps", "0").replace(",", "")
    return int(value) if value.isdigit() else 0


def trainer_query(k: int) -> tuple[str, str]:
    """A distinct recipe per trainer: (query string, the network it must show)."""
    hidden = 16 + k
    return f"hidden={hidden}&epochs=1000&speed=full+speed&seed={k}", f"784-{hidden}-10"


async def _health(base_url: str, seconds: float, latencies: list[float]) -> None:
    loop = asyncio.get_running_loop()
    deadline = time.perf_counter() + seconds

    def probe() -> float:
        started = time.perf_counter()
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=10) as response:
            response.read()
        return time.perf_counter() - started

    while time.perf_counter() < deadline:
        latencies.append(await loop.run_in_executor(None, probe))
        await asyncio.sleep(0.5)


LIVE_KNOBS = "knobs_live"   # the live network view on the knobs page (ui/state.KNOBS_LIVE)


async def _slider_mover(session: Session, seconds: float, latencies: list[float]) -> None:
    """A visitor dragging hidden neuron 0's bias: the browser draws the drag; the server gets the release."""
    rng = random.Random(0)
    deadline = time.perf_counter() + seconds
    release = 0
    while time.perf_counter() < deadline:
        release += 1
        change = {"kind": "bias", "layer": 1, "neuron": 1, "value": round(rng.uniform(-5, 5), 1)}
        result = await session.trigger(LIVE_KNOBS, "release", {"id": release, "changes": [change]})
        latencies.append(result.seconds)
        await asyncio.sleep(1.0)


ACTIVE_PAGES = ["knobs", "neuron", "inside"]


LIVE_VIEWS = {"knobs": LIVE_KNOBS, "neuron": "one_neuron_live", "inside": "inside_live"}


def release_of(page: str, rng: random.Random, release: int):
    """What a tab sends when a drag (or a played pass) ends on ``page``'s live view: (event, payload).

    On knobs a bias (layer 1 or the outputs), on One neuron the nine values, on Inside the step the played pass
    reached (nothing is sent during a drag or a pass).
    """
    if page == "knobs":
        layer = rng.choice([1, 3])
        # not neuron 0 of layer 1, the neuron whose weights the page shows below (its release reruns the whole page)
        change = {"kind": "bias", "layer": layer, "neuron": rng.randrange(1, 16) if layer == 1 else rng.randrange(10),
                  "value": round(rng.uniform(-5, 5), 1)}
        return "release", {"id": release, "changes": [change]}
    if page == "neuron":
        return "release", {"seq": release, "inputs": [round(rng.uniform(0, 1), 2) for _ in range(4)],
                           "weights": [round(rng.uniform(-6, 6), 1) for _ in range(4)], "bias": round(rng.uniform(-10, 10), 1)}
    return "step", rng.choice([0, 1, 2, 3, "all"])


async def every_few_seconds(seed: int, seconds: float, act) -> None:
    """``await act(rng, n)`` every 2-4 s (n = 1, 2, ...) for ``seconds``, starting within 3 s: a student at work."""
    rng = random.Random(seed)
    deadline = time.perf_counter() + seconds
    await asyncio.sleep(rng.uniform(0, 3))
    count = 0
    while time.perf_counter() < deadline:
        count += 1
        await act(rng, count)
        await asyncio.sleep(rng.uniform(2, 4))


async def _active_visitor(session: Session, seed: int, seconds: float, latencies: list[float]) -> None:
    """A student moving sliders every 2-4 s on a live view's page: the browser draws each drag; the server gets
    its release."""
    async def release(rng, count) -> None:
        event, payload = release_of(session.page, rng, count)
        latencies.append((await session.trigger(LIVE_VIEWS[session.page], event, payload)).seconds)

    await every_few_seconds(seed, seconds, release)


def _shown_bias(session: Session, layer: int, neuron: int, trained: float) -> float:
    """The bias the live view of ``session`` was given (the trained one unless edited)."""
    edits = session.live_data(LIVE_KNOBS)["edits"]["biases"]
    return next((b for l, j, b in edits if (l, j) == (layer, neuron)), trained)


async def load_run(base_url: str, server_pid: int, idle: int, trainers: int, seconds: float, active: int = 0) -> dict:
    """Open ``idle`` + ``active`` + ``trainers`` + 1 sessions, train and measure for ``seconds``, close all."""
    report: dict = {"rss_mb_start": round(rss_mb(server_pid), 1)}
    measured = Session(base_url, "knobs")
    idle_sessions = [Session(base_url, IDLE_PAGES[i % len(IDLE_PAGES)]) for i in range(idle)]
    active_sessions = [Session(base_url, ACTIVE_PAGES[i % len(ACTIVE_PAGES)]) for i in range(active)]
    training = [Session(base_url, "train", trainer_query(k)[0]) for k in range(trainers)]
    everyone = [measured, *idle_sessions, *active_sessions, *training]
    opened = time.perf_counter()
    await measured.connect()  # the first visitor loads the shared models and data
    report["rss_mb_warm"] = round(rss_mb(server_pid), 1)
    for session in everyone[1:]:  # then the others, one after the other, as a class arrives
        await session.connect()
    report["connect_seconds"] = round(time.perf_counter() - opened, 1)
    report["rss_mb_connected"] = round(rss_mb(server_pid), 1)
    steps_before = []
    for session in training:
        steps_before.append(_steps((await session.click("train_toggle")).metrics))
    started = time.perf_counter()
    health, slider, releases = [], [], []
    await asyncio.gather(
        _health(base_url, seconds, health), _slider_mover(measured, seconds, slider),
        *(_active_visitor(session, k, seconds, releases) for k, session in enumerate(active_sessions)),
        *(session.keep_ticking(seconds) for session in training),
    )
    elapsed = time.perf_counter() - started
    report["rss_mb_training"] = round(rss_mb(server_pid), 1)
    steps_after = [_steps((await session.rerun(fragment=next(iter(session.fragments), ""))).metrics)
                   if session.fragments else 0 for session in training]
    trained = [after - before for before, after in zip(steps_before, steps_after)]
    report["trainer_samples_per_s"] = [round(steps * 10 / elapsed) for steps in trained]  # mini-batches of 10
    report["health"] = summary_ms(health)
    report["slider_on_idle_session"] = summary_ms(slider)
    if releases:
        report["active_visitors_releases"] = summary_ms(releases)
    ticks = [t for session in training for t in session.tick_times]
    report["trainer_ticks"] = summary_ms(ticks) if ticks else {}
    report["isolation"] = await _check_isolation(measured, idle_sessions, training)
    for session in everyone:
        await session.close()
    await asyncio.sleep(2.0)
    report["rss_mb_after_close"] = round(rss_mb(server_pid), 1)
    sessions = len(everyone)
    report["sessions"] = sessions
    report["rss_mb_per_session"] = round((report["rss_mb_training"] - report["rss_mb_warm"]) / (sessions - 1), 2)
    return report


async def _check_isolation(measured, idle_sessions, training) -> dict:
    """Each trainer sees its own network; no other visitor sees the measured visitor's bias edits."""
    from nn_core.bundled import load_bundled

    problems = []
    for k, session in enumerate(training):
        result = await session.rerun()
        wanted = trainer_query(k)[1]
        others = [trainer_query(j)[1] for j in range(len(training)) if j != k]
        if not any(wanted in text for text in result.texts):
            problems.append(f"trainer {k} does not show its own network {wanted}")
        if any(other in text for other in others for text in result.texts):
            problems.append(f"trainer {k} shows another trainer's network")
    trained = float(load_bundled("classic").network.biases[0][1])
    edited = _shown_bias(measured, 1, 1, trained)
    if edited == trained:
        problems.append("the measured visitor's bias edits did not reach its own page")
    for session in idle_sessions:
        if session.page == "knobs":
            await session.rerun()
            shown = _shown_bias(session, 1, 1, trained)
            if abs(shown - trained) > 1e-6:
                problems.append(f"an idle knobs page shows bias {shown} (trained {trained}, edited elsewhere {edited})")
    return {"ok": not problems, "problems": problems}
