"""Walk the whole lesson in Chromium as a learner on a 1024x768 tablet, and photograph each step three times.

    python scripts/lesson_walk.py                    # all 15 steps, screenshots in docs/lesson_walk/
    python scripts/lesson_walk.py --steps 10-12      # some steps (each entered by its own lesson link)

It starts its own server, opens ``/?lesson=1&level=simple`` in a 1024x768 touch context and, for each step,
does what the card asks, the way a learner does: reads the card, types or chooses a guess and presses
"Lock my guess" (a *worked* question is locked after the action, from what the page shows), does the
action on the step's page with touch, mouse or keyboard, waits for the card's "Done" (training steps
included: it waits for that event, never a fixed time), presses Reveal. The first screen is saved at three
moments, ``NN-<id>-locked.png``, ``NN-<id>-done.png`` (after the action, before Reveal) and
``NN-<id>-revealed.png``, and the card's height is measured at each (its share of the 768-px first screen);
the Finish summary is ``16-finish-summary.png``. ``--look DIR`` also saves, in DIR,
the page where the learner acts (scrolled to each outlined part) when the guess is locked and before Reveal.

At the end it prints one row per step, and writes it with what each Reveal said to README.md beside the
screenshots: the guess, the answer the card revealed, the teacher's key (nn_core's own measurement after the
key's standard moves: scripts/answer_key.py), whether the guess was right, the seconds the step took, the card's
height on arrival, when the guess was locked, the action done and the answer revealed, how far
down the page the step's action sits, and whether the revealed number was already in the page's text before
Reveal. It exits 1 if a step could not be completed.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nn_core.bundled import load_bundled  # noqa: E402
from nn_core.lesson import lesson_path, read_lesson  # noqa: E402
from tests.browser.harness import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    AppServer,
    assert_no_errors,
    canvas_of,
    choose,
    next_frames,
    wait_until_drawn,
    wait_until_idle,
)
from ui.lesson.answer_key import answers as key_answers  # noqa: E402
from ui.lesson.file import KNOWN  # noqa: E402

WIDTH, HEIGHT = 1024, 768
CARD = ".st-key-lesson_card"
LIVE = "window.__nnLiveView"
HIDDEN = "hidden until you reveal"
SEVEN = [(70, 60), (210, 60), (150, 150), (110, 240)]      # a 7 on the 280x280 pad
TRAINING_WAIT = 600_000                                      # ms: a bound on a busy 2-core machine, not a measurement
LESSON = read_lesson(lesson_path(), KNOWN)

# The learner's guesses, step by step: what a 15-year-old might lock (not the answers; some are wrong on purpose).
# "label": the test digit's label, read off the card (step 2's natural guess); "worked": worked out from the page
# after the action (WORKED below).
GUESSES = {
    "draw": "600",
    "sure-is-not-right": "label",
    "neuron-and": "below ½",
    "bias-threshold": "OR",
    "layer-by-layer": "3",
    "one-hidden-neuron": "worked",
    "flip-to-3": "5",
    "silence-7": "0",
    "training-and-test": "So they can show how well it reads digits it has never seen",
    "cost": "worked",
    "downhill": "worked",
    "watch-it-learn": "70",
    "too-big-a-step": "20",
    "backprop": "0",
    "recap": "26004",
}


@dataclass
class Row:
    number: int
    id: str
    guess: str = ""
    answer: str = ""
    key: str = ""
    right: str = ""
    seconds: float = 0.0
    action_y: str = ""
    shown_before: str = ""
    card_px: list[int] = field(default_factory=list)   # the card's height on arrival and at each screenshot
    notes: list[str] = field(default_factory=list)
    revealed: str = ""
    ok: bool = False


class Walk:
    """One learner's tab: the card, the page, the screenshots."""

    def __init__(self, page, out: Path, look_dir: Path | None = None):
        self.page, self.out, self.look_dir = page, out, look_dir
        self.card = page.locator(CARD)

    # -- reading -------------------------------------------------------------------------------------------
    def card_text(self) -> str:
        return self.card.inner_text()

    def main_text(self) -> str:
        """The page's own text, without the card."""
        return self.page.evaluate("""() => { const main = document.querySelector("[data-testid='stMain']").cloneNode(true);
          main.querySelectorAll("[class*='st-key-lesson_card']").forEach((card) => card.remove());
          return main.innerText; }""")

    def settle(self) -> None:
        wait_until_drawn(self.page, 60_000)

    # -- looking -------------------------------------------------------------------------------------------
    def to_top(self) -> None:
        """Back to the first screen: every scrolled box of the page to its top."""
        self.page.evaluate("""() => { window.scrollTo(0, 0);
          for (const el of document.querySelectorAll('*')) if (el.scrollTop > 0) el.scrollTop = 0; }""")

    def shot(self, number: int, step_id: str, moment: str) -> int:
        """Screenshot the first screen; the card's height on it (px)."""
        self.settle()
        self.to_top()
        next_frames(self.page)
        path = self.out / f"{number:02d}-{step_id}-{moment}.png"
        self.page.screenshot(path=str(path))
        shrink(path)
        return round(self.card.bounding_box()["height"]) if self.card.count() else 0

    def look(self, number: int, step_id: str, moment: str, keys: tuple[str, ...]) -> None:
        """For the one reading the walk (``--look``): where the learner acts, scrolled to each of the step's outlined
        parts (or a screen down the page), one screenshot each."""
        if self.look_dir is None:
            return
        self.settle()
        parts = [self.page.locator(f"[class*='st-key-{key}']").first for key in keys]
        parts = [part for part in parts if part.count()]
        for k, part in enumerate(parts or [None]):
            if part is None:
                self.to_top()
                self.page.mouse.move(WIDTH * 0.65, HEIGHT / 2)
                self.page.mouse.wheel(0, HEIGHT - 100)
            else:
                part.evaluate("(el) => el.scrollIntoView({block: 'center'})")
            next_frames(self.page)
            self.page.screenshot(path=str(self.look_dir / f"{number:02d}-{step_id}-{moment}-page{k + 1}.png"))

    def action_y(self, keys: tuple[str, ...]) -> str:
        """Where the step's outlined parts start, from the top of the page (the first screen is HEIGHT px)."""
        self.to_top()
        tops = self.page.evaluate("""(keys) => keys.map((key) => {
            const el = document.querySelector(`[class*='st-key-${key}']`);
            return el ? Math.round(el.getBoundingClientRect().top) : null; })""", list(keys))
        found = [f"{key} {top}" for key, top in zip(keys, tops) if top is not None]
        return ", ".join(found) if found else "-"

    # -- the card ------------------------------------------------------------------------------------------
    def wait_card(self, number: int) -> None:
        self.card.get_by_text(f"step {number} of").wait_for(timeout=60_000)
        self.settle()

    def follow_link(self) -> None:
        """If the card says the step happens on another page, go there by its link."""
        link = self.card.get_by_role("link", name=re.compile("This step happens on"))
        if link.count():
            link.first.tap()
            self.page.wait_for_function(f"() => !document.querySelector(\"{CARD}\")?.innerText.includes("
                                        "'This step happens on')", timeout=60_000)
            self.settle()

    def next_step(self, number: int) -> None:
        """Next, until the card shows step ``number`` (a tap during a run of the page can be taken by that run)."""
        for _ in range(4):
            self.card.get_by_role("button", name="Next").tap()
            try:
                self.card.get_by_text(f"step {number} of").wait_for(timeout=15_000)
                break
            except Exception:  # noqa: BLE001 (playwright's TimeoutError: tap again)
                continue
        self.settle()
        self.follow_link()

    def lock(self, guess: str, choice: bool) -> None:
        """Type or choose a guess in the card and press "Lock my guess" (once the app has the guess: the button is
        disabled until then; a guess typed while the page was rerunning can be lost, and is typed again)."""
        from playwright.sync_api import expect

        button = self.card.get_by_role("button", name="Lock my guess")
        for attempt in range(3):
            if choice and self.card.locator("[data-testid='stSelectbox']").count():   # long choices: a drop-down
                self.card.locator("[data-testid='stSelectbox']").first.tap()
                self.page.get_by_role("option", name=guess, exact=True).tap()
            elif choice:
                self.card.locator("[data-testid='stButtonGroup']").get_by_text(guess, exact=True).tap()
            else:
                box = self.card.get_by_role("spinbutton")
                box.tap()
                box.press("Control+a")
                box.press_sequentially(guess)           # typed key by key (a filled value can go unsent)
                box.press("Enter")
            try:
                expect(button).to_be_enabled(timeout=15_000)
                break
            except AssertionError:
                if attempt == 2:
                    raise
        wait_until_idle(self.page)
        button.tap()
        self.card.get_by_text(re.compile("locked|worked out")).first.wait_for()
        self.settle()

    def wait_done(self, timeout: float = 60_000) -> None:
        self.card.get_by_text("Done:").wait_for(timeout=timeout)
        self.settle()

    def reveal(self) -> str:
        """Press Reveal; the card's verdict line and explanation."""
        self.card.get_by_role("button", name="Reveal the answer").tap()
        self.card.get_by_text(re.compile("The answer:|just now:")).first.wait_for()
        self.settle()
        return self.page.locator(".st-key-lesson_verdict").inner_text().strip()

    # -- doing ---------------------------------------------------------------------------------------------
    def button(self, name: str, exact: bool = True) -> None:
        target = self.page.get_by_role("button", name=name, exact=exact).first
        target.scroll_into_view_if_needed()
        target.tap()

    def touch_drag(self, points: list[tuple[float, float]]) -> None:
        """A finger on the screen: down at the first point, through the others, up (viewport pixels)."""
        cdp = self.page.context.new_cdp_session(self.page)
        (x, y), rest = points[0], points[1:]
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
        for (x0, y0), (x1, y1) in zip(points, rest):
            for k in range(1, 9):
                cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [
                    {"x": x0 + (x1 - x0) * k / 8, "y": y0 + (y1 - y0) * k / 8}]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        cdp.detach()


