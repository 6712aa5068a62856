"""Home: what a neural network is, in plain words, with a small live picture and the lesson's pages."""
import streamlit as st

from nn_core.network import forward
from ui import glossary, loaders, navigation, state
from ui.lesson import card
from ui.live import network as live_network
from ui.patches.frame import require_app_frame

require_app_frame()  # before anything is drawn (see ui/patches/frame.py)

st.title("What is a neural network?")
with st.container(horizontal=True, vertical_alignment="center"):
    card.start_button()
    st.caption("A guided lesson through the pages: one thing to do and one question to predict at each step, "
               "answered by the live network.")
glossary.words_row("neuron", "activation", "layer", "weight", "bias", "sigmoid", "softmax", "cost", "gradient",
                   "gradient descent", "backpropagation", "test digits")
colours = state.palette()
model = loaders.bundled("classic")
sizes = model.network.sizes
count_sum = " + ".join(f"{n_in}×{n_out} + {n_out}" for n_in, n_out in zip(sizes[:-1], sizes[1:]))
st.markdown(f"""
This app holds a real neural network that reads handwritten digits. It is small enough to see
all of it, and every picture here is computed from it live.

- **Neurons** hold a number, their *activation*; in this network it lies between 0 and 1. The first
  layer has 784 of them, one for each pixel of a 28x28 image of a digit: 0 for a black pixel,
  1 for a white one.
- **Layers**: the activations of one layer decide the activations of the next. The last layer
  has 10 neurons, one for each digit 0-9; the brightest one is the network's answer. In between
  are *hidden* layers (two of 16 neurons each here). One might hope that they pick out pieces of
  digits: edges in the first hidden layer, loops and lines in the second. *Inside the network* and
  *Watch it learn* show what they really learn: mostly blotchy patterns that work without being easy to name.
- **Weights**: every connection from a neuron in one layer to a neuron in the next has a
  weight, a number that says how much the first should push the second up (positive,
  {colours.positive_name}) or down (negative, {colours.negative_name}).
- **A neuron is a function**: it takes the weighted sum of the previous layer's activations,
  adds its own **bias** b, and squashes the result into 0..1 with the **sigmoid**
  σ(x) = 1 / (1 + e⁻ˣ): a = σ(w₁a₁ + w₂a₂ + … + wₙaₙ + b). Because σ(0) = ½, the neuron is more than
  half on once the weighted sum passes −b: a bias of −10 means the sum must be above 10. (The output
  layer uses *softmax* instead of σ, so its ten activations add up to 1.)
- **Learning** means finding good values for all {model.network.params.size:,} weights and biases
  ({count_sum}). The network is shown thousands of **labelled training** digits and nudges its weights
  and biases to make its **cost**, one number that says how wrong it is on them, smaller. Then it is
  checked on **test** digits it has **never seen**, to know it learned digits, not just those examples.
""")

_, test = loaders.embedded()
example = test.inputs[state.DEFAULT_TEST_INDEX]
result = forward(model.network, example)
label = int(test.labels[state.DEFAULT_TEST_INDEX])
# the live view, as a picture: it lays itself out for the screen (taller on a phone, labels never on top of each other)
picture = live_network.base_data(model.network, example, label=label, description=f"a test digit (a {label})",
                                 panels=live_network.Panels(head=False), input_edges=4)
live_network.show({**picture, "fit_screen": True}, key=state.HOME_LIVE)   # a picture beside the words, not a wall
st.caption(f"The classic 784-16-16-10 network (this page always shows it, whichever model the sidebar has "
           f"chosen) looking at a test digit (a {label}): it answers {result.prediction}.")

st.subheader("The lesson, page by page")
for number, page in enumerate(navigation.PAGES[1:], start=1):
    st.page_link(page.script, label=f"{number}. {page.title}: {page.summary}", icon=page.icon)
