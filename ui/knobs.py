"""The Turn-the-knobs page's state and widgets: the live view's sliders, weight edits, experiments.

The session's ``NetworkEdits`` is the source of truth. The bias and weight sliders live in the
browser (ui/live_network.py): they redraw the network while they move and send the change here
once, when the drag ends (``_released``); buttons and experiments change the edits directly.
Every run sends the edits in force to the browser, so resets, experiments and a model switch
all show at once, and the trained (shared) network is never touched.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import streamlit as st

from figures.colours import Palette
from figures.numbers import signed_number
from nn_core.activations import Activation
from nn_core.edits import NetworkEdits
from nn_core.edits import silent_bias as edits_silent_bias
from nn_core.modelfile import Model
from nn_core.network import forward, layer_names
from nn_core.questions import first_flippable_digit, first_right_digit
from ui import live_network, loaders, state
from ui.fingerprint import digest

BIAS_RANGE = 10.0  # trained biases lie within ±5; σ(±10) is 0 or 1 to four decimals
MAX_BIAS_SLIDERS = 16


def on_bias(network) -> float:
    """The bias that keeps a first-layer neuron with no incoming weights fully on.

    σ(10) and tanh(10) are 1 to four decimals; ReLU has no ceiling, so "fully on" is the most neuron 0 reaches on
    the test digits.
    """
    if network.activation.high is not None:
        return BIAS_RANGE
    _, test = loaders.embedded()
    return float(np.clip(forward(network, test.inputs).activations[1][:, 0].max(), 1.0, BIAS_RANGE))


def silent_bias(activation: Activation) -> float:
    """The bias that makes a neuron with no incoming weights output about 0 (see nn_core.edits.silent_bias)."""
    return edits_silent_bias(activation.low)


def current_edits() -> NetworkEdits:
    """This session's edits of the model in use (fresh ones when the model changed)."""
    owner, edits = st.session_state.get(state.EDITS) or (None, None)
    if edits is None or owner != state.model_key():
        edits = NetworkEdits(state.current_model().network)
        st.session_state[state.EDITS] = (state.model_key(), edits)
    return edits


def edits_key(edits: NetworkEdits) -> str:
    """Changes whenever an edit changes the parameters (for figure caches)."""
    return f"{state.model_key()}:{digest(edits.network.params)}"


LIVE_KEY = state.KNOBS_LIVE
REFUSED = state.KNOBS_REFUSED
WEIGHTS_STALE = state.KNOBS_WEIGHTS_STALE


def shows_change(changes, layer: int, neuron: int) -> bool:
    """Does a change alter what the weights section shows: neuron ``neuron`` of ``layer``, its weights,
    its inputs a^(layer-1) or its activation? (A bias of another neuron of the same layer does not.)"""
    return any(c.layer < layer or (c.layer == layer and c.neuron == neuron) for c in changes)


def _released() -> None:
    """A drag ended in the live view: apply its change to this session's edits (checked first)."""
    payload = (st.session_state.get(LIVE_KEY) or {}).get("release")
    edits = current_edits()
    st.session_state[REFUSED] = live_network.apply_release(edits, payload, BIAS_RANGE)
    if not st.session_state[REFUSED]:
        changes = live_network.check_release(payload, edits.network, BIAS_RANGE).changes
        shown = st.session_state.get(state.KNOB_LAYER), st.session_state.get(state.KNOB_NEURON)
        st.session_state[WEIGHTS_STALE] = all(isinstance(v, int) for v in shown) and shows_change(changes, *shown)


def _stale() -> None:
    st.session_state[WEIGHTS_STALE] = True   # the page below the live view shows the change too


def _reset_layer(layer: int) -> None:
    current_edits().reset_layer(layer)
    _stale()


def _reset_all() -> None:
    current_edits().reset_all()
    st.session_state[state.EXPERIMENT] = None
    _stale()


def _reset_neuron(layer: int, neuron: int) -> None:
    current_edits().reset_neuron(layer, neuron)
    _stale()


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


def _cut_off(layer: int, neuron: int) -> None:
    current_edits().scale_weights(layer, neuron, 0.0)
    _stale()


