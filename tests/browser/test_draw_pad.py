"""The Draw page's drawing pad in real Chromium: the browser reads drawings as nn_core does, and answers mid-stroke.

numpy stays the truth. The pad's JavaScript reading (ui/live/drawing_pad.js, READING) is compared with
nn_core.drawing.read_drawing on the very pixels the pad painted (its PNG, as Python receives it):
200 drawings made from test digits at random size, place and brush width, painted as strokes by the
pad's own painting code. Then a finger draws on a tablet and on a phone: the answer changes while
the finger moves (before it lifts), the page does not scroll, and nothing is wider than the screen.
"""
from __future__ import annotations

import base64
import io
import json

import numpy as np
import pytest
from PIL import Image

from nn_core.blas import blas_threads
from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.drawing import read_drawing
from nn_core.imaging import centre_of_mass, resize
from nn_core.network import forward
from nn_core.synthetic import skeleton
from tests.browser.harness import assert_no_errors, canvas_of, draw_stroke, next_frames, wait_until_idle
from ui.live.network import network_data

PAD = 280
DRAWINGS = 200
VIEW = "window.nnDrawingPad.view"


def open_pad(page, url: str) -> None:
    page.goto(url + "/draw")
    canvas_of(page)
    page.wait_for_function(f"() => {VIEW} && {VIEW}.net")
    wait_until_idle(page)


def digit_strokes(digit: np.ndarray, rng: np.random.Generator) -> list[list[float]]:
    """A test digit as pad strokes: its centre line scaled and placed at random, one stroke per step along it.

    As nn_core.synthetic.canvas_drawing does (height 30-90 % of the pad, brush 4-22 % of the height),
    but the strokes are painted by the pad's own code, with the brush widths the pad offers (6 to 40).
    """
    line = skeleton(resize(digit.astype(np.float32) / 255, 56, 56) > 0.45)
    if not line.any():
        line = resize(digit.astype(np.float32) / 255, 56, 56) > 0.2
    ys, xs = np.nonzero(line)
    height = rng.uniform(0.3, 0.9) * PAD
    scale = height / max(ys.max() - ys.min(), 1)
    width = (xs.max() - xs.min()) * scale
    brush = int(round(rng.uniform(max(6, 0.04 * height), min(40, max(6, 0.22 * height)))))
    margin = brush / 2 + 2
    top = rng.uniform(margin, max(margin, PAD - margin - height))
    left = rng.uniform(margin, max(margin, PAD - margin - width))
    at = lambda y, x: (round(float(np.clip(left + (x - xs.min()) * scale, 0, PAD)), 1),  # noqa: E731
                       round(float(np.clip(top + (y - ys.min()) * scale, 0, PAD)), 1))
    pixels = set(zip(ys.tolist(), xs.tolist()))
    strokes = []
    for y, x in sorted(pixels):
        for dy, dx in ((0, 1), (1, 0), (1, 1), (1, -1)):
            if (y + dy, x + dx) in pixels:
                strokes.append([brush, *at(y, x), *at(y + dy, x + dx)])
    return strokes or [[brush, *at(ys[0], xs[0])]]


# Every drawing painted by the pad's own code on one pad-sized canvas, and read as the pad reads itself.
# (Strokes and results cross as JSON text: Playwright's value-by-value serialising would cost 20 ms a drawing.)
READ_ALL = """([drawings, best_data]) => {
  const PADS = window.nnDrawingPad, NN = window.nnLive, classic = PADS.view.net, best = NN.network_from(best_data);
  const b64 = (values) => { const bytes = new Uint8Array(Float32Array.from(values).buffer); let s = '';
    for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]); return btoa(s); };
  const { canvas, ctx } = PADS.pad_canvas();
  return JSON.stringify(JSON.parse(drawings).map((strokes) => {
    PADS.paint(ctx, strokes);
    const reading = PADS.read_pad(ctx);
    if (reading.empty) return { png: PADS.pad_png(canvas), empty: true };
    const answer = (net) => NN.argmax(NN.forward(net, reading.inputs).at(-1));
    return { png: PADS.pad_png(canvas), empty: false, inputs: b64(reading.inputs), shift: reading.shift,
             classic: answer(classic), best: answer(best) };
  }));
}"""


