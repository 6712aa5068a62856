"""The drawing pad's speed in headless Chromium against a real `streamlit run` (issue 12).

    python scripts/stroke_bench.py            # classic and best, 8 strokes per tab, 5 fresh tabs
    python scripts/stroke_bench.py --json

- updates per second during a stroke: how often the pad read itself and ran the network while
  the pen moved (each update = the pad's pixels read as nn_core.drawing does + NN.forward + the
  answer and bars redrawn), and what one update costs in the browser. Two ways: a stroke of pointer
  events sent from inside the page every 8 ms (a pen or a fast touch screen reports at 60-240 Hz),
  and the real mouse input Playwright can send (on a busy machine only ~30 moves a second);
- end of stroke -> nn_core's answer on screen: from the pointerup to the pad showing the server's
  answer for that very drawing (the render whose data carries its number);
- the first stroke of a fresh tab against the later strokes of a tab.

Times are the page's own (performance.now() in the pad's stats), so Playwright's overhead is not counted.
"""
from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, AppServer, canvas_of, wait_until_idle  # noqa: E402

STATS = "() => { const s = window.nnDrawingPad.view.stats; return {strokes: s.strokes, answers: s.answers, updates: s.updates}; }"


def stroke_points(k: int, moves: int) -> list[tuple[float, float]]:
    """A wavy stroke down the pad, a little different each time (k)."""
    x0 = 60 + (k * 37) % 150
    return [(x0 + 40 * math.sin(3 * t / moves + k), 30 + 220 * t / moves) for t in range(moves + 1)]


def draw(page, pad, points, pause_ms: float) -> None:
    box = pad.bounding_box()
    page.mouse.move(box["x"] + points[0][0], box["y"] + points[0][1])
    page.mouse.down()
    for x, y in points[1:]:
        page.mouse.move(box["x"] + x, box["y"] + y)
        if pause_ms:
            page.wait_for_timeout(pause_ms)
    page.mouse.up()


# One stroke of pointer events dispatched on the pad every ``ms`` milliseconds, for ``seconds``.
PEN = """([ms, seconds, k]) => new Promise((done) => {
  const pad = window.nnDrawingPad.view.canvas, box = pad.getBoundingClientRect(), start = performance.now();
  const at = (t) => ({ clientX: box.left + 70 + 25 * k + 60 * Math.sin(6 * t), clientY: box.top + 30 + 220 * t,
                       pointerId: 1, pointerType: 'pen', isPrimary: true, bubbles: true, button: 0, buttons: 1 });
  pad.dispatchEvent(new PointerEvent('pointerdown', at(0)));
  const timer = setInterval(() => {
    const t = Math.min(1, (performance.now() - start) / (1000 * seconds));
    pad.dispatchEvent(new PointerEvent(t < 1 ? 'pointermove' : 'pointerup', at(t)));
    if (t >= 1) { clearInterval(timer); done(); }
  }, ms);
})"""


def pen_strokes(browser, url: str, model: str, strokes: int) -> list[dict]:
    """Strokes of in-page pointer events at 125 Hz: the pad's own update rate, not Playwright's input rate."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{url}/draw?model={model}")
    canvas_of(page)
    page.wait_for_function("() => window.nnDrawingPad?.view?.net")
    wait_until_idle(page)
    results = []
    for k in range(strokes):
        page.evaluate(PEN, [8, 1.0, k])
        wait_for_answer(page, k + 1)
        wait_until_idle(page)
        stats = page.evaluate(STATS)
        stroke = stats["strokes"][-1]
        during = [u for u in stats["updates"] if stroke["down"] <= u["t"] <= stroke["up"] and u["during"]]
        results.append({"rate": len(during) / ((stroke["up"] - stroke["down"]) / 1000), "update_ms": [u["ms"] for u in during]})
    context.close()
    return results


def wait_for_answer(page, seq: int) -> None:
    page.wait_for_function("(seq) => window.nnDrawingPad.view.stats.answers.some(a => a.seq === seq)", arg=seq)


def tab_strokes(browser, url: str, model: str, strokes: int, moves: int, pause_ms: float) -> list[dict]:
    """One fresh tab: ``strokes`` strokes, each waited for; returns per stroke {rate, update_ms, answer_ms}."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{url}/draw?model={model}")
    pad = canvas_of(page)
    page.wait_for_function("() => window.nnDrawingPad?.view?.net")
    wait_until_idle(page)
    results = []
    for k in range(strokes):
        draw(page, pad, stroke_points(k, moves), pause_ms)
        seq = k + 1
        wait_for_answer(page, seq)
        wait_until_idle(page)
        stats = page.evaluate(STATS)
        stroke = stats["strokes"][-1]
        during = [u for u in stats["updates"] if stroke["down"] <= u["t"] <= stroke["up"] and u["during"]]
        answer = next(a for a in stats["answers"] if a["seq"] == seq)
        span = (stroke["up"] - stroke["down"]) / 1000
        results.append({"rate": len(during) / span, "moves_per_s": moves / span,
                        "update_ms": [u["ms"] for u in during], "answer_ms": answer["t"] - stroke["up"]})
    context.close()
    return results


