"""A session's runs under a stream of events: one run at a time (.streamlit/config.toml), and a callback runs to its
end when the browser asks for another run meanwhile (ui/patches/callbacks.py).

Seen under load: a phone's Join took the seat in the class store, then a second message from the
same tab stopped the callback at its next ``st.session_state`` write, and the seat never reached the
session (the empty form again). Here the callback itself asks for the rerun between its two writes,
as the browser's message does when it arrives just then.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def page() -> None:
    import streamlit as st

    from tests.streamlit_private import ask_for_a_rerun_now
    from ui.patches import callbacks

    callbacks.install()

    def join() -> None:
        st.session_state["store"] = "seat taken"       # what the class store now holds
        ask_for_a_rerun_now()                          # the tab's next message arrives
        st.session_state["seat"] = "in the session"    # what the page shows

    st.button("Join", on_click=join)
    st.write(f"{st.session_state.get('store')} / {st.session_state.get('seat')}")


def test_a_rerun_asked_for_during_a_callback_waits_for_its_end():
    at = AppTest.from_function(page).run()
    at.button[0].click().run()
    assert not at.exception
    assert at.session_state["store"] == "seat taken"
    assert at.session_state["seat"] == "in the session"
    assert at.markdown[0].value == "seat taken / in the session"


def test_a_session_runs_one_run_at_a_time():
    """Streamlit's default (runner.fastReruns) starts the next run of a session in a second thread while the run it
    stopped still goes on to its next check, each thread with its own lock on the session's state. Seen under two
    busy loops (tests/browser/test_lesson.py's step 4, 2 of 10 runs): the next run failed outright ("dictionary
    changed size during iteration", the page gone), or a bias slider's releases stopped being taken. Off, a new
    event waits in the same thread: 0 of 10 runs failed."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["fastReruns"] is False
