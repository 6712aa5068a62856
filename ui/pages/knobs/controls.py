"""The Turn-the-knobs page's controls: the live view's sliders, the weight target, resets, "use everywhere".

The session's ``NetworkEdits`` is the source of truth. The bias and weight sliders live in the
browser (ui/live/network.py): they redraw the network while they move and send the change here
once, when the drag ends (``released``); buttons and experiments (experiments.py) change the edits
directly. Every run sends the edits in force to the browser, so resets, experiments and a model
switch all show at once, and the trained (shared) network is never touched.
"""
from __future__ import annotations

import numpy as np
import streamlit as st

from figures.numbers import signed_number
from nn_core.edits import NetworkEdits
from nn_core.modelfile import Model
from nn_core.network import layer_names
from ui import state
from ui.live import network as live_network

BIAS_RANGE = 10.0  # trained biases lie within ±5; σ(±10) is 0 or 1 to four decimals
MAX_BIAS_SLIDERS = 16


def current_edits() -> NetworkEdits:
    """This session's edits of the model in use (fresh ones when the model changed)."""
    edits = state.edits_of_model_in_use()
    if edits is None:
        edits = NetworkEdits(state.current_model().network)
        state.keep_edits(edits)
    return edits


def shows_change(changes, layer: int, neuron: int) -> bool:
    """Does a change alter what the weights section shows: neuron ``neuron`` of ``layer``, its weights,
    its inputs a^(layer-1) or its activation? (A bias of another neuron of the same layer does not.)"""
    return any(c.layer < layer or (c.layer == layer and c.neuron == neuron) for c in changes)


def released() -> None:
    """A drag ended in the live view: apply its change to this session's edits (checked first)."""
    payload = (st.session_state.get(state.KNOBS_LIVE) or {}).get("release")
    edits = current_edits()
    st.session_state[state.KNOBS_REFUSED] = live_network.apply_release(edits, payload, BIAS_RANGE)
    if not st.session_state[state.KNOBS_REFUSED]:
        changes = live_network.check_release(payload, edits.network, BIAS_RANGE).changes
        shown = st.session_state.get(state.KNOB_LAYER), st.session_state.get(state.KNOB_NEURON)
        st.session_state[state.KNOBS_WEIGHTS_STALE] = (all(isinstance(v, int) for v in shown)
                                                       and shows_change(changes, *shown))


def mark_stale() -> None:
    st.session_state[state.KNOBS_WEIGHTS_STALE] = True   # the page below the live view shows the change too


def _reset_layer(layer: int) -> None:
    current_edits().reset_layer(layer)
    mark_stale()


def _reset_all() -> None:
    current_edits().reset_all()
    st.session_state[state.EXPERIMENT] = None
    mark_stale()


def _reset_neuron(layer: int, neuron: int) -> None:
    current_edits().reset_neuron(layer, neuron)
    mark_stale()


def _cut_off(layer: int, neuron: int) -> None:
    current_edits().scale_weights(layer, neuron, 0.0)
    mark_stale()


def layer_picker(edits: NetworkEdits) -> int:
    names = layer_names(edits.network.layer_count)
    if st.session_state.get(state.KNOB_LAYER) not in range(1, edits.network.layer_count + 1):
        st.session_state[state.KNOB_LAYER] = 1
    st.segmented_control("Biases of", list(range(1, edits.network.layer_count + 1)), format_func=lambda l: names[l],
                         key=state.KNOB_LAYER, required=True)
    return st.session_state[state.KNOB_LAYER]


def shown_neurons(edits: NetworkEdits, layer: int, activations: np.ndarray) -> np.ndarray:
    """The neurons with a bias slider: all of a small layer; the 16 most active (and changed ones) of a large one."""
    n = edits.network.sizes[layer]
    if n <= MAX_BIAS_SLIDERS:
        return np.arange(n)
    changed = [j for l, j in edits.changed_neurons() if l == layer]
    active = np.argsort(-activations, kind="stable")[:MAX_BIAS_SLIDERS - min(len(changed), 8)]
    return np.unique(np.concatenate([active, changed[:8]])).astype(int)


def bias_controls(edits: NetworkEdits, layer: int, activations: np.ndarray) -> dict:
    """The live view's bias sliders for ``layer`` (drawn and dragged in the browser)."""
    n = edits.network.sizes[layer]
    shown = [int(j) for j in shown_neurons(edits, layer, activations)]
    names = layer_names(edits.network.layer_count)
    note = f"This layer has {n} neurons: sliders for the {len(shown)} most active (and changed) ones." if n > len(shown) else ""
    return {"title": f"Biases b of {names[layer]}", "layer": layer, "neurons": shown, "range": BIAS_RANGE, "note": note,
            "unit": "digit" if layer == edits.network.layer_count else "neuron", "signature": [layer, shown]}


