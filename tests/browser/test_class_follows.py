"""A lesson with a class, in Chromium: a tablet and a phone join by the console's QR link, follow the teacher
through five moves made with the console's own button, the phone gives a drawing, the tablet trains and enters
the challenge; the console's board shows each of them. Nothing is timed: every wait is for an event (a bound, not
a measurement); scripts/class_follow_browsers.py measures the same with four devices.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.harness import assert_no_errors, canvas_of, choose, draw_stroke, wait_until_idle
from tests.browser.test_classroom import PATIENCE, SEVEN, joined, open_console
from tests.load.classroom_run import step_page, steps_on_other_pages

GONE_FRAGMENT = "does not exist anymore"
DEVICES = {"Tab": {"viewport": {"width": 1024, "height": 768}, "has_touch": True},
           "Ana": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}}


def step_titles() -> list[str]:
    from nn_core.lesson import lesson_path, read_lesson
    from ui.lesson.file import KNOWN

    return [step.title for step in read_lesson(lesson_path(), KNOWN).steps]


def on_page(url_path: str) -> re.Pattern:
    """A tab's address on the page at ``url_path`` (with or without a query)."""
    return re.compile(rf"/{re.escape(url_path)}(\?.*)?$")


def shows_step(page, number: int, count: int):
    """The card at step ``number`` (1-based): "step 7 of 15", or "7/15 ·" on a phone's pinned line."""
    return page.get_by_text(f"step {number} of {count}").or_(page.get_by_text(f"{number}/{count} ·")).first


def move_everyone(console, step: int, titles: list[str]) -> None:
    """The teacher chooses step ``step`` (0-based) and presses 'Everyone to step N'."""
    choose(console, "Lesson step", f"{step + 1}. {titles[step]}")
    console.get_by_role("button", name=f"Everyone to step {step + 1}").click()
    console.get_by_text(f"Last sent: step {step + 1}").wait_for()


def give_a_seven(phone) -> None:
    canvas = canvas_of(phone)
    draw_stroke(phone, canvas, SEVEN)
    wait_until_idle(phone)
    phone.locator(".st-key-class_drawing_label").get_by_text("7", exact=True).click()
    phone.get_by_role("button", name="Give it to the class").click()
    phone.get_by_text("Given: your drawing of a 7").wait_for()


def enter_the_challenge(tablet) -> str:
    """One epoch on Watch it learn, then enter it: the button is in the run's area, on the first screen."""
    wait_until_idle(tablet)
    tablet.get_by_role("button", name="One epoch").click()
    enter = tablet.get_by_role("button", name="Enter this run in the class challenge")
    enter.wait_for()
    wait_until_idle(tablet)
    tablet.evaluate("() => window.scrollTo(0, 0)")
    button, start = enter.bounding_box(), tablet.locator(".st-key-train_toggle").bounding_box()
    chart = tablet.locator(".st-key-loss_chart").bounding_box()
    assert start["y"] < button["y"] < chart["y"] and button["y"] + button["height"] <= 768, (start, button, chart)
    enter.click()
    tablet.get_by_text("It is on the board").wait_for()
    return tablet.url


@pytest.mark.slow
def test_a_tablet_and_a_phone_follow_five_moves_give_a_drawing_and_enter_and_the_board_shows_them(
        browser, app_server, tmp_path):
    titles = step_titles()
    moves = [*steps_on_other_pages(4), 11]   # four steps on four pages, then Watch it learn (0-based 11)
    if 0 not in moves:
        moves[2] = 0                         # (one of them on Draw a digit, for the phone's drawing)
    log_before = app_server.log.read_text().count(GONE_FRAGMENT)
    teacher_context, console, code, _ = open_console(browser, app_server.url)
    contexts, students, errors = [teacher_context], {}, []
    try:
        qr_link = "http://" + console.locator(".st-key-class_invite_address [data-testid='stText']").inner_text().strip()
        for name, device in DEVICES.items():
            context = browser.new_context(**device)
            contexts.append(context)
            page = context.new_page()
            page.set_default_timeout(PATIENCE)
            page.on("pageerror", lambda error, name=name: errors.append((name, str(error))))
            page.goto(f"{qr_link}?code={code}")                            # what the QR code holds
            expect(page.get_by_label("Class code")).to_have_value(code)
            wait_until_idle(page)
            page.get_by_label("Nickname (optional)").fill(name)
            page.get_by_role("button", name="Join").click()
            joined(page, code)
            students[name] = page
        tablet, phone = students["Tab"], students["Ana"]
        for step in moves:
            move_everyone(console, step, titles)
            for page in students.values():
                shows_step(page, step + 1, len(titles)).wait_for()          # every student, every move,
                expect(page).to_have_url(on_page(step_page(step)), timeout=PATIENCE)   # ... on the step's page
            if step == 0:
                give_a_seven(phone)
        phone.screenshot(path=str(tmp_path / "phone-at-the-last-move.png"))
        enter_the_challenge(tablet)
        tablet.screenshot(path=str(tmp_path / "tablet-entered.png"))

        board = console.locator(".st-key-class_board")                     # (the console refreshes by itself)
        expect(board).to_contain_text("Tab")
        expect(board).to_contain_text("Ana")
        expect(board).to_contain_text(f"{moves[-1] + 1}. {titles[moves[-1]]}")
        console.get_by_text("of the class's 1 drawing right").wait_for()
        entries = console.locator("[data-testid='stTable']").filter(has_text="recipe")
        entries.get_by_text("Tab", exact=True).wait_for()
        recipe = entries.locator("td").last.inner_text()
        assert recipe.startswith("784-16-16-10 sigmoid · η 0.5 · batch 10 · 1.0/10 epochs · seed ") and \
            recipe.endswith(" · 3,500 digits"), recipe
        wait_until_idle(console)
        board.scroll_into_view_if_needed()
        console.screenshot(path=str(tmp_path / "console-board.png"))
        for page in [console, *students.values()]:
            assert_no_errors(page)
        assert errors == []
        assert app_server.log.read_text().count(GONE_FRAGMENT) == log_before   # no tick met a fragment a run replaced
        print(f"screenshots in {tmp_path}")
    finally:
        for context in contexts:
            context.close()
