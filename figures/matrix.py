"""The matrix picture of one layer (3Blue1Brown's chapter 1): a⁽¹⁾ = σ(W⁽¹⁾ a⁽⁰⁾ + b⁽¹⁾), all neurons at once.

W⁽¹⁾ is drawn as a coloured strip, one row per neuron and one column per pixel (blue positive,
red negative, on one symmetric scale), beside the column a⁽⁰⁾ of the pixels; then the column of
weighted sums W⁽¹⁾a⁽⁰⁾, the biases b⁽¹⁾, their sum z⁽¹⁾ and the activations a⁽¹⁾ = σ(z⁽¹⁾), each
row beside the row of W it comes from. Arrays in, figure out: the numbers are the caller's.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from figures.colours import ACTIVATION_SCALE, Palette
from figures.numbers import number

NUMBERS_UP_TO = 32     # rows up to this many get their numbers written in the columns; more are colour only
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def layer_mark(layer: int) -> str:
    """'⁽¹⁾': a layer's number as the app writes it, a⁽¹⁾."""
    return f"⁽{str(layer).translate(SUPERSCRIPTS)}⁾"


PLACES = {"W": (0.0, 0.44), "a0": (0.475, 0.505), "sum": (0.545, 0.63), "b": (0.67, 0.74), "z": (0.78, 0.865),
          "a": (0.945, 1.0)}   # where each part sits, as fractions of the width


def layer_matrix_figure(weights: np.ndarray, inputs: np.ndarray, biases: np.ndarray, zs: np.ndarray,
                        activations: np.ndarray, palette: Palette, symbol: str = "σ",
                        shade: tuple[float, float] = (0.0, 1.0), layer: int = 1) -> go.Figure:
    """W (n, m) times the column ``inputs`` (m,), plus ``biases`` (n,), gives ``zs`` (n,); ``activations`` (n,) =
    symbol(zs). ``shade``: the activations drawn black and white. Row i of every column belongs to neuron i.

    The weighted sums shown are zs − biases (z = Σ w·a + b), so every column adds up exactly as written.
    """
    weights = np.asarray(weights, dtype=np.float64)
    n, m = weights.shape
    inputs, biases = np.asarray(inputs, dtype=np.float64), np.asarray(biases, dtype=np.float64)
    zs, activations = np.asarray(zs, dtype=np.float64), np.asarray(activations, dtype=np.float64)
    sums = zs - biases
    limit = float(np.percentile(np.abs(weights), 99)) or 1.0          # one symmetric scale; the extremes saturate
    spread = float(max(np.abs(sums).max(), np.abs(biases).max(), np.abs(zs).max())) or 1.0
    up, down = layer_mark(layer), layer_mark(layer - 1)
    numbers = n <= NUMBERS_UP_TO
    rows = np.arange(n)
    place = PLACES

    def column(name: str, axis: int, values: np.ndarray, scale, low: float, high: float, what: str) -> go.Heatmap:
        text = np.array([[number(v)] for v in values]) if numbers else None
        return go.Heatmap(z=values[:, None], x=[0], y=rows, xaxis=f"x{axis}", yaxis="y", name=name, text=text,
                          texttemplate="%{text}" if numbers else None, textfont=dict(size=12), colorscale=scale,
                          zmin=low, zmax=high, showscale=False, xgap=0, ygap=1 if numbers else 0,
                          hovertemplate=f"neuron %{{y}}: {what} = %{{z:.3f}}<extra></extra>")

    traces = [
        go.Heatmap(z=weights, x=np.arange(m), y=rows, xaxis="x", yaxis="y", name=f"W{up}", colorscale=palette.weight_scale,
                   zmin=-limit, zmax=limit, showscale=False,
                   hovertemplate="neuron %{y}, pixel %{x}: w = %{z:.3f}<extra></extra>"),
        go.Heatmap(z=inputs[:, None], x=[0], y=np.arange(m), xaxis="x2", yaxis="y2", name=f"a{down}",
                   colorscale=ACTIVATION_SCALE, zmin=0.0, zmax=1.0, showscale=False,
                   hovertemplate="pixel %{y}: a = %{z:.2f}<extra></extra>"),
        column("weighted sums", 3, sums, palette.weight_scale, -spread, spread, "Σ w·a"),
        column("biases", 4, biases, palette.weight_scale, -spread, spread, "b"),
        column("z", 5, zs, palette.weight_scale, -spread, spread, "z = Σ w·a + b"),
        column("activations", 6, activations, ACTIVATION_SCALE, shade[0], shade[1], "a"),
    ]
    hidden = dict(showticklabels=False, showgrid=False, zeroline=False, fixedrange=True)
    layout = dict(
        dragmode=False, height=max(300, min(560, 22 * n + 110)), margin=dict(l=60, r=6, t=58, b=44), plot_bgcolor="white",
        showlegend=False, uirevision="matrix",
        xaxis=dict(domain=place["W"], title=dict(text=f"{m} columns: one per pixel", font=dict(size=12)),
                   showgrid=False, zeroline=False, fixedrange=True, range=[-0.5, m - 0.5]),
        yaxis=dict(domain=[0, 1], autorange="reversed", title=dict(text="one row per neuron", font=dict(size=12)),
                   showgrid=False, zeroline=False, fixedrange=True, tickmode="array",
                   tickvals=list(rows) if numbers else [], ticktext=[str(i) for i in rows] if numbers else []),
        yaxis2=dict(domain=[0, 1], anchor="x2", autorange="reversed", **hidden),
    )
    for axis, key in ((2, "a0"), (3, "sum"), (4, "b"), (5, "z"), (6, "a")):
        layout[f"xaxis{axis}"] = dict(domain=place[key], anchor="y" if axis != 2 else "y2", range=[-0.5, 0.5], **hidden)
    heads = [(place["W"], f"W{up} ({n} × {m})"), (place["a0"], f"a{down}"), (place["sum"], f"W{up}a{down}"),
             (place["b"], f"b{up}"), (place["z"], f"z{up}"), (place["a"], f"a{up}")]
    marks = [((place["W"][1] + place["a0"][0]) / 2, "×"), ((place["a0"][1] + place["sum"][0]) / 2, "="),
             ((place["sum"][1] + place["b"][0]) / 2, "+"), ((place["b"][1] + place["z"][0]) / 2, "="),
             ((place["z"][1] + place["a"][0]) / 2, f"{symbol}<br>→")]
    layout["annotations"] = (
        [dict(x=(low + high) / 2, y=1.0, xref="paper", yref="paper", yanchor="bottom", yshift=4, showarrow=False,
              text=f"<b>{text}</b>", font=dict(size=13)) for (low, high), text in heads]
        + [dict(x=x, y=0.5, xref="paper", yref="paper", showarrow=False, text=f"<b>{text}</b>", font=dict(size=16))
           for x, text in marks])
    return go.Figure(traces, layout=layout)
