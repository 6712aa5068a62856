"""Backpropagation for one training example: the output's wishes, travelling backwards to every weight,
then a step downhill measured on every digit."""
import numpy as np
import streamlit as st

from figures.backprop import IN_WORDS, MATHS, backprop_figure, nudge_bars
from figures.outputs import output_bars
from nn_core.backprop import backprop
from nn_core.network import forward
from ui import charts, glossary, navigation, presenter, state
from ui.cache_keys import digest
from ui.fragments import page_fragment
from ui.lesson.veil import HIDDEN, veiled
from ui.level import simple
from ui.live import screen
from ui.pages.backprop import controls as backprop_controls
from ui.pages.backprop import scratch
from ui.pages.backprop import words as backprop_words
from ui.patches.frame import require_app_frame

require_app_frame()  # before anything is drawn (see ui/patches/frame.py)

st.title("Backpropagation")
presenter.intro("To learn from one example, the network asks: how should each weight change to make the **cost** C "
                "smaller? C is one number that says how wrong the network is on this example. Start at the output: the "
                "right digit's neuron should go **up**, the others **down**. Each hidden neuron should move in the "
                "direction its outgoing weights say helps those wishes most, and so on backwards, layer by layer. The "
                "result, " + ("" if simple() else "∂C/∂w ") + "for every weight how fast C changes when that weight "
                "moves, is the **gradient**.")
glossary.words_row("neuron", "activation", "layer", "weight", "bias", "sigmoid", "cost", "gradient",
                   "gradient descent", "learning rate", "mini-batch", "backpropagation", "test digits")
if not presenter.on():
    st.page_link("pages/cost.py", label="What is the cost?", icon=":material/functions:")

copy = scratch.scratch()
network = copy.network
layers, names = network.layer_count, network.layer_names()
backprop_controls.set_page_defaults(layers)
example = backprop_controls.example_picker(copy)
label = example.label
result = forward(network, example.pixels)
gradients = backprop(network.astype(np.float64), example.pixels.astype(np.float64), label)
wishes = backprop_words.wishes(gradients, result, label)
palette = state.palette()
wish_quantity = "y − a" if simple() else network.cost.output_wish   # the outputs' wish, in symbols at the full level

st.subheader("The wishes travel backwards")
st.button("Play backwards", icon=":material/play_arrow:", on_click=backprop_controls.start_playing, key="play_backwards",
          help="Watch the error travel from the output back to the pixels, one layer at a time, as on Inside")


@page_fragment(run_every=backprop_controls.PLAY_SECONDS if st.session_state.get(state.BACKPROP_PLAYING) else None)
def backwards() -> None:
    if st.session_state.get(state.BACKPROP_PLAYING):
        backprop_controls.advance_animation(layers)
        if not st.session_state[state.BACKPROP_PLAYING]:
            st.rerun()  # the last step: stop the timer by redrawing the whole page
    st.segmented_control("The error has travelled back to", backprop_controls.step_options(layers),
                         key=state.BACKPROP_STEP, required=True, format_func=backprop_controls.step_label(layers),
                         on_change=backprop_controls.stop_playing)
    step = st.session_state[state.BACKPROP_STEP]
    step = None if step == "all" else step
    narrow = screen.narrow()
    legend_scale = charts.annotation_scale()
    key = ("backprop", digest(network.params), example.index, step, palette.name, narrow, legend_scale, simple())
    figure = charts.remembered(key, lambda: backprop_figure(
        network.weights, example.pixels, wishes, gradients.weights, step=step, palette=palette,
        output_quantity=wish_quantity, narrow=narrow, height=460 if narrow else 470,
        legend_scale=legend_scale, words=IN_WORDS if simple() else MATHS))
    charts.show(figure, key="backprop_network")
    bars, words = st.columns([3, 2], gap="medium")   # one under the other in a narrow column (app.py's CSS)
    with bars:
        if veiled("strongest_down_wish"):
            st.info(f"Each output's wish: {HIDDEN}.", icon=":material/visibility_off:")
        else:
            charts.show(nudge_bars(wishes[-1], label, palette, quantity=wish_quantity,
                                   target=backprop_words.wish_target(network)), key="nudges")
    with words:
        cost = f"{gradients.cost:.3f}" if np.isfinite(gradients.cost) else "infinite"
        st.markdown(f"Cost for this example{'' if simple() else f' ({network.cost.formula})'}: **C = {cost}** (the network says "
                    f"{result.prediction}, the right answer is {label}).")
        if gradients.cost < 0.05 and result.prediction == label:
            st.caption("The network already gets this one right, so its wishes are tiny and the picture is faint.")
        st.markdown(backprop_words.explain(step, network))


