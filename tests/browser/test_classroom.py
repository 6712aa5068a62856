"""The classroom in Chromium: a teacher's console on a projector and a student's phone. The student joins with
the code from the board and stays in the class through a new page load; a drawing given on the phone appears on
the console; a drawing survives the server being killed. Screenshots are kept with the test's temporary files
(docs/ has the current ones)."""
from __future__ import annotations

import warnings

import pytest
from playwright.sync_api import expect

from tests.browser.harness import ERROR_SELECTOR, ROOT, assert_no_errors, canvas_of, draw_stroke, wait_until_idle

SEVEN = [(70, 60), (210, 60), (150, 150), (110, 240)]


# A fresh server of its own (and a restart) on a busy machine can take a while to answer: these waits are
# bounds, not measurements; nothing here is timed.
PATIENCE = 60_000


def joined(page, code: str) -> None:
    """Wait for the page to say the student is in the class (or for the error that says why not).

    If neither comes, say what the page shows (seen once in a full run under load: the form still filled, no
    message, no server error): its script state, its text, and a screenshot beside the test's files."""
    answered = page.get_by_text(f"In class {code}").or_(page.locator(ERROR_SELECTOR)).first
    try:
        answered.wait_for(timeout=PATIENCE / 2)
    except Exception:  # noqa: BLE001
        # Seen about once in five full runs under load, and not understood yet: the press's run writes the code into
        # the page's link, yet the Join callback leaves no trace. A student would press again; so does the test,
        # once, and says so in the run's warnings (the issue is open).
        join_button = page.get_by_role("button", name="Join")
        if join_button.count() and not page.get_by_text(f"In class {code}").count():
            warnings.warn(f"a Join press for {code} got no answer in {PATIENCE / 2000:.0f} s: pressed again",
                          stacklevel=2)
            join_button.click()
    try:
        answered.wait_for()
    except Exception as exc:
        state = page.evaluate("() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState")
        text = page.locator("[data-testid='stMain']").inner_text()[:400]
        page.screenshot(path=f"/tmp/join-lost-{code}.png", full_page=True)
        raise AssertionError(f"no join after the press: script {state}; page: {text!r}; "
                             f"screenshot /tmp/join-lost-{code}.png") from exc
    if page.get_by_text(f"In class {code}").count():
        # the browser keeps the seat once the seat keeper has run, which can be a moment after the text (seen in a
        # full run under load: a new page load straight after the join found no seat in the browser yet)
        page.wait_for_function("() => !!window.localStorage.getItem('nn_class_seat')")
    assert_no_errors(page)


def open_console(browser, url):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.set_default_timeout(PATIENCE)
    # (the app's home first: a fresh server's very first request to /console gets Streamlit's "Page not found"
    # for a moment, before st.navigation has run once; see the closing note of issue 14)
    page.goto(f"{url}/?text=large")
    page.get_by_text("What is a neural network?").first.wait_for()
    page.goto(f"{url}/console?text=large")
    wait_until_idle(page)
    page.get_by_role("button", name="Open a class").click()
    shown_once = page.locator("[aria-label='teacher key']")      # the key's own screen, before the console
    shown_once.wait_for()
    key = shown_once.inner_text().strip()
    page.get_by_role("button", name="I have written it down").click()
    board = page.locator(".st-key-class_invite_code [data-testid='stText']")
    board.wait_for()
    code = board.inner_text().strip()
    wait_until_idle(page)                                          # (the run's end clears the screen it replaced)
    assert page.locator("[aria-label='teacher key']").count() == 0 and key not in page.locator("body").inner_text()
    return context, page, code, key


@pytest.mark.slow
def test_a_phone_joins_keeps_its_seat_through_a_reload_and_gives_a_drawing(browser, app_server, tmp_path):
    """What needs a browser: the seat kept in the browser's localStorage across a reload, drawing on the pad with a
    finger, and the console on a projector seeing the drawing. (Everyone following the teacher's move:
    tests/load/test_class_follows.py, over the websocket protocol.)"""
    teacher_context, console, code, key = open_console(browser, app_server.url)
    contexts = [teacher_context]
    try:
        assert len(code) == 6 and len(key) >= 12
        console.screenshot(path=str(tmp_path / "console-opened.png"))
        context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
        contexts.append(context)
        phone = context.new_page()
        phone.set_default_timeout(PATIENCE)
        phone.goto(f"{app_server.url}/join")
        wait_until_idle(phone)                         # (a box filled during the page's first run can be drawn again)
        phone.get_by_label("Class code").fill(code.lower())
        phone.get_by_label("Nickname (optional)").fill("Ben")
        phone.get_by_role("button", name="Join").click()
        joined(phone, code)
        console.get_by_text("1 student has joined").wait_for()
        console.locator(".st-key-class_board").get_by_text("Ben", exact=True).wait_for()   # the nickname, as typed
        phone.goto(f"{app_server.url}/draw")          # a new page load: a new session; the tab still holds the seat
        phone.get_by_text(f"In class {code} as Ben").first.wait_for()
        canvas = canvas_of(phone)
        draw_stroke(phone, canvas, SEVEN)
        wait_until_idle(phone)
        form = phone.locator(".st-key-class_drawing_label")
        form.get_by_text("7", exact=True).click()
        phone.get_by_role("button", name="Give it to the class").click()
        phone.get_by_text("Given: your drawing of a 7").wait_for()
        phone.screenshot(path=str(tmp_path / "student-phone-gave.png"), full_page=True)
        assert_no_errors(phone)
        console.get_by_text("of the class's 1 drawing right").wait_for()
        wait_until_idle(console)
        console.screenshot(path=str(tmp_path / "console-with-a-drawing.png"), full_page=True)
        assert_no_errors(console)
        print(f"screenshots in {tmp_path}")
    finally:
        for context in contexts:
            context.close()


