"""What the lesson costs a page run: each page's run time (AppTest, in-process) with the lesson's card and without.

    python scripts/lesson_bench.py [--runs 15]

Prints the median run time per page both ways, and the time to measure the teacher's whole key.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from nn_core.bundled import load_bundled  # noqa: E402
from nn_core.lesson import lesson_path, read_lesson  # noqa: E402
from ui import state  # noqa: E402
from ui.lesson.answer_key import answers  # noqa: E402
from ui.lesson.file import KNOWN  # noqa: E402

PAGES = {"draw": 1, "neuron": 3, "inside": 5, "knobs": 7, "cost": 10, "backprop": 14}   # page: a lesson step on it


def median_run(page: str, step: int | None, runs: int) -> float:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if step is not None:
        at.query_params["lesson"] = str(step)
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    assert bool(at.session_state[state.LESSON_ON]) == (step is not None)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(f"{'page':10} {'without':>9} {'with card':>10}   (median of {args.runs} reruns, ms)")
    for page, step in PAGES.items():
        off, on = median_run(page, None, args.runs), median_run(page, step, args.runs)
        print(f"{page:10} {1000 * off:9.0f} {1000 * on:10.0f}")
    lesson = read_lesson(lesson_path(), KNOWN)
    for name in ("classic", "best"):
        started = time.perf_counter()
        answers(lesson, load_bundled(name).network)
        print(f"answer key, {name}: {time.perf_counter() - started:.2f} s (two training runs included)")


if __name__ == "__main__":
    main()
