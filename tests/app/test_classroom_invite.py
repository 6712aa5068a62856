"""Getting in: the console shows the address students type and a QR code of the join link with the code filled
in; /join?code=K7Q2MX opens the form filled in; Join a class is one tap from Home and the sidebar; a seat is kept
per browser (every tab), and leaving in one tab leaves in all."""
from __future__ import annotations

import base64

import pytest
import segno

from classroom.keys import tidy_code
from tests.app.conftest import open_app, send_trigger
from tests.app.test_classroom import join, open_class
from ui import state
from ui.classroom import invite


def seat_of(at):
    return at.session_state[state.CLASS_SEAT] if state.CLASS_SEAT in at.session_state else None


def console_at(url: str | None):
    """A teacher's console reached at ``url`` (what the browser tells st.context.url), with a class open."""
    teacher, code, _ = open_class()
    if url is not None:
        teacher.context = {"url": url}
    teacher.run()
    assert not teacher.exception, teacher.exception
    return teacher, code


def qr_shown(at) -> str:
    """The SVG text of the QR code on the console (st.image sends SVG as a data: URI)."""
    url = at.get("image")[0].proto.imgs[0].url
    assert url.startswith("data:image/svg+xml;base64,")
    return base64.b64decode(url.split(",", 1)[1]).decode()


def same_qr(link: str) -> str:
    """The SVG segno makes of ``link``, as st.image sends it."""
    svg = segno.make(link, error="m", micro=False).svg_inline(scale=invite.QR_SCALE, border=2, dark="#000", light="#fff")
    return svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)


def test_the_console_shows_the_address_from_the_request_and_a_qr_code_of_the_join_link(monkeypatch):
    monkeypatch.delenv(invite.JOIN_ADDRESS_VARIABLE, raising=False)
    teacher, code = console_at("http://192.168.1.20:8501/console")
    texts = [t.value for t in teacher.text]
    assert "192.168.1.20:8501/join" in texts and code in texts          # the address and the code, as plain text
    assert qr_shown(teacher) == same_qr(f"http://192.168.1.20:8501/join?code={code}")
    assert not teacher.warning                                           # a school-network address: no warning


def test_the_setting_overrides_the_address_and_localhost_is_warned_about(monkeypatch):
    monkeypatch.setenv(invite.JOIN_ADDRESS_VARIABLE, "https://nn.school.example/lesson")
    teacher, code = console_at("http://localhost:8501/console")
    assert "nn.school.example/lesson/join" in [t.value for t in teacher.text]
    assert qr_shown(teacher) == same_qr(f"https://nn.school.example/lesson/join?code={code}")
    monkeypatch.delenv(invite.JOIN_ADDRESS_VARIABLE)
    teacher.run()
    assert "localhost:8501/join" in [t.value for t in teacher.text]
    assert any("this computer only" in w.value for w in teacher.warning)


def test_the_address_from_a_host_header_and_junk_is_never_shown():
    assert invite.app_address("10.0.0.7:8501") == "http://10.0.0.7:8501"          # a Host header has no scheme
    assert invite.shown_address(invite.app_address("10.0.0.7:8501")) == "10.0.0.7:8501/join"
    assert invite.app_address("https://nn.example/app/console") == "https://nn.example/app"
    for junk in ("<b>x</b>", "javascript:alert(1)", "a b", "http://x.y:99999", "evil.example/<script>", ""):
        assert invite.app_address(junk) is None, junk


def test_the_console_says_how_to_show_the_address_when_it_cannot_read_one(monkeypatch):
    monkeypatch.delenv(invite.JOIN_ADDRESS_VARIABLE, raising=False)
    teacher, code = console_at(None)    # AppTest sends no URL and no Host header
    assert code in [t.value for t in teacher.text]
    assert not teacher.get("image")
    assert any(invite.JOIN_ADDRESS_VARIABLE in c.value for c in teacher.caption)


def open_join_link(code: str):
    """Following /join?code=…: the link is read on the session's first run, on the Join page. (AppTest cannot open a
    page whose url_path differs from its file's name before a first run: the session starts on Home without a link,
    then reads the link as its first run would.)"""
    at = open_app()
    at.session_state[state.LINK_READ] = False
    at.query_params["code"] = code
    at.switch_page("pages/join.py").run()
    assert not at.exception, at.exception
    return at


def test_a_join_link_opens_the_form_with_the_code_filled_in_and_joins():
    _, code, _ = open_class()
    student = open_join_link(code.lower())
    assert student.text_input(key=state.CLASS_JOIN_CODE).value == code      # tidied as a typed code is
    assert student.query_params["code"] == code                              # and the URL keeps it (a reload too)
    assert not student.error and not [t for t in student.toast if "link" in t.value]
    student.text_input(key=state.CLASS_JOIN_NICKNAME).input("Ana")
    next(b for b in student.button if b.label == "Join").click().run()
    assert seat_of(student).code == code and seat_of(student).nickname == "Ana"


@pytest.mark.parametrize("wrong", ["ZZZZZZ", "K7Q2M0", "<b>", "x" * 40])
def test_a_wrong_code_in_a_link_gets_the_sentence_a_typed_one_gets(wrong):
    student = open_join_link(wrong)
    if wrong == "ZZZZZZ":   # a possible code: the store says so when Join is pressed, as for a typed one
        next(b for b in student.button if b.label == "Join").click().run()
    assert any("Could not join: no open class has this code" in e.value for e in student.error)
    assert seat_of(student) is None
    assert student.text_input(key=state.CLASS_JOIN_CODE).value == tidy_code(wrong)   # the link's code, as it would be typed
    assert not [t for t in student.toast if "link" in t.value]


def test_join_a_class_is_one_tap_from_home_and_from_the_top_of_the_sidebar():
    home = open_app()
    assert [link.proto.label for link in home.main.get("page_link") if link.proto.page == "join"] == ["Join a class"]
    sidebar = home.sidebar.get("page_link")
    assert sidebar and sidebar[0].proto.page == "join"                  # the sidebar's first element


def test_in_a_class_the_join_links_name_the_class():
    _, code, _ = open_class()
    student = join(code, "Ana")
    student.switch_page("pages/home.py").run()
    labels = [link.proto.label for link in student.get("page_link") if link.proto.page == "join"]
    assert labels == [f"Your class: {code}"] * 2                        # Home's and the sidebar's


def test_a_seat_is_kept_per_browser_and_leaving_in_one_tab_leaves_in_all():
    _, code, _ = open_class()
    first = join(code, "Chloé")
    token = seat_of(first).token
    second = open_app("pages/draw.py")                                   # a new tab: the browser hands its token
    send_trigger(second, "nn_seat_keeper", "seat", token)
    second.run()
    assert seat_of(second).nickname == "Chloé"
    next(b for b in first.button if b.label == "Leave the class").click().run()
    assert seat_of(first) is None
    send_trigger(second, "nn_seat_keeper", "seat", "")                   # the other tab heard the leave
    second.run()
    assert seat_of(second) is None and second.session_state[state.CLASS_SEAT_FORGET] is True