@pytest.mark.slow
def test_a_drawing_given_survives_the_server_being_killed(browser, tmp_path):
    """A server of its own: a student gives a drawing, the server is killed (SIGKILL) and started again on the
    same store; the teacher signs in on the new one with the code and key and finds the seat and the drawing."""
    from tests.browser.harness import AppServer

    first = AppServer(tmp_path)
    contexts = []
    try:
        teacher_context, console, code, key = open_console(browser, first.url)
        contexts.append(teacher_context)
        phone_context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
        contexts.append(phone_context)
        phone = phone_context.new_page()
        phone.set_default_timeout(PATIENCE)
        phone.goto(f"{first.url}/join")
        wait_until_idle(phone)
        phone.get_by_label("Class code").fill(code)
        phone.get_by_role("button", name="Join").click()
        joined(phone, code)
        phone.goto(f"{first.url}/draw")
        phone.get_by_text(f"In class {code}").first.wait_for()
        draw_stroke(phone, canvas_of(phone), SEVEN)
        wait_until_idle(phone)
        phone.locator(".st-key-class_drawing_label").get_by_text("7", exact=True).click()
        phone.get_by_role("button", name="Give it to the class").click()
        phone.get_by_text("Given: your drawing of a 7").wait_for()
        first.process.kill()                                   # no clean shutdown
        first.process.wait(timeout=10)
        second = AppServer(tmp_path)
        try:
            page = teacher_context.new_page()
            page.set_default_timeout(PATIENCE)
            page.goto(f"{second.url}/")
            page.get_by_text("What is a neural network?").first.wait_for()
            page.goto(f"{second.url}/console")
            wait_until_idle(page)
            page.get_by_label("Class code").fill(code)
            page.get_by_label("Teacher key").fill(key)
            page.get_by_role("button", name="Open the console").click()
            page.get_by_text("1 student has joined").wait_for()
            page.get_by_text("of the class's 1 drawing right").wait_for()
            assert_no_errors(page)
        finally:
            second.stop()
    finally:
        for context in contexts:
            context.close()
        first.stop()


@pytest.mark.slow
def test_the_projector_view_shows_the_code_the_names_and_the_drawings_never_the_key(browser, app_server, tmp_path):
    """The console in its projector view at 1280x720 with three students (joined through the store the server
    uses, as tests/load/ does) and six drawings: the presenter layout (sidebar folded), the code big, the names,
    the class's matrix; no key anywhere. Screenshots are kept with the test's files."""
    from classroom.rooms import Rooms
    from classroom.store import configured_url, open_engine
    from nn_core.data import load_embedded

    context, console, code, key = open_console(browser, app_server.url)
    try:
        rooms, test = Rooms(open_engine(configured_url())), load_embedded()[1]
        seats = [rooms.join(code, name, "browser-test") for name in ("Ana", "Ben", "Chloé")]
        for n, digit in enumerate((4, 1, 3, 3, 7, 7)):             # the review's class: six drawings, read right
            i = int((test.labels == digit).nonzero()[0][n % 2])
            rooms.give_drawing(seats[n % 3].token, test.images[i], digit)
        console.get_by_role("button", name="Projector view").click()
        console.get_by_text("3 students have joined").wait_for()
        console.get_by_text("Ana, Ben, Chloé").wait_for()
        console.get_by_text("of the class's 6 drawings right").wait_for()
        wait_until_idle(console)
        console.locator("[data-testid='stSidebar'][data-collapsed='true']").wait_for(state="attached")   # folded
        assert console.get_by_role("button", name="Projector view", exact=True).count() == 0
        assert key not in console.locator("body").inner_text()
        assert_no_errors(console)
        console.screenshot(path=str(tmp_path / "console-projector.png"))
        console.locator(".st-key-class_confusion, [data-testid=stPlotlyChart]").last.scroll_into_view_if_needed()
        console.screenshot(path=str(tmp_path / "console-projector-handwriting.png"))
        print(f"screenshots in {tmp_path}")
    finally:
        context.close()


def in_class(page, code: str):
    return page.get_by_text(f"In class {code}")