def shrink(path: Path) -> None:
    """Keep docs/ small: a 1024x768 screenshot as a 256-colour PNG (text and flat colours survive)."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


# -- the steps' actions --------------------------------------------------------------------------------------
def draw(walk: Walk, row: Row) -> None:
    page = walk.page
    if page.locator(".st-key-input_source").get_by_text("Draw", exact=True).count():
        page.locator(".st-key-input_source").get_by_text("Draw", exact=True).tap()
        wait_until_idle(page)
    pad = canvas_of(page)
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    walk.touch_drag([(box["x"] + x * box["width"] / 280, box["y"] + y * box["height"] / 280) for x, y in SEVEN])


def type_test_digit(walk: Walk, row: Row) -> None:
    page = walk.page
    number = re.search(r"type the number (\d+)", walk.card_text()).group(1)
    page.locator(".st-key-input_source").get_by_text("Test digit", exact=True).tap()
    wait_until_idle(page)
    box = page.get_by_label(re.compile("Test digit number"))
    box.tap()
    box.press("Control+a")
    box.press_sequentially(number)
    box.press("Enter")


def and_preset(walk: Walk, row: Row) -> None:
    walk.button("AND")


def bias_to_minus_3(walk: Walk, row: Row) -> None:
    """The live view's bias slider, with the keyboard: from −7.5 to −3.0 in steps of 0.1."""
    page = walk.page
    bias = page.locator("#one-bias-0")
    bias.scroll_into_view_if_needed()
    bias.tap()
    for _ in range(200):
        value = float(bias.input_value())
        if abs(value + 3.0) < 0.05:
            break
        bias.press("ArrowRight" if value < -3.0 else "ArrowLeft")
    wait_until_idle(page)


