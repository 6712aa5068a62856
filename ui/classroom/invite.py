"""How students get in, on the projected console: the address to type, a QR code of the join link
with the class code filled in, and the code itself, big (Kahoot-style).

The address is the one the console page came in on (``st.context.url``, else the request's Host
header), so a laptop reached at http://192.168.1.20:8501 shows "192.168.1.20:8501/join". Behind a
proxy, or to print a friendlier name, the setting ``NN_JOIN_ADDRESS`` (e.g. ``https://nn.school.example``)
wins. The QR code is made here by segno, as SVG text shown inline: no file, nothing fetched.
Nothing a visitor sent (a Host header) is ever written as markup: the address is checked to be a
host name or address with an optional port and path, then shown with ``st.text``.
"""
from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

import segno
import streamlit as st

from ui import alt_text

JOIN_ADDRESS_VARIABLE = "NN_JOIN_ADDRESS"   # overrides the address taken from the request
JOIN_PATH = "join"                          # the Join a class page's url_path (ui/navigation.py)
QR_SCALE = 6                                # px per QR module: a version-3 code is then about 220 px
# a host name, IPv4 or [IPv6] address, an optional port and an optional path of plain segments
_ADDRESS = re.compile(r"(?P<host>[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])(?::(?P<port>\d{1,5}))?"
                      r"(?P<path>(?:/[A-Za-z0-9._~-]{1,64}){0,4})/?")
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]", "0.0.0.0")

LARGE_CSS = """<style>
.st-key-class_invite_address { container-type: inline-size; }
.st-key-class_invite_address [data-testid='stText'] { font-size: min(3.2rem, 7.5cqi); font-weight: 800;
  line-height: 1.15; overflow-wrap: anywhere; }
.st-key-class_invite_code [data-testid='stText'] { font-size: 4rem; font-weight: 800; letter-spacing: 0.3rem;
  line-height: 1.1; }
</style>"""


def app_address(given: str | None) -> str | None:
    """``given`` (a URL or host[:port][/path]) as the app's base address "scheme://host[:port][/path]", or None
    if it is not a plain address. A page's own path at the end (``/console``) is not part of the base."""
    if not isinstance(given, str) or not given.strip():
        return None
    text = given.strip()
    scheme = "http"
    if "://" in text:
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https"):
            return None
        scheme, text = parts.scheme, parts.netloc + parts.path
    found = _ADDRESS.fullmatch(text)
    if found is None or (found["port"] and not 0 < int(found["port"]) < 65536):
        return None
    path = found["path"] or ""
    for page in ("/console", f"/{JOIN_PATH}"):
        path = path.removesuffix(page)
    port = f":{found['port']}" if found["port"] else ""
    return f"{scheme}://{found['host'].lower()}{port}{path}"


def request_address() -> str | None:
    """The app's base address as this page was reached: the setting, else the browser's URL, else the Host header."""
    for given in (os.environ.get(JOIN_ADDRESS_VARIABLE), st.context.url, _host_header()):
        address = app_address(given)
        if address is not None:
            return address
    return None


def _host_header() -> str | None:
    try:
        return st.context.headers.get("Host")
    except Exception:  # noqa: BLE001  (no request behind this run, e.g. a test)
        return None


def join_link(address: str, code: str) -> str:
    """The link a QR code opens: the Join page with the code filled in (``…/join?code=K7Q2MX``)."""
    return f"{address}/{JOIN_PATH}?code={code}"


def shown_address(address: str) -> str:
    """What students type: the address without "http://" (browsers add it), plus "/join"."""
    return f"{address.split('://', 1)[1]}/{JOIN_PATH}"


def qr_svg(link: str) -> str:
    """The QR code of ``link`` as SVG text (segno; error correction M survives a smudged projector)."""
    return segno.make(link, error="m", micro=False).svg_inline(scale=QR_SCALE, border=2, dark="#000", light="#fff")


def is_local(address: str) -> bool:
    """Whether the address names this computer only (other devices cannot reach it by that name)."""
    host = address.split("://", 1)[1].split("/", 1)[0]
    name = host[:host.index("]") + 1] if host.startswith("[") else host.split(":", 1)[0]
    return name in _LOCAL_HOSTS


def show_invite(code: str) -> None:
    """Under the class code on the board: the address to type, a QR code of the join link, and the code big."""
    st.html(LARGE_CSS)   # constant text only (the address fits its column: 7.5 % of its width per character size)
    address = request_address()
    with st.container(horizontal=True, gap="large", vertical_alignment="center", key="class_invite"):
        with st.container(width="stretch"):
            if address is not None:
                st.caption("Students: on a phone, tablet or laptop, go to")
                with st.container(key="class_invite_address"):
                    st.text(shown_address(address))
            st.caption("and type the class code" if address is not None else "Students: open Join a class and type")
            with st.container(key="class_invite_code"):
                st.text(code)   # a code is A-Z and 2-9 only (classroom.keys)
        if address is not None:
            with st.container(width="content", key="class_invite_qr"):
                st.image(qr_svg(join_link(address, code)), width=220, caption="or scan: the code is filled in",
                         alt=alt_text.qr_code(join_link(address, code)))
    if address is None:
        st.caption(f"The address students type could not be read from this page's request: set {JOIN_ADDRESS_VARIABLE} "
                   "(see deploy/README.md) to show it, and its QR code, here.")
    elif is_local(address):
        st.warning("This address names this computer only: other devices cannot reach it. Open the console at the "
                   "address students can reach (this computer's address on the school network, for example "
                   f"`http://192.168.1.20:8501`), or set {JOIN_ADDRESS_VARIABLE}.", icon=":material/wifi_off:")

