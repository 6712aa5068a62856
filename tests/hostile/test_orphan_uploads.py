"""Files a session uploads that no file uploader asked for are refused at once (review 2026-12-06, D8).

The review's client PUT six 45 MB files into its own session at upload ids of its own making: Streamlit kept them
all (server RSS 293 -> 564 MB) until the session was cleaned up, minutes after it closed. The app's guard on the
upload store (ui/patches/uploads.py) keeps a file only at an id the store handed that session, and at most
MAX_FILES per session. In-process on the store first (counting the session's files), then through a real server.
"""
from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
import uuid

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg

from tests.load.protocol import Session, run_coroutine
from tests.streamlit_private import file_record, stored_files, upload_store
from ui.patches.uploads import MAX_FILES, guard

SESSION = "a-session"


def guarded_store():
    store = upload_store()
    guard(store)
    return store


def test_files_at_ids_nobody_issued_are_refused_and_nothing_is_kept():
    store = guarded_store()
    for i in range(6):
        with pytest.raises(Exception, match="the page did not ask for it"):
            store.add_file(SESSION, file_record(f"o{i}", b"x" * 1000))
    assert stored_files(store, SESSION) == 0


def test_ids_issued_to_another_session_are_refused_too():
    store = guarded_store()
    other = store.get_upload_urls("another-session", ["a.png"])[0]
    with pytest.raises(Exception, match="the page did not ask for it"):
        store.add_file(SESSION, file_record(other.file_id, b"x"))
    assert stored_files(store, SESSION) == 0


def test_a_session_keeps_at_most_max_files_of_those_it_asked_for():
    store = guarded_store()
    issued = store.get_upload_urls(SESSION, [f"{i}.png" for i in range(6)])
    for info in issued:
        store.add_file(SESSION, file_record(info.file_id, b"x" * 1000))
    assert stored_files(store, SESSION) == MAX_FILES
    kept = [rec.file_id for rec in store.get_files(SESSION, [info.file_id for info in issued])]
    assert kept == [info.file_id for info in issued[-MAX_FILES:]]     # the newest
    store.remove_session_files(SESSION)
    with pytest.raises(Exception, match="the page did not ask for it"):   # a closed session's ids are forgotten
        store.add_file(SESSION, file_record(issued[-1].file_id, b"x"))


# -- through a real server: the review's orphan upload, and a browser's own upload --------------------------------
def put(origin: str, cookie: str, path: str, data: bytes) -> int:
    """PUT ``data`` as a file to ``path`` with the XSRF cookie and header a browser sends; the HTTP status."""
    token = next((c.split("=", 1)[1] for c in cookie.split("; ") if c.startswith("_streamlit_xsrf=")), "")
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.png"\r\n'
            f"Content-Type: image/png\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(f"{origin}{path}", data=body, method="PUT", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "X-Xsrftoken": token, "Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status
    except urllib.error.HTTPError as refused:
        return refused.code


async def ask_for_an_upload_url(session: Session) -> str:
    """What a file uploader does first: ask the session for an upload address (its path)."""
    message = BackMsg()
    message.file_urls_request.request_id = "r1"
    message.file_urls_request.file_names.append("x.png")
    await session.ws.send(message.SerializeToString())
    forward = await asyncio.wait_for(session.replies.get(), 60)   # (the session's reader keeps non-run answers here)
    return forward.file_urls_response.file_urls[0].upload_url


async def uploads(url: str) -> tuple[int, int]:
    session = Session(url, "draw")
    await session.connect()
    cookie = session._page_cookie()  # noqa: SLF001 (the visitor's cookies, as the browser holds them)
    asked = await ask_for_an_upload_url(session)
    session_id = asked.rstrip("/").split("/")[-2]
    loop = asyncio.get_running_loop()
    orphan = await loop.run_in_executor(None, put, url, cookie, f"/_stcore/upload_file/{session_id}/o0", b"x" * 100_000)
    own = await loop.run_in_executor(None, put, url, cookie, asked if asked.startswith("/") else f"/{asked}", b"x" * 100)
    await session.close()
    return orphan, own


def test_through_the_server_an_upload_nobody_asked_for_is_refused_and_an_asked_one_kept(own_server):
    orphan, own = run_coroutine(uploads(own_server.url))
    assert orphan == 403
    assert own == 204
