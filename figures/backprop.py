"""Backpropagation for one example, drawn on the network: who wants to change, and by how much.

Neurons show the nudge the cost asks of them, -dC/da in the hidden layers and y - a at the
outputs (blue: should go up, red: down; bigger = a stronger wish). Edges show how each weight should move, -dC/dw, on the same
colours, thicker for larger gradients. The error starts at the output and travels backwards;
``step`` says how far it has got (L = only the output, 0 = back to the pixels).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from figures.colours import NETWORK_BACKGROUND, NOT_COMPUTED, STANDARD, TEXT_ON_DARK, Palette, rgba
from figures.network import (
    COLUMN_LIMIT,
    HEIGHT_UNITS,
    IMAGE_BOX,
    LAST_LAYER_X,
    collect_edges,
    edge_samples,
    edge_targets,
    edge_traces,
    layer_x,
    legend_annotation,
    legend_height,
    node_positions,
    node_size,
)
from nn_core.network import layer_names


def _emphasis(layer: int, step: int | None) -> str:
    """Edges into ``layer`` get their gradient once the error has reached layer - 1."""
    if step is None or layer > step + 1:
        return "done"
    return "active" if layer == step + 1 else "pending"


def _nudge_trace(layer: int, name: str, nudge: np.ndarray, xy, reached: bool, highlighted: bool,
                 palette: Palette, quantity: str = "−∂C/∂a") -> go.Scatter:
    n = len(nudge)
    scale = float(np.abs(nudge).max()) or 1.0
    strength = np.abs(nudge) / scale
    colours = [rgba(palette.positive if v >= 0 else palette.negative, 0.25 + 0.75 * s) for v, s in zip(nudge, strength)]
    base = node_size(n)
    hover = [f"{name}, neuron {j}<br>should go {'up' if v >= 0 else 'down'}: {quantity} = {v:+.4f}"
             for j, v in enumerate(nudge)] if reached else None
    return go.Scatter(
        x=xy[0], y=xy[1], mode="markers", showlegend=False, name=name,
        customdata=np.column_stack([np.full(n, layer), np.arange(n)]),
        marker=dict(size=base * (0.6 + 0.7 * strength) if reached and n <= COLUMN_LIMIT else base,
                    color=colours if reached else NOT_COMPUTED, symbol="circle" if n <= COLUMN_LIMIT else "square",
                    line=dict(color=palette.highlight if highlighted else "#8a91a5", width=2.0 if highlighted else 0.6)),
        hovertext=hover, hoverinfo="text" if reached else "skip",
    )


def backprop_figure(
    weights: Sequence[np.ndarray],
    inputs: np.ndarray,
    nudges: Sequence[np.ndarray],
    weight_gradients: Sequence[np.ndarray],
    *,
    step: int | None = None,
    palette: Palette = STANDARD,
    output_quantity: str = "−∂C/∂a = y − a",
    height: int = 470,
) -> go.Figure:
    """``nudges[l]`` is -dC/da^(l) for l = 0 (pixels) .. L-1, and y - a at the outputs (L).

    ``weight_gradients[l-1]`` is dC/dW^(l). ``output_quantity`` names what y - a is for this cost:
    -dC/da for the quadratic cost, -dC/dz = -δ for softmax with cross-entropy.
    """
    layer_count = len(weights)
    sizes = [len(inputs)] + [w.shape[0] for w in weights]
    names = layer_names(layer_count)
    xs = layer_x(layer_count)
    positions = {l: node_positions(n, xs[l - 1]) for l, n in enumerate(sizes[1:], start=1)}
    samples = edge_samples(sizes, 8)
    x0, x1, y0, y1 = IMAGE_BOX
    at_pixels = step == 0
    image = (nudges[0] if at_pixels else np.asarray(inputs)).reshape(28, 28)
    limit = float(np.abs(nudges[0]).max()) or 1.0
    traces: list = [go.Heatmap(
        z=image[::-1], x0=x0 + (x1 - x0) / 56, dx=(x1 - x0) / 28, y0=y0 + (y1 - y0) / 56, dy=(y1 - y0) / 28,
        colorscale=palette.weight_scale if at_pixels else [[0, "#000"], [1, "#fff"]],
        zmin=-limit if at_pixels else 0.0, zmax=limit if at_pixels else 1.0, showscale=False, hoverinfo="skip",
    )]
    values = [-g for g in weight_gradients]
    ranks = [np.abs(g) for g in weight_gradients]
    targets = [edge_targets(np.abs(nudges[l])) for l in range(1, layer_count + 1)]
    emphasis = [_emphasis(l, step) for l in range(1, layer_count + 1)]
    traces += edge_traces(collect_edges(values, ranks, targets, samples, positions, emphasis), palette)
    for layer in range(1, layer_count + 1):
        reached = step is None or layer >= step
        quantity = output_quantity if layer == layer_count else "−∂C/∂a"
        traces.append(_nudge_trace(layer, names[layer], np.asarray(nudges[layer]), positions[layer], reached,
                                   step == layer, palette, quantity))
    out_x, out_y = positions[layer_count]
    traces.append(go.Scatter(x=out_x + 0.32, y=out_y, mode="text", text=[str(d) for d in range(sizes[-1])],
                             textposition="middle right", hoverinfo="skip", showlegend=False,
                             textfont=dict(color=TEXT_ON_DARK, size=14)))
    headings = [dict(x=(x0 + x1) / 2, y=HEIGHT_UNITS - 0.2,
                     text="−∂C/∂(pixel)" if at_pixels else "input")]
    headings += [dict(x=x, y=HEIGHT_UNITS - 0.2, text=f"{names[l]} ({sizes[l]})") for l, x in enumerate(xs, start=1)]
    for h in headings:
        h.update(showarrow=False, font=dict(color=TEXT_ON_DARK, size=13), xanchor="center")
    legend_lines = [
        f"neurons: <span style='color:{rgba(palette.positive, 1)}'>{palette.positive_name} = should go up</span>, "
        f"<span style='color:{rgba(palette.negative, 1)}'>{palette.negative_name} = should go down</span>, bigger = more",
        "edges: how each weight should move (−∂C/∂w), thicker = larger gradient",
    ]
    extra = legend_height(legend_lines)
    layout = go.Layout(
        height=height + extra, margin=dict(l=8, r=8, t=8, b=8 + extra), paper_bgcolor=NETWORK_BACKGROUND,
        plot_bgcolor=NETWORK_BACKGROUND, showlegend=False, dragmode=False, uirevision="backprop",
        annotations=headings + [legend_annotation(legend_lines)],
        xaxis=dict(visible=False, range=[-0.1, LAST_LAYER_X + 0.8], fixedrange=True),
        yaxis=dict(visible=False, range=[-0.45, HEIGHT_UNITS], fixedrange=True, scaleanchor="x", scaleratio=1),
    )
    return go.Figure(traces, layout)


def nudge_bars(nudge: np.ndarray, label: int, palette: Palette = STANDARD, height: int = 230) -> go.Figure:
    """What each output should do: y - a, up for the right digit, down for the others."""
    colours = [rgba(palette.positive if v >= 0 else palette.negative, 0.9) for v in nudge]
    fig = go.Figure(go.Bar(x=[str(d) for d in range(len(nudge))], y=nudge, marker_color=colours,
                           text=[f"{round(v, 2) + 0.0:+.2f}" for v in nudge], textposition="outside", cliponaxis=False,
                           hovertemplate="output %{x} should change by %{y:+.3f}<extra></extra>"))
    fig.add_annotation(x=str(label), y=float(nudge[label]), text="right answer", showarrow=True, ay=-40,
                       yshift=18 if nudge[label] >= 0 else 0, font=dict(size=11))  # above the bar's own label
    fig.update_layout(height=height, margin=dict(l=40, r=10, t=20, b=36), plot_bgcolor="white",
                      yaxis=dict(title="desired nudge y − a", range=[-1.15, 1.15], zeroline=True, fixedrange=True),
                      xaxis=dict(title="output neuron (digit)", type="category", fixedrange=True))
    return fig
