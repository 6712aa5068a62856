"""Backpropagation for one training example: the output's wishes, travelling backwards to every weight,
then a step downhill measured on every digit."""
import numpy as np
import streamlit as st

from figures.backprop import IN_WORDS, MATHS, backprop_figure, nudge_bars, walk_chart
from figures.outputs import output_bars
from nn_core.backprop import backprop
from nn_core.network import forward
from ui import alt_text, charts, loaders, navigation, page_words, state
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

page_words.title("Backpropagation", "neuron", "activation", "layer", "weight", "bias", "sigmoid", "cost", "gradient",
                 "gradient descent", "learning rate", "mini-batch", "backpropagation", "test digits")
page_words.intro("To learn from one example, the network asks: how should each weight change to make the **cost** C "
                 "smaller? C is one number that says how wrong the network is on this example. Start at the output: the "
                 "right digit's neuron should go **up**, the others **down**. Each hidden neuron should move in the "
                 "direction its outgoing weights say helps those wishes most, and so on backwards, layer by layer. The "
                 "result, " + ("" if simple() else "∂C/∂w ") + "for every weight how fast C changes when that weight "
                 "moves, is the **gradient**.")

copy = scratch.scratch()
network = copy.network
layers, names = network.layer_count, network.layer_names()
backprop_controls.set_page_defaults(layers)
example = backprop_controls.example_picker(copy)
label = example.label
result = forward(network, example.pixels)
gradients = backprop(network.astype(np.float64), example.pixels.astype(np.float64), label)
drawn = backprop_words.pushes(gradients)                  # the pixels' wish, then every layer's push −δ
output_wishes = backprop_words.output_wishes(result, label)  # y − a: the bars
palette = state.palette()
wish_quantity = "y − a" if simple() else network.cost.output_wish   # the outputs' wish, in symbols at the full level

with st.container(horizontal=True, vertical_alignment="center"):
    st.subheader("The wishes travel backwards", width="content")
    st.button("Play backwards", icon=":material/play_arrow:", on_click=backprop_controls.start_playing,
              key="play_backwards", help="Watch the error travel from the output back to the pixels, one layer at a "
                                         "time, as on Inside")


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
        network.weights, example.pixels, drawn, gradients.weights, step=step, palette=palette,
        output_quantity=backprop_words.output_quantity(network), narrow=narrow, height=460 if narrow else 470,
        legend_scale=legend_scale, words=IN_WORDS if simple() else MATHS,
        details=None if simple() else backprop_words.push_details(network, result, gradients)))
    charts.show(figure, key="backprop_network")
    bars, words = st.columns([3, 2], gap="medium")   # one under the other in a narrow column (app.py's CSS)
    with bars:
        if veiled("strongest_down_wish"):
            st.info(f"Each output's wish: {HIDDEN}.", icon=":material/visibility_off:")
        else:
            charts.show(nudge_bars(output_wishes, label, palette, quantity=wish_quantity,
                                   target=backprop_words.wish_target(network), rounded=simple()), key="nudges")
    with words:
        st.markdown(backprop_words.example_cost(network, result, gradients, label) + f". The network says "
                    f"{result.prediction}; the right answer is {label}.")
        if gradients.cost < 0.05 and result.prediction == label:
            st.caption("The network already gets this one right, so its wishes are tiny and the picture is faint.")
        st.markdown(backprop_words.explain(step, network))


backwards()

page_words.after_figure()
st.page_link("pages/cost.py", label="What is the cost?", icon=":material/functions:")


st.subheader("Three levers for one output")
st.write("Each output's z = Σ w·a + b (its weighted sum plus its bias) can be moved three ways. Backpropagation works "
         "out how much each way is worth (3Blue1Brown's chapter 3 calls them the three levers).")
chosen = backprop_controls.lever_choice(example)
st.markdown(backprop_words.levers(network, result, gradients, chosen, label,
                                  float(st.session_state[state.BACKPROP_RATE])))
if not simple():   # the simple level skips the list of derivatives
    st.subheader("The biggest gradients")
    st.caption("∂C/∂w of the weights that most want to change; a step moves each by −η × its gradient.")
    st.markdown(backprop_words.biggest_gradients(gradients.weights, result.activations, names))

st.subheader("Take a step downhill")
st.markdown(backprop_words.step_intro(network))
controls, outcome = st.columns([1, 1])
with controls:
    st.select_slider("Learning rate η", scratch.RATES, key=state.BACKPROP_RATE)
    st.button("One step on this example", key="backprop_step", on_click=scratch.take_step,
              args=("example", example.index), icon=":material/south:")
    st.button(f"One step on a mini-batch of {scratch.BATCH}", key="backprop_batch_step",
              on_click=scratch.take_step, args=("batch", example.index), icon=":material/stacks:",
              help=backprop_words.batch_help())
    st.button(f"{scratch.WALK} steps of {scratch.BATCH}", key="backprop_walk", on_click=scratch.take_step,
              args=("walk", example.index), icon=":material/directions_walk:", help=backprop_words.walk_help())
    st.button("Undo all steps", key="backprop_reset", on_click=scratch.reset, icon=":material/undo:",
              disabled=not copy.steps)
    st.caption(f"Steps taken: {len(copy.steps)}. They change a copy of the network on this page only; every other "
               "page keeps the trained network. Undo, or choosing another model, throws the copy away.")
with outcome:
    trained = scratch.trained_network()
    charts.show(charts.shared(output_bars, result.output, label, palette, height=220,
                            reference=forward(trained, example.pixels).output if copy.steps else None),
                alt=alt_text.output_bars(result.output, label),
                key="backprop_outputs")
    st.caption(f"Training digit #{example.index}'s outputs" + (": bars now, outlines the trained network."
                                                              if copy.steps else "."))
st.markdown(backprop_words.history_table(copy))
if copy.steps:
    last = copy.steps[-1]
    st.markdown(backprop_words.step_verdict(last, network))
    if last.kind == "batch":
        st.image(backprop_words.batch_strip(last.digits), caption=f"The mini-batch: training digits #{last.digits[0]} "
                 f"(this example), " + ", ".join(f"#{d}" for d in last.digits[1:]),
                 alt=alt_text.mini_batch(last.digits, loaders.embedded()[0].labels[list(last.digits)]))
    elif last.kind == "walk":
        charts.show(walk_chart([last.before.test_accuracy] + [s.test_accuracy for s in last.path],
                               [backprop_words.shown_cost(s) for s in (last.before, *last.path)],
                               backprop_words.cost_chart_title(network)), key="backprop_walk_chart")

navigation.show_next("backprop")
