"""Backpropagation for one example: the output's wishes, travelling backwards to every weight."""
import numpy as np
import streamlit as st

from figures.backprop import backprop_figure, nudge_bars
from figures.images import enlarge
from figures.outputs import output_bars
from nn_core.backprop import backprop
from nn_core.network import forward
from ui import backprop_view, charts, state
from ui.frame import require_app_frame

require_app_frame()  # before anything is drawn (see ui/frame.py)

st.title("Backpropagation")
st.write("To learn from one example, the network asks: how should each weight change to make the cost smaller? "
         "Start at the output: the right digit's neuron should go **up**, the others **down**. Each hidden neuron "
         "should move in the direction its outgoing weights say helps those wishes most, and so on backwards, "
         "layer by layer. The result, ∂C/∂w for every weight, is the **gradient**.")

network = backprop_view.scratch_network()
layers = network.layer_count
digit = state.current_input()
pixels = state.current_pixels()
result = forward(network, pixels)

picture, choice = st.columns([1, 5], vertical_alignment="center")
picture.image(enlarge(pixels.reshape(28, 28), 84))
with choice:
    label = backprop_view.label_choice(digit, result.prediction)

gradients = backprop(network.astype(np.float64), pixels.astype(np.float64), label)
wanted = np.eye(10)[label]
nudges = [-g for g in gradients.activation_gradients] + [wanted - result.output]  # -dC/da; y - a at the output
options = list(range(layers, -1, -1)) + ["all"]
names = network.layer_names()
if st.session_state.get(state.BACKPROP_STEP) not in options:
    st.session_state[state.BACKPROP_STEP] = "all"
st.segmented_control("The error has travelled back to", options, key=state.BACKPROP_STEP, required=True,
                     format_func=lambda o: "the whole network" if o == "all" else f"← {names[o]}")
step = st.session_state[state.BACKPROP_STEP]
step = None if step == "all" else step

charts.show(backprop_figure(network.weights, pixels, nudges, gradients.weights, step=step, palette=state.palette(),
                            output_quantity=network.cost.output_wish), key="backprop_network")
bars, words = st.columns([3, 2], gap="medium")
with bars:
    charts.show(nudge_bars(nudges[-1], label, state.palette()), key="nudges")
with words:
    st.markdown(f"Cost for this example: **C = {gradients.cost:.3f}** (the network says "
                f"{result.prediction}, the right answer is {label}).")
    if gradients.cost < 0.05:
        st.caption("The network already gets this one right, so its wishes are tiny.")
        st.button("Show me a digit it gets wrong", key="backprop_mistake", on_click=backprop_view.pick_mistake,
                  icon=":material/error:")
    st.markdown(backprop_view.explain(step, network))

st.subheader("The biggest gradients")
st.markdown(backprop_view.biggest_gradients(gradients.weights, names))

st.subheader("Take a step downhill")
st.write("Gradient descent moves every weight and bias by −η × its gradient. On this one example, that makes "
         "the right answer a little more likely:")
controls, outcome = st.columns([2, 3])
with controls:
    st.select_slider("Learning rate η", [0.1, 0.3, 1.0, 3.0, 10.0], key=state.BACKPROP_RATE)
    with st.container(horizontal=True):
        st.button("One step on this example", key="backprop_step", on_click=backprop_view.take_step,
                  args=(pixels, label), icon=":material/south:")
        st.button("Undo all steps", key="backprop_reset", on_click=backprop_view.reset, icon=":material/undo:",
                  disabled=backprop_view.steps_taken() == 0)
    st.caption(f"Steps taken: {backprop_view.steps_taken()}. They change a copy of the network on this page only.")
with outcome:
    trained = backprop_view.trained_network()
    charts.show(output_bars(result.output, label, state.palette(), height=220,
                                reference=forward(trained, pixels).output if backprop_view.steps_taken() else None),
                    key="backprop_outputs")
