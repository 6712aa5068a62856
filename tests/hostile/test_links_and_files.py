"""Every link parameter and every upload kind, against a corpus of hostile values and files.

Each must leave no exception, say what was refused, render nothing the visitor wrote as
markup, and keep the previous state. The files come from tests/hostile_corpus.py (made in
memory, nothing stored); the link values are below.
"""
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import ROOT, open_app, shown
from tests.hostile_corpus import CASES, pixels_bomb
from ui.links.tables import TABLES
from ui.navigation import entry

# every page's settings table with its link parameters (the shared ones on the home page)
LINK_PAGES = {"pages/home.py" if table.page == "*" else entry(table.page).script: table.url_names for table in TABLES
              if table.url_names}
HOSTILE_VALUES = {
    "link": "[Your session expired: log in again](http://evil.example/login)",
    "image": "![t](http://127.0.0.1:9/tracker.png)",
    "icon": ":material/warning: :red[alarm]",
    "maths": "$x^2$",
    "html": "<img src=x onerror=alert(1)>",
    "empty": "",
    "nan": "nan",
    "inf": "-inf",
    "huge number": "1e309",
    "long number": "9" * 5000,
    "unicode digits": "٣",
    "rtl": "\u202e16",
    "nul": "1\x002",
    "long text": "x" * 20_000,    # (every parameter of a page at once still fits a query string)
}


def open_link(page: str = "pages/home.py", params: dict | None = None, **more) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for name, value in {**(params or {}), **more}.items():
        at.query_params[name] = value
    return at.switch_page(page).run()


@pytest.mark.parametrize("page", sorted(LINK_PAGES))
def test_every_link_parameter_refuses_every_hostile_value_in_words(page):
    """Each hostile value in every parameter of the page's link at once: each one is refused by name (and none
    of the refusals stops another's), nothing it says is markup, and the visitor's state is the default one."""
    names = LINK_PAGES[page]
    for label, value in HOSTILE_VALUES.items():
        at = open_link(page, dict.fromkeys(names, value))
        assert not at.exception, (page, label)
        toasts = [shown(t.value) for t in at.toast]
        refused = {name for name in names for t in toasts
                   if t.startswith(f"Part of the link could not be used and was ignored: {name}=")
                   or ("cannot be used" in t and name in t)}   # (a recipe refused whole names the field it failed on)
        if "code" in names and any(e.value.startswith("Could not join: no open class has this code") for e in at.error):
            refused.add("code")   # (Join's code: refused as a typed one is, in the form's own sentence)
        assert refused == set(names), (page, label, set(names) - refused, toasts)
        said = [*at.toast, *at.error]
        assert not any("](" in t.value for t in said) and max(len(t.value) for t in said) < 700, (page, label)
        assert at.session_state["model_choice"] == "classic" and at.session_state["palette"] == "standard"
        assert at.session_state["current_input"].test_index == 3          # the default digit is kept


def test_a_pixels_bomb_in_a_link_is_refused_at_once():
    at = open_link(pixels=pixels_bomb(2_000_000))
    assert not at.exception and any("pixels" in shown(t.value) for t in at.toast)
    assert at.session_state["current_input"].test_index == 3


UPLOADS = {  # corpus kind: (page, uploader key, file name)
    "model": ("pages/train.py", "model_upload-0", "hostile.npz"),
    "data": ("pages/data.py", "data_upload-0", "hostile.npz"),
    "image": ("pages/draw.py", "upload_image-0", "hostile.png"),
}


def _ready(kind: str) -> AppTest:
    page, _, _ = UPLOADS[kind]
    at = open_app(page)
    if kind == "data":
        at.radio(key="data_choice").set_value("mine").run()
    if kind == "image":
        at.segmented_control(key="input_source").set_value("upload").run()
    return at


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("kind", sorted(UPLOADS))
def test_every_upload_kind_refuses_every_hostile_file_in_words(kind):
    at = _ready(kind)
    page, key, name = UPLOADS[kind]
    before = (at.session_state["model_choice"], at.session_state["custom_model"], at.session_state["user_data"],
              at.session_state["current_input"])
    refused = [case for case in CASES if case.kind == kind and case.refused]
    assert refused
    for case in refused:
        at.file_uploader(key=key).upload(name, case.build(), "application/octet-stream").run()
        assert not at.exception, case
        errors = [shown(e.value) for e in at.error]
        assert errors and any("kept" in e or "stays" in e or "Nothing changed" in e for e in errors), (case, errors)
        now = (at.session_state["model_choice"], at.session_state["custom_model"], at.session_state["user_data"],
               at.session_state["current_input"])
        assert all(a is b for a, b in zip(now, before)), case
        at.file_uploader(key=key).set_value(None).run()


def test_a_hostile_file_name_is_shown_as_plain_text():
    at = _ready("image")
    bad = next(case for case in CASES if case.kind == "image" and case.refused)
    at.file_uploader(key="upload_image-0").upload("![n](http://evil.example/n.png).png", bad.build(), "image/png").run()
    assert at.error and "](" not in at.error[0].value and "![n](http://evil.example/n.png).png" in shown(at.error[0].value)
