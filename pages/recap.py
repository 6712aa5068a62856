"""Recap: every idea of the lesson in one sentence, tied to where the app shows it, with the live numbers.

It opens with the whole network as one function, a⁽ᴸ⁾ = f(a⁽⁰⁾): 784 numbers in, 10 out, and the
weights and biases as its knobs. The simple level says in words what the full level writes as
W⁽ˡ⁾, ∇C and −Wᵀδ, and names one cost, 3Blue1Brown's Σ (a − y)².
"""
import streamlit as st

from figures.one_function import one_function_figure
from nn_core.network import forward, layer_symbol
from ui import charts, navigation, page_words, state
from ui.level import simple
from ui.pages import cost as cost_page
from ui.patches.frame import require_app_frame
from ui.scores import measured_test_accuracy

require_app_frame()  # before anything is drawn (see ui/patches/frame.py)

full = not simple()
page_words.title("Recap: what a neural network is, and how it learns", "neuron", "activation", "layer", "weight",
                 "bias", "sigmoid", *(["softmax"] if full else []), "cost", "gradient", "gradient descent",
                 "learning rate", "epoch", "mini-batch", "backpropagation", "overfitting", "test digits")
network = state.current_model().network
sizes = network.sizes
weights, biases = sum(w.size for w in network.weights), sum(b.size for b in network.biases)
knobs = weights + biases
accuracy = measured_test_accuracy(state.model_key(), network)
costs = cost_page.averages(state.model_key(), network)
colours = state.palette()
hidden = " and ".join(str(n) for n in sizes[1:-1])
digit = state.current_input()
pixels = state.current_pixels()
output = forward(network, pixels).output

st.markdown(f"**The whole network is one function**: {sizes[0]} numbers in (the pixels), {sizes[-1]} numbers out "
            f"(one for each digit), and {knobs:,} knobs that decide which function it is: its {weights:,} weights and "
            f"{biases:,} biases.")
charts.show(charts.shared(one_function_figure, pixels, output, weights, biases, colours), key="recap_one_function", static=True)
model_words = network.describe() if full else "-".join(map(str, sizes))   # (its cost's name waits for the full level)
st.caption(f"Measured now on the model in use, {model_words}, looking at "
           f"{digit.description if digit else 'a blank image'}. Every number below is measured on it too.")

squashing = "z = Σ w·a + b = 0 gives exactly ½"
if full:
    layer_rule = (f"Each layer's activations decide the next: {layer_symbol(1)} = {network.activation.symbol}(W⁽¹⁾"
                  f"{layer_symbol(0)} + b⁽¹⁾), and so on, through hidden layers of {hidden} neurons to the "
                  f"{sizes[-1]} outputs ({network.cost.output_symbol} there).")
    cost_words = (f"For one digit, 3Blue1Brown's cost is C = Σ (a − y)², with the target y = 1 for the right digit and "
                  f"0 for the others. Training makes its average over the training digits small: "
                  f"{costs.untrained.sum_of_squares:.3f} with random weights, {costs.train.sum_of_squares:.3f} for this "
                  f"network. The cost this network is trained on is the {cost_page.trained_cost(network.cost)}: its "
                  f"average is {costs.untrained.model_cost:.3f} with random weights and {costs.train.model_cost:.3f} "
                  "for this network.")
    descent_words = ("The gradient ∇C lists the slope of the cost along every weight and bias. Each step moves them all "
                     "against it, by η times the slope: p ← p − η ∇C(p). Too small an η creeps, too big an η overshoots.")
    backprop_words = ("Starting at the output's error, it works backwards layer by layer: each neuron's wish adds up the "
                      "wishes of the neurons it feeds, weighted by the weights between them (−Wᵀδ), and each weight's "
                      "gradient is the error δ = ∂C/∂z of the neuron it feeds times the activation feeding it.")
else:
    squash = "squashes the result" if network.activation.symbol == "σ" else "passes the result through its activation"
    layer_rule = (f"Each neuron of the first hidden layer takes all {sizes[0]} pixels, multiplies each by its own weight, "
                  f"adds them up with its bias and {squash}; the next layer does the same with those activations, "
                  f"through hidden layers of {hidden} neurons to the {sizes[-1]} outputs.")
    cost_words = (f"For one digit, C = Σ (a − y)², with the target y = 1 for the right digit and 0 for the others. "
                  f"Training makes its average over the training digits small: {costs.untrained.sum_of_squares:.3f} "
                  f"with random weights, {costs.train.sum_of_squares:.3f} for this network.")
    descent_words = ("The gradient lists the slope of the cost along every weight and bias. Each step moves every one "
                     "of them a little against its slope, by η times the slope: new value = old value − η × slope. "
                     "Too small an η creeps, too big an η overshoots.")
    backprop_words = ("Starting at the outputs, which wish to move towards their targets, it works backwards layer by "
                      "layer: each neuron's wish adds up the wishes of the neurons it feeds, weighted by the weights "
                      "between them. A weight changes most when the neuron it feeds wishes hard and the neuron it comes "
                      "from is bright.")

IDEAS = [
    ("draw", "A network reads a digit as numbers.",
     f"The first layer, {layer_symbol(0)}, is the input: {sizes[0]} pixels of a 28 × 28 image, each a number from 0 "
     "(black) to 1 (white). The drawing is cropped, scaled and centred first, the way the training digits were."),
    ("neuron", "A neuron is a function.",
     "It takes the weighted sum of the previous layer's activations, Σ w·a, adds its bias b, and squashes the "
     "result: a = σ(z), where z = Σ w·a + b. The sigmoid σ(x) = 1 / (1 + e⁻ˣ) says how positive z is (very "
     f"negative → 0, {squashing}, very positive → 1). The bias says when the neuron becomes active: once Σ w·a "
     "passes −b."),
    ("inside", "Layers of neurons make the network.",
     f"{layer_rule} Every connection has a weight: {colours.positive_name} pushes up, {colours.negative_name} pushes "
     "down. One might hope the hidden neurons find edges and loops; what they really learn are mostly blotchy patterns."),
    ("knobs", "Learning means finding good weights and biases.",
     f"This network has {knobs:,} of them. Changing one by hand changes the answer, and the test accuracy, but "
     "tuning them all by hand is hopeless."),
    ("data", "It learns from labelled training digits and is judged on unseen test digits.",
     f"It trains on {costs.train.n:,} labelled digits and is checked on {costs.test.n:,} it has never seen: "
     f"it reads {accuracy:.1%} of those right."),
    ("cost", "The cost says, in one number, how wrong it is.", cost_words),
    ("descent", "Gradient descent walks downhill on the cost.", descent_words),
    ("train", "Training repeats that step on mini-batches of training digits.",
     "Each step averages the slopes over a few examples; one pass over all of them is an epoch. If the test "
     "cost starts rising while the training cost falls, the network is overfitting: memorising, not learning."),
    ("backprop", "Backpropagation finds the gradient.", backprop_words),
]

for page_path, headline, words in IDEAS:
    page = navigation.entry(page_path)
    st.markdown(f"**{headline}** {words}")
    st.page_link(page.script, label=f"See it again: {page.title}", icon=page.icon)
navigation.show_next("recap")
