"""The id of the visitor's session, from Streamlit's script-run context (a private API: see ui/patches/)."""
from __future__ import annotations


def session_id() -> str:
    """An id for this visitor's session ("no-session" outside a script run, e.g. in a unit test)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    return context.session_id if context is not None else "no-session"
