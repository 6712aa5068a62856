"""Recap: every idea of the lesson in one sentence, tied to where the app shows it, with the live numbers."""
import streamlit as st

from nn_core.network import layer_symbol
from ui import glossary, navigation, state
from ui.pages import cost as cost_page
from ui.patches.frame import require_app_frame
from ui.scores import measured_test_accuracy

require_app_frame()  # before anything is drawn (see ui/patches/frame.py)

st.title("Recap: what a neural network is, and how it learns")
glossary.words_row("neuron", "activation", "layer", "weight", "bias", "sigmoid", "softmax", "cost", "gradient",
                   "gradient descent", "learning rate", "epoch", "mini-batch", "backpropagation", "overfitting",
                   "test digits")
network = state.current_model().network
sizes = network.sizes
accuracy = measured_test_accuracy(state.model_key(), network)
costs = cost_page.averages(state.model_key(), network)
colours = state.palette()
hidden = " and ".join(str(n) for n in sizes[1:-1])
st.caption(f"The numbers below are measured now on the model in use: {network.describe()}.")

IDEAS = [
    ("draw", "A network reads a digit as numbers.",
     f"The first layer, {layer_symbol(0)}, is the input: {sizes[0]} pixels of a 28x28 image, each a number from 0 "
     "(black) to 1 (white). The drawing is cropped, scaled and centred first, the way the training digits were."),
    ("neuron", "A neuron is a function.",
     "It takes the weighted sum of the previous layer's activations, Σ w·a, adds its bias b, and squashes the "
     "result: a = σ(Σ w·a + b). The sigmoid σ(x) = 1 / (1 + e⁻ˣ) says how positive the weighted sum is (very "
     "negative → 0, zero → ½, very positive → 1). The bias says when the neuron becomes active: once Σ w·a passes −b."),
    ("inside", "Layers of neurons make the network.",
     f"Each layer's activations decide the next: {layer_symbol(1)} = {network.activation.symbol}(W⁽¹⁾"
     f"{layer_symbol(0)} + b⁽¹⁾), and so on, "
     f"through hidden layers of {hidden} neurons to the 10 outputs ({network.cost.output_symbol} there). "
     f"Every connection has a weight: {colours.positive_name} pushes up, {colours.negative_name} pushes down. One "
     "might hope the hidden neurons find edges and loops; what they really learn are mostly blotchy patterns."),
    ("knobs", "Learning means finding good weights and biases.",
     f"This network has {network.params.size:,} of them. Changing one by hand changes the answer, and the test "
     "accuracy, but tuning them all by hand is hopeless."),
    ("data", "It learns from labelled training digits and is judged on unseen test digits.",
     f"It trains on {costs.train.n:,} labelled digits and is checked on {costs.test.n:,} it has never seen: "
     f"it reads {accuracy:.1%} of those right."),
    ("cost", "The cost says, in one number, how wrong it is.",
     "For one digit, C = Σ (a − y)², with the target y = 1 for the right digit and 0 for the others (this "
     f"network's own cost is {network.cost.formula}). Training makes the average cost over the training digits "
     f"small: {costs.untrained.model_cost:.2f} with random weights, {costs.train.model_cost:.3f} for this network."),
    ("descent", "Gradient descent walks downhill on the cost.",
     "The gradient ∇C lists the slope of the cost along every weight and bias. Each step moves them all against "
     "it, by η times the slope: p ← p − η ∇C(p). Too small an η creeps, too big an η overshoots."),
    ("train", "Training repeats that step on mini-batches of training digits.",
     "Each step averages the gradient over a few examples; one pass over all of them is an epoch. If the test "
     "cost starts rising while the training cost falls, the network is overfitting: memorising, not learning."),
    ("backprop", "Backpropagation finds the gradient.",
     "Starting at the output's error, it works backwards layer by layer: each neuron's wish is the weighted sum of "
     "the next layer's errors, and each weight's gradient is its neuron's error times the activation feeding it."),
]

for page_path, headline, words in IDEAS:
    page = navigation.entry(page_path)
    st.markdown(f"**{headline}** {words}")
    st.page_link(page.script, label=f"See it again: {page.title}", icon=page.icon)
navigation.show_next("recap")