def to_hidden_1(walk: Walk, row: Row) -> None:
    """Before the guess on Inside, as the question says: the signal to hidden 1 only, and a look."""
    step = walk.page.get_by_role("radio", name="→ hidden 1", exact=True)
    step.scroll_into_view_if_needed()
    step.tap()
    walk.page.wait_for_function(f"() => {LIVE}.step === 1 && !{LIVE}.playing")
    walk.settle()


def play_pass(walk: Walk, row: Row) -> None:
    walk.button("▶ Play the pass")


def pick_hidden_neuron(walk: Walk, row: Row) -> None:
    """Tap neuron 0 of hidden 1 in the picture (the boxes under it, if the tap is not taken)."""
    page = walk.page
    page.wait_for_function(f"() => {LIVE} && {LIVE}.layout && {LIVE}.stats.frames > 0")
    view = page.locator(".st-key-inside_live")
    view.scroll_into_view_if_needed()
    spot = page.evaluate(f"""() => {{ const v = {LIVE}, s = v.layout.layers[0], r = v.canvas.getBoundingClientRect();
        return {{x: r.left + v.geometry.px(s.x[0]), y: r.top + v.geometry.py(s.y[0])}}; }}""")
    page.touchscreen.tap(spot["x"], spot["y"])
    try:
        walk.card.get_by_text("Done:").wait_for(timeout=15_000)
    except Exception:  # noqa: BLE001
        row.notes.append("tapping the neuron in the picture did nothing; chose it in the boxes")
        choose(page, "Layer", "hidden 1")
        wait_until_idle(page)
        choose(page, "Neuron", "neuron 0")


