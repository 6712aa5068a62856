"""The Knobs edits in a link: ``b3.3=7.9`` (a bias), ``s1.7=0`` (a neuron's weights scaled), ``w1.7.401=0.5``
(one connection), separated by commas. Read into the same checked changes a drag's release makes, and
applied by the same function (ui/live/network.py).
"""
from __future__ import annotations

import re

from nn_core.edits import NetworkEdits
from ui import state
from ui.live import network as live_network
from ui.pages.knobs.controls import BIAS_RANGE

EDIT = re.compile(r"([bsw])(\d{1,2})\.(\d{1,4})(?:\.(\d{1,4}))?=(-?\d{1,4}(?:\.\d{1,6})?)")
KINDS = {"b": "bias", "s": "scale", "w": "weight"}
LIMITS = {"bias": BIAS_RANGE, "scale": live_network.SCALE_RANGE, "weight": live_network.WEIGHT_RANGE}
MAX_LINK_EDITS = 64


def edits_text() -> str | None:
    """The session's edits of the model in use as link text; None when nothing is edited."""
    edits = state.edits_of_model_in_use()
    if edits is None or not edits.is_edited:
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


def read_change(item: str, layer_count: int) -> live_network.Release:
    """One item of the link text as a checked change; ValueError (in words) if it is not one."""
    match = EDIT.fullmatch(item)
    if match is None:
        raise ValueError(f"{item[:20]!r} is not an edit (b1.7=2.5, s1.7=0 or w1.7.401=0.5)")
    kind, layer, neuron, source, value = KINDS[match[1]], int(match[2]), int(match[3]), match[4], float(match[5])
    if not 1 <= layer <= layer_count:
        raise ValueError(f"this network has layers 1 to {layer_count}")
    if abs(value) > LIMITS[kind] or (kind == "weight") != (source is not None):
        raise ValueError(f"{item[:20]!r} is outside the sliders (±{LIMITS[kind]:g})")
    return live_network.Release(kind, layer, neuron, value, None if source is None else int(source))


def apply_edits_text(text: str) -> None:
    """Make the session's edits those of ``text`` (see ``edits_text``); ValueError, and nothing changed, if unusable."""
    items = text.split(",")
    if len(items) > 3 * MAX_LINK_EDITS:
        raise ValueError(f"more than {3 * MAX_LINK_EDITS} edits")
    edits = NetworkEdits(state.current_model().network)
    for item in items:
        live_network.apply_change(edits, read_change(item, edits.network.layer_count))
    state.keep_edits(edits)
