"""Latencies a visitor feels, measured in headless Chromium against a real `streamlit run`.

    python scripts/browser_timing.py            # all measurements, medians over repeats
    python scripts/browser_timing.py --json

- stroke -> prediction: from releasing the mouse after a stroke on the Draw page's canvas to
  the page showing the new reading (the drawing's thumbnail changes with the new answer);
- control -> network: from clicking a "signal has reached" step on the Inside page to the
  network figure's neurons being redrawn in the new state (their SVG markers change);
- bias slider -> figures: from moving an output bias slider on the Turn-the-knobs page (by
  keyboard) to the network figure being redrawn with the new activations;
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
    DRAWN_NODES_JS,
    LOSS_CURVE_JS,
    AppServer,
    canvas_of,
    draw_stroke,
    metric_value,
    slider_thumb,
    start_training,
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


def control_to_network(page, url: str, clicks: int, model: str = "classic") -> list[float]:
    page.goto(url + "/inside")
    page.locator(".js-plotly-plot .main-svg").first.wait_for()
    if model != "classic":
        page.get_by_text("best (784-256-128-10)").click()
        page.wait_for_timeout(1500)
    page.wait_for_timeout(500)
    group = page.get_by_role("radiogroup", name="Signal has reached")
    options = ["→ hidden 1", "→ output", "input only", "whole network", "→ hidden 2"]
    times = []
    for i in range(clicks):
        before = page.evaluate(DRAWN_NODES_JS)
        button = group.get_by_text(options[i % len(options)], exact=True)
        button.wait_for()
        started = time.perf_counter()
        button.click()
        page.wait_for_function(f"(before) => ({DRAWN_NODES_JS})() !== before", arg=before, polling="raf")
        times.append(time.perf_counter() - started)
        page.wait_for_timeout(150)
    return times


def bias_to_figures(page, url: str, moves: int, model: str = "classic") -> list[float]:
    """Keyboard moves of an output bias slider on the knobs page, until the network is redrawn."""
    page.goto(url + "/knobs")
    page.locator(".js-plotly-plot .main-svg").first.wait_for()
    if model != "classic":
        page.get_by_text("best (784-256-128-10)").click()
        page.wait_for_timeout(1500)
    page.get_by_role("radiogroup", name="Biases of").get_by_text("output", exact=True).click()
    page.wait_for_timeout(800)
    times = []
    for i in range(moves):
        thumb = slider_thumb(page, "digit 6")
        thumb.focus()
        before = page.evaluate(DRAWN_NODES_JS)
        started = time.perf_counter()
        thumb.press("End" if i % 2 == 0 else "Home")
        page.wait_for_function(f"(before) => ({DRAWN_NODES_JS})() !== before", arg=before, polling="raf")
        times.append(time.perf_counter() - started)
        page.wait_for_timeout(200)
    return times


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
    times = bias_to_figures(visitor, url, repeats)
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
    results["bias_slider_to_figures"] = summary(bias_to_figures(page, url, repeats))
    results["bias_slider_to_figures_best"] = summary(bias_to_figures(page, url, repeats, "best"))
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
                    results["bias_slider_to_figures"] = summary(bias_to_figures(page, server.url, args.repeats))
                    results["bias_slider_to_figures_best"] = summary(
                        bias_to_figures(page, server.url, args.repeats, "best"))
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
