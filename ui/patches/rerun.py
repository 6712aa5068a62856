"""A rerun of another visitor's session, started by the server (a private API: see ui/patches/).

Streamlit has no public way for the server to rerun a session; it does so itself when a script file changes
(``AppSession.request_rerun`` with the session's last client state: its page and its link). The class bell
(ui/classroom/bell.py) uses the same call, on the server's event loop, to bring a teacher's move to every student
at once.
"""
from __future__ import annotations


def available() -> bool:
    """Is this a running server whose sessions can be rerun (not AppTest's stand-in runtime, nor a bare script)?"""
    from streamlit.runtime import Runtime

    return Runtime.exists() and issubclass(type(Runtime.instance()), Runtime)


def rerun_session(session_id: str, page: str | None = None) -> bool:
    """Ask Streamlit to run this session's page again, or the page at url path ``page`` (as a link to it would,
    and the browser's address follows); False: no such session in this process, or it has disconnected."""
    from streamlit.proto.ClientState_pb2 import ClientState
    from streamlit.runtime import Runtime

    if not available():
        return False
    runtime = Runtime.instance()
    found = runtime._session_mgr.get_active_session_info(session_id)
    if found is None:
        return False
    session = found.session

    def rerun() -> None:
        client_state = session._client_state
        if page is not None:
            client_state = ClientState()
            client_state.CopyFrom(session._client_state)
            client_state.page_script_hash, client_state.page_name = "", page   # the page is found by its url path
        session.request_rerun(client_state)

    runtime._get_async_objs().eventloop.call_soon_threadsafe(rerun)
    return True
