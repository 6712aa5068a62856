"""How the forward pass's network picture draws its edges, and how every network picture says what it shows.

Edges are coloured by the sign of their weight in the palette, and binned by strength (the weight's
size relative to its layer's 99th percentile): stronger = thicker and more opaque. The live view
draws them in the browser (ui/live/network_view/) with these bins; the backprop figure
(figures/backprop.py) has an absolute scale of its own for gradients and shares the legend. Where
everything sits, and which edges are drawn, is figures/network_layout.py.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from figures.colours import TEXT_ON_DARK
from nn_core.activations import Activation

STRENGTH_BINS = np.array([0.25, 0.5, 0.75])
BIN_OPACITY = (0.22, 0.42, 0.65, 0.92)
BIN_WIDTH = (0.7, 1.1, 1.7, 2.4)


def activation_legend(activation: Activation) -> str:
    """What the neurons' shades mean, in words."""
    low, high = activation.shade_range
    if (low, high) == (0.0, 1.0):
        return "activation 0 (black) → 1 (white)"
    middle = " → 0 (grey)" if low < 0 else ""
    ceiling = " or more" if activation.high is None else ""
    return f"hidden activation {low:g} (black){middle} → {high:g}{ceiling} (white), outputs 0 → 1".replace("-", "−")


LEGEND_LINE = 17  # px per line of the legend under a network figure


def legend_height(lines: Sequence[str], font_scale: float = 1.0) -> int:
    """Room for the legend: one line per entry, and more where an entry holds line breaks.

    ``font_scale``: how much larger its text is drawn (large text on a projector: 16 px for 12)."""
    return round(LEGEND_LINE * font_scale * sum(1 + line.count("<br>") for line in lines))


def legend_annotation(lines: Sequence[str]) -> dict:
    """The colour legend, one line per thing, under the drawing (never over a layer of neurons)."""
    return dict(x=0.0, y=0.0, xref="paper", yref="paper", xanchor="left", yanchor="top", yshift=-4,
                showarrow=False, text="<br>".join(lines), font=dict(color=TEXT_ON_DARK, size=12), align="left")