def reset_buttons(edits: NetworkEdits, layer: int, neuron: int) -> None:
    changed = edits.changed_neurons()
    with st.container(horizontal=True):
        st.button("Reset layer", key="knob-reset-layer", on_click=_reset_layer, args=(layer,),
                  icon=":material/undo:", disabled=not any(l == layer for l, _ in changed))
        st.button("Cut neuron off", key="knob-cut", on_click=_cut_off, args=(layer, neuron),
                  icon=":material/content_cut:", help="All its incoming weights to 0")
        st.button("Reset neuron", key="knob-reset-neuron", on_click=_reset_neuron, args=(layer, neuron),
                  icon=":material/undo:", disabled=(layer, neuron) not in changed)
        st.button("Reset all", key="knob-reset-all", on_click=_reset_all, icon=":material/restart_alt:",
                  disabled=not edits.is_edited)


# -- one neuron's incoming weights --------------------------------------------------------


def _copy_choice(widget: str, target: str) -> None:
    st.session_state[target] = st.session_state[widget]


def weight_target(edits: NetworkEdits, layer: int) -> tuple[int, int, str]:
    """Choose a neuron of ``layer`` and one of its incoming connections; returns (neuron, source, source's name)."""
    n, n_in = edits.network.sizes[layer], edits.network.sizes[layer - 1]
    names = layer_names(edits.network.layer_count)
    neuron = st.session_state.get(state.KNOB_NEURON)
    if not isinstance(neuron, int) or not 0 <= neuron < n:
        neuron = st.session_state[state.KNOB_NEURON] = 0
    # one box per layer: its options (and their labels) differ from layer to layer
    widget = state.per_layer(state.KNOB_NEURON, layer)
    st.session_state[widget] = neuron
    st.selectbox(f"Weights into {names[layer]}'s", list(range(n)), key=widget, on_change=_copy_choice,
                 args=(widget, state.KNOB_NEURON),
                 format_func=lambda j: f"digit {j}" if layer == edits.network.layer_count else f"neuron {j}")
    if layer == 1:
        row_col = st.columns(2)
        # the connection into a first-layer neuron comes from one of the 28 x 28 input pixels: say which
        row = row_col[0].number_input("Weight from input pixel: row", 0, 27, key=state.KNOB_ROW,
                                      help="Which pixel's weight the weight slider changes: row 0 is the top of the "
                                           "28 × 28 image, row 27 the bottom")
        col = row_col[1].number_input("… and column", 0, 27, key=state.KNOB_COLUMN,
                                      help="Column 0 is the left edge of the image, column 27 the right edge")
        return neuron, 28 * row + col, f"pixel ({row}, {col})"
    source = st.session_state.get(state.KNOB_SOURCE)
    if not isinstance(source, int) or not 0 <= source < n_in:
        source = st.session_state[state.KNOB_SOURCE] = 0
    widget = state.per_layer(state.KNOB_SOURCE, layer)
    st.session_state[widget] = source
    st.selectbox(f"Connection from {names[layer - 1]}", list(range(n_in)), key=widget,
                 on_change=_copy_choice, args=(widget, state.KNOB_SOURCE), format_func=lambda i: f"neuron {i}")
    return neuron, source, f"{names[layer - 1]} neuron {source}"


def weight_controls(edits: NetworkEdits, layer: int, neuron: int, source: int, source_name: str) -> dict:
    """The live view's two weight sliders: scale all of the neuron's incoming weights, set one connection."""
    unit = "digit" if layer == edits.network.layer_count else "neuron"
    trained = float(edits.trained.weights[layer - 1][neuron][source])
    return {"title": f"Incoming weights of {unit} {neuron}", "layer": layer, "neuron": neuron, "source": source,
            "source_name": source_name, "weight_help": f"trained: {signed_number(trained)}"}


def use_everywhere(edits: NetworkEdits) -> None:
    """Make the edited network this session's model on every page (the whole page is drawn again)."""
    mark_stale()
    base = state.current_model()
    metadata = {"name": f"{base.name}, edited by hand", "description": "edited on the Turn-the-knobs page",
                "edited_neurons": [list(n) for n in edits.changed_neurons()]}
    state.set_custom_model(Model(edits.network.copy(), metadata))
