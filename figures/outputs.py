"""The output layer as bars: how strongly each digit's neuron fires."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from figures.colours import STANDARD, Palette

OTHER_BAR = "#9aa3b5"


def output_bars(output: np.ndarray, true_label: int | None = None, palette: Palette = STANDARD,
                height: int = 250, reference: np.ndarray | None = None) -> go.Figure:
    """Ten bars, one per digit, the network's answer highlighted; the true digit marked if known.

    ``reference`` (the trained network's outputs, when this one is edited) shows as outlines.
    """
    output = np.asarray(output, dtype=np.float64)
    answer = int(np.argmax(output))
    colours = [palette.answer if d == answer else OTHER_BAR for d in range(10)]
    digits = [str(d) for d in range(10)]
    fig = go.Figure()
    if reference is not None:
        fig.add_trace(go.Bar(x=digits, y=np.asarray(reference, dtype=np.float64), name="trained",
                             marker=dict(color="rgba(0,0,0,0)", line=dict(color="#555", width=1.5)),
                             hovertemplate="digit %{x}, trained: %{y:.3f}<extra></extra>"))
    fig.add_trace(go.Bar(
        x=digits, y=output, marker_color=colours, name="now",
        text=[f"{v:.2f}" for v in output], textposition="outside", cliponaxis=False,
        hovertemplate="digit %{x}: output activation %{y:.3f}<extra></extra>",
    ))
    if true_label is not None:
        fig.add_annotation(x=str(true_label), y=-0.2, yref="y", text="▲ true", showarrow=False,
                           font=dict(size=12, color="#444"))
    fig.update_layout(
        dragmode=False, height=height, margin=dict(l=40, r=10, t=16, b=36), showlegend=reference is not None, bargap=0.25,
        uniformtext=dict(minsize=12, mode="hide"),  # a number too wide for its bar is hidden, never shrunk unreadable
        barmode="overlay", legend=dict(orientation="h", x=0, y=1.12),
        yaxis=dict(range=[-0.28 if true_label is not None else 0, 1.12], title="output activation",
                   fixedrange=True, tickvals=[0, 0.5, 1]),
        xaxis=dict(title="digit", fixedrange=True, type="category"),
        plot_bgcolor="white", uirevision="outputs",
    )
    return fig