def strongest_picture_guess(walk: Walk) -> str:
    """A learner compares the template with the three pictures and locks one (a fixed choice: the walk reads no pictures)."""
    return "the loop"


def flip_to_3(walk: Walk, row: Row) -> None:
    """The experiment, then a finger on digit 3's bias slider, moved right a little at a time until it answers 3."""
    page = walk.page
    walk.button("Make it answer 3")
    wait_until_idle(page)
    page.wait_for_function(f"() => {LIVE} && {LIVE}.data && {LIVE}.data.controls && {LIVE}.stats.frames > 0")
    slider = page.get_by_role("slider", name="bias b of digit 3", exact=True)
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    y = box["y"] + box["height"] / 2
    value, low, high = slider.evaluate("(s) => [Number(s.value), Number(s.min), Number(s.max)]")
    x = box["x"] + box["width"] * (value - low) / (high - low)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    end = box["x"] + box["width"]
    while x < end and page.evaluate(f"() => {LIVE}.answer") != 3:
        x = min(x + box["width"] / 200, end)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
        next_frames(page, 1)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()
    page.wait_for_function(f"() => {LIVE}.pending.length === 0")
    row.notes.append(f"finger lifted at bias {slider.input_value()}")


def silence_7(walk: Walk, row: Row) -> None:
    walk.button("Silence hidden neuron 7")


def browse_test(walk: Walk, row: Row) -> None:
    part = walk.page.locator(".st-key-browse_part")
    part.scroll_into_view_if_needed()
    part.get_by_text("test digits", exact=True).tap()


def cost_mistake(walk: Walk, row: Row) -> None:
    walk.button("Show me a test digit it reads wrong")


def squares_sum(walk: Walk) -> str:
    """Add up the numbers on the (a − y)² bars, as printed (two decimals)."""
    texts = walk.page.evaluate("""() => [...document.querySelectorAll(".st-key-cost_bars .bartext")]
        .filter((t) => getComputedStyle(t).display !== 'none' && t.getAttribute('opacity') !== '0')
        .map((t) => t.textContent)""")
    values = [float(t.replace("−", "-")) for t in texts if re.fullmatch(r"[−-]?\d+(\.\d+)?", t.strip())]
    return f"{sum(values):.3f}"


def overshoot(walk: Walk, row: Row) -> None:
    walk.button("overshoot")


def first_step_guess(walk: Walk) -> str:
    """−η × slope, from the sentence the page prints about the ball's start."""
    found = re.search(r"At the start the ball is at .*? = (?P<slope>[−+-]?[\d.]+): .*?−η × slope = −(?P<rate>[\d.]+)",
                      walk.main_text())
    slope = float(found.group("slope").replace("−", "-"))
    return f"{-float(found.group('rate')) * slope:.2f}"


def train_to_85(walk: Walk, row: Row) -> None:
    walk.page.locator(".st-key-train_toggle").get_by_role("button", name="Start").tap()


def too_big(walk: Walk, row: Row) -> None:
    page = walk.page
    if page.locator(".st-key-train_toggle").get_by_role("button", name="Pause").count():
        page.locator(".st-key-train_toggle").get_by_role("button", name="Pause").tap()
        wait_until_idle(page)
    walk.button("η = 100: too big", exact=False)
    wait_until_idle(page)
    page.locator(".st-key-train_toggle").get_by_role("button", name="Start").tap()


def play_backwards(walk: Walk, row: Row) -> None:
    walk.button("Play backwards")


def read_recap(walk: Walk, row: Row) -> None:
    """The check passes on arrival; the learner reads the page (scrolls it) to the count of weights and biases."""
    walk.page.mouse.move(WIDTH * 0.65, HEIGHT / 2)
    walk.page.mouse.wheel(0, 1500)


