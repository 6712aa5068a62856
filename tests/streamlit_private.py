"""The tests' only touches of Streamlit's private API (pinned streamlit==1.67.0; see ui/patches/__init__.py).

AppTest has no public way to send a components-v2 trigger (what a live view's ``setTriggerValue``
does in a browser), and the websocket protocol client needs the same trigger id. Re-check these
on every Streamlit upgrade: tests/structure/test_streamlit_pin.py names this file.
"""
from __future__ import annotations

import json

from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.components.v2.bidi_component.serialization import deserialize_trigger_list

TRIGGER_DESERIALIZER = deserialize_trigger_list   # what Streamlit decodes a live view's trigger JSON with


def trigger_id(element_id: str) -> str:
    """The widget id under which a components-v2 element's triggers travel."""
    return _make_trigger_id(element_id, "events")


def trigger_value(event: str, payload) -> str:
    """The JSON a browser sends for ``setTriggerValue(event, payload)`` (NaN stays NaN, as a forged client may send it)."""
    return json.dumps([{"event": event, "value": payload}])


def send_app_trigger(at, element_id: str, event: str, payload) -> None:
    """Run ``at`` once more with the trigger a browser sends, as its next run's widget states."""
    send_app_trigger_text(at, element_id, trigger_value(event, payload))


def send_app_trigger_text(at, element_id: str, text: str) -> None:
    """Run ``at`` once more with a trigger whose JSON is ``text``, exactly as a (forged) client sent it."""
    widgets = at._tree.get_widget_states()  # noqa: SLF001
    trigger = widgets.widgets.add()
    trigger.id = trigger_id(element_id)
    trigger.json_trigger_value = text
    at._run(widgets)  # noqa: SLF001


def ask_for_a_rerun_now() -> None:
    """What a browser's next message does when it arrives during a run: a rerun request is waiting."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx
    from streamlit.runtime.scriptrunner_utils.script_requests import RerunData

    get_script_run_ctx().script_requests.request_rerun(RerunData(query_string=""))


def upload_store():
    """A new in-memory upload store, as the server keeps one (``MemoryUploadedFileManager``)."""
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

    return MemoryUploadedFileManager("/_stcore/upload_file")


def stored_files(store, session_id: str) -> int:
    """How many files ``store`` keeps for the session."""
    return len(store.file_storage.get(session_id, {}))


def file_record(file_id: str, data: bytes):
    """An uploaded file as the server's upload handler makes it."""
    from streamlit.runtime.uploaded_file_manager import UploadedFileRec

    return UploadedFileRec(file_id=file_id, name=f"{file_id}.png", type="image/png", data=data)


def app_session_class():
    """Streamlit's session class, whose ``handle_backmsg`` takes every message a browser sends
    (ui/patches/rerun.py wraps it)."""
    from streamlit.runtime.app_session import AppSession

    return AppSession


def a_session_waiting_for_a_run(widget_states, page_name: str = "draw"):
    """A stand-in for a session (``AppSession``) with its last page and a run its browser asked for, with these
    widget states, that has not started yet (its runner's ``ScriptRequests`` hold it)."""
    from types import SimpleNamespace

    from streamlit.proto.ClientState_pb2 import ClientState
    from streamlit.runtime.scriptrunner_utils.script_requests import RerunData, ScriptRequests

    requests = ScriptRequests()
    requests.request_rerun(RerunData(widget_states=widget_states, page_name=page_name))
    return SimpleNamespace(_client_state=ClientState(page_name=page_name), _scriptrunner=SimpleNamespace(_requests=requests))


def ask_as_the_server_does(session, client_state) -> None:
    """What ``AppSession.request_rerun`` does with a client state while a run is waiting: it folds the two requests."""
    from streamlit.runtime.scriptrunner_utils.script_requests import RerunData

    session._scriptrunner._requests.request_rerun(RerunData(  # noqa: SLF001
        widget_states=client_state.widget_states, page_name=client_state.page_name,
        query_string=client_state.query_string))


def the_run_it_starts(session):
    """The widget states of the run the session's runner starts next."""
    return session._scriptrunner._requests.on_scriptrunner_ready().rerun_data.widget_states  # noqa: SLF001
