"""A rerun of another visitor's session, started by the server (a private API: see ui/patches/).

Streamlit has no public way for the server to rerun a session; it does so itself when a script file changes
(``AppSession.request_rerun`` with the session's last client state: its page and its link; its ``_scriptrunner`` is
there while a run is going or asked for). The class bell (ui/classroom/bell.py) uses the same call, on the server's
event loop, to bring a teacher's move to every student at once.

``wait_sent(session_id)`` waits until the server's event loop has taken what a session's run has drawn so far, so
that the bell's next turn does not start while the last one's page is still on its way (ui/classroom/turns.py).

``install_asked(asked)`` wraps ``AppSession.handle_backmsg``: ``asked(session_id)`` hears every run a browser asks
for by hand (not a fragment's own timer, like a training run's ticks), so that the bell's turns
(ui/classroom/turns.py) draw first the pages whose students wait for an answer.
"""
from __future__ import annotations

import threading
from collections.abc import Callable


def available() -> bool:
    """Is this a running server whose sessions can be rerun (not AppTest's stand-in runtime, nor a bare script)?"""
    from streamlit.runtime import Runtime

    return Runtime.exists() and issubclass(type(Runtime.instance()), Runtime)


def _session_and_loop(session_id: str):
    """(the session, the server's event loop), or None: not a running server, or no such session connected."""
    from streamlit.runtime import Runtime

    if not available():
        return None
    runtime = Runtime.instance()
    found = runtime._session_mgr.get_active_session_info(session_id)
    return None if found is None else (found.session, runtime._get_async_objs().eventloop)


def rerun_session(session_id: str, page: str | None = None, busy: Callable[[], None] | None = None) -> bool:
    """Ask Streamlit to run this session's page again, or the page at url path ``page`` (as a link to it would,
    and the browser's address follows); False: no such session in this process, or it has disconnected.
    ``busy()`` is called if the session had a run going or asked for, asked by hand (its browser's, which this
    rerun overtakes; a fragment's timer, such as a training run's, waits on nobody)."""
    found = _session_and_loop(session_id)
    if found is None:
        return False
    session, loop = found

    def rerun() -> None:
        client_state = bell_client_state(session, page)
        was_busy = session._scriptrunner is not None and not getattr(session, _AUTO, False)   # (see install_asked)
        session.request_rerun(client_state)
        if was_busy and busy is not None:
            busy()

    loop.call_soon_threadsafe(rerun)
    return True


def bell_client_state(session, page: str | None):
    """What the bell's rerun of ``session`` asks for: the session's last page and link (or the page at url path
    ``page``) and, if its browser has asked for a run that has not started yet, that run's widget values.

    Streamlit folds a rerun asked for while another waits into one (one run of a session at a time:
    .streamlit/config.toml): each widget takes the later request's value, and only a button's press is kept from the
    earlier. A browser's request holds every widget's value; the bell's has none of its own. Without the waiting
    request's values, a "Give it to the class" pressed just as the teacher moves everyone runs with the digit chosen
    in its form gone ("Choose which digit you meant first"), and a slider moved then goes back
    (tests/app/test_bell_rerun.py)."""
    from streamlit.proto.ClientState_pb2 import ClientState
    from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequestType

    client_state = ClientState()
    client_state.CopyFrom(session._client_state)
    if page is not None:
        client_state.page_script_hash, client_state.page_name = "", page   # the page is found by its url path
    requests = getattr(session._scriptrunner, "_requests", None)
    if requests is not None:
        with requests._lock:
            waiting = requests._rerun_data.widget_states if requests._state == ScriptRequestType.RERUN else None
            if waiting is not None:
                client_state.widget_states.CopyFrom(waiting)
    return client_state


SENT_CHECK = 0.005   # seconds between two looks at a session's outgoing queue (Streamlit flushes it every 5 ms)


def wait_sent(session_id: str, longest: float) -> bool:
    """From a script's thread: wait, at most ``longest`` seconds, until the server's event loop has taken every
    message this session's run has drawn so far out of its queue for the browser (True: it has). Streamlit hands a
    run's drawing to its event loop one message at a time; that loop shares the interpreter with every script
    thread, so a page's last messages can wait there long after its run is over."""
    found = _session_and_loop(session_id)
    if found is None:
        return True
    (session, loop), taken = found, threading.Event()
    deadline = loop.time() + longest

    def look() -> None:   # (on the event loop: after the messages this run enqueued before it, which come in order)
        if session._browser_queue.is_empty():
            taken.set()
        elif loop.time() < deadline:
            loop.call_later(SENT_CHECK, look)

    loop.call_soon_threadsafe(look)
    return taken.wait(longest)


_MARK = "_nn_explainer_asked"
_AUTO = "_nn_explainer_auto_rerun"   # on a session: its browser's last request was a fragment's own timer


def install_asked(asked: Callable[[str], None]) -> None:
    """Call ``asked(session_id)`` whenever a browser asks its session for a run by hand (a click, a drag's end, a
    component's event such as the class line's tick; not a ``run_every`` fragment's timer), on the server's event
    loop, before Streamlit takes the request in. Once per process."""
    from streamlit.runtime.app_session import AppSession

    original = AppSession.handle_backmsg
    if getattr(original, _MARK, False):
        return

    def handle_backmsg(self, msg):
        if msg.WhichOneof("type") == "rerun_script":
            setattr(self, _AUTO, msg.rerun_script.is_auto_rerun)
            if not msg.rerun_script.is_auto_rerun:
                asked(self.id)
        return original(self, msg)

    setattr(handle_backmsg, _MARK, True)
    AppSession.handle_backmsg = handle_backmsg