def weight_target(edits: NetworkEdits, layer: int) -> tuple[int, int, str]:
    """Choose a neuron of ``layer`` and one of its incoming connections; returns (neuron, source, source's name)."""
    n, n_in = edits.network.sizes[layer], edits.network.sizes[layer - 1]
    names = layer_names(edits.network.layer_count)
    neuron = st.session_state.get(state.KNOB_NEURON)
    if not isinstance(neuron, int) or not 0 <= neuron < n:
        neuron = st.session_state[state.KNOB_NEURON] = 0
    # one box per layer: its options (and their labels) differ from layer to layer
    widget = f"{state.KNOB_NEURON}-{layer}"
    st.session_state[widget] = neuron
    st.selectbox(f"Weights into {names[layer]}'s", list(range(n)), key=widget, on_change=_copy_choice,
                 args=(widget, state.KNOB_NEURON),
                 format_func=lambda j: f"digit {j}" if layer == edits.network.layer_count else f"neuron {j}")
    if layer == 1:
        row_col = st.columns(2)
        row = row_col[0].number_input("Pixel row", 0, 27, key=state.KNOB_ROW)
        col = row_col[1].number_input("Pixel column", 0, 27, key=state.KNOB_COLUMN)
        return neuron, 28 * row + col, f"pixel ({row}, {col})"
    source = st.session_state.get(state.KNOB_SOURCE)
    if not isinstance(source, int) or not 0 <= source < n_in:
        source = st.session_state[state.KNOB_SOURCE] = 0
    widget = f"{state.KNOB_SOURCE}-{layer}"
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


# -- guided experiments ---------------------------------------------------------------------


def _show_test_digit(label: int, network) -> None:
    index = st.session_state[state.TEST_INDEX] = first_right_digit(network, loaders.embedded()[1], label)
    state.set_input(state.test_digit(index))


def _focus(layer: int, neuron: int = 0) -> None:
    st.session_state[state.KNOB_LAYER] = layer
    st.session_state[state.KNOB_NEURON] = neuron


def _flip(edits: NetworkEdits) -> None:
    """A test 8 read correctly whose answer the digit-3 slider can flip (for classic: #800, at a bias of 7.64)."""
    index = first_flippable_digit(edits.trained, loaders.embedded()[1], 8, 3, BIAS_RANGE - 0.5)
    st.session_state[state.TEST_INDEX] = index
    state.set_input(state.test_digit(index))
    _focus(edits.trained.layer_count, 3)


def _silence(edits: NetworkEdits) -> None:
    neuron = 7 % edits.trained.sizes[1]
    edits.silence(1, neuron)
    _focus(1, neuron)


def _always_on(edits: NetworkEdits) -> None:
    edits.scale_weights(1, 0, 0.0)  # so no input can pull it down
    edits.set_bias(1, 0, on_bias(edits.trained))
    _focus(1, 0)


def _inside_out(edits: NetworkEdits) -> None:
    _show_test_digit(0, edits.trained)
    neuron = 7 % edits.trained.sizes[1]
    edits.scale_weights(1, neuron, -1.0)
    _focus(1, neuron)


def _silence_words(_: Palette, activation: Activation) -> str:
    bias = silent_bias(activation)
    silent = float(activation.function(np.array([bias]))[0])
    written = f"{bias:g}".replace("-", "−")
    return (f"Its incoming weights are cut to 0 and its bias set to {written}, so its activation is "
            f"{activation.symbol}({written}) = {silent:.5f} whatever the input: silent. Look at the accuracy "
            "by digit below: which digits suffer? That tells you what this neuron helped to recognise.")


@dataclass(frozen=True)
class Experiment:
    """A guided experiment: its button, what it asks, and how it sets up the network (from trained values)."""

    title: str
    instructions: Callable[[Palette, Activation], str]   # (colours, the hidden activation) -> text
    set_up: Callable[[NetworkEdits], None]


EXPERIMENTS = {
    "flip": Experiment(
        "Make it answer 3",
        lambda _, __: "The input is now a test 8 the network reads correctly, and the sliders show the output biases. "
                  "Drag the slider of **digit 3** to the right. At what bias does the answer flip to 3? Does the "
                  "accuracy on the test digits suffer?",
        _flip),
    "silence": Experiment(
        "Silence hidden neuron 7",
        _silence_words,
        _silence),
    "always-on": Experiment(
        "Keep hidden neuron 0 always on",
        lambda _, __: "Its incoming weights are cut to 0 and its bias raised, so it is fully active for every digit. "
                  "Which digits does that confuse?",
        _always_on),
    "blind": Experiment(
        "Turn hidden neuron 7's template inside out",
        lambda colours, _: f"Its incoming weights are multiplied by −1: {colours.positive_name} becomes "
                        f"{colours.negative_name} and {colours.negative_name} becomes {colours.positive_name}. "
                        "The input is a 0. Watch its activation and the answer; then press “Reset neuron”.",
        _inside_out),
}