def crafted() -> list[np.ndarray]:
    """Images where a careless port would differ: rounding ties, a dot, a hairline, light paper, faint ink, colour."""
    def image(*boxes, size=(100, 100), paper=0):
        rgba = np.full((*size, 4), paper, np.uint8)
        rgba[..., 3] = 255
        for top, left, height, width, value in boxes:
            rgba[top:top + height, left:left + width, :3] = value
        return rgba

    white, noise = 255, np.random.default_rng(7).integers(0, 256, (50, 30, 3), dtype=np.uint8)
    return [
        image((10, 20, 40, 4, white), (46, 20, 4, 25, white)),   # an L 40 tall, 25 wide: 20*25/40 = 12.5 (a tie)
        image((30, 5, 4, 40, white), (30, 5, 25, 4, white)),     # the same on its side
        image((3, 50, 40, 6, white), (3, 50, 6, 35, white)),     # 40 x 35: 17.5
        image((50, 50, 1, 1, white)), image((60, 10, 1, 70, white)),        # a dot, a hairline
        image((20, 30, 50, 20, 0), (20, 30, 8, 35, 0), paper=255),          # dark ink on light paper
        image((20, 30, 50, 20, 30)),                                        # too faint: empty
        image((0, 0, 30, 12, white)), image((70, 0, 30, 100, white)),       # ink on the border
        image((20, 20, 40, 30, (200, 40, 90)), (20, 20, 5, 40, (10, 250, 30))),   # coloured ink
        image((25, 35, 50, 30, noise)),                                     # grey levels
        image((5, 5, 90, 3, white), (5, 5, 3, 20, white), size=(100, 60)),  # not square
        image((0, 0, 1, 100, 90), (1, 0, 98, 1, 90), (30, 30, 40, 25, white), (30, 30, 8, 40, 200)),  # half the border grey
    ]


def tied_axes(reading) -> tuple[bool, bool]:
    """Whether nn_core's centring offset (14 − centre of mass) is a tie (x.5) on each axis.

    There numpy's own float32 rounding decides the direction (it computed 0.50000014, not 0.5, for
    a symmetric shape), and no port can copy OpenBLAS's float32 rounding bit for bit.
    """
    frame = np.zeros((28, 28), np.float32)
    height, width = reading.scaled.shape
    top, left = (28 - height) // 2, (28 - width) // 2
    frame[top:top + height, left:left + width] = reading.scaled
    offsets = 14.0 - np.array(centre_of_mass(frame))
    return tuple(bool(abs(abs(o - np.floor(o)) - 0.5) < 1e-4) for o in offsets)


CRAFTED = """(images) => images.map(([b64, height, width]) => {
  const reading = window.nnDrawingPad.READING.read_drawing(window.nnLive.bytes_of(b64), height, width);
  return { empty: reading.empty, shift: reading.shift || null, inputs: reading.empty ? null : Array.from(reading.inputs) };
})"""


def png_pixels(b64: str) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(b64))))


def compare(results: list[dict], classic, best) -> tuple[float, dict]:
    """The largest difference per pixel between the browser's readings and nn_core's, and answers checked per model."""
    worst, answers = 0.0, {"classic": 0, "best": 0}
    for result in results:
        pixels = png_pixels(result["png"])
        assert pixels.shape[:2] == (PAD, PAD)
        reading = read_drawing(pixels)   # what Python does with the pad's PNG
        assert reading.empty == result["empty"]
        if reading.empty:
            continue
        browser = np.frombuffer(base64.b64decode(result["inputs"]), dtype="<f4")
        worst = max(worst, float(np.abs(browser - reading.inputs).max()))
        assert tuple(result["shift"]) == reading.shift
        for name, network in (("classic", classic), ("best", best)):
            assert result[name] == int(np.argmax(forward(network, reading.inputs).output)), name
            answers[name] += 1
    return worst, answers


