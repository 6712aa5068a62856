"""What both sides of the class use: the store (classroom/, no streamlit there), who is asking, and the one
message a callback leaves for the page.
"""
from __future__ import annotations

import os

import streamlit as st

from classroom.rooms import Rooms
from classroom.store import StoreError, configured_url, open_engine
from ui import state

BEHIND_PROXY_VARIABLE = "NN_BEHIND_PROXY"   # set by deploy/replicas.sh: the client is nginx's X-Real-IP


@st.cache_resource(show_spinner=False)
def _rooms(url: str) -> Rooms:
    return Rooms(open_engine(url))


def rooms() -> Rooms:
    """The classroom on this server's store (StoreError if it cannot be opened)."""
    return _rooms(configured_url())


def store_problem() -> str | None:
    """Why the classroom cannot be used here, in a sentence (None: it can)."""
    try:
        rooms()
    except StoreError as exc:
        return f"The class store cannot be opened: {exc}."
    except Exception as exc:  # noqa: BLE001  (a database that does not answer: say so, do not crash the page)
        return f"The class store cannot be opened ({type(exc).__name__}); ask whoever runs this server."
    return None


def require_store() -> None:
    """A class page without its store: say why, and draw nothing more."""
    problem = store_problem()
    if problem:
        st.error(problem, icon=":material/cloud_off:")
        st.stop()


def client() -> str:
    """Who is asking, for the rate limits: the browser's address (nginx's X-Real-IP behind deploy/replicas.sh)."""
    if os.environ.get(BEHIND_PROXY_VARIABLE):
        forwarded = st.context.headers.get("X-Real-IP")
        if isinstance(forwarded, str) and forwarded:
            return forwarded[:64]
    address = st.context.ip_address
    return address[:64] if isinstance(address, str) and address else "unknown"


def say(kind: str, text: str) -> None:
    st.session_state[state.CLASS_MESSAGE] = (kind, text)


def show_message() -> None:
    """The message a callback left (once), in a place that is there with or without one: what comes after it keeps
    its place on the page (a fragment after it, such as the console's live parts, keeps its identity)."""
    place = st.empty()
    found = st.session_state.pop(state.CLASS_MESSAGE, None)
    if found is not None:
        kind, text = found
        with place:
            {"success": st.success, "error": st.error}.get(kind, st.info)(text)