def set_up(name: str) -> None:
    edits = current_edits()
    edits.reset_all()
    EXPERIMENTS[name].set_up(edits)
    st.session_state[state.EXPERIMENT] = name


def experiments_panel() -> None:
    with st.container(horizontal=True):
        for name, experiment in EXPERIMENTS.items():
            st.button(experiment.title, key=f"experiment-{name}", on_click=set_up, args=(name,),
                      icon=":material/science:")
    chosen = st.session_state.get(state.EXPERIMENT)
    if chosen in EXPERIMENTS:
        st.info(EXPERIMENTS[chosen].instructions(state.palette(), current_edits().trained.activation),
                icon=":material/science:")


def use_everywhere(edits: NetworkEdits) -> None:
    """Make the edited network this session's model on every page (the whole page is drawn again)."""
    _stale()
    base = state.current_model()
    metadata = {"name": f"{base.name}, edited by hand", "description": "edited on the Turn-the-knobs page",
                "edited_neurons": [list(n) for n in edits.changed_neurons()]}
    state.set_custom_model(Model(edits.network.copy(), metadata))


# -- the edits in a link -------------------------------------------------------------------------
EDIT = re.compile(r"([bsw])(\d{1,2})\.(\d{1,4})(?:\.(\d{1,4}))?=(-?\d{1,4}(?:\.\d{1,6})?)")
MAX_LINK_EDITS = 64


def edits_text() -> str | None:
    """The session's edits as link text: ``b3.3=7.9`` (a bias), ``s1.7=0`` (a neuron's weights scaled),
    ``w1.7.401=0.5`` (one connection), separated by commas; None when nothing is edited."""
    owner, edits = st.session_state.get(state.EDITS) or (None, None)
    if edits is None or owner != state.model_key() or not edits.is_edited:
        return None
    items = []
    for layer, neuron in edits.changed_neurons()[:MAX_LINK_EDITS]:
        if edits.bias(layer, neuron) != edits.trained_bias(layer, neuron):
            items.append(f"b{layer}.{neuron}={edits.bias(layer, neuron):.4f}".rstrip("0").rstrip("."))
        change = edits.weight_edit(layer, neuron)
        if change.scale != 1.0:
            items.append(f"s{layer}.{neuron}={change.scale:g}")
        items += [f"w{layer}.{neuron}.{source}={value:.4f}".rstrip("0").rstrip(".")
                  for source, value in change.overrides.items()]
    return ",".join(items)


def apply_edits_text(text: str) -> None:
    """Make the session's edits those of ``text`` (see ``edits_text``); ValueError, and nothing changed, if unusable."""
    items = text.split(",")
    if len(items) > 3 * MAX_LINK_EDITS:
        raise ValueError(f"more than {3 * MAX_LINK_EDITS} edits")
    edits = NetworkEdits(state.current_model().network)
    limits = {"b": BIAS_RANGE, "s": live_network.SCALE_RANGE, "w": live_network.WEIGHT_RANGE}
    for item in items:
        match = EDIT.fullmatch(item)
        if match is None:
            raise ValueError(f"{item[:20]!r} is not an edit (b1.7=2.5, s1.7=0 or w1.7.401=0.5)")
        kind, layer, neuron, source, value = match[1], int(match[2]), int(match[3]), match[4], float(match[5])
        if not 1 <= layer <= edits.network.layer_count:
            raise ValueError(f"this network has layers 1 to {edits.network.layer_count}")
        if abs(value) > limits[kind] or (kind == "w") != (source is not None):
            raise ValueError(f"{item[:20]!r} is outside the sliders (±{limits[kind]:g})")
        if kind == "b":
            edits.set_bias(layer, neuron, value)
        elif kind == "s":
            edits.scale_weights(layer, neuron, value)
        else:
            edits.set_weight(layer, neuron, int(source), value)
    st.session_state[state.EDITS] = (state.model_key(), edits)
