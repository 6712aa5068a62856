"""The whole network as one function: 784 numbers in, 10 numbers out, and the knobs that choose the function.

    [the 28 × 28 digit] → ( the network: 13,002 knobs ) → [ten output bars]

a⁽ᴸ⁾ = f(a⁽⁰⁾; W, b): the input a⁽⁰⁾ is the 784 pixels, the output a⁽ᴸ⁾ the ten activations, and the
weights and biases are the knobs that decide which function f is.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from figures.colours import ACTIVATION_SCALE, NETWORK_BACKGROUND, STANDARD, TEXT_ON_DARK, Palette
from figures.outputs import OTHER_BAR

IMAGE = (0.0, 2.6)          # the digit's square, in the figure's units (x and y alike)
BOX = (4.45, 7.85)          # the network's box, left to right
BARS = 9.75                 # where the first output bar stands
BAR_STEP, BAR_WIDTH, BAR_HEIGHT = 0.31, 0.24, 2.2
ARROW_Y = 1.3


def one_function_figure(pixels: np.ndarray, output: np.ndarray, weights: int, biases: int,
                        palette: Palette = STANDARD, height: int = 190) -> go.Figure:
    """The digit (784 numbers) → a box holding ``weights + biases`` knobs (the split on hover) → the ten outputs.

    ``pixels`` (784,) in 0..1, ``output`` (10,) the network's output activations for them.
    """
    image = np.asarray(pixels, dtype=np.float64).reshape(28, 28)[::-1]   # row 0 at the top
    output = np.asarray(output, dtype=np.float64)
    answer = int(np.argmax(output))
    side = (IMAGE[1] - IMAGE[0]) / 28
    digits = np.arange(len(output))
    xs = BARS + digits * BAR_STEP
    fig = go.Figure([
        go.Heatmap(z=image, x0=IMAGE[0] + side / 2, dx=side, y0=side / 2, dy=side, colorscale=ACTIVATION_SCALE,
                   zmin=0, zmax=1, showscale=False, hoverinfo="skip"),
        go.Bar(x=xs, y=output * BAR_HEIGHT, base=0.2, width=BAR_WIDTH, customdata=np.column_stack([digits, output]),
               marker_color=[palette.answer if d == answer else OTHER_BAR for d in digits],
               hovertemplate="output for digit %{customdata[0]}: %{customdata[1]:.3f}<extra></extra>"),
    ])
    fig.add_shape(type="rect", x0=BOX[0], x1=BOX[1], y0=0.25, y1=2.35, fillcolor=NETWORK_BACKGROUND,
                  line=dict(color=NETWORK_BACKGROUND), layer="below")
    # short words, so that they fit beside the picture on a phone too (the sentence above the figure says the rest)
    fig.add_annotation(x=sum(BOX) / 2, y=1.3, showarrow=False, font=dict(color=TEXT_ON_DARK, size=12),
                       text=f"the network<br><b>{weights + biases:,} knobs</b>")
    fig.add_trace(go.Scatter(x=[sum(BOX) / 2], y=[1.3], mode="markers", marker=dict(size=40, opacity=0),
                             hovertemplate=f"{weights:,} weights + {biases:,} biases<extra></extra>"))
    for start, end, words in ((IMAGE[1] + 0.15, BOX[0] - 0.1, f"{image.size} in"),
                              (BOX[1] + 0.1, BARS - 0.25, f"{len(output)} out")):
        fig.add_annotation(x=end, y=ARROW_Y, ax=start, ay=ARROW_Y, xref="x", yref="y", axref="x", ayref="y",
                           showarrow=True, arrowhead=2, arrowwidth=1.5, arrowcolor="#555", text="")
        fig.add_annotation(x=(start + end) / 2, y=ARROW_Y + 0.12, yanchor="bottom", showarrow=False, text=words,
                           font=dict(size=12, color="#333"))
    for d, x in zip(digits, xs):
        fig.add_annotation(x=x, y=0.2, yanchor="top", showarrow=False, text=str(d), font=dict(size=12, color="#444"))
    fig.update_layout(
        height=height, margin=dict(l=4, r=4, t=4, b=4), plot_bgcolor="white", showlegend=False,
        xaxis=dict(range=[-0.05, xs[-1] + BAR_STEP], visible=False, fixedrange=True),
        yaxis=dict(range=[-0.25, 2.65], visible=False, fixedrange=True, scaleanchor="x", scaleratio=1,
                   constrain="domain"),
    )
    return fig
