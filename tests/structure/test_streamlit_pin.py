"""The code that touches Streamlit's private API is pinned to one Streamlit: any other fails here, and says which
files to re-check (ui/patches/__init__.py lists them and what each touches)."""
from __future__ import annotations

import re

import streamlit

from tests.structure.project import ROOT
from ui.patches import STREAMLIT_PINNED, TOUCHED


def test_the_installed_streamlit_is_the_pinned_one():
    assert streamlit.__version__ == STREAMLIT_PINNED, (
        f"Streamlit {streamlit.__version__} is installed, but the private API this app touches was checked on "
        f"{STREAMLIT_PINNED}: re-check {', '.join(TOUCHED)} (ui/patches/__init__.py says what each touches), "
        "run the whole suite, then update STREAMLIT_PINNED and requirements.txt together.")


def test_requirements_pin_the_same_streamlit():
    pinned = re.search(r"^streamlit==(\S+)", (ROOT / "requirements.txt").read_text(), re.MULTILINE)
    assert pinned is not None and pinned[1] == STREAMLIT_PINNED


def test_every_file_touching_the_private_api_is_listed():
    private = re.compile(r"from streamlit\.(runtime|components\.v2\.bidi_component)|\._tree\b|\bat\._run\(|_new_widget_state")
    touching = {str(path.relative_to(ROOT)) for folder in ("ui", "tests", "pages") for path in (ROOT / folder).rglob("*.py")
                if private.search(path.read_text(encoding="utf-8"))
                and path.name != "test_streamlit_pin.py" and path != ROOT / "ui" / "patches" / "__init__.py"}
    touching |= {"app.py"} if private.search((ROOT / "app.py").read_text()) else set()
    assert touching <= set(TOUCHED), touching - set(TOUCHED)