ACTIONS = {
    "draw": draw, "sure-is-not-right": type_test_digit, "neuron-and": and_preset, "bias-threshold": bias_to_minus_3,
    "layer-by-layer": play_pass, "one-hidden-neuron": pick_hidden_neuron, "flip-to-3": flip_to_3,
    "silence-7": silence_7, "training-and-test": browse_test, "cost": cost_mistake, "downhill": overshoot,
    "watch-it-learn": train_to_85, "too-big-a-step": too_big, "backprop": play_backwards, "recap": read_recap,
}
BEFORE_LOCK = {"layer-by-layer": to_hidden_1}             # what the question asks the learner to look at first
WORKED = {"one-hidden-neuron": strongest_picture_guess, "cost": squares_sum, "downhill": first_step_guess}
SLOW = {"watch-it-learn", "too-big-a-step"}


# -- one step ------------------------------------------------------------------------------------------------
def answer_of(revealed: str) -> str:
    found = re.match(r"(?:The answer|Measured on .*? just now):\s*(.+?)\.(\s|$)", revealed.split("\n")[0] + " ")
    return found.group(1).strip() if found else revealed.split("\n")[0][:40]


def number_in(text: str, answer: str) -> bool:
    """Is ``answer`` (a number with at least 3 digits, e.g. 1.379, 81.2, 26,506) printed in ``text``?"""
    plain = answer.removesuffix("%").strip()
    if sum(c.isdigit() for c in plain) < 3:
        return False
    return re.search(rf"(?<![\d.,]){re.escape(plain)}(?![\d])", text) is not None


def walk_step(walk: Walk, number: int, key: dict) -> Row:
    step = LESSON.steps[number - 1]
    row, started = Row(number, step.id), time.monotonic()
    walk.wait_card(number)
    walk.follow_link()
    if time.monotonic() - started > 5:
        row.notes.append(f"the page was busy for {time.monotonic() - started:.0f} s after the step began")
    text = walk.card_text()
    row.action_y = walk.action_y(step.highlight)
    row.card_px.append(round(walk.card.bounding_box()["height"]))        # on arrival: predict (or, worked, act)
    question = step.question
    guess = GUESSES[step.id]
    if guess == "label":
        guess = re.search(r"is an? (\d)\.", text).group(1)
    if step.id in BEFORE_LOCK:
        BEFORE_LOCK[step.id](walk, row)
    if not question.worked:
        locking = time.monotonic()
        walk.lock(guess, question.is_choice)
        if time.monotonic() - locking > 5:
            row.notes.append(f"locking the guess took {time.monotonic() - locking:.0f} s (the page was busy)")
        row.card_px.append(walk.shot(number, step.id, "locked"))
        walk.look(number, step.id, "locked", step.highlight)
    acting = time.monotonic()
    ACTIONS[step.id](walk, row)
    walk.wait_done(TRAINING_WAIT if step.id in SLOW else 60_000)
    if step.id in SLOW:
        row.notes.append(f"{time.monotonic() - acting:.1f} s from the action to the card's Done")
    if question.worked:
        walk.look(number, step.id, "worked", step.highlight)
        guess = WORKED[step.id](walk)
        walk.lock(guess, question.is_choice)
        row.card_px.append(walk.shot(number, step.id, "locked"))
    before = walk.main_text()
    if HIDDEN in before:
        row.notes.append("the page says the number is hidden until Reveal")
    row.card_px.append(walk.shot(number, step.id, "done"))
    walk.look(number, step.id, "done", step.highlight)
    revealed = walk.reveal()
    row.revealed = revealed
    row.guess, row.answer = guess, answer_of(revealed)
    row.right = "yes" if " is right" in revealed else "skipped" if "skipped" in revealed else "no"
    row.shown_before = ("yes" if number_in(before, row.answer) else "no") if not question.is_choice else "(choice)"
    expected = key.get(step.id)
    row.key = "-" if expected is None else expected if isinstance(expected, str) else f"{expected:g}"
    if row.key != "-" and same(row.key, row.answer) is False:
        row.notes.append(f"the card's answer {row.answer} is not the key's {row.key}"
                         + (" (the learner's own drawing)" if step.id == "draw" else ""))
    row.card_px.append(walk.shot(number, step.id, "revealed"))
    assert_no_errors(walk.page)
    row.seconds, row.ok = time.monotonic() - started, True
    return row


def same(key: str, answer: str) -> bool:
    """The key's answer and the card's, as numbers if both are numbers (26506 = 26,506; 81.2 = 81.2 %)."""
    numbers = [a.replace(",", "").removesuffix("%").strip() for a in (key, answer)]
    try:
        return float(numbers[0]) == float(numbers[1])
    except ValueError:
        return key == answer


