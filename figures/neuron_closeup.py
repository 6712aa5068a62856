"""One neuron up close: its incoming weights, what they pick out of the input, its curve."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from figures.colours import STANDARD, Palette
from nn_core.activations import Activation


def _symmetric_limit(*arrays: np.ndarray) -> float:
    return float(max(np.abs(a).max() for a in arrays)) or 1.0


def template_figure(weights: np.ndarray, inputs: np.ndarray, palette: Palette = STANDARD, height: int = 260) -> go.Figure:
    """A first-layer neuron: its 784 weights as a 28x28 template, and weight x input.

    Left: what the neuron looks for (blue pixels raise z when lit, red ones lower it).
    Right: what it found in this input: w_i a_i for every pixel, on the same colour meaning.
    """
    w = np.asarray(weights, dtype=np.float64).reshape(28, 28)
    product = w * np.asarray(inputs, dtype=np.float64).reshape(28, 28)
    fig = go.Figure()
    for column, (values, title) in enumerate(((w, "weights w (the template)"), (product, "w × input (what it sees)"))):
        limit = _symmetric_limit(values)
        axis = "" if column == 0 else "2"
        fig.add_trace(go.Heatmap(
            z=values[::-1], colorscale=palette.weight_scale, zmin=-limit, zmax=limit, zmid=0,
            xaxis=f"x{axis}", yaxis=f"y{axis}", showscale=column == 1,
            colorbar=dict(thickness=10, len=0.9, tickformat=".2f"),
            hovertemplate="row %{customdata[0]}, column %{customdata[1]}<br>%{z:.3f}<extra></extra>",
            customdata=np.stack(np.mgrid[27:-1:-1, 0:28], axis=-1),
        ))
        fig.add_annotation(x=0.5, y=1.0, xref=f"x{axis} domain", yref=f"y{axis} domain", text=title,
                           showarrow=False, yanchor="bottom", font=dict(size=12))
    hidden = dict(visible=False, fixedrange=True)
    fig.update_layout(
        dragmode=False, height=height, margin=dict(l=4, r=4, t=24, b=4),
        xaxis=dict(domain=[0.0, 0.44], **hidden), yaxis=dict(scaleanchor="x", **hidden),
        xaxis2=dict(domain=[0.5, 0.94], **hidden), yaxis2=dict(scaleanchor="x2", anchor="x2", **hidden),
    )
    return fig


def contributions_figure(weights: np.ndarray, previous: np.ndarray, source_name: str, palette: Palette = STANDARD,
                         top: int = 8, height: int = 260) -> go.Figure:
    """A deeper neuron: the incoming signals w_j a_j that pushed it up and down most."""
    signal = np.asarray(weights, dtype=np.float64) * np.asarray(previous, dtype=np.float64)
    order = np.argsort(signal)
    chosen = np.unique(np.concatenate([order[:top], order[-top:]]))
    chosen = chosen[np.argsort(signal[chosen])]
    colours = [f"rgb{palette.positive}" if v > 0 else f"rgb{palette.negative}" for v in signal[chosen]]
    fig = go.Figure(go.Bar(
        x=signal[chosen], y=[f"{source_name}, #{j}" for j in chosen], orientation="h", marker_color=colours,
        customdata=np.column_stack([weights[chosen], previous[chosen]]),
        hovertemplate="%{y}: w = %{customdata[0]:.3f}, a = %{customdata[1]:.3f}<br>w·a = %{x:.3f}<extra></extra>",
    ))
    fig.update_layout(dragmode=False, height=max(height, 60 + 17 * len(chosen)), margin=dict(l=4, r=10, t=10, b=30),
                      xaxis=dict(title="w × a", zeroline=True), plot_bgcolor="white",
                      yaxis=dict(fixedrange=True, tickmode="array", tickvals=list(range(len(chosen))),
                                 ticktext=[f"{source_name}, #{j}" for j in chosen], type="category"))
    return fig


def activation_curve(activation: Activation, z: float, a: float, height: int = 230) -> go.Figure:
    """sigma(z) (or ReLU, tanh) with this neuron's point (z, a) on it."""
    reach = float(max(8.0, np.ceil(abs(z) + 1.0)))   # the axis always reaches this neuron's z
    curve_z = np.linspace(-reach, reach, 161)
    with np.errstate(over="ignore"):
        curve = activation.function(curve_z.copy())
    z_shown = float(z)
    fig = go.Figure([
        go.Scatter(x=curve_z, y=curve, mode="lines", line=dict(color="#555", width=2), hoverinfo="skip"),
        go.Scatter(x=[z_shown], y=[a], mode="markers+text", text=[f" a = {a:.2f} "],
                   textposition="middle right" if z_shown < reach / 2 else "middle left",   # inside the frame
                   marker=dict(size=12, color="#f4c542", line=dict(color="#333", width=1.5)),
                   hovertemplate="z = %{x:.2f}<br>a = %{y:.3f}<extra></extra>"),
    ])
    low, high = activation_axis(activation, reach)
    fig.update_layout(dragmode=False, height=height, margin=dict(l=40, r=10, t=10, b=36), showlegend=False, plot_bgcolor="white",
                      xaxis=dict(title="weighted sum z = Σ w·a + b", range=[-reach, reach], zeroline=True, fixedrange=True),
                      yaxis=dict(title=f"{activation.symbol}(z)", range=[low, high], fixedrange=True))
    return fig


SUM_RANGE = 10.0   # One neuron's number line and curve: the weighted sum from −10 to 10


def activation_axis(activation: Activation, widest_z: float) -> tuple[float, float]:
    """The y range that shows an activation's whole curve up to z = ``widest_z`` (ReLU has no ceiling)."""
    high = widest_z if activation.high is None else activation.high + 0.1
    return activation.low - (0.1 if activation.low < 0 else 0.05), high
