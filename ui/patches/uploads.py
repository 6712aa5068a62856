"""Uploads nobody asked for are refused at once (a private API: see ui/patches/).

A browser uploads a file in two steps: its file uploader asks the session for an upload address (a new random
file id, over the websocket), then PUTs the file there. A forged client can skip the first step and PUT as many
files as it likes to ids of its own making: Streamlit kept every one in the server's memory until the session
was cleaned up, minutes after it closed (review 2026-12-06, D8: 6 files of 45 MB from one session, 270 MB).

``guard(manager)`` wraps the server's upload store (``Runtime.uploaded_file_mgr``, a
``MemoryUploadedFileManager``; pinned streamlit==1.67.0): it remembers the file ids it handed to each session
(the last ``MAX_ISSUED``) and refuses a file for any other id (HTTP 403, nothing kept); and a session keeps at
most ``MAX_FILES`` files (the app has three uploaders of one file each): a file past that drops the session's
oldest. So one session holds at most ``MAX_FILES`` x ``server.maxUploadSize`` whatever it sends.
"""
from __future__ import annotations

import logging
import threading
from collections import OrderedDict

log = logging.getLogger("nn_explainer")
_MARK = "_nn_explainer_uploads_guarded"
MAX_FILES = 4       # files one session keeps: three uploaders of one file, and a replacement on its way
MAX_ISSUED = 16     # upload addresses a session is remembered to have asked for (the newest)
REFUSED = ("This upload was refused: the page did not ask for it. Choose the file with the page's own "
           "upload button.")


class UploadNotAskedForError(Exception):
    """A file sent to an upload address the session was never given."""


def _refusal(session_id: str, file_id: str) -> Exception:
    """What the upload's HTTP request answers: 403 with a sentence (UploadNotAskedForError without the web server)."""
    log.warning("refused an upload nobody asked for: session %s, file %s", session_id[:8], file_id[:40])
    try:
        from starlette.exceptions import HTTPException
    except ImportError:  # (no web server: in-process use)
        return UploadNotAskedForError(REFUSED)
    return HTTPException(status_code=403, detail=REFUSED)


def guard(manager) -> None:
    """Refuse files for ids ``manager`` never issued to that session, and keep at most MAX_FILES per session
    (idempotent)."""
    if getattr(manager, _MARK, False):
        return
    issued: dict[str, OrderedDict[str, None]] = {}
    lock = threading.Lock()
    get_upload_urls, add_file, remove_session_files = (manager.get_upload_urls, manager.add_file,
                                                       manager.remove_session_files)

    def issuing_upload_urls(session_id, file_names):
        infos = get_upload_urls(session_id, file_names)
        with lock:
            ids = issued.setdefault(session_id, OrderedDict())
            for info in infos:
                ids[info.file_id] = None
            while len(ids) > MAX_ISSUED:
                ids.popitem(last=False)
        return infos

    def checked_add_file(session_id, file) -> None:
        with lock:
            asked = file.file_id in issued.get(session_id, ())
        if not asked:
            raise _refusal(session_id, file.file_id)
        add_file(session_id, file)
        with manager._lock:  # noqa: SLF001 (the store's own lock: its dict of files per session)
            kept = manager.file_storage.get(session_id, {})
            oldest = list(kept)[:max(0, len(kept) - MAX_FILES)]
        for file_id in oldest:
            manager.remove_file(session_id, file_id)

    def forgetting_session_files(session_id) -> None:
        with lock:
            issued.pop(session_id, None)
        remove_session_files(session_id)

    manager.get_upload_urls = issuing_upload_urls
    manager.add_file = checked_add_file
    manager.remove_session_files = forgetting_session_files
    setattr(manager, _MARK, True)


def install() -> None:
    """Guard the running server's upload store (nothing to do without one: AppTest keeps its own)."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

    manager = Runtime.instance().uploaded_file_mgr if Runtime.exists() else None
    if isinstance(manager, MemoryUploadedFileManager):   # the in-memory store this guard knows
        guard(manager)
