"""The bell's rerun of a student's session keeps what the student's browser had just sent (ui/patches/rerun.py).

Seen in the suite (tests/browser/test_class_follows.py): a phone pressed "Give it to the class" with the 7 chosen in
its form while the teacher moved everyone; Streamlit folded the two requests into one run, where each widget took
the bell's value, and the bell's request held none: the form's 7 was gone and the drawing was not given.
"""
from __future__ import annotations

from streamlit.proto.WidgetStates_pb2 import WidgetStates

from tests.streamlit_private import a_session_waiting_for_a_run, ask_as_the_server_does, the_run_it_starts
from ui.patches.rerun import bell_client_state


def a_form_sent() -> WidgetStates:
    """A form's submit as a browser sends it: the digit chosen in the form, and the press of its button."""
    states = WidgetStates()
    label = states.widgets.add()
    label.id, label.int_array_value.data[:] = "class_drawing_label", [7]
    press = states.widgets.add()
    press.id, press.trigger_value = "class_drawing_submit", True
    return states


def values(states: WidgetStates) -> dict:
    return {w.id: getattr(w, w.WhichOneof("value")) for w in states.widgets}


def test_a_form_sent_just_before_the_bell_keeps_its_values_and_its_press():
    session = a_session_waiting_for_a_run(a_form_sent())
    ask_as_the_server_does(session, bell_client_state(session, page="neuron"))
    run = values(the_run_it_starts(session))
    assert list(run["class_drawing_label"].data) == [7] and run["class_drawing_submit"] is True


def test_the_bell_still_sends_the_student_to_the_step_s_page():
    session = a_session_waiting_for_a_run(a_form_sent(), page_name="draw")
    asked = bell_client_state(session, page="neuron")
    assert (asked.page_name, asked.page_script_hash) == ("neuron", "")
    assert session._client_state.page_name == "draw"            # the session's own record is left as it was


def test_with_no_run_waiting_the_bell_asks_with_no_values_of_its_own():
    session = a_session_waiting_for_a_run(a_form_sent())
    the_run_it_starts(session)                                   # the browser's run has started: nothing waits
    assert len(bell_client_state(session, page=None).widget_states.widgets) == 0
