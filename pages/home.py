"""Home: what a neural network is, with a small live picture first, then the ideas in plain words, and the lesson's pages.

The whole network is one function, a⁽³⁾ = f(a⁽⁰⁾): 784 numbers in, 10 out, and its weights and biases as the
knobs, counted from the network shown. The simple level says it in a few short lines; the full level adds the
formula of a neuron, the bias's threshold and softmax.
"""
import streamlit as st

from nn_core.network import forward
from ui import loaders, navigation, page_words, sidebar, state
from ui.lesson import card
from ui.level import simple
from ui.live import network as live_network
from ui.patches.frame import require_app_frame
from ui.words import a_digit

require_app_frame()  # before anything is drawn (see ui/patches/frame.py)

full = not simple()
page_words.title("What is a neural network?", "neuron", "activation", "layer", "weight", "bias", "sigmoid",
                 *(["softmax"] if full else []), "cost", "gradient", "gradient descent", "backpropagation",
                 "test digits")
with st.container(horizontal=True, vertical_alignment="center"):
    card.start_button()
    sidebar.join_link("Join a class")
    st.caption("A guided lesson through the pages: one thing to do and one question to predict at each step, "
               "answered by the live network.")
colours = state.palette()
model = loaders.bundled("classic")
network = model.network
sizes = network.sizes
weights, biases = sum(w.size for w in network.weights), sum(b.size for b in network.biases)
knobs = weights + biases

_, test = loaders.embedded()
example = test.inputs[state.DEFAULT_TEST_INDEX]
result = forward(network, example)
label = int(test.labels[state.DEFAULT_TEST_INDEX])
# the live view, as a picture: it lays itself out for the screen (taller on a phone, labels never on top of each other)
picture = live_network.base_data(network, example, label=label, description=f"a test digit ({a_digit(label)})",
                                 panels=live_network.Panels(head=False), input_edges=4)
live_network.show({**picture, "fit_screen": True}, key=state.HOME_LIVE)   # the picture first, the words under it
st.caption(f"The classic {'-'.join(map(str, sizes))} network (this page always shows it, whichever model the sidebar "
           f"has chosen) looking at a test digit ({a_digit(label)}): it answers {result.prediction}.")

one_function = (f"**A neural network is a function**: {sizes[0]} numbers in (the pixels of a digit), {sizes[-1]} "
                f"numbers out (one for each digit 0-9), and in between {knobs:,} knobs, its {weights:,} weights and "
                f"{biases:,} biases, that decide what it computes.")
if not full:
    st.markdown(f"""
{one_function}

- **Neurons** are the circles. Each holds a number between 0 and 1, its *activation*: 0 is off (black),
  1 is fully on (white). The first **layer** holds the {sizes[0]} pixels of a 28 × 28 image.
- Each layer's activations decide the next layer's, from left to right. The brightest of the {sizes[-1]} outputs is
  the network's answer.
- **Weights** are the lines. A hidden neuron adds up the activations coming in, each times its weight
  ({colours.positive_name} pushes up, {colours.negative_name} pushes down), adds its own **bias**, and squashes the
  total into 0 to 1 with the **sigmoid** σ. The {sizes[-1]} outputs are squashed together, so that they add up to 1.
- **Learning** means turning the {knobs:,} knobs until the network is rarely wrong on thousands of labelled
  **training** digits; the **cost** is one number that says how wrong. Then it is checked on **test** digits it has
  **never seen**.
""")
else:
    count_sum = " + ".join(f"{n_in}×{n_out} + {n_out}" for n_in, n_out in zip(sizes[:-1], sizes[1:]))
    st.markdown(f"""
{one_function}

- **Neurons** hold a number, their *activation*; in this network it lies between 0 and 1. The first
  layer has {sizes[0]} of them, one for each pixel of a 28 × 28 image of a digit: 0 for a black pixel,
  1 for a white one.
- **Layers**: the activations of one layer decide the activations of the next. The last layer
  has {sizes[-1]} neurons, one for each digit 0-9; the brightest one is the network's answer. In between
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
- **Learning** means finding good values for all {knobs:,} weights and biases
  ({count_sum}). The network is shown thousands of **labelled training** digits and nudges its weights
  and biases to make its **cost**, one number that says how wrong it is on them, smaller. Then it is
  checked on **test** digits it has **never seen**, to know it learned digits, not just those examples.
""")

st.subheader("The lesson, page by page")
for number, page in enumerate(navigation.PAGES[1:], start=1):
    st.page_link(page.script, label=f"{number}. {page.title}: {page.summary}", icon=page.icon)