def table(rows: list[Row]) -> str:
    head = (f"{'step':<22} {'guess':>10} {'measured':>10} {'key':>10} {'right?':>7} {'s':>6}  {'shown before':>12}  "
            f"{'card px':>15}  action y")
    lines = [head, "-" * len(head)]
    for r in rows:
        short = lambda s: s if len(s) <= 10 else s[:9] + "…"  # noqa: E731
        lines.append(f"{r.number:>2} {r.id:<19} {short(r.guess):>10} {short(r.answer):>10} {short(r.key):>10} "
                     f"{r.right if r.ok else 'FAILED':>7} {r.seconds:6.1f}  {r.shown_before:>12}  "
                     f"{'/'.join(map(str, r.card_px)):>15}  {r.action_y}")
        lines.extend(f"{'':25}{note}" for note in r.notes)
    return "\n".join(lines)


def write_record(path: Path, report: str, rows: list[Row]) -> None:
    """The table and what each Reveal said, beside the screenshots."""
    revealed = "\n".join(f"{r.number}. **{r.id}**: {' '.join(r.revealed.split())}" for r in rows if r.revealed)
    path.write_text(
        "# The lesson walked on a 1024x768 tablet, simple level\n\n"
        f"Written by `python scripts/lesson_walk.py` on {time.strftime('%Y-%m-%d')} (model: classic). Screenshots of the "
        "first screen per step: `NN-<id>-locked.png` (the guess locked; for a worked question, after the action), "
        "`NN-<id>-done.png` (the action done, before Reveal), `NN-<id>-revealed.png`. \"shown before\": the revealed "
        "number was already in the page's text before Reveal. \"card px\": the card's height in px on the first screen "
        "on arrival, when the guess was locked, the action done and the answer revealed (a quarter of the screen is "
        "192 px). \"action y\": where the step's outlined parts start, in "
        "px from the top of the page (the first screen ends at 768).\n\n"
        f"```\n{report}\n```\n\n## What each Reveal said\n\n{revealed}\n", encoding="utf-8")


def step_range(text: str) -> list[int]:
    low, _, high = text.partition("-")
    return list(range(int(low), int(high or low) + 1))


def main() -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", default=f"1-{len(LESSON.steps)}", help="e.g. 1-15 (default) or 12-13")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "lesson_walk")
    parser.add_argument("--url", help="use this running server instead of starting one")
    parser.add_argument("--look", type=Path, help="also save where the learner acts, scrolled there, in this folder")
    args = parser.parse_args()
    numbers = step_range(args.steps)
    args.out.mkdir(parents=True, exist_ok=True)
    key = key_answers(LESSON, load_bundled("classic").network)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as logs, sync_playwright() as playwright:
        server = None if args.url else AppServer(Path(logs))
        url = args.url or server.url
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, has_touch=True)
            page = context.new_page()
            page.set_default_timeout(45_000)   # a bound for waiting on a busy machine, not a measurement
            if args.look:
                args.look.mkdir(parents=True, exist_ok=True)
            walk = Walk(page, args.out, args.look)
            page.goto(f"{url}/?lesson={numbers[0]}&level=simple")
            page.locator(CARD).wait_for(timeout=90_000)
            for number in numbers:
                if number != numbers[0]:
                    walk.next_step(number)
                try:
                    rows.append(walk_step(walk, number, key))
                except Exception as exc:  # noqa: BLE001 (report the step and stop: later steps need its page)
                    rows.append(Row(number, LESSON.steps[number - 1].id, notes=[f"{type(exc).__name__}: {exc}"[:300]]))
                    page.screenshot(path=str(args.out / f"{number:02d}-failed.png"))
                    break
            if numbers[-1] == len(LESSON.steps) and rows[-1].ok:
                walk.card.get_by_role("button", name="Finish").tap()
                walk.card.get_by_text("The lesson is done").wait_for()
                table_rows = walk.card.locator("[data-testid='stDataFrame'] [role='grid'] tbody tr")
                table_rows.first.wait_for(state="attached")          # the table of guesses is drawn late
                walk.shot(len(LESSON.steps) + 1, "finish", "summary")
        finally:
            browser.close()
            if server is not None:
                server.stop()
    complete = len(rows) == len(numbers) and all(r.ok for r in rows)
    report = table(rows) + "\n" + ("all steps completed" if complete else "a step could not be completed")
    print(report)
    write_record(args.out / "README.md", report, rows)
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
