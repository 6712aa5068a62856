"""One neuron on its own: inputs, weights, bias, the weighted sum and the squashing curve.

The curve is drawn against the weighted sum Σ w·a (before the bias), so moving the bias
slides the whole curve sideways: the neuron "starts to fire" at Σ w·a = -b.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from figures.colours import ACTIVATION_SCALE, STANDARD, Palette, rgba
from figures.neuron_closeup import activation_axis
from figures.numbers import signed
from nn_core.activations import Activation

SUM_RANGE = 10.0


def neuron_diagram(inputs: np.ndarray, weights: np.ndarray, bias: float, activation: float,
                   palette: Palette = STANDARD, height: int = 260) -> go.Figure:
    """Input circles (shaded by value) joined by weight-coloured edges to the neuron (shaded by a)."""
    n = len(inputs)
    ys = np.linspace(1.0, 0.0, n) if n > 1 else np.array([0.5])
    limit = max(float(np.abs(weights).max()), 1.0)
    traces = []
    for y, w in zip(ys, weights):
        colour = palette.positive if w >= 0 else palette.negative
        traces.append(go.Scatter(x=[0.1, 0.9], y=[y, 0.5], mode="lines", hoverinfo="skip",
                                 line=dict(color=rgba(colour, 0.25 + 0.75 * min(abs(w) / limit, 1.0)),
                                           width=1 + 6 * min(abs(w) / limit, 1.0))))
    traces.append(go.Scatter(
        x=np.full(n, 0.1), y=ys, mode="markers+text", text=[f"a{i + 1} = {v:.2f}" for i, v in enumerate(inputs)],
        textposition="middle left", hoverinfo="skip",
        marker=dict(size=34, color=inputs, colorscale=ACTIVATION_SCALE, cmin=0, cmax=1, line=dict(color="#888", width=1.5)),
    ))
    traces.append(go.Scatter(
        x=[0.9], y=[0.5], mode="markers+text", text=[f"a = {activation:.2f}"], textposition="middle right",
        hoverinfo="skip", marker=dict(size=58, color=[min(max(activation, 0.0), 1.0)], colorscale=ACTIVATION_SCALE,
                                      cmin=0, cmax=1, line=dict(color=palette.highlight, width=3)),
    ))
    annotations = [dict(x=0.1 + 0.3 * 0.8, y=y + 0.3 * (0.5 - y), text=f"w{i + 1} = {signed(w, 1)}", showarrow=False,
                        font=dict(size=12), bgcolor="rgba(255,255,255,0.85)") for i, (y, w) in enumerate(zip(ys, weights))]
    annotations.append(dict(x=0.9, y=0.2, text=f"bias b = {signed(bias, 1)}", showarrow=False, font=dict(size=13)))
    layout = go.Layout(height=height, margin=dict(l=10, r=10, t=10, b=10), showlegend=False, plot_bgcolor="white",
                       xaxis=dict(visible=False, range=[-0.3, 1.35], fixedrange=True),
                       yaxis=dict(visible=False, range=[-0.15, 1.15], fixedrange=True), annotations=annotations)
    return go.Figure(traces, layout)


def weighted_sum_line(signals: np.ndarray, bias: float, palette: Palette = STANDARD, height: int = 250) -> go.Figure:
    """A number line walked step by step: each w_i a_i, then the bias, arriving at z = Σ w·a + b.

    The neuron fires (σ(z) > 0.5) when z > 0, right of the zero line; the same rule before the
    bias step reads Σ w·a > -b, so the dotted line at -b is where the open circle Σ w·a must pass.
    """
    steps = np.concatenate([[0.0], np.cumsum(signals)])
    total = float(steps[-1])
    z = total + bias
    rows = len(signals) + 1
    row_y = np.linspace(1.0, 0.25, rows)  # one row per step, the bias last
    limit = float(np.ceil(max(3.0, np.abs(steps).max() + 0.5, abs(z) + 0.5, abs(bias) + 0.5)))
    fig = go.Figure()
    arrow = dict(xref="x", yref="y", axref="x", ayref="y", showarrow=True, arrowhead=2, arrowwidth=3)
    starts = list(steps[:-1]) + [total]
    ends = list(steps[1:]) + [z]
    labels = [f"w{i + 1}a{i + 1} = {signed(v)}" for i, v in enumerate(signals)] + [f"b = {signed(bias)}"]
    for k, (start, end, label, y) in enumerate(zip(starts, ends, labels, row_y)):
        is_bias = k == rows - 1
        colour = "#a07800" if is_bias else rgba(palette.positive if end >= start else palette.negative, 0.9)
        if abs(end - start) > 1e-9:
            fig.add_annotation(x=end, y=y, ax=start, ay=y, arrowcolor=colour, text="", **arrow)
        on_right = max(start, end) < 0.4 * limit  # otherwise the label goes left of the arrow, inside the frame
        fig.add_annotation(x=max(start, end) if on_right else min(start, end), y=y, text=label, showarrow=False,
                           xanchor="left" if on_right else "right", xshift=6 if on_right else -6,
                           font=dict(size=12, color="#a07800" if is_bias else "#444"))
    # Two views of one rule: Σ w·a > -b (before the bias step) is the same as z > 0 (after it).
    fig.add_vline(x=-bias, line=dict(color="#a07800", dash="dot", width=1.5))
    fig.add_annotation(x=-bias, y=1.16, text=f"Σ w·a must pass −b = {signed(-bias)}", showarrow=False,
                       font=dict(size=12, color="#a07800"))
    fig.add_annotation(x=0, y=-0.08, text="z > 0: firing", showarrow=False, xanchor="left", xshift=4,
                       font=dict(size=12, color="#555"))
    fig.add_annotation(x=0.0, y=1.3, xref="paper", xanchor="left", showarrow=False, font=dict(size=12, color="#444"),
                       text="○ = Σ w·a (before the bias)   ◆ = z = Σ w·a + b")
    fig.add_trace(go.Scatter(
        x=[total], y=[row_y[-1]], mode="markers", hovertemplate="Σ w·a = %{x:.2f}<extra></extra>",
        marker=dict(size=10, symbol="circle-open", color="#a07800", line=dict(width=2)),
    ))
    fig.add_trace(go.Scatter(
        x=[z], y=[0.05], mode="markers+text", hoverinfo="skip", text=[f"z = Σ w·a + b = {signed(z)}"],
        textposition="middle right", marker=dict(size=13, symbol="diamond", color="#a07800"),
    ))
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=10, b=36), showlegend=False, plot_bgcolor="white",
                      xaxis=dict(range=[-limit, limit], zeroline=True, zerolinecolor="#888", fixedrange=True,
                                 title="weighted sum, walked step by step"),
                      yaxis=dict(visible=False, range=[-0.14, 1.38], fixedrange=True))
    return fig


def bias_shifted_curve(activation: Activation, weighted_input: float, bias: float, height: int = 280) -> go.Figure:
    """a = f(Σ w·a + b) against Σ w·a: the bias moves the curve; the point is this neuron now."""
    function = activation.function
    x = np.linspace(-SUM_RANGE, SUM_RANGE, 241)
    with np.errstate(over="ignore"):
        curve = function(x + bias)
        unbiased = function(x.copy())
        point = float(function(np.array([weighted_input + bias]))[0])
    shown_x = float(np.clip(weighted_input, -SUM_RANGE, SUM_RANGE))
    no_bias = abs(bias) < 0.05  # then the two curves are one: show it once
    fig = go.Figure([
        go.Scatter(x=x, y=unbiased, mode="lines", line=dict(color="#bbb", width=1.5, dash="dot"), hoverinfo="skip",
                   name="with b = 0", visible=not no_bias),
        go.Scatter(x=x, y=curve, mode="lines", line=dict(color="#333", width=2.5), hoverinfo="skip",
                   name="with b = 0" if no_bias else f"with b = {signed(bias, 1)}"),
        go.Scatter(x=[shown_x], y=[point], mode="markers", marker=dict(size=14, color="#f4c542",
                   line=dict(color="#333", width=1.5)), name="this neuron", hovertemplate="a = %{y:.3f}<extra></extra>"),
    ])
    fig.add_vline(x=float(np.clip(-bias, -SUM_RANGE, SUM_RANGE)), line=dict(color="#7a5c00", dash="dash", width=1.5))
    low, high = activation_axis(activation, SUM_RANGE)
    fig.update_layout(
        height=height, margin=dict(l=45, r=10, t=10, b=40), plot_bgcolor="white",
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0),
        xaxis=dict(title="weighted sum Σ w·a (before the bias)", range=[-SUM_RANGE, SUM_RANGE], fixedrange=True),
        yaxis=dict(title=f"activation a = {activation.symbol}(Σ w·a + b)", range=[low, high], fixedrange=True),
    )
    return fig
