"""Home: what a neural network is, in plain words, with a small live picture and the lesson's pages."""
import streamlit as st

from figures.network import network_figure
from nn_core.network import forward
from ui import charts, loaders, state
from ui.frame import require_app_frame

require_app_frame()  # before anything is drawn (see ui/frame.py)

st.title("What is a neural network?")
colours = state.palette()
st.markdown(f"""
This app holds a real neural network that reads handwritten digits. It is small enough to see
all of it, and every picture here is computed from it live.

- **Neurons** are things that hold a number between 0 and 1, their *activation*. The first
  layer has 784 of them, one for each pixel of a 28x28 image of a digit: 0 for a black pixel,
  1 for a white one.
- **Layers**: the activations of one layer decide the activations of the next. The last layer
  has 10 neurons, one for each digit 0-9; the brightest one is the network's answer. In between
  are *hidden* layers (two of 16 neurons each here) that pick out pieces of digits: edges, loops, lines.
- **Weights**: every connection from a neuron in one layer to a neuron in the next has a
  weight, a number that says how much the first should push the second up (positive,
  {colours.positive_name}) or down (negative, {colours.negative_name}).
- **A neuron is a function**: it takes the weighted sum of the previous layer's activations,
  adds its own **bias** (how high the sum must be before it becomes active), and squashes the
  result into 0..1 with the **sigmoid** σ: a = σ(w₁a₁ + w₂a₂ + … + wₙaₙ + b).
- **Learning** means finding good values for all 13,002 weights and biases. The network is
  shown thousands of **labelled training** digits and nudges its weights to be less wrong on
  them; then it is checked on **test** digits it has **never seen**, to know it learned digits,
  not just those examples.
""")

model = loaders.bundled("classic")
_, test = loaders.embedded()
example = test.inputs[state.DEFAULT_TEST_INDEX]
result = forward(model.network, example)
charts.show(network_figure(model.network.weights, result.activations, input_edges=4, height=380,
                           palette=state.palette(), activation=model.network.activation),
                key="home_network", static=True)
st.caption(f"The classic 784-16-16-10 network (this page always shows it, whichever model the sidebar has "
           f"chosen) looking at a test digit (a {int(test.labels[state.DEFAULT_TEST_INDEX])}): it answers {result.prediction}.")

st.subheader("The lesson, page by page")
st.page_link("pages/draw.py", label="1. Draw a digit and see what the network says", icon=":material/draw:")
st.page_link("pages/inside.py", label="2. Inside the network: follow the signal layer by layer, and look at one neuron",
             icon=":material/hub:")
st.page_link("pages/neuron.py", label="3. One neuron: a weighted sum plus a bias, squashed into 0..1",
             icon=":material/radio_button_checked:")
st.page_link("pages/knobs.py", label="4. Turn the knobs: change biases and weights by hand and see what happens",
             icon=":material/tune:")
st.page_link("pages/data.py", label="5. Training and test data: the labelled digits it learns from, and the ones it never sees",
             icon=":material/grid_view:")
st.page_link("pages/train.py", label="6. Watch it learn: gradient descent lowering the cost, live", icon=":material/monitoring:")
st.page_link("pages/descent.py", label="7. Gradient descent: the cost as a landscape, and a walk downhill",
             icon=":material/landscape:")
st.page_link("pages/backprop.py", label="8. Backpropagation: how one example's error reaches every weight",
             icon=":material/undo:")
