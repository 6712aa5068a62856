"""Making sure every page runs inside the app's frame (app.py), even on a fresh server (a private API: see ui/patches/).

Streamlit keeps an older multipage mode for apps with a ``pages/`` folder: until app.py has
run once in the server process, a visitor who opens a page's URL directly (say /draw) gets
that page script run on its own, with Streamlit's automatic navigation and without our
session set-up or sidebar. Our pages call ``require_app_frame()`` first: in that situation
it switches the server to app.py's ``st.navigation`` (what st.navigation itself does when
app.py runs) and reruns, so the visitor lands on the same page, inside the frame.

Two visitors of a fresh server (a restart, with tabs reloading) can both start in the old mode: the first
switches the server, and the second's page then found the switch already made and ran on without the
frame (an error box, no seat kept). So a page whose session the frame has not set up reruns too: the
rerun goes through app.py, which sets the session up before the page.
"""
from __future__ import annotations

import streamlit as st

from ui import state


def require_app_frame() -> None:
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a Streamlit without the old mode: nothing to do
        return
    if getattr(PagesManager, "uses_pages_directory", False) or not state.session_is_set_up():
        PagesManager.uses_pages_directory = False
        st.rerun()
