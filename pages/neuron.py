"""One neuron: a function of its inputs. Weighted sum, plus bias, squashed into 0..1."""
import numpy as np
import streamlit as st

from figures.one_neuron import bias_shifted_curve, neuron_diagram, weighted_sum_line
from ui import charts, lesson_order, one_neuron, state
from ui.frame import require_app_frame

require_app_frame()  # before anything is drawn (see ui/frame.py)

st.title("One neuron")
st.write("A neuron is just a function: it multiplies each input activation by a weight, adds them up "
         "(the **weighted sum** Σ w·a), adds its **bias** b, and squashes the result with an **activation "
         "function**: a = σ(w₁a₁ + w₂a₂ + w₃a₃ + w₄a₄ + b). Move the sliders and watch each step.")

controls, pictures = st.columns([2, 3], gap="large")
with controls:
    inputs, weights, bias, activation = one_neuron.single_neuron_controls()

signals = weights * inputs
weighted_input = float(signals.sum())
with np.errstate(over="ignore"):
    output = float(activation.function(np.array([weighted_input + bias]))[0])

with pictures:
    charts.show(neuron_diagram(inputs, weights, bias, output, state.palette()), key="one_diagram")
    st.markdown(one_neuron.explain(weighted_input, bias, output, activation))
    charts.show(weighted_sum_line(signals, bias, state.palette()), key="one_sum_line")
    charts.show(bias_shifted_curve(activation, weighted_input, bias), key="one_curve")
    dotted = "Move the bias: a dotted curve will keep the neuron with no bias. " if abs(bias) < 0.05 else \
        "The dotted curve is the same neuron with no bias. "
    st.caption(dotted + "A negative bias pushes the curve right: the weighted sum must be larger before the neuron "
               "becomes active. That is all a bias does.")
    st.markdown(one_neuron.squashing_words(activation))
lesson_order.show_next("neuron")
