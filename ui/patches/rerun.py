"""A rerun of another visitor's session, started by the server (a private API: see ui/patches/).

Streamlit has no public way for the server to rerun a session; it does so itself when a script file changes
(``AppSession.request_rerun`` with the session's last client state: its page and its link). The class bell
(ui/classroom/bell.py) uses the same call, on the server's event loop, to bring a teacher's move to every student
at once.
"""
from __future__ import annotations


def rerun_session(session_id: str) -> bool:
    """Ask Streamlit to run this session's page again (False: no such session in this process, or it has
    disconnected)."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return False
    runtime = Runtime.instance()
    found = runtime._session_mgr.get_active_session_info(session_id)
    if found is None:
        return False
    session = found.session
    runtime._get_async_objs().eventloop.call_soon_threadsafe(lambda: session.request_rerun(session._client_state))
    return True
