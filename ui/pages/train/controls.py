"""The Watch-it-learn page's controls: Start/Pause, One step, One epoch, Reset, the speed, the recipe form and
the ready-made recipes. Their callbacks change the trainer (live.py); the form's bounds and choices are the
page's settings table's (ui/links/tables.py), the same a link is checked against.
"""
from __future__ import annotations

import streamlit as st

from nn_core.activations import ACTIVATIONS
from nn_core.costs import COSTS
from nn_core.training import Trainer
from ui import glossary, state
from ui.level import simple
from ui.pages.train import live
from ui.pages.train.recipe import MAX_HIDDEN_TEXT, RECIPE_EXPERIMENTS, STARTS


def toggle_running() -> None:
    st.session_state[state.TRAIN_RUNNING] = not st.session_state.get(state.TRAIN_RUNNING, False)
    st.session_state[state.TRAIN_UNTIL_EPOCH] = None
    st.session_state[state.TRAIN_PACE] = ()


def one_step() -> None:
    live.stop_running()
    live.trainer().run(1)


def one_epoch() -> None:
    """Train to the end of this epoch, in bounded ticks like the live training (never one long request)."""
    st.session_state[state.TRAIN_UNTIL_EPOCH] = live.trainer().epoch + 1
    st.session_state[state.TRAIN_RUNNING] = True
    st.session_state[state.TRAIN_PACE] = ()


def run_buttons(current: Trainer, running: bool) -> None:
    """Start/Pause/Continue, One step, One epoch, Reset and the speed, in one row."""
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.button("Pause" if running else ("Continue" if current.steps_done else "Start"), key="train_toggle",
                  on_click=toggle_running, icon=":material/pause:" if running else ":material/play_arrow:",
                  type="primary", disabled=current.finished)
        st.button("One step", key="train_step", on_click=one_step, disabled=current.finished,
                  help="One mini-batch: one small move downhill")
        st.button("One epoch", key="train_epoch", on_click=one_epoch, disabled=current.finished)
        st.button("Reset", key="train_reset", on_click=live.rebuild, icon=":material/restart_alt:",
                  help="Back to the starting weights" + ("" if simple() else " (same seed, same start)"))
        st.segmented_control("Speed", list(live.SPEEDS), key=state.TRAIN_SPEED, required=True,
                             help="Slow motion: one step at a time, four a second")


def recipe_experiments() -> None:
    with st.container(horizontal=True):
        for number, experiment in enumerate(RECIPE_EXPERIMENTS):
            st.button(experiment.label, key=f"recipe-experiment-{number}", on_click=live.run_experiment,
                      args=(experiment,), icon=":material/science:")
    if st.session_state.get(state.RECIPE_NOTE):
        st.caption(st.session_state[state.RECIPE_NOTE])


def recipe_form(table) -> None:
    """Choose the network and how to train it; applied by “Build this network”. ``table``: the page's settings
    table (ui/links/tables.TRAIN), whose rows give the bounds and choices."""
    kind = {row.key: row.kind for row in table.rows}
    key = state.recipe_key
    full = not simple()
    with st.form("recipe_form"):
        left, middle, right = st.columns(3)
        left.selectbox("Start from", list(STARTS), format_func=STARTS.get, key=key("start"),
                       help="A trained model keeps its own layers; its training continues from where it was")
        left.text_input("Hidden layers", key=key("hidden"), max_chars=MAX_HIDDEN_TEXT,
                        help="Sizes separated by commas: 16, 16 is the classic network; try 30 or 100")
        if full:
            left.selectbox("Hidden activation", list(ACTIVATIONS), format_func=lambda name: ACTIVATIONS[name].title,
                           key=key("activation"))
            middle.selectbox("Cost", list(COSTS), format_func=lambda name: COSTS[name].title, key=key("cost"))
        rate, epochs = kind[key("rate")], kind[key("epochs")]
        middle.number_input("Learning rate η", rate.low, rate.high, format="%g", key=key("rate"),
                            help=glossary.definition("learning rate") + " Try 100 to see what too big does.")
        middle.select_slider("Mini-batch size", list(kind[key("batch")].values), key=key("batch"),
                             help=glossary.definition("mini-batch"))
        right.number_input("Epochs", epochs.low, epochs.high, key=key("epochs"), help=glossary.definition("epoch"))
        if full:
            momentum, seed = kind[key("momentum")], kind[key("seed")]
            right.number_input("Momentum μ", momentum.low, momentum.high, step=0.1, format="%g", key=key("momentum"))
            right.number_input("Random seed", seed.low, seed.high, key=key("seed"), help="Same seed, same result")
            right.checkbox("Augment (shift, rotate, scale, thicken)", key=key("augment"))
        st.form_submit_button("Build this network", icon=":material/build:", type="primary", on_click=live.apply_recipe)
    if st.session_state.get(state.RECIPE_PROBLEM):
        st.error(st.session_state[state.RECIPE_PROBLEM])