def test_the_browser_reads_200_drawings_and_the_edge_cases_as_nn_core_does(page, app_server):
    open_pad(page, app_server.url)
    _, test = load_embedded()
    rng = np.random.default_rng(2026)
    chosen = rng.choice(len(test), DRAWINGS, replace=False)
    drawings = [digit_strokes(test.images[i], rng) for i in chosen]
    classic, best = load_bundled("classic").network, load_bundled("best").network
    results = json.loads(page.evaluate(READ_ALL, [json.dumps(drawings), network_data(best)]))
    with blas_threads(1):   # 200 small readings: OpenBLAS's extra threads only slow them down (2.6 vs 1.7 ms each)
        worst, answers = compare(results, classic, best)
    assert worst <= 2 / 255, worst
    assert answers["classic"] >= DRAWINGS - 2   # (nearly) none of the drawings is empty
    images = crafted()
    shown = page.evaluate(CRAFTED, [[base64.b64encode(i.tobytes()).decode(), *i.shape[:2]] for i in images])
    ties = 0
    for k, (image, result) in enumerate(zip(images, shown)):
        reading = read_drawing(image)
        assert result["empty"] == reading.empty, k
        if reading.empty:
            continue
        tied = tied_axes(reading)
        for axis in (0, 1):
            assert abs(result["shift"][axis] - reading.shift[axis]) <= (1 if tied[axis] else 0), (k, axis)
        if tuple(result["shift"]) != reading.shift:
            ties += 1   # a tie decided the other way: the same ink, one pixel over
            assert sum(result["inputs"]) == pytest.approx(float(reading.inputs.sum()), abs=1e-3)
            continue
        np.testing.assert_allclose(result["inputs"], reading.inputs, atol=1e-5, err_msg=f"crafted image {k}")
    assert ties <= 3   # only the symmetric dot, hairline and thin line can tie
    print(f"\nlargest difference per pixel between the browser's reading and nn_core's: {worst:.2e}")


# A stroke that reads as a 1 (up and to the right), then, turning left along the top, as a 7.
ONE_THEN_SEVEN = [(110 + 80 * t / 20, 250 - 200 * t / 20) for t in range(21)] + [(190 - 120 * t / 15, 50) for t in range(1, 16)]
SHOWN = f"""() => {{ const v = {VIEW}; return {{digit: v.digit.textContent, source: v.box.dataset.source,
  drawing: Boolean(v.current), png: window.nnDrawingPad.pad_png(v.canvas),
  output: v.live && v.live.output ? Array.from(v.live.output) : null}}; }}"""
SCROLL = """() => { const main = document.querySelector('[data-testid=stMain]');
  return {top: main ? main.scrollTop : 0, y: scrollY, page_wide: document.scrollingElement.scrollWidth,
          main_wide: main ? main.scrollWidth : 0, main_width: main ? main.clientWidth : 0,
          widest: Math.max(...[...document.querySelectorAll('body *')].map((e) => e.getBoundingClientRect().right))}; }"""


