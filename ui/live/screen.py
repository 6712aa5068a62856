"""What kind of screen this tab has, as the browser says: "narrow" (a phone) or "wide".

Plotly figures are drawn by the server, which does not know the screen; a tiny component
(screen.js, beside this module) tells it when the page's main column is narrower than 600 px. Figures that
need it (the backprop network picture) then lay themselves out taller, with headings on two lines.
The live views lay themselves out in the browser and need none of this.

The same script folds the sidebar after a page is chosen in it on a phone (a window narrower than 768 px,
Streamlit's own breakpoint): Streamlit does that only for a phone's user agent, and a page config from here
cannot do it, because the frontend prefers the fold it stored in the browser to ``initial_sidebar_state``.
For the same reason it folds the sidebar when the presenter layout starts (``fold``: a number bumped per start).

It also says whether the system asks for less motion (``prefers-reduced-motion: reduce``): the animations the
server plays (Play backwards on Backpropagation, the walk on Gradient descent) then jump to their end at once.
"""
from __future__ import annotations

import streamlit as st

from ui import state
from ui.live.component import component

KINDS = ("narrow", "wide")
MOTIONS = ("reduce", "full")


def narrow() -> bool:
    return st.session_state.get(state.SCREEN) == "narrow"


def reduced_motion() -> bool:
    """The visitor's system asks for less motion: an animation shows its end state at once."""
    return st.session_state.get(state.MOTION) == "reduce"


def _told() -> None:
    kind = (st.session_state.get(state.SCREEN_WATCH) or {}).get("screen")
    if kind in KINDS:          # anything else a browser sends is ignored
        st.session_state[state.SCREEN] = kind


def _motion_told() -> None:
    motion = (st.session_state.get(state.SCREEN_WATCH) or {}).get("motion")
    if motion in MOTIONS:
        st.session_state[state.MOTION] = motion


def watch() -> None:
    """Mount the watcher (once per run, at the end of the page: it takes no room)."""
    mount = component("nn_screen", js=("screen.js",))
    mount(key=state.SCREEN_WATCH, height=0,
          data={"known": st.session_state.get(state.SCREEN, "wide"), "fold": st.session_state.get(state.SIDEBAR_FOLD, 0),
                "motion": st.session_state.get(state.MOTION, "full")},
          on_screen_change=_told, on_motion_change=_motion_told)
