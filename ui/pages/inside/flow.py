"""Around the live network view on Inside: the page's opening rule, the flow's steps, the neuron choice.

The flow ("signal has reached", "play the pass") and the edges drawn run in the browser
(ui/live/network.py); what the learner chose comes back through the triggers handled here,
each checked. Clicking a neuron (or choosing it in the boxes below) selects it.
"""
from __future__ import annotations

import streamlit as st

from nn_core.network import Network, layer_names
from ui import state
from ui.level import simple

PLAY_SECONDS = 0.9          # between the steps of the played pass


def layer_rule(network: Network) -> str:
    """The page's opening sentence, true for the model in use (its hidden and output activations).

    Full level: a⁽ˡ⁾ = σ(W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾). Simple level: the same rule in words, neuron by neuron.
    """
    activation, cost = network.activation, network.cost
    output = ("softmax instead, so its ten activations are positive and add up to 1" if cost.probabilities
              else "σ, each of its ten activations between 0 and 1")
    opening = (f"Each circle is a neuron holding {activation.holds}, its **activation**. Each line is a **weight**. ")
    if simple():
        names, sizes = layer_names(network.layer_count), network.sizes
        squash = ("squashes the total with σ" if activation.symbol == "σ" else
                  f"passes the total through its activation function, {activation.symbol}")
        return (opening + f"Each neuron of {names[1]} takes all {sizes[0]} pixels, multiplies each by its own weight, "
                f"adds them up with its bias and {squash}. Each later layer does the same with the activations of the "
                f"layer before it; the output layer uses {output}.")
    return (opening + f"Layer l computes its activations from the layer before: a⁽ˡ⁾ = {activation.symbol}(W⁽ˡ⁾ "
            f"a⁽ˡ⁻¹⁾ + b⁽ˡ⁾), where W⁽ˡ⁾ holds the weights into layer l and b⁽ˡ⁾ its biases. That is the rule for the "
            f"hidden layers; the output layer uses {output}.")


def step_label(layer_count: int):
    names = layer_names(layer_count)

    def label(option) -> str:
        if option == "all":
            return "whole network"
        return "input only" if option == 0 else f"→ {names[option]}"

    return label


def _trigger(key: str, name: str):
    return (st.session_state.get(key) or {}).get(name)


def step_chosen(key: str, layer_count: int) -> None:
    """The live view's flow reached a step ("whole network" or 0..L): keep it (for links and returns)."""
    step = _trigger(key, "step")
    if step == "all" or (isinstance(step, int) and not isinstance(step, bool) and 0 <= step <= layer_count):
        st.session_state[state.FLOW_STEP] = step


def neuron_clicked(key: str, sizes) -> None:
    """A neuron clicked in the live view: (layer, neuron), checked against this network."""
    chosen = _trigger(key, "select")
    if (isinstance(chosen, list) and len(chosen) == 2 and all(isinstance(v, int) and not isinstance(v, bool) for v in chosen)
            and 1 <= chosen[0] < len(sizes) and 0 <= chosen[1] < sizes[chosen[0]]):
        st.session_state[state.SELECTED_NEURON] = (chosen[0], chosen[1])


EDGE_CHOICES = range(1, 31)


def edges_chosen(key: str) -> None:
    """How many connections from the image into each first-layer neuron the live view draws (1..30)."""
    edges = _trigger(key, "edges")
    if isinstance(edges, (int, float)) and not isinstance(edges, bool) and edges in EDGE_CHOICES:
        st.session_state[state.INPUT_EDGES] = int(edges)


def _layer_changed() -> None:
    st.session_state[state.SELECTED_NEURON] = None


def _neuron_changed(widget: str) -> None:
    layer, neuron = st.session_state.get(state.CHOICE_LAYER), st.session_state.get(widget)
    valid = isinstance(layer, int) and isinstance(neuron, int)
    st.session_state[state.SELECTED_NEURON] = (layer, neuron) if valid else None


def neuron_choice(sizes: tuple[int, ...]) -> tuple[int, int] | None:
    """Two boxes to choose a neuron by layer and number (the keyboard way to select one).

    ``SELECTED_NEURON`` is the truth: a click on the figure sets it, the boxes follow it, and
    changing a box changes it. The neuron box has one key per layer, because its options and
    their labels differ from layer to layer.
    """
    names = layer_names(len(sizes) - 1)
    selected = st.session_state.get(state.SELECTED_NEURON)
    if selected is not None and not (1 <= selected[0] < len(sizes) and 0 <= selected[1] < sizes[selected[0]]):
        selected = st.session_state[state.SELECTED_NEURON] = None  # from another model
    if selected is not None:
        st.session_state[state.CHOICE_LAYER] = selected[0]
    elif st.session_state.get(state.CHOICE_LAYER) not in range(1, len(sizes)):
        st.session_state[state.CHOICE_LAYER] = None
    left, right = st.columns(2)
    layer = left.selectbox("Layer", list(range(1, len(sizes))), format_func=lambda l: names[l],
                           key=state.CHOICE_LAYER, placeholder="choose a layer", on_change=_layer_changed)
    if layer is None:
        right.selectbox("Neuron", [], placeholder="choose a layer first", disabled=True,
                        key=state.per_layer(state.CHOICE_NEURON, 0))
        return None
    widget = state.per_layer(state.CHOICE_NEURON, layer)
    st.session_state[widget] = selected[1] if selected is not None else None
    right.selectbox("Neuron", list(range(sizes[layer])), key=widget, placeholder="choose a neuron",
                    format_func=lambda j: f"digit {j}" if layer == len(sizes) - 1 else f"neuron {j}",
                    on_change=_neuron_changed, args=(widget,))
    return st.session_state.get(state.SELECTED_NEURON)