def summary(values: list[float]) -> dict:
    ordered = sorted(values)
    return {"median": round(statistics.median(ordered), 1), "min": round(ordered[0], 1), "max": round(ordered[-1], 1),
            "n": len(ordered)}


def spread(ms: list[float]) -> dict:
    ordered = sorted(ms)
    return {"median": round(statistics.median(ordered), 2), "p95": round(ordered[int(0.95 * len(ordered))], 2),
            "max": round(ordered[-1], 2)}


def measure(browser, url: str, model: str, tabs: int, strokes: int, moves: int, pause_ms: float) -> dict:
    pen = pen_strokes(browser, url, model, strokes)
    pen_ms = [ms for r in pen for ms in r["update_ms"]]
    firsts, laters = [], []
    for _ in range(tabs):
        results = tab_strokes(browser, url, model, strokes, moves, pause_ms)
        firsts.append(results[0])
        laters.extend(results[1:])
    every = firsts + laters
    update_ms = [ms for r in every for ms in r["update_ms"]]
    return {
        "pen_updates_per_s": summary([r["rate"] for r in pen]),
        "pen_update_ms": spread(pen_ms),
        "updates_per_s": summary([r["rate"] for r in every]),
        "pointer_moves_per_s": summary([r["moves_per_s"] for r in every]),
        "update_ms": spread(update_ms),
        "answer_ms_first_stroke": summary([r["answer_ms"] for r in firsts]),
        "answer_ms_later_strokes": summary([r["answer_ms"] for r in laters]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tabs", type=int, default=5, help="fresh tabs per model")
    parser.add_argument("--strokes", type=int, default=8, help="strokes per tab")
    parser.add_argument("--moves", type=int, default=60, help="pointer moves per stroke")
    parser.add_argument("--pause", type=float, default=8, help="ms between pointer moves (a pen reports every 4-16 ms)")
    parser.add_argument("--models", default="classic,best")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as logs, sync_playwright() as playwright:
        server = AppServer(Path(logs))
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            results = {model: measure(browser, server.url, model, args.tabs, args.strokes, args.moves, args.pause)
                       for model in args.models.split(",")}
            browser.close()
        finally:
            server.stop()
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for model, r in results.items():
        pen, pen_ms = r["pen_updates_per_s"], r["pen_update_ms"]
        print(f"{model}: pen at 125 Hz: {pen['median']} updates/s during a stroke (min {pen['min']}), one update "
              f"{pen_ms['median']} ms (p95 {pen_ms['p95']}, max {pen_ms['max']})")
        print(f"  Playwright's mouse: {r['updates_per_s']['median']} updates/s (min {r['updates_per_s']['min']}) for "
              f"{r['pointer_moves_per_s']['median']} moves/s, one update {r['update_ms']['median']} ms "
              f"(p95 {r['update_ms']['p95']}, max {r['update_ms']['max']})")
        first, later = r["answer_ms_first_stroke"], r["answer_ms_later_strokes"]
        print(f"  end of stroke -> nn_core's answer shown: first stroke of a tab {first['median']} ms "
              f"(min {first['min']}, max {first['max']}, n {first['n']}); later strokes {later['median']} ms "
              f"(min {later['min']}, max {later['max']}, n {later['n']})")


if __name__ == "__main__":
    main()
