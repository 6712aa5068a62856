"""The explanation of one selected neuron: z = sum w a + b, a = sigma(z), and its influences."""
from __future__ import annotations

import streamlit as st

from figures.neuron_closeup import activation_curve, contributions_figure, template_figure
from figures.numbers import signed, signed_number
from nn_core.activations import SIGMOID
from nn_core.explain import NeuronStory
from nn_core.modelfile import Model
from ui import alt_text, charts, state
from ui.words import activation_words


def _influences(story: NeuronStory, source: str) -> str:
    """'pushed up most by hidden 1, #3 (+1.2043), ...' in words (a tiny push as 10⁻ˣ, never ±0.00)."""
    up = ", ".join(f"{source}, #{j} ({signed_number(story.signals[j])})" for j in story.pushes_up[:3]) or "nothing"
    down = ", ".join(f"{source}, #{j} ({signed_number(story.signals[j])})" for j in story.pushes_down[:3]) or "nothing"
    return f"Pushed up most by {up}; pulled down most by {down}."


def subscript(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def show_neuron(model: Model, story: NeuronStory) -> None:
    """Render the explanation of ``story``'s neuron."""
    network = model.network
    names = network.layer_names()
    is_output = story.layer == network.layer_count
    title = f"output neuron for the digit {story.neuron}" if is_output else f"{names[story.layer]}, neuron {story.neuron}"
    squash = network.cost.output_symbol if is_output else network.activation.symbol
    st.markdown(f"#### {title}")
    if is_output and network.cost.probabilities:
        squashed = f"a = e^z{subscript(story.neuron)} / (e^z₀ + e^z₁ + … + e^z₉) = {story.activation:.3f}"
    else:
        squashed = f"a = {squash}(z) = {story.activation:.3f}"
    st.markdown(
        f"Weighted sum of its {len(story.weights)} inputs: **Σ w·a = {signed(story.weighted_sum, 3)}**, "
        f"plus its bias **b = {signed(story.bias, 3)}**, gives **z = {signed(story.z, 3)}**.  \n"
        f"Squashed: **{squashed}**: {activation_words(story.activation)}."
    )
    left, right = st.columns([3, 2])
    with left:
        if story.layer == 1:
            colours = state.palette()
            charts.show(template_figure(story.weights, story.inputs, colours), key="neuron_template",
                        alt=alt_text.weights_and_input(f"hidden-1 neuron {story.neuron}", story.weights, story.inputs,
                                                       colours.positive_name, colours.negative_name))
            st.caption(f"Lit pixels on {state.palette().positive_name} weights raise z (total {signed(story.total_up)}); "
                       f"lit pixels on {state.palette().negative_name} weights lower it (total {signed(story.total_down)}). "
                       "The left picture is the pattern this neuron looks for.")
        else:
            source = names[story.layer - 1]
            charts.show(contributions_figure(story.weights, story.inputs, source, state.palette()),
                            key="neuron_contributions")
            st.caption(_influences(story, source))
    with right:
        if is_output and network.cost.probabilities:
            st.markdown("Output neurons use **softmax**: a = e^z / (the sum of e^z over all ten outputs), so the "
                        "ten activations are positive and add up to 1, like probabilities. One output's a depends "
                        "on all ten weighted sums, not on its own z alone.")
            return
        curve = SIGMOID if is_output else network.activation
        charts.show(activation_curve(curve, story.z, story.activation), key="neuron_curve")
        threshold = "it is more than half on" if curve is SIGMOID else "it starts to fire"
        st.caption(f"Here the bias is already inside z = Σ w·a + b (on *One neuron* the curve is drawn against "
                   f"Σ w·a instead, so the bias slides it). The bias {signed(story.bias)} moves the point where "
                   f"{threshold}: when Σ w·a > {signed(-story.bias)}.")
