"""The matrix picture under the Inside page's live view (the full level): the first layer, all at once.

3Blue1Brown draws W⁽¹⁾a⁽⁰⁾ + b⁽¹⁾ as a coloured matrix times a column; figures/matrix.py draws it
for the input on screen, with the numbers of nn_core's forward pass.
"""
from __future__ import annotations

import streamlit as st

from figures.matrix import NUMBERS_UP_TO, layer_matrix_figure
from nn_core.network import ForwardPass, Network
from ui import charts, state
from ui.level import simple
from ui.live import screen


def words(network: Network) -> str:
    """What the picture shows, true for the model in use."""
    n, m = network.sizes[1], network.sizes[0]
    palette, squash = state.palette(), network.activation.symbol
    return (f"The same rule for a whole layer at once. W⁽¹⁾ has one row per neuron of {network.layer_names()[1]} "
            f"({n}) and one column per pixel ({m}); row i holds the {m} weights into neuron i "
            f"({palette.positive_name} positive, {palette.negative_name} negative). Multiplying W⁽¹⁾ by the column "
            f"a⁽⁰⁾ of the {m} pixels gives, in row i, Σⱼ W⁽¹⁾ᵢⱼ a⁽⁰⁾ⱼ: neuron i's weighted sum. Adding the "
            f"biases b⁽¹⁾ gives z⁽¹⁾, and {squash}, applied to each entry, gives a⁽¹⁾ = {squash}(W⁽¹⁾a⁽⁰⁾ + b⁽¹⁾).")


def show(network: Network, result: ForwardPass) -> None:
    """The first layer as a matrix times a column, for the input shown (full level only)."""
    if simple():
        return
    st.markdown("##### The whole layer at once: a matrix times a column")
    st.markdown(words(network))
    if screen.narrow():       # six columns of numbers side by side do not fit a phone's width
        st.caption("On a wider screen (a tablet held sideways, or a laptop) this is drawn: W⁽¹⁾ as a coloured strip "
                   "times the column of pixels, plus b⁽¹⁾, squashed.")
        return
    charts.show(layer_matrix_figure(network.weights[0], result.activations[0], network.biases[0], result.zs[0],
                                    result.activations[1], state.palette(), network.activation.symbol,
                                    network.activation.shade_range), key="inside_matrix")
    st.caption(caption(result.activations[0], network.sizes[1]))


def caption(pixels, rows: int) -> str:
    """Where the numbers come from, and which weights count for this input."""
    dark, m = int((pixels == 0).sum()), len(pixels)
    which = (f"Here {dark:,} of the {m} pixels are 0 (black), so in every row most weights meet a 0 and add nothing: "
             "only the weights under the lit pixels count." if dark > m / 2 else
             f"Here none of the {m} pixels is 0, so every weight adds something." if dark == 0 else
             f"Here only {dark:,} of the {m} pixels are 0, so almost every weight adds something.")
    numbers = ("The numbers are rounded to two decimals, so a sum can be 0.01 off in its last digit." if rows <= NUMBERS_UP_TO
               else f"With {rows} rows the columns show colours only.")
    return (f"Every number comes from the forward pass that lights the picture above. {which} {numbers} Point at a "
            "cell to read its value.")
