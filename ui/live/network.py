"""The live network view: the network drawn in the browser, answering while a slider moves.

The component (ui/live/network_view/*.js, joined after ui/live/nn.js) gets the trained network's
weights and the test digits once per tab (``send_once``, keyed by their digests), and on every
run only what is small: the edits (biases, weight scales, single weights), the input, the layer,
the step, the colours. While a finger drags it runs the forward pass itself; when the drag
ends it sends the change back once (the ``release`` trigger), and ``apply_release`` checks it
and applies it to the session's ``NetworkEdits``, so nn_core recomputes and every page agrees.

Everything returned here is plain Python values, so AppTest can drive the page without a browser.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import streamlit as st

from figures import network_style
from figures.colours import CHANGED_MARK, NETWORK_BACKGROUND, NODE_OUTLINE, NOT_COMPUTED, TEXT_ON_DARK
from figures.network_layout import layout_for
from figures.network_style import activation_legend
from figures.outputs import OTHER_BAR
from nn_core.edits import NetworkEdits
from nn_core.network import Network, layer_names, layer_symbol
from ui import loaders, presenter, state
from ui.cache_keys import digest, model_name
from ui.live.component import engine_and_view, float32_base64, forget_sent, palette_data, send_once, uint8_base64

MAX_CHANGES = 64                   # changes one release may carry (a tab sends those not yet acknowledged)
WEIGHT_RANGE = 5.0
SCALE_RANGE = 2.0

STYLE = {
    "background": NETWORK_BACKGROUND, "not_computed": "rgb(58,63,75)", "outline": NODE_OUTLINE, "text": TEXT_ON_DARK,
    "changed": CHANGED_MARK, "other_bar": OTHER_BAR,
    "bins": [float(b) for b in network_style.STRENGTH_BINS], "opacity": list(network_style.BIN_OPACITY),
    "width": list(network_style.BIN_WIDTH),
}
assert NOT_COMPUTED == "#3a3f4b"  # the same grey as STYLE's not_computed, written as rgb for the JS's fades


VIEW_FILES = ("nn.js", *(f"network_view/{part}.js" for part in ("view", "canvas", "panels", "controls", "flow", "description")))


def _mount():
    return engine_and_view("nn_live_network", js=VIEW_FILES, css=("network_view.css",))


@dataclass(frozen=True)
class Panels:
    """Which parts of the live view a page shows."""

    bias: bool = False       # the bias sliders of one layer (Turn the knobs)
    weights: bool = False    # the weight sliders of one neuron (Turn the knobs)
    outputs: bool = False    # the output bars
    accuracy: bool = False   # test accuracy, overall and per digit, recomputed in the browser
    flow: bool = False       # "signal has reached", "play the pass", edges drawn (Inside)
    head: bool = True        # the digit and the answer above the network (Inside says them itself)

    def as_data(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Release:
    """One change a tab made when a drag ended, checked."""

    kind: str        # "bias", "scale" or "weight"
    layer: int
    neuron: int
    value: float
    source: int | None = None


@dataclass
class ReleaseCheck:
    changes: list[Release] = field(default_factory=list)
    problem: str | None = None


# -- what goes to the browser ------------------------------------------------------------------


def network_data(network: Network) -> dict:
    """The weights and biases as one float32 array (W^(1), b^(1), W^(2), ...) and the layout."""
    parts = [np.concatenate([w.ravel(), b]) for w, b in zip(network.weights, network.biases)]
    return {"sizes": list(network.sizes), "activation": network.activation.name, "softmax": network.cost.probabilities,
            "params": float32_base64(np.concatenate(parts)), "layout": layout_for(network.sizes).as_data()}


@cache
def test_data() -> tuple[str, dict]:
    """(digest, arrays) of the 1,000 embedded test digits, for scoring in the browser (made once per process)."""
    _, test = loaders.embedded()
    name = f"test:{digest(test.images)}"
    return name, {"images": uint8_base64(test.images.reshape(len(test), 784)), "labels": uint8_base64(test.labels)}


def edits_data(edits: NetworkEdits | None) -> dict:
    """The edits as small lists: biases that differ from training, and each edited neuron's weight scale and overrides."""
    if edits is None:
        return {"biases": [], "weights": []}
    biases = [[l, j, edits.bias(l, j)] for l, j in edits.changed_neurons() if edits.bias(l, j) != edits.trained_bias(l, j)]
    weights = []
    for l, j in edits.changed_neurons():
        edit = edits.weight_edit(l, j)
        if not edit.unchanged:
            weights.append([l, j, edit.scale, [[i, w] for i, w in sorted(edit.overrides.items())]])
    return {"biases": biases, "weights": weights}


def sample_notes(network: Network, input_edges: int) -> list[str]:
    names = layer_names(network.layer_count)
    notes = []
    for sample in layout_for(network.sizes, input_edges).samples:
        if not sample.complete:
            notes.append("shown " + sample.describe(names[sample.layer]))
    return notes