@pytest.mark.parametrize("width, height", [(1024, 768), (390, 844)], ids=["tablet", "phone"])
def test_a_finger_draws_and_the_answer_changes_before_it_lifts(browser, app_server, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=True, is_mobile=width < 500)
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        open_pad(page, app_server.url)
        pad = canvas_of(page).bounding_box()
        digit = page.evaluate(f"() => {VIEW}.digit.getBoundingClientRect().toJSON()")
        assert digit["top"] >= 0 and digit["bottom"] <= height, "the answer is not on screen beside the pad"
        before = page.evaluate(SCROLL)
        touch = context.new_cdp_session(page)
        points = [(pad["x"] + x, pad["y"] + y) for x, y in ONE_THEN_SEVEN]
        touch.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": points[0][0], "y": points[0][1]}]})
        seen = []
        for k, (x, y) in enumerate(points[1:], 1):
            touch.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
            if k in (6, 14, 20, len(points) - 1):
                next_frames(page)   # the pad reads itself once per frame: that frame has run
                seen.append(page.evaluate(SHOWN))
        during = page.evaluate(SCROLL)
        touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        classic = load_bundled("classic").network
        for shown in seen:   # mid-stroke: the browser's answer, and it is nn_core's for the pad as it was
            assert shown["drawing"] and shown["source"] == "live"
            reading = read_drawing(png_pixels(shown["png"]))
            output = forward(classic, reading.inputs).output
            assert shown["digit"] == str(int(np.argmax(output)))
            np.testing.assert_allclose(shown["output"], output, atol=1e-4)
        answers = [s["digit"] for s in seen]
        assert answers[0] == "1" and answers[-1] == "7", answers   # it changed while the finger moved
        assert during["top"] == before["top"] and during["y"] == before["y"], "the page scrolled while drawing"
        for state in (before, during):
            assert state["page_wide"] <= width and state["main_wide"] <= state["main_width"] and state["widest"] <= width + 1
        page.wait_for_function(f"() => {VIEW}.box.dataset.source === 'python'")
        final = page.evaluate(SHOWN)
        assert final["digit"] == str(int(np.argmax(forward(classic, read_drawing(png_pixels(final["png"])).inputs).output)))
        assert "The network says 7" in page.evaluate(f"() => {VIEW}.sentence.textContent")
        assert_no_errors(page)
    finally:
        context.close()


# Runs of the app's script, counted as they end (a short run can be over before an observer looks)
RUNS = """() => { window.__runs = 0; const app = document.querySelector('[data-testid=stApp]');
  new MutationObserver((records) => { for (const r of records) if (r.oldValue === 'running') window.__runs++; })
    .observe(app, {attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state']}); }"""
SEVEN = [(80, 50), (200, 50), (190, 70), (140, 160), (115, 250)]
BAR = [(60, 140), (230, 140)]


def python_answer(page, seq: int) -> dict:
    page.wait_for_function(f"(seq) => {VIEW}.data.answer?.seq === seq && {VIEW}.box.dataset.source === 'python'", arg=seq)
    wait_until_idle(page)
    return page.evaluate(f"() => ({{answer: {VIEW}.data.answer, png: window.nnDrawingPad.pad_png({VIEW}.canvas)}})")


def test_one_stroke_one_rerun_and_undo_clear_and_a_visit_elsewhere_keep_the_pad(page, app_server):
    open_pad(page, app_server.url)
    page.evaluate(RUNS)
    classic = load_bundled("classic").network
    pad = canvas_of(page)
    draw_stroke(page, pad, SEVEN)
    seven = python_answer(page, 1)
    page.wait_for_timeout(300)   # a second, unwanted rerun would have started by now
    # the answer above came from a run; the page shows "running" only for a run long enough to be drawn, so a fast
    # run can pass unseen: what must never be seen is a second one
    assert page.evaluate("window.__runs") <= 1, "one stroke, one rerun"
    read = read_drawing(png_pixels(seven["png"]))
    assert seven["answer"]["answer"] == int(np.argmax(forward(classic, read.inputs).output)) == 7
    draw_stroke(page, pad, BAR)
    python_answer(page, 2)
    page.get_by_role("button", name="↶ Undo").click()
    undone = python_answer(page, 3)
    assert undone["png"] == seven["png"] and undone["answer"]["output"] == pytest.approx(seven["answer"]["output"], abs=1e-6)
    page.locator("[data-testid=stSidebarNav] a[href$='/neuron']").click()   # another page, and back
    page.get_by_role("heading", name="One neuron").first.wait_for()
    wait_until_idle(page)
    page.locator("[data-testid=stSidebarNav] a[href$='/draw']").click()
    back = python_answer(page, 3)   # the strokes Python kept, painted again: the same pixels
    assert back["png"] == seven["png"]
    page.get_by_role("button", name="✕ Clear").click()
    page.wait_for_function(f"() => {VIEW}.data.ack === 4 && {VIEW}.box.dataset.source === 'none'")
    assert "Draw a digit from 0 to 9" in page.evaluate(f"() => {VIEW}.sentence.textContent")
    assert_no_errors(page)
