"""The lesson in Chromium: its first five steps as a learner does them, and the worksheet printed to PDF.

Each step: the card is there and outlines the part of the page it talks about, the step is marked
done only once its action is done (a stroke on the pad, a test digit typed, AND pressed, the bias
slider moved with the keyboard, the pass played), and Reveal shows what nn_core measures.
Screenshots of every step are written next to the test's temporary files (the path is printed).
"""
from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium
import pytest

from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.network import predict
from tests.browser.harness import assert_no_errors, canvas_of, draw_stroke, wait_until_idle

CARD = ".st-key-lesson_card"
SEVEN = [(70, 60), (210, 60), (150, 150), (110, 240)]


def card_text(page) -> str:
    return page.locator(CARD).inner_text()


def wait_done(page) -> None:
    page.locator(CARD).get_by_text("Done:").wait_for()
    wait_until_idle(page)


def outlined(page, key: str) -> bool:
    """Is the part of the page with this key outlined by the lesson (its highlight colour)?"""
    return page.evaluate("""(key) => {
      const el = document.querySelector(`[class*='st-key-${key}']`);
      return !!el && getComputedStyle(el).outlineStyle === 'solid' && getComputedStyle(el).outlineWidth === '3px';
    }""", key)


def wait_outlined(page, key: str, timeout: float = 10_000) -> None:
    """Wait until the lesson outlines that part of the page (its style arrives with the card's run)."""
    page.wait_for_function("""(key) => {
      const el = document.querySelector(`[class*='st-key-${key}']`);
      return !!el && getComputedStyle(el).outlineStyle === 'solid' && getComputedStyle(el).outlineWidth === '3px';
    }""", arg=key, timeout=timeout)


def guess_and_reveal(page, value: str, choice: bool = False) -> str:
    card = page.locator(CARD)
    if choice:
        card.locator("[data-testid='stButtonGroup']").get_by_text(value, exact=True).click()
    else:
        box = card.get_by_role("spinbutton")
        box.fill(value)
        box.press("Enter")
    wait_until_idle(page)
    card.get_by_role("button", name="Reveal the answer").click()
    card.get_by_text("just now").wait_for()
    wait_until_idle(page)
    return card_text(page)


def next_step(page, number: int) -> None:
    """Next, until the card shows step ``number`` (a click during a run of the page can be taken by that run)."""
    for _ in range(3):
        page.locator(CARD).get_by_role("button", name="Next").click()
        try:
            page.locator(CARD).get_by_text(f"step {number} of").wait_for(timeout=8_000)
            break
        except Exception:  # noqa: BLE001 (playwright's TimeoutError: try the click again)
            continue
    wait_until_idle(page)


@pytest.mark.slow
def test_the_first_five_steps_of_the_lesson(browser, app_server, tmp_path):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(25_000)
    shots = []

    def shot(name: str) -> None:
        path = tmp_path / f"{len(shots) + 1:02d}-{name}.png"
        page.screenshot(path=str(path))
        shots.append(path)

    _, test = load_embedded()
    classic = load_bundled("classic").network
    try:
        page.goto(f"{app_server.url}/?lesson=1&level=simple")
        page.locator(CARD).wait_for()
        wait_until_idle(page)
        assert "/draw" in page.url and "step 1 of" in card_text(page)
        page.locator(CARD).get_by_text("Do this:").wait_for()               # (the first run may still be on its way)
        wait_until_idle(page)
        wait_outlined(page, "input_source")
        assert page.locator(CARD).get_by_role("button", name="Reveal the answer").is_disabled()
        shot("draw-before")
        draw_stroke(page, canvas_of(page), SEVEN)                       # 1. draw
        wait_done(page)
        assert "784" in guess_and_reveal(page, "784").split("just now")[1][:12]
        shot("draw-done")

        next_step(page, 2)                                                  # 2. test digit 11
        assert "step 2 of" in card_text(page) and "Done:" not in card_text(page)
        page.locator(".st-key-input_source").get_by_text("Test digit").click()
        wait_until_idle(page)
        number = page.get_by_label("Test digit number (0 to 999)")
        number.fill("11")
        number.press("Enter")
        wait_done(page)
        answer = str(int(np.argmax(predict(classic, test.inputs[11]))))
        revealed = guess_and_reveal(page, answer, choice=True)
        assert f"just now: {answer}" in revealed and "is right" in revealed
        shot("test-digit-11")

        next_step(page, 3)                                                  # 3. One neuron: AND
        assert "/neuron" in page.url and "step 3 of" in card_text(page)
        assert outlined(page, "preset-AND")
        page.get_by_role("button", name="AND", exact=True).click()
        wait_done(page)
        assert "0.924" in guess_and_reveal(page, "0.9")
        shot("neuron-and")

        next_step(page, 4)                                                  # 4. the bias to −3, with the keyboard
        assert "step 4 of" in card_text(page) and "Done:" not in card_text(page)
        bias = page.locator("#one-bias-0")                                  # the live view's bias slider
        bias.focus()
        for _ in range(300):                                             # from −7.5, one 0.1 step at a time, to −3.0
            value = float(bias.input_value())
            if abs(value + 3.0) < 0.05:
                break
            bias.press("ArrowRight" if value < -3.0 else "ArrowLeft")
            wait_until_idle(page)                                        # (the release it sends reruns the page)
        wait_done(page)
        assert "3.0" in guess_and_reveal(page, "3")
        shot("bias-threshold")

        next_step(page, 5)                                                  # 5. Inside: play the pass
        assert "/inside" in page.url and "step 5 of" in card_text(page) and outlined(page, "inside_live")
        shot("inside-before")
        page.get_by_role("button", name="▶ Play the pass").click()
        wait_done(page)
        answer = str(int(np.argmax(predict(classic, test.inputs[11]))))
        assert f"just now: {answer}" in guess_and_reveal(page, answer, choice=True)
        shot("inside-done")
        assert "5 of 15 steps done" in card_text(page)
        assert_no_errors(page)
    finally:
        print(f"\nlesson screenshots: {tmp_path}")
        context.close()


def test_the_worksheet_prints_as_a_pdf_of_its_own(browser, app_server, tmp_path):
    """Printed (the print stylesheet), the worksheet is all its questions on A4 sheets, without the app around it."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(25_000)
    try:
        page.goto(f"{app_server.url}/worksheet")
        page.get_by_text("My prediction").first.wait_for()
        wait_until_idle(page)
        page.emulate_media(media="print")
        page.wait_for_function("""() => { const bar = document.querySelector("[data-testid='stSidebar']");
                                         return !bar || getComputedStyle(bar).display === 'none'; }""")
        pdf_path = tmp_path / "worksheet.pdf"
        page.pdf(path=str(pdf_path), format="A4", print_background=True)
        pdf = pdfium.PdfDocument(str(pdf_path))
        text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        assert len(pdf) >= 3, len(pdf)
        assert "Worksheet" in text and "1. A digit goes in" in text and "15. Recap" in text   # all of it, not one screen
        assert text.count("My prediction") == 15
        assert "Model in use" not in text and "Start over" not in text and "Print the worksheet" not in text
        for i in range(len(pdf)):
            image = pdf[i].render(scale=1.5).to_pil()
            image.save(tmp_path / f"worksheet-{i + 1}.png")
            pixels = np.asarray(image.convert("L"), dtype=np.float32)
            assert pixels.mean() > 200       # black on white: no dark sidebar or header printed
        print(f"\nprinted worksheet: {tmp_path}")
    finally:
        context.close()