backwards()

presenter.intro_after_figure()


def levers_and_gradients() -> None:
    """First-year university: the chain rule's numbers for one output, and the largest gradients."""
    st.subheader("Three levers for one output")
    st.write("An output's weighted sum z = Σ w·a + b can be moved three ways. Backpropagation works out how much each "
             "way is worth (3Blue1Brown's chapter 3 calls them the three levers).")
    chosen = backprop_controls.lever_choice(example)
    st.markdown(backprop_words.levers(network, result, gradients, chosen, label, float(st.session_state[state.BACKPROP_RATE])))
    st.subheader("The biggest gradients")
    st.caption("∂C/∂w of the weights that most want to change; a step moves each by −η × its gradient.")
    st.markdown(backprop_words.biggest_gradients(gradients.weights, result.activations, names))


if not simple():   # the simple level skips them
    levers_and_gradients()

st.subheader("Take a step downhill")
st.write("Gradient descent moves every weight and bias by −η × its gradient (η is the learning rate). A small "
         "enough step lowers this example's cost C, bringing its outputs closer to the right answer. What it does "
         "to the other digits is another matter, so after every step the table measures the copy on the 1,000 "
         "unseen test digits and on all 4,000 training digits. Try both buttons: one step on this example alone, "
         f"and one on a mini-batch of {scratch.BATCH} training digits (this one and "
         f"{scratch.BATCH - 1} others), whose gradients are averaged.")
controls, outcome = st.columns([1, 1])
with controls:
    st.select_slider("Learning rate η", scratch.RATES, key=state.BACKPROP_RATE)
    st.button("One step on this example", key="backprop_step", on_click=scratch.take_step,
              args=("example", example.index), icon=":material/south:")
    st.button(f"One step on a mini-batch of {scratch.BATCH}", key="backprop_batch_step",
              on_click=scratch.take_step, args=("batch", example.index), icon=":material/stacks:",
              help=f"A mini-batch of {scratch.BATCH} training digits: this one and {scratch.BATCH - 1} "
                   f"others picked at random. The step uses the average of their {scratch.BATCH} gradients")
    st.button("Undo all steps", key="backprop_reset", on_click=scratch.reset, icon=":material/undo:",
              disabled=not copy.steps)
    st.caption(f"Steps taken: {len(copy.steps)}. They change a copy of the network on this page only; every other "
               "page keeps the trained network. Undo, or choosing another model, throws the copy away.")
with outcome:
    trained = scratch.trained_network()
    charts.show(output_bars(result.output, label, palette, height=220,
                            reference=forward(trained, example.pixels).output if copy.steps else None),
                key="backprop_outputs")
    st.caption(f"Training digit #{example.index}'s outputs" + (": bars now, outlines the trained network."
                                                              if copy.steps else "."))
st.markdown(backprop_words.history_table(copy))
if copy.steps:
    last = copy.steps[-1]
    st.markdown(backprop_words.step_verdict(last, copy.trained))
    if last.kind == "batch":
        st.image(backprop_words.batch_strip(last.digits), caption=f"The last mini-batch: training digits #{last.digits[0]} "
                 f"(this example), " + ", ".join(f"#{d}" for d in last.digits[1:]))

navigation.show_next("backprop")
