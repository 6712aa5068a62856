"""A widget's callback runs to its end, even when the browser asks for another run meanwhile.

Streamlit runs callbacks (``on_click``, ``on_change``) at the start of a run, and every
``st.session_state`` read or write inside them is a point where a waiting rerun request stops
the run (pinned streamlit==1.67.0: ``SafeSessionState`` calls the runner's
``_maybe_handle_execution_control_request``). On a busy server a second message from the same
tab (a component telling its size, a phone's first-page note) arrives while the Join callback
runs: the seat was taken in the class store, then the callback was stopped before it could
write the seat into the session, and the student saw the empty form again (4 of 16 joins under
CPU load). Half a callback is worse than none: the store and the session disagree.

``install()`` wraps ``SafeSessionState.on_script_will_rerun`` (where the callbacks run) so the
runner takes no request while they run; the runner asks again right after them (its own next
line), so the waiting rerun still happens, with the callback's writes done. Re-check on every
Streamlit upgrade (see ui/patches/): tests/hostile/test_callbacks_finish.py fails without it.
"""
from __future__ import annotations

from streamlit.runtime.state.safe_session_state import SafeSessionState

_MARK = "_nn_explainer_uninterrupted"


def install() -> None:
    original = SafeSessionState.on_script_will_rerun
    if getattr(original, _MARK, False):
        return

    def on_script_will_rerun(self, *args, **kwargs):
        runner = getattr(self._yield_callback, "__self__", None)
        if not getattr(runner, "_execing", False):
            return original(self, *args, **kwargs)
        runner._execing = False      # its request check returns at once while this is False
        try:
            return original(self, *args, **kwargs)
        finally:
            runner._execing = True

    setattr(on_script_will_rerun, _MARK, True)
    SafeSessionState.on_script_will_rerun = on_script_will_rerun