def headings(network: Network) -> list[str]:
    names = layer_names(network.layer_count)
    return [f"{layer_symbol(0)} input: 28x28 = {network.sizes[0]} pixels"] + [
        f"{layer_symbol(l)} {names[l]} ({network.sizes[l]})" for l in range(1, network.layer_count + 1)]


def base_data(network: Network, pixels: np.ndarray, *, label: int | None, description: str, panels: Panels,
              input_edges: int) -> dict:
    """What every live view gets: the network (once), the input, colours and words."""
    model = model_name(network)
    names = layer_names(network.layer_count)
    return {
        "model": model, "network": send_once(model, lambda: network_data(network)),
        "input": float32_base64(np.asarray(pixels, dtype=np.float32).ravel()),
        "label": label, "panels": panels.as_data(), "edits": edits_data(None), "step": None, "selected": None,
        "numbered": None, "input_edges": int(input_edges), "selectable": False, "play_seconds": 0.9,
        "palette": palette_data(state.palette()), "style": STYLE, "large_text": bool(st.session_state.get(state.LARGE_TEXT)),
        "fit_screen": presenter.on(),   # the whole picture within one screen's height
        "shade_range": [float(v) for v in network.activation.shade_range],
        "applied": st.session_state.get(state.LIVE_APPLIED, 0),
        "texts": {"digit": description, "headings": headings(network), "layer_names": names,
                  "shades": activation_legend(network.activation), "samples": sample_notes(network, input_edges),
                  "bars": "Output activations; the tallest bar is the answer."
                          + (" ▲ marks the true digit." if label is not None else "")},
    }


def show(data: dict, *, key: str, on_release=None, on_step=None, on_select=None, on_edges=None) -> dict:
    """Mount the live view; returns this run's trigger values as a plain dict."""
    def missing() -> None:
        forget_sent([name for name in (st.session_state.get(key) or {}).get("missing") or []])

    callbacks = {"on_missing_change": missing, "on_release_change": on_release or _ignore,
                 "on_step_change": on_step or _ignore, "on_select_change": on_select or _ignore,
                 "on_edges_change": on_edges or _ignore}
    result = _mount()(key, data, **callbacks)
    return {name: getattr(result, name, None) for name in ("release", "step", "select", "edges", "missing")}


def _ignore() -> None:
    return None


def with_test_digits(data: dict) -> dict:
    name, _ = test_data()
    data["test"] = name
    data["test_set"] = send_once(name, lambda: test_data()[1])
    return data


# -- what comes back ---------------------------------------------------------------------------


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _index(value, size: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value) or not 0 <= value < size:
        return None
    return int(value)


def check_release(payload, network: Network, bias_range: float) -> ReleaseCheck:
    """The changes a tab sent when a drag ended, each checked: kind, layer, neuron, source, finite value in range."""
    if not isinstance(payload, dict) or not isinstance(payload.get("changes"), list):
        return ReleaseCheck(problem="the change sent by the page was not understood")
    if len(payload["changes"]) > MAX_CHANGES:
        return ReleaseCheck(problem=f"more than {MAX_CHANGES} changes at once were sent")
    limits = {"bias": bias_range, "scale": SCALE_RANGE, "weight": WEIGHT_RANGE}
    checked = ReleaseCheck()
    for change in payload["changes"]:
        if not isinstance(change, dict) or change.get("kind") not in limits:
            return ReleaseCheck(problem="a change of an unknown kind was sent")
        layer = _index(change.get("layer"), network.layer_count + 1)
        neuron = _index(change.get("neuron"), network.sizes[layer]) if layer else None
        value = _number(change.get("value"))
        if not layer or neuron is None or value is None or abs(value) > limits[change["kind"]]:
            return ReleaseCheck(problem="a change outside the sliders' range, or for a neuron this network does not "
                                        "have, was sent")
        source = None
        if change["kind"] == "weight":
            source = _index(change.get("source"), network.sizes[layer - 1])
            if source is None:
                return ReleaseCheck(problem="a weight from a neuron this network does not have was sent")
        checked.changes.append(Release(change["kind"], layer, neuron, value, source))
    return checked


def apply_release(edits: NetworkEdits, payload, bias_range: float) -> str | None:
    """Apply a checked release to ``edits``; returns the sentence to show if it was refused (edits kept)."""
    checked = check_release(payload, edits.network, bias_range)
    if checked.problem:
        return f"Your last change was not applied: {checked.problem}. Your network is as it was."
    for change in checked.changes:
        apply_change(edits, change)
    release_id = payload.get("id")
    if _number(release_id) is not None:
        st.session_state[state.LIVE_APPLIED] = int(release_id)
    return None


def apply_change(edits: NetworkEdits, change: Release) -> None:
    """One checked change, made to ``edits`` (a release from the tab, or an edit a link carries)."""
    if change.kind == "bias":
        edits.set_bias(change.layer, change.neuron, change.value)
    elif change.kind == "scale":
        edits.scale_weights(change.layer, change.neuron, change.value)
    else:
        edits.set_weight(change.layer, change.neuron, change.source, change.value)