@pytest.mark.slow
def test_a_phone_joins_by_the_qr_link_and_every_tab_of_its_browser_is_in_the_class(browser, app_server, tmp_path):
    """The console shows the address and a QR code; the phone opens the QR's link (/join?code=…), finds the code filled
    in and joins; a second tab of the same browser is in the class, a different browser is not; leaving in one tab
    leaves in the other. Screenshots of the console's top (1400x1000; 1280x720 with large text) and the phone."""
    teacher_context, console, code, _ = open_console(browser, app_server.url)
    contexts = [teacher_context]
    try:
        address = console.locator(".st-key-class_invite_address [data-testid='stText']").inner_text().strip()
        assert address == app_server.url.split("://")[1] + "/join"       # the address this console came in on
        assert console.locator(".st-key-class_invite_qr img").first.get_attribute("src").startswith("data:image/svg+xml")
        console.locator(".st-key-class_invite").scroll_into_view_if_needed()
        console.screenshot(path=str(tmp_path / "console-top-1280x720-large.png"))
        console.set_viewport_size({"width": 1400, "height": 1000})
        wait_until_idle(console)
        console.screenshot(path=str(tmp_path / "console-top-1400x1000.png"))

        phone_context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
        contexts.append(phone_context)
        phone = phone_context.new_page()
        phone.set_default_timeout(PATIENCE)
        phone.goto(f"http://{address}?code={code}")                     # what the QR code holds
        expect(phone.get_by_label("Class code")).to_have_value(code)     # filled in by the link
        wait_until_idle(phone)
        phone.screenshot(path=str(tmp_path / "join-phone-from-qr.png"))
        phone.get_by_label("Nickname (optional)").fill("Ana")
        phone.get_by_role("button", name="Join").click()
        joined(phone, code)

        second_tab = phone_context.new_page()                            # the same browser: the same localStorage
        second_tab.set_default_timeout(PATIENCE)
        second_tab.goto(f"{app_server.url}/neuron")
        in_class(second_tab, code).first.wait_for()

        other_context = browser.new_context(viewport={"width": 1024, "height": 768})   # another browser
        contexts.append(other_context)
        other = other_context.new_page()
        other.set_default_timeout(PATIENCE)
        other.goto(f"{app_server.url}/neuron")
        other.get_by_text("One neuron").first.wait_for()
        wait_until_idle(other)
        assert in_class(other, code).count() == 0
        assert other.evaluate("() => localStorage.getItem('nn_class_seat')") is None

        phone.get_by_role("button", name="Leave the class").click()     # one tab leaves ...
        phone.get_by_role("button", name="Join").wait_for()
        in_class(second_tab, code).first.wait_for(state="detached")    # ... and so does the other
        assert second_tab.evaluate("() => localStorage.getItem('nn_class_seat')") is None
        assert_no_errors(phone)
        assert_no_errors(second_tab)
        print(f"screenshots in {tmp_path}")
    finally:
        for context in contexts:
            context.close()


KEEPER_JS = """async ([source]) => {
  const keeper = (await import("data:text/javascript," + encodeURIComponent(source))).default;
  localStorage.setItem("nn_class_seat", "token-of-a-seat");
  window.__sent = [];
  window.__render = (data) => keeper({ data, setTriggerValue: (event, value) => window.__sent.push([event, value]) });
  window.__render({ token: "", forget: false });          // a new page load: the server has no seat for this tab
}"""


def test_the_tab_tries_again_until_the_server_has_its_seat(page, app_server):
    """A try the server misses is not the end: the keeper (ui/live/seat_keeper.js) sends the seat again by itself,
    since its element is not drawn again until its data changes; it stops once the server says it has the seat."""
    page.goto(app_server.url + "/join")
    page.evaluate(KEEPER_JS, [(ROOT / "ui" / "live" / "seat_keeper.js").read_text()])
    page.wait_for_function("() => window.__sent.length >= 3")                      # the first try, then more
    assert all(sent == ["seat", "token-of-a-seat"] for sent in page.evaluate("() => window.__sent"))
    page.evaluate("() => window.__render({ token: 'token-of-a-seat', forget: false })")   # the server took it
    assert page.evaluate("() => window.__nnSeatKeeper.timers.length") == 0     # no try is left to fall


def test_a_tab_coming_back_into_the_class_leaves_too_when_another_tab_left_meanwhile(page, app_server):
    """The seat the browser remembered goes back to the server; before the server's answer arrives, another tab of
    the browser leaves the class (the token is gone from localStorage). The answer must not write the old seat back
    (every tab would be in the class again): this tab hands the server the browser's empty seat and leaves too."""
    page.goto(app_server.url + "/join")
    page.evaluate(KEEPER_JS, [(ROOT / "ui" / "live" / "seat_keeper.js").read_text()])
    page.wait_for_function("() => window.__sent.length >= 1")                      # on its way back
    page.evaluate("() => localStorage.removeItem('nn_class_seat')")               # another tab left meanwhile
    page.evaluate("() => window.__render({ token: 'token-of-a-seat', forget: false })")   # the server's answer
    assert page.evaluate("() => localStorage.getItem('nn_class_seat')") is None
    assert page.evaluate("() => window.__sent.at(-1)") == ["seat", ""]
