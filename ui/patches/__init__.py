"""Everything that touches Streamlit's private internals, in one place: re-check these on every upgrade.

Pinned: streamlit==1.67.0 (requirements.txt). tests/structure/test_streamlit_pin.py fails on any other
version and names the files to re-check:

- ``widget_values.py``: wraps ``WStates.set_widget_from_proto``, ``SessionState.set_widgets_from_proto``
  and ``SessionState.register_widget`` (and reads ``_new_widget_state``) to drop hostile widget values;
- ``callbacks.py``: wraps ``SafeSessionState.on_script_will_rerun`` and sets the runner's ``_execing``, so a
  rerun request that arrives while a callback runs waits for the callback's end;
- ``uploads.py``: wraps the server's ``MemoryUploadedFileManager`` (``get_upload_urls``, ``add_file``,
  ``remove_session_files``, and reads its ``file_storage`` under its ``_lock``) to refuse uploads nobody asked for;
- ``frame.py``: ``PagesManager.uses_pages_directory``, so a page's URL opened first runs inside app.py;
- ``script_context.py``: ``get_script_run_ctx`` for the session's id;
- ``rerun.py``: ``Runtime._session_mgr``, ``Runtime._get_async_objs`` and ``AppSession.request_rerun`` with its
  ``_client_state`` and ``_scriptrunner``, for the class bell's rerun of a student's session (as Streamlit's own
  rerun on a file change), carrying the widget values of a run the session's browser asked for that has not started
  yet (its runner's ``_requests``: ``ScriptRequests._lock``, ``_state``, ``_rerun_data``); it wraps
  ``AppSession.handle_backmsg`` to hear which sessions a browser asks for a run,
  and reads ``AppSession._browser_queue.is_empty`` on the event loop to know when a run's page has left the server;
- ``allocator.py``: not Streamlit's, but process-wide: glibc's allocator, tuned once;
- ``readable.py``: no private API, a stylesheet over Streamlit's markup (its ``data-testid`` attributes) where the
  theme cannot make text readable enough (re-measure with scripts/axe_survey.py);
- the tests' own private calls live in tests/streamlit_private.py (AppTest's tree and runs, the
  components-v2 trigger id, the websocket protocol's messages).
"""
STREAMLIT_PINNED = "1.67.0"
TOUCHED = ("ui/patches/widget_values.py", "ui/patches/callbacks.py", "ui/patches/uploads.py", "ui/patches/frame.py",
           "ui/patches/script_context.py", "ui/patches/rerun.py", "tests/streamlit_private.py", "tests/load/protocol.py")
