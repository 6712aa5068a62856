"""The cost of one example, in pictures: what the network says, what it should say, and the gap.

For a labelled digit the target y is 1 for the right digit and 0 for the others. Each output's
squared gap (a − y)² is drawn under its bar, and their sum is 3Blue1Brown's cost C = Σ (a − y)².
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from figures.colours import DARK_GOLD, STANDARD, Palette
from figures.outputs import OTHER_BAR

GAP_COLOUR = DARK_GOLD   # the squared gaps: neither a weight colour nor the answer's


def cost_bars(output: np.ndarray, label: int, palette: Palette = STANDARD, height: int = 330) -> go.Figure:
    """Top: each output's activation a (bars) and its target y (dashes). Bottom: (a − y)² per output."""
    output = np.asarray(output, dtype=np.float64)
    target = np.zeros_like(output)
    target[label] = 1.0
    squares = (output - target) ** 2
    digits = [str(d) for d in range(len(output))]
    answer = int(np.argmax(output))
    colours = [palette.answer if d == answer else OTHER_BAR for d in range(len(output))]
    fig = go.Figure([
        go.Bar(x=digits, y=output, marker_color=colours, name="what it says: a", yaxis="y",
               hovertemplate="digit %{x}: a = %{y:.3f}<extra></extra>"),
        go.Scatter(x=digits, y=target, mode="markers", name="what it should say: y", yaxis="y",
                   marker=dict(symbol="line-ew-open", size=30, color="#111", line=dict(width=3.5, color="#111")),
                   hovertemplate="digit %{x}: y = %{y:.0f}<extra></extra>"),
        go.Bar(x=digits, y=squares, marker=dict(color=GAP_COLOUR, opacity=0.85), name="(a − y)²", yaxis="y2",
               text=[f"{v:.2f}" for v in squares], textposition="outside", cliponaxis=False,
               hovertemplate="digit %{x}: (a − y)² = %{y:.4f}<extra></extra>"),
    ])
    fig.update_layout(
        dragmode=False, height=height, margin=dict(l=50, r=10, t=30, b=40), plot_bgcolor="white", bargap=0.3,
        uniformtext=dict(minsize=12, mode="hide"),  # a number too wide for its bar is hidden, never shrunk unreadable
        # the legend under the plots: above them, on a phone its three rows covered the tops of the bars
        legend=dict(orientation="h", x=0, xanchor="left", y=-0.06, yanchor="top"), uirevision="cost-bars",
        xaxis=dict(title="output neuron (digit)", type="category", fixedrange=True),
        yaxis=dict(domain=[0.45, 1.0], range=[0, 1.08], title="a and y", tickvals=[0, 0.5, 1], fixedrange=True),
        yaxis2=dict(domain=[0.0, 0.33], range=[0, 1.25], title="(a − y)²", tickvals=[0, 1], fixedrange=True),
    )
    return fig


def cost_histogram(costs: np.ndarray, title: str, ceiling: float = 5.0, bins: int = 25, height: int = 260) -> go.Figure:
    """How many examples have each cost: most are near 0, a few mistakes cost a lot (the last bin is ≥ ceiling).

    The counts run from 1 to thousands, so the y axis is logarithmic (1, 10, 100, 1000 equally spaced): a
    bin of one digit still shows as a bar (the axis starts at ½) beside a bin of 3,000.
    """
    costs = np.clip(np.nan_to_num(np.asarray(costs, dtype=np.float64), posinf=ceiling), 0.0, ceiling)
    counts, edges = np.histogram(costs, bins=bins, range=(0.0, ceiling))
    centres = (edges[:-1] + edges[1:]) / 2
    shown = counts > 0
    fig = go.Figure(go.Bar(x=centres[shown], y=counts[shown], width=(edges[1] - edges[0]) * 0.9,
                           marker_color=GAP_COLOUR,
                           customdata=np.column_stack([edges[:-1], edges[1:]])[shown],
                           hovertemplate="cost %{customdata[0]:.2f} to %{customdata[1]:.2f}: %{y} digits"
                                         "<extra></extra>"))
    top = np.log10(max(int(counts.max()), 1) * 2.0)
    fig.update_layout(dragmode=False, height=height, margin=dict(l=50, r=10, t=10, b=40), plot_bgcolor="white",
                      xaxis=dict(title=title, range=[0, ceiling], fixedrange=True),
                      yaxis=dict(title="how many digits (log scale)", type="log", range=[np.log10(0.5), top],
                                 tickvals=[1, 10, 100, 1000, 10000], fixedrange=True))
    return fig
