"""Keyboard-only use, and the server's protections, in real Chromium."""
import re

from tests.browser.harness import assert_no_errors, wait_until_idle


def test_the_main_tasks_work_with_the_keyboard_alone(page, app_server):
    page.goto(app_server.url + "/draw")
    test_digit = page.get_by_role("radiogroup", name="Where does the digit come from?").get_by_role(
        "radio", name=re.compile("Test digit"))
    test_digit.focus()
    page.keyboard.press("Space")
    number = page.get_by_role("spinbutton", name=re.compile("Test digit number"))
    number.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("12")
    page.keyboard.press("Enter")
    page.get_by_text(re.compile(r"test digit #12", re.IGNORECASE)).first.wait_for()
    page.get_by_text(re.compile(r"The network says \d")).wait_for()

    page.goto(app_server.url + "/inside")
    page.get_by_text(re.compile(r"The network answers \d")).wait_for()
    wait_until_idle(page)
    choose_with_keys(page, "Layer", "hidden 2")
    wait_until_idle(page)
    page.wait_for_function("() => !document.querySelector('[aria-label=\"Neuron\"]').disabled")
    choose_with_keys(page, "Neuron", "neuron 4")
    page.get_by_role("heading", name="hidden 2, neuron 4").wait_for()
    assert_no_errors(page)


def choose_with_keys(page, box: str, option: str) -> None:
    """Focus a selectbox, type to filter (the best match is highlighted), Enter: no mouse."""
    combobox = page.get_by_role("combobox", name=box)
    for attempt in range(3):             # a rerun finishing meanwhile may close the list: type again
        combobox.focus()
        page.keyboard.type(option)
        try:
            page.get_by_role("option", name=option, exact=True).wait_for(timeout=6_000)
            break
        except Exception:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
    page.keyboard.press("Enter")
    # taken: the list closed with the option in the box (while the list is open the box holds the typed text)
    page.wait_for_function("([box, option]) => { const input = document.querySelector(`[aria-label='${box}']`); "
                           "return input.getAttribute('aria-expanded') === 'false' && input.value === option; }",
                           arg=[box, option])


def test_xsrf_protection_is_on(page, app_server):
    page.goto(app_server.url)
    page.get_by_text("Model in use", exact=True).wait_for()
    assert any(cookie["name"] == "_streamlit_xsrf" for cookie in page.context.cookies())


def test_a_shared_link_opens_that_view(page, app_server):
    page.goto(app_server.url + "/inside?model=best&digit=42&colours=colour-blind")
    page.get_by_text("Looking at test digit #42").wait_for()
    page.get_by_text("784-256-128-10, relu").first.wait_for()
    page.get_by_text("orange = negative").wait_for()
    assert_no_errors(page)
