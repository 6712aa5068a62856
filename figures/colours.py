"""The app's visual language, defined once: what each colour means.

- Weights: blue = positive, red = negative, white/transparent = zero; stronger = more opaque
  and thicker. One fixed, symmetric scale per picture, so a colour always means the same number.
- Activations: one ramp from 0 (black) to 1 (white), as a neuron "lights up".

A colour-blind-safe variant swaps red/blue for orange/blue (they differ in lightness too).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Palette:
    name: str
    positive: tuple[int, int, int]
    negative: tuple[int, int, int]
    weight_scale: list          # plotly colorscale for signed values, negative -> 0 -> positive
    highlight: str              # the layer being computed, the selected neuron
    answer: str                 # the network's answer
    positive_name: str = "blue"
    negative_name: str = "red"
    answer_name: str = "green"


STANDARD = Palette(
    name="standard",
    positive=(33, 102, 172),    # blue
    negative=(178, 24, 43),     # red
    weight_scale=[[0.0, "#b2182b"], [0.25, "#ef8a62"], [0.5, "#f7f7f7"], [0.75, "#67a9cf"], [1.0, "#2166ac"]],
    highlight="#f4c542",
    answer="#2ca02c",
)

COLOUR_BLIND_SAFE = Palette(
    name="colour-blind safe",
    positive=(0, 114, 178),     # Okabe-Ito blue
    negative=(213, 94, 0),      # Okabe-Ito vermillion/orange
    weight_scale=[[0.0, "#d55e00"], [0.25, "#f0a35e"], [0.5, "#f7f7f7"], [0.75, "#6baed6"], [1.0, "#0072b2"]],
    highlight="#f0e442",
    answer="#009e73",
    negative_name="orange",
    answer_name="teal",
)

PALETTES = {"standard": STANDARD, "colour-blind safe": COLOUR_BLIND_SAFE}

# Activation ramp 0 -> 1: black to white, as in the explainer.
ACTIVATION_SCALE = [[0.0, "#000000"], [1.0, "#ffffff"]]
NETWORK_BACKGROUND = "#0b0f19"
NOT_COMPUTED = "#3a3f4b"          # a neuron whose activation is not computed yet
NODE_OUTLINE = "#8a91a5"
TEXT_ON_DARK = "#e6e8ee"
CHANGED_MARK = "#e040fb"          # a neuron changed by hand (magenta: neither weight colour)
GOLD, DARK_GOLD = "#a07800", "#7a5c00"   # neither a weight colour nor the answer's:
BIAS_MARK = GOLD                  # the bias on One neuron (its part of the number line, the dotted curve's shift)
THRESHOLD_MARK = DARK_GOLD        # where the weighted sum passes −b; the cost's squared gaps (a − y)² are this gold too


def rgba(rgb: tuple[int, int, int], opacity: float) -> str:
    return f"rgba({rgb[0]},{rgb[1]},{rgb[2]},{opacity:.2f})"
