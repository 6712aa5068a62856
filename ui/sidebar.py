"""The sidebar every page shares: which model is in use, and a way to start over."""
from __future__ import annotations

import streamlit as st

from figures.colours import PALETTES
from nn_core.bundled import BUNDLED
from ui import session, state
from ui.lesson import card
from ui.level import simple
from ui.scores import measured_test_accuracy


def model_picker() -> None:
    """Choose the model every page uses; show what it is and how good it is."""
    options = list(BUNDLED) + ([state.CUSTOM] if st.session_state.get(state.CUSTOM_MODEL) is not None else [])
    if st.session_state.get(state.MODEL_CHOICE) not in options:
        st.session_state[state.MODEL_CHOICE] = "classic"
    st.radio("Model in use", options, format_func=state.model_title, key=state.MODEL_CHOICE,
             on_change=_forget_selection, help="Every page shows this network.")
    network = state.current_model().network
    accuracy = measured_test_accuracy(state.model_key(), network)  # measured here, never a file's claim
    # (the simple level has one cost, 3Blue1Brown's Σ(a − y)²: the name of the one it was trained on is for the full level)
    shape = f"{'-'.join(map(str, network.sizes))}, {network.activation.name}" if simple() else network.describe()
    st.caption(f"**{shape}**  \n{accuracy:.1%} right on the 1,000 unseen test digits")


def _forget_selection() -> None:
    st.session_state[state.SELECTED_NEURON] = None
    st.session_state[state.FLOW_STEP] = None


def display_options() -> None:
    """The level of the words, colours and text size: for a first lesson, colour-blind learners and a projector."""
    st.segmented_control("Words", ["simple", "full"], key=state.LEVEL, required=True,
                         format_func={"simple": "simple", "full": "with the maths"}.get,
                         help="Simple: for a first lesson, without derivatives, matrices and the other extras. With the "
                              "maths: everything, with the formulas.")
    st.selectbox("Colours", list(PALETTES), key=state.PALETTE,
                 help="Colour-blind safe: orange (negative) and blue (positive) instead of red and blue")
    st.toggle("Large text (projector)", key=state.LARGE_TEXT)
    st.toggle("Presenter layout", key=state.PRESENTER,
              help="For a projector: large text, the sidebar folded, and the pages with a figure show it first, "
                   "their words under it")


def join_link(label: str) -> None:
    """The link to the Join page; in a class it names the class (the page there says how to leave it)."""
    in_class = st.session_state.get(state.CLASS_SEAT)
    st.page_link("pages/join.py", icon=":material/groups:",
                 label=label if in_class is None else f"Your class: {in_class.code}")


def show() -> None:
    with st.sidebar:
        # at the top of the sidebar, not under the page list's "View 5 more": one tap on a phone
        join_link("Join a class (code from the board)")
        model_picker()
        display_options()
        with st.popover("Start over", icon=":material/restart_alt:"):
            st.write("This forgets your drawing, your choices, your edits, your training and your models. "
                     "Only yours: nobody else's page changes.")
            st.button("Yes, forget everything and start over", key="reset_all", on_click=session.reset,
                      icon=":material/delete_forever:")
        card.sidebar_entry()
