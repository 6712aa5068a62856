"""Latencies a visitor feels, measured in headless Chromium against a real `streamlit run`.

    python scripts/browser_timing.py            # all measurements, medians over repeats
    python scripts/browser_timing.py --json

- stroke -> prediction: from releasing the mouse after a stroke on the Draw page's canvas to
  the page showing the new reading (the drawing's thumbnail changes with the new answer);
- control -> network: from clicking a "signal has reached" step on the Inside page to the
  live view having drawn it (in the browser, no server round trip);
- bias key -> redrawn / python applied: from moving an output bias slider on the Turn-the-knobs
  page (by keyboard) to the live view showing the new answer (in the browser), and to Python
  having applied the change (every figure on the page consistent);
- training: loss-chart updates per second seen by the browser, and samples/s (wall clock and
  while computing), at "fast" and "full speed";
- fairness: the bias-slider latency of one visitor while another trains at full speed.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.harness import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    LOSS_CURVE_JS,
    AppServer,
    canvas_of,
    draw_stroke,
    metric_value,
    start_training,
    wait_until_idle,
)


def summary(samples: list[float]) -> dict:
    ms = sorted(s * 1000 for s in samples)
    return {"median_ms": round(statistics.median(ms), 1), "min_ms": round(ms[0], 1), "max_ms": round(ms[-1], 1),
            "n": len(ms)}


def stroke_to_prediction(page, url: str, strokes: int) -> tuple[list[float], float]:
    page.goto(url + "/draw")
    canvas = canvas_of(page)
    page.get_by_text("Draw a digit from 0 to 9").wait_for()
    times, first = [], None
    for i in range(strokes + 1):
        before = page.evaluate("() => { const i = document.querySelector(\"[data-testid='stImage'] img\");"
                               " return i ? i.src : ''; }")
        x = 40 + (i * 17) % 200
        draw_stroke(page, canvas, [(x, 40), (x + 10, 130), (x + 5, 230)])
        started = time.perf_counter()
        page.wait_for_function(
            "(before) => { const i = document.querySelector(\"[data-testid='stImage'] img\");"
            " return i && i.src !== before && i.complete; }", arg=before, polling="raf")
        elapsed = time.perf_counter() - started
        if i == 0:
            first = elapsed
        else:
            times.append(elapsed)
    return times, first


VIEW = "window.__nnLiveView"


def open_live(page, url: str, path: str, model: str) -> None:
    page.goto(f"{url}/{path}?model={model}")
    page.wait_for_function(f"() => {VIEW} && {VIEW}.stats.frames > 0")
    wait_until_idle(page)


def control_to_network(page, url: str, clicks: int, model: str = "classic") -> list[float]:
    """A "signal has reached" step clicked on Inside until the live view has drawn it (in the browser)."""
    open_live(page, url, "inside", model)
    options = ["→ hidden 1", "→ output", "input only", "whole network", "→ hidden 2"]
    times = []
    for i in range(clicks):
        frames = page.evaluate(f"() => {VIEW}.stats.frames")
        started = time.perf_counter()
        page.locator(".nv-step", has_text=options[i % len(options)]).click()
        page.wait_for_function(f"(frames) => {VIEW}.stats.frames > frames && !{VIEW}.playing", arg=frames, polling="raf")
        times.append(time.perf_counter() - started)
        wait_until_idle(page)
    return times


def bias_to_figures(page, url: str, moves: int, model: str = "classic") -> dict[str, list[float]]:
    """Keyboard moves of output 6's bias on the knobs page: until the live view is redrawn with the new
    answer (in the browser), and until Python has applied the change (every figure consistent)."""
    open_live(page, url, "knobs", model)
    page.get_by_role("radiogroup", name="Biases of").get_by_text("output", exact=True).click()
    page.wait_for_function(f"() => {VIEW}.data.controls.layer === 3")
    wait_until_idle(page)
    redrawn, applied = [], []
    for i in range(moves):
        slider = page.get_by_role("slider", name="bias b of digit 6", exact=True)
        slider.focus()
        answer = page.evaluate(f"() => {VIEW}.answer")
        started = time.perf_counter()
        slider.press("End" if i % 2 == 0 else "Home")
        page.wait_for_function(f"(answer) => {VIEW}.answer !== answer", arg=answer, polling="raf")
        redrawn.append(time.perf_counter() - started)
        page.wait_for_function(f"() => {VIEW}.pending.length === 0", polling="raf")
        wait_until_idle(page)
        applied.append(time.perf_counter() - started)
        page.wait_for_timeout(200)
    return {"redrawn": redrawn, "python_applied": applied}


def training_updates(page, url: str, speed: str, seconds: float = 5.0) -> dict:
    """Loss-chart updates per second the browser sees, and training samples/s, while training."""
    start_training(page, url, speed)
    first_steps = int(metric_value(page, "Steps").replace(",", ""))
    started, changes, last = time.perf_counter(), 0, page.evaluate(LOSS_CURVE_JS)["n"]
    while time.perf_counter() - started < seconds:
        curve = page.evaluate(LOSS_CURVE_JS)  # None for a moment while the chart is replaced
        if curve is not None:
            changes += curve["n"] != last
            last = curve["n"]
        page.wait_for_timeout(20)
    elapsed = time.perf_counter() - started
    steps = int(metric_value(page, "Steps").replace(",", "")) - first_steps
    shown = metric_value(page, "Digits / second")  # the page's own clock-time pace over its last 3 s
    page.get_by_role("button", name="Pause", exact=True).click()
    return {"updates_per_s": round(changes / elapsed, 1), "steps_per_s": round(steps / elapsed, 1),
            "wall_samples_per_s": round(steps * 10 / elapsed), "page_shows_samples_per_s": shown}


TRAINER_SPEED = "full speed"


def fairness(browser, url: str, repeats: int) -> list[float]:
    """A bias slider on the knobs page, while another visitor trains at full speed."""
    trainer = browser.new_context().new_page()
    trainer.set_default_timeout(20_000)
    start_training(trainer, url, TRAINER_SPEED, epochs=1000)
    visitor = browser.new_context(viewport={"width": 1300, "height": 1100}).new_page()
    visitor.set_default_timeout(20_000)
    times = bias_to_figures(visitor, url, repeats)["python_applied"]
    if trainer.get_by_role("button", name="Pause", exact=True).count() != 1:
        raise RuntimeError("the training tab stopped before the measurement ended")
    trainer.context.close()
    visitor.context.close()
    return times


def response_times(page, url: str, repeats: int) -> dict:
    """Stroke -> prediction, control -> network figure, bias slider -> figures."""
    results = {}
    strokes, first = stroke_to_prediction(page, url, repeats)
    results["stroke_to_prediction"] = {**summary(strokes), "first_stroke_ms": round(first * 1000, 1)}
    results["control_to_network_classic"] = summary(control_to_network(page, url, repeats))
    results["control_to_network_best"] = summary(control_to_network(page, url, repeats, "best"))
    for model in ("classic", "best"):
        for part, times in bias_to_figures(page, url, repeats, model).items():
            results[f"bias_key_to_{part}_{model}"] = summary(times)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--only", choices=["training", "knobs"],
                        help="only live training and the fairness check, or only the bias sliders")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    results = {}
    with tempfile.TemporaryDirectory() as logs:
        server = AppServer(Path(logs))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                page = browser.new_context(viewport={"width": 1300, "height": 1100}).new_page()
                page.set_default_timeout(20_000)
                page.goto(server.url)  # warm the server up
                page.get_by_text("Model in use", exact=True).wait_for()
                if args.only == "knobs":
                    for model in ("classic", "best"):
                        for part, times in bias_to_figures(page, server.url, args.repeats, model).items():
                            results[f"bias_key_to_{part}_{model}"] = summary(times)
                if args.only is None:
                    results.update(response_times(page, server.url, args.repeats))
                for speed in ("fast", "full speed") if args.only in (None, "training") else ():
                    results[f"training_{speed.replace(' ', '_')}"] = training_updates(page, server.url, speed)
                if args.only in (None, "training"):
                    results["bias_slider_while_another_tab_trains"] = summary(fairness(browser, server.url, args.repeats))
                browser.close()
        finally:
            server.stop()
    for name, figures in results.items():
        if "median_ms" in figures:
            print(f"{name:38s} median {figures['median_ms']:6.1f} ms  (min {figures['min_ms']:.0f}, "
                  f"max {figures['max_ms']:.0f}, n={figures['n']})")
        else:
            print(f"{name:38s} " + ", ".join(f"{k} {v}" for k, v in figures.items()))
    if args.json:
        print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
