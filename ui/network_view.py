"""Widgets around the network figure: the layer-by-layer flow, edge count, neuron choice.

The figure and its controls live in one fragment, so stepping and the play animation redraw
only this part of the page. Clicking a neuron (or choosing it in the boxes below) selects it.
"""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from figures.network import network_figure
from nn_core.network import ForwardPass, Network, layer_names
from ui import charts, state
from ui.fingerprint import digest

PLAY_SECONDS = 0.9          # between animation steps


def layer_rule(network: Network) -> str:
    """The page's opening sentence, true for the model in use (its hidden and output activations)."""
    activation, cost = network.activation, network.cost
    output = ("softmax instead, so its ten activations are positive and add up to 1" if cost.probabilities
              else "σ, each of its ten activations between 0 and 1")
    return (f"Each circle is a neuron holding {activation.holds}, its **activation**. Each line is a **weight**. "
            f"Layer l computes its activations from the layer before: a⁽ˡ⁾ = {activation.symbol}(W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾), "
            f"where W⁽ˡ⁾ holds the weights into layer l and b⁽ˡ⁾ its biases. That is the rule for the hidden "
            f"layers; the output layer uses {output}.")


def cached_network_figure(network_key: str, network: Network, result: ForwardPass, step, edges, selected,
                          changed: tuple = (), numbered: int | None = None) -> go.Figure:
    """The network figure, rebuilt only when something it shows changed (a small per-session cache).

    ``network_key`` must change whenever the network's parameters do.
    """
    key = ("network", network_key, digest(result.activations[0]), step, edges, selected, tuple(changed), numbered,
           state.palette().name)
    return charts.remembered(key, lambda: network_figure(
        network.weights, result.activations, step=step, input_edges=edges, selected=selected, changed=changed,
        palette=state.palette(), activation=network.activation, numbered=numbered))


def step_label(layer_count: int):
    names = layer_names(layer_count)

    def label(option) -> str:
        if option == "all":
            return "whole network"
        return "input only" if option == 0 else f"→ {names[option]}"

    return label


def start_playing() -> None:
    """The first animation tick shows the input alone (``advance_animation`` goes to step 0)."""
    st.session_state[state.PLAYING] = True
    st.session_state[state.FLOW_STEP] = None


def advance_animation(layer_count: int) -> None:
    """One animation tick: the signal moves one layer on; at the output the animation stops."""
    step = st.session_state.get(state.FLOW_STEP)
    step = 0 if not isinstance(step, int) else step + 1  # None or "all": start from the input
    st.session_state[state.FLOW_STEP] = min(step, layer_count)
    if step >= layer_count:
        st.session_state[state.PLAYING] = False


def selection_from_event(event) -> tuple[int, int] | None:
    """(layer, neuron) of a clicked neuron in the network figure's selection event, if any."""
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    for point in points:
        data = point.get("customdata")
        if isinstance(data, dict):  # a row of a typed array arrives as {"0": layer, "1": neuron}
            data = [data.get("0"), data.get("1")]
        if isinstance(data, (list, tuple)) and len(data) == 2 and None not in data:
            return int(data[0]), int(data[1])
    return None


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
        right.selectbox("Neuron", [], placeholder="choose a layer first", disabled=True, key=f"{state.CHOICE_NEURON}-none")
        return None
    widget = f"{state.CHOICE_NEURON}-{layer}"
    st.session_state[widget] = selected[1] if selected is not None else None
    right.selectbox("Neuron", list(range(sizes[layer])), key=widget, placeholder="choose a neuron",
                    format_func=lambda j: f"digit {j}" if layer == len(sizes) - 1 else f"neuron {j}",
                    on_change=_neuron_changed, args=(widget,))
    return st.session_state.get(state.SELECTED_NEURON)
