"""The Backpropagation page's controls: the training example, the backward pass's step and its animation,
the output whose three levers are shown."""
from __future__ import annotations

import numpy as np
import streamlit as st

from figures.images import enlarge
from nn_core.network import forward, layer_names
from ui import alt_text, loaders, page_words, state
from ui.live import screen
from ui.pages.backprop.scratch import DEFAULT_RATE, RATES, Example, Scratch, example, example_index, scratch

PLAY_SECONDS = 0.9                      # between animation steps (as on Inside)


def set_page_defaults(layer_count: int) -> None:
    """A rate not on the slider becomes the default η = 0.1; the steps open at "← output"."""
    if st.session_state.get(state.BACKPROP_RATE) not in RATES:
        st.session_state[state.BACKPROP_RATE] = DEFAULT_RATE
    playing_starts = st.session_state.get(state.BACKPROP_PLAYING) and st.session_state.get(state.BACKPROP_STEP) is None
    if st.session_state.get(state.BACKPROP_STEP) not in step_options(layer_count) and not playing_starts:
        st.session_state[state.BACKPROP_STEP] = layer_count


def _choose(index: int) -> None:
    st.session_state[state.BACKPROP_EXAMPLE] = index
    st.session_state[state.BACKPROP_EXAMPLE_BOX] = index


def _box_changed() -> None:
    value = st.session_state.get(state.BACKPROP_EXAMPLE_BOX)
    if isinstance(value, int):
        _choose(value)


def pick_mistake() -> None:
    """The next training digit (after the one shown) that the network on this page gets wrong."""
    copy = scratch()
    wrong = copy.score.train_wrong
    if len(wrong):
        after = example_index(copy)
        _choose(int(next((i for i in wrong if i > after), wrong[0])))


def example_picker(copy: Scratch) -> Example:
    """The example's picture, what the network says, a number box and "Show me one it gets wrong"."""
    train, _ = loaders.embedded()
    chosen = example(example_index(copy))
    st.session_state[state.BACKPROP_EXAMPLE_BOX] = chosen.index
    output = forward(copy.network, chosen.pixels).output
    guess = int(np.argmax(output))
    with st.container(horizontal=True, vertical_alignment="center"):   # side by side on a tablet too
        st.image(enlarge(chosen.pixels.reshape(28, 28), 84), width=84,
                 alt=alt_text.digit(f"training digit #{chosen.index}", chosen.label, guess))
        words = st.container(width="stretch")
    with words:
        verdict = "right" if guess == chosen.label else "wrong"
        st.markdown(f"Example: **training digit #{chosen.index} (a {chosen.label})**. The network on this page says "
                    f"**{guess}** ({verdict}); its output for {chosen.label} is {output[chosen.label]:.3f}.")
        with st.container(horizontal=True, vertical_alignment="bottom"):
            st.number_input("Training digit #", 0, len(train) - 1, step=1, key=state.BACKPROP_EXAMPLE_BOX, on_change=_box_changed,
                            width=180, help=f"Any of the {len(train):,} training digits")
            st.button("Show me one it gets wrong", key="backprop_mistake", on_click=pick_mistake,
                      icon=":material/error:", disabled=len(copy.score.train_wrong) == 0)
        page_words.note(f"Backpropagation learns from labelled **training** digits only. The "
                        f"{len(loaders.embedded()[1]):,} test digits must stay unseen, so that the test accuracy "
                        "below honestly measures digits the network never learned from. That is why this page does "
                        "not use the digit you drew or picked on the other pages (often a test digit).")
    return chosen


def step_options(layer_count: int) -> list:
    return list(range(layer_count, -1, -1)) + ["all"]


def step_label(layer_count: int):
    names = [f"{n} (pixels)" if n == "input" else n for n in layer_names(layer_count)]
    return lambda option: "the whole network" if option == "all" else f"← {names[option]}"


def start_playing() -> None:
    """The first tick shows the output alone (``advance_animation`` starts there). For less motion, the end at once:
    the error at the pixels, as the last tick leaves it."""
    if screen.reduced_motion():
        st.session_state[state.BACKPROP_PLAYING] = False
        st.session_state[state.BACKPROP_STEP] = 0
        return
    st.session_state[state.BACKPROP_PLAYING] = True
    st.session_state[state.BACKPROP_STEP] = None


def stop_playing() -> None:
    st.session_state[state.BACKPROP_PLAYING] = False


def advance_animation(layer_count: int) -> None:
    """One tick: the error moves one layer back; at the pixels the animation stops."""
    step = st.session_state.get(state.BACKPROP_STEP)
    step = layer_count if not isinstance(step, int) else max(step - 1, 0)
    st.session_state[state.BACKPROP_STEP] = step
    if step == 0:
        st.session_state[state.BACKPROP_PLAYING] = False


def lever_choice(chosen: Example) -> int:
    """The output neuron whose levers are shown: the right answer, until the learner picks another."""
    label = chosen.label
    if (st.session_state.get(state.BACKPROP_LEVER_EXAMPLE) != chosen.index
            or st.session_state.get(state.BACKPROP_LEVER_DIGIT) not in range(10)):
        st.session_state[state.BACKPROP_LEVER_DIGIT] = label
        st.session_state[state.BACKPROP_LEVER_EXAMPLE] = chosen.index
    return st.selectbox("Output neuron", list(range(10)), key=state.BACKPROP_LEVER_DIGIT, width=260,
                        format_func=lambda d: f"digit {d}" + (" (the right answer)" if d == label else ""))
