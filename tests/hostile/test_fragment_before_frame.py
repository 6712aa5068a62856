"""A page or fragment that runs in a session the app's frame has not set up (review 2026-12-06, F11).

After a server restart, reloading tabs start a fresh server's sessions in Streamlit's old multipage mode
together: the first page switches the server to app.py's navigation, and another tab's page, already under
way, used to run on without the frame: ``KeyError: 'stroke_width'`` in the Draw page's fragment, the guard's
error box, and no seat kept. Here both halves of the fix are run in-process, on a script that is not app.py
(so no frame ever sets the session up unless the fix does).
"""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

RUNS: list[int] = []   # the frame script's runs (module state: the script itself restarts on every run)

FRAGMENT_SCRIPT = """
import streamlit as st
from ui import state
from ui.fragments import page_fragment

@page_fragment(lesson=False)
def drawing_part():
    st.write(f"brush {st.session_state[state.STROKE_WIDTH]}")

drawing_part()
"""

FRAME_SCRIPT = """
import streamlit as st
from tests.hostile import test_fragment_before_frame as probe
from ui import session
from ui.patches.frame import require_app_frame

probe.RUNS.append(1)
if len(probe.RUNS) > 1:
    session.init()        # the rerun is the frame's run (app.py sets the session up before the page)
require_app_frame()
st.write("the page")
"""


def test_a_fragment_sets_the_session_up_before_its_body():
    at = AppTest.from_string(FRAGMENT_SCRIPT, default_timeout=30).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert [m.value for m in at.markdown] == ["brush 20"]


def test_a_page_outside_the_frame_reruns_through_it():
    RUNS.clear()
    at = AppTest.from_string(FRAME_SCRIPT, default_timeout=30).run()
    assert not at.exception, at.exception
    assert len(RUNS) == 2                                  # the page asked for a rerun, once
    assert [m.value for m in at.markdown] == ["the page"]
