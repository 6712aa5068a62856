"""What both sides of the class use: the store (classroom/, no streamlit there), who is asking, and the one
message a callback leaves for the page.
"""
from __future__ import annotations

import functools
import ipaddress
import os

import streamlit as st

from classroom.rooms import Rooms
from classroom.store import StoreError, configured_url, open_engine
from ui import state

TRUSTED_PROXY_VARIABLE = "NN_TRUSTED_PROXY"   # the proxy's addresses (deploy/replicas.sh: 127.0.0.1): its X-Real-IP counts
UVICORN_FORWARDED_VARIABLE = "FORWARDED_ALLOW_IPS"   # uvicorn's: the peers whose X-Forwarded-For replaces their address
LOOPBACK = "127.0.0.1"   # Streamlit reports a peer on this machine as no address at all


@functools.cache   # one per store for the process (asked for many times a run: see ui/lesson/file.py)
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
    """Who is asking, for the rate limits (see device)."""
    return device(st.context.ip_address, st.context.headers, os.environ)


def device(peer: str | None, headers, environ) -> str:
    """The device a request comes from: the socket's address, or, when that address is a proxy the operator declared
    (NN_TRUSTED_PROXY: addresses or networks, comma-separated), the proxy's X-Real-IP. No other header counts.

    uvicorn (under Streamlit) puts a peer's X-Forwarded-For in place of its address when it trusts the peer:
    by default a peer on this machine. A server started without FORWARDED_ALLOW_IPS (make run, deploy/ and the
    Dockerfile set it empty) may so report an address a visitor wrote: such requests are one device, 'forwarded'."""
    address = peer if isinstance(peer, str) and peer else LOOPBACK
    forwarded = [part.strip() for part in _header(headers, "X-Forwarded-For").split(",")]
    if UVICORN_FORWARDED_VARIABLE not in environ and address in forwarded:
        address = "forwarded"
    if _is_among(address, environ.get(TRUSTED_PROXY_VARIABLE, "")):
        real = _header(headers, "X-Real-IP").strip()
        if _is_among(real, "0.0.0.0/0,::/0"):   # an address, not whatever else a header may hold
            return real
    return address[:64]


def _header(headers, name: str) -> str:
    value = headers.get(name) if headers is not None else None
    return value if isinstance(value, str) else ""


def _is_among(address: str, networks: str) -> bool:
    """``address`` is an IP address within one of the comma-separated ``networks`` (addresses or CIDR blocks)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for network in networks.split(","):
        try:
            if network.strip() and ip in ipaddress.ip_network(network.strip(), strict=False):
                return True
        except ValueError:
            continue
    return False


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
