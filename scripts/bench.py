"""Print the speed figures the issues ask for (a benchmark, not a timed test).

    python scripts/bench.py                 # everything below
    python scripts/bench.py --only core     # core | reruns
    python scripts/bench.py --json

- core: training samples/s against a reference loop, forward latency, time to 90 %
  (``nn_core.bench``);
- reruns: server-side time of one page rerun, measured with Streamlit's AppTest (the page
  script and the frame, without the websocket).
Browser latencies (the live views draw the network in the browser) are measured by
scripts/browser_timing.py and scripts/live_view_bench.py.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def rerun_figures(repeats: int = 15) -> dict:
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import send_trigger

    def open_page(page: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
        return at.switch_page(page).run()

    def timed(at: AppTest, change, run=lambda at, i: at.run()) -> list[float]:
        samples = []
        for i in range(repeats):
            change(at, i)
            started = time.perf_counter()
            run(at, i)
            samples.append(time.perf_counter() - started)
            assert not at.exception, at.exception
        return samples

    def released(at: AppTest, i: int) -> None:  # a live view's drag ending: one trigger, one (fragment) rerun
        change = {"kind": "bias", "layer": 3, "neuron": 6, "value": float(i % 7) - 3.0}
        send_trigger(at, "nn_live_network", "release", {"id": i + 1, "changes": [change]})

    def step_reached(at: AppTest, i: int) -> None:
        send_trigger(at, "nn_live_network", "step", steps[i % len(steps)])

    def nothing(at: AppTest, i: int) -> None:
        return None

    results = {}
    draw = open_page("pages/draw.py")
    draw.segmented_control(key="input_source").set_value("test digit").run()
    results["draw: new test digit"] = timed(draw, lambda at, i: at.number_input(key="test_index").set_value(100 + i))
    steps = [1, 2, 3, 0, "all"]
    for model in ("classic", "best"):
        inside = open_page("pages/inside.py")
        inside.radio(key="model_choice").set_value(model).run()

        results[f"inside ({model}): step reached in the browser"] = timed(inside, nothing, run=step_reached)
        results[f"inside ({model}): neuron chosen"] = timed(
            inside, lambda at, i: (at.selectbox(key="choice_layer").set_value(1),))
    for model in ("classic", "best"):
        knobs = open_page("pages/knobs.py")
        knobs.radio(key="model_choice").set_value(model).run()
        knobs.segmented_control(key="knob_layer").set_value(3).run()
        results[f"knobs ({model}): bias released + accuracy"] = timed(knobs, nothing, run=released)
    summary = {name: _median_ms(samples) for name, samples in results.items()}
    for name, ms in summary.items():
        print(f"server-side rerun, {name:40s} {ms:6.1f} ms (median of {repeats})")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["core", "reruns"])
    parser.add_argument("--seconds", type=float, default=0.5, help="time per core measurement")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON at the end")
    args = parser.parse_args()
    results = {}
    if args.only in (None, "core"):
        from nn_core.bench import run_benchmark

        results["core"] = run_benchmark(seconds=args.seconds)
    if args.only in (None, "reruns"):
        results["reruns"] = rerun_figures()
    if args.json:
        print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
