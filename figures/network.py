"""The whole network for one input: image, layers of neurons, weights as coloured edges.

The 784 inputs are drawn as the 28x28 image they are, and the first layer's edges start
at the pixels that feed each neuron most. Every other connection is an edge coloured by
its weight (blue positive, red negative, stronger = thicker and more opaque); neurons are
filled by their activation on one black-to-white ramp.

What costs time in a browser is the number of SVG elements, so edges are grouped into a
few colour-binned line traces of float32 arrays with NaN gaps; where everything sits, and
which edges are drawn, is figures/network_layout.py (shared with backprop and the live view).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from figures.colours import (
    ACTIVATION_SCALE,
    CHANGED_MARK,
    NETWORK_BACKGROUND,
    NODE_OUTLINE,
    NOT_COMPUTED,
    STANDARD,
    TEXT_ON_DARK,
    Palette,
    rgba,
)
from figures.network_layout import (
    COLUMN_LIMIT,
    HEIGHT_UNITS,
    IMAGE_BOX,
    LAST_LAYER_X,
    edge_targets,
    layout_for,
    node_size,
    pixel_xy,
    segments,
    signal_rank,
    strongest_incoming,
)
from nn_core.activations import SIGMOID, Activation
from nn_core.network import layer_names, layer_symbol

STRENGTH_BINS = np.array([0.25, 0.5, 0.75])
BIN_OPACITY = (0.22, 0.42, 0.65, 0.92)
BIN_WIDTH = (0.7, 1.1, 1.7, 2.4)
EMPHASIS = {"active": 1.0, "done": 0.4, "pending": 0.1}


def edge_traces(groups: dict, palette: Palette) -> list[go.Scatter]:
    """One line trace per (emphasis, sign, strength bin)."""
    traces = []
    for (emphasis, positive, strength_bin), parts in sorted(groups.items()):
        xs = np.concatenate([p[0] for p in parts])
        ys = np.concatenate([p[1] for p in parts])
        colour = palette.positive if positive else palette.negative
        opacity = BIN_OPACITY[strength_bin] * EMPHASIS[emphasis]
        traces.append(go.Scatter(
            x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
            line=dict(color=rgba(colour, opacity), width=BIN_WIDTH[strength_bin]),
        ))
    return traces


def _emphasis(layer: int, step: int | None) -> str:
    if step is None or layer < step:
        return "done"
    return "active" if layer == step else "pending"


def collect_edges(values, ranks, targets, samples, positions, emphasis) -> dict:
    """Segments of every drawn edge, grouped by (emphasis, sign, strength bin).

    For each layer (``samples[i]``): ``values[i]`` (n_out, n_in) is what an edge's colour shows
    (its sign) and strength (its size, relative to the layer), ``ranks[i]`` picks each target's
    strongest edges, ``targets[i]`` says which neurons get edges, ``emphasis[i]`` how lit they are.
    """
    groups: dict = {}
    for sample, value, rank, target, lit in zip(samples, values, ranks, targets, emphasis):
        layer = sample.layer
        to, source = strongest_incoming(rank, sample.shown, target)
        shown = value[to, source]
        scale = float(np.percentile(np.abs(value), 99)) or float(np.abs(value).max()) or 1.0
        bins = np.searchsorted(STRENGTH_BINS, np.clip(np.abs(shown) / scale, 0.0, 1.0))
        if layer == 1:
            x0, y0 = pixel_xy(source)
        else:
            x0, y0 = positions[layer - 1][0][source], positions[layer - 1][1][source]
        x1, y1 = positions[layer][0][to], positions[layer][1][to]
        for positive in (True, False):
            for strength_bin in range(len(BIN_OPACITY)):
                chosen = ((shown > 0) == positive) & (bins == strength_bin) & (shown != 0)
                if chosen.any():
                    segment = segments(x0[chosen], y0[chosen], x1[chosen], y1[chosen])
                    groups.setdefault((lit, positive, strength_bin), []).append(segment)
    return groups


def _node_trace(layer: int, name: str, a: np.ndarray, xy, computed: bool, highlighted: bool, palette,
                shade_range: tuple[float, float]) -> go.Scatter:
    n = len(a)
    hover = [f"{name}, neuron {j}<br>activation {v:.3f}" for j, v in enumerate(a)] if computed else None
    line_colour = palette.highlight if highlighted else NODE_OUTLINE
    return go.Scatter(
        x=xy[0], y=xy[1], mode="markers", showlegend=False,
        customdata=np.column_stack([np.full(n, layer), np.arange(n)]),
        marker=dict(
            size=node_size(n), symbol="circle" if n <= COLUMN_LIMIT else "square",
            color=a if computed else NOT_COMPUTED,
            colorscale=ACTIVATION_SCALE, cmin=shade_range[0], cmax=shade_range[1],
            line=dict(color=line_colour, width=2.0 if highlighted else (0.8 if n <= COLUMN_LIMIT else 0.3)),
        ),
        hovertext=hover, hoverinfo="text" if computed else "skip", name=name,
        selected=dict(marker=dict(opacity=1.0)), unselected=dict(marker=dict(opacity=1.0)),
    )


def network_figure(
    weights: Sequence[np.ndarray],
    activations: Sequence[np.ndarray],
    *,
    step: int | None = None,
    input_edges: int = 8,
    selected: tuple[int, int] | None = None,
    changed: Sequence[tuple[int, int]] = (),
    palette: Palette = STANDARD,
    activation: Activation = SIGMOID,
    numbered: int | None = None,
    height: int = 470,
) -> go.Figure:
    """The network for one input.

    ``weights[l-1]`` is W^(l) (n_out, n_in); ``activations`` holds a^(0) (784,) .. a^(L)
    (10,) from one forward pass. ``step`` (0..L) shows the signal having reached that
    layer: later layers are not computed yet, the edges carrying it are lit. ``selected``
    (layer, neuron) gets a ring. ``activation`` is the hidden layers' function: its fixed
    ``shade_range`` says what black and white stand for there, the same in every frame (ReLU
    has no ceiling: 4 and above are white, the hover gives the value); the output layer, softmax
    or sigmoid, is always 0..1. ``numbered`` (a hidden layer) writes each of its neurons' number beside it.
    """
    layer_count = len(weights)
    sizes = [len(activations[0])] + [w.shape[0] for w in weights]
    names = layer_names(layer_count)
    layout = layout_for(sizes, input_edges)
    xs, positions, samples = layout.columns, layout.positions, list(layout.samples)

    image = np.asarray(activations[0], dtype=np.float32).reshape(28, 28)
    x0, x1, y0, y1 = IMAGE_BOX
    traces: list = [go.Heatmap(
        z=image[::-1], x0=x0 + (x1 - x0) / 56, dx=(x1 - x0) / 28, y0=y0 + (y1 - y0) / 56, dy=(y1 - y0) / 28,
        colorscale=ACTIVATION_SCALE, zmin=0.0, zmax=1.0, showscale=False,
        hovertemplate="pixel %{customdata}<br>value %{z:.2f}<extra>input</extra>",
        customdata=np.arange(784).reshape(28, 28)[::-1],
    )]
    emphasis = ["done" if step is None else _emphasis(l, step) for l in range(1, layer_count + 1)]
    ranks = [signal_rank(w, activations[l]) for l, w in enumerate(weights)]
    targets = [edge_targets(activations[l]) for l in range(1, layer_count + 1)]
    traces += edge_traces(collect_edges(weights, ranks, targets, samples, positions, emphasis), palette)
    for layer in range(1, layer_count + 1):
        computed = step is None or layer <= step
        shades = (0.0, 1.0) if layer == layer_count else activation.shade_range
        traces.append(_node_trace(layer, names[layer], np.asarray(activations[layer]), positions[layer],
                                  computed, step == layer, palette, shades))
    output = np.asarray(activations[-1])
    answer = int(np.argmax(output))
    final = step is None or step == layer_count
    out_x, out_y = positions[layer_count]
    traces.append(go.Scatter(
        x=out_x + 0.32, y=out_y, mode="text", text=[str(d) for d in range(len(output))], hoverinfo="skip",
        showlegend=False, textposition="middle right",
        textfont=dict(color=[palette.answer if final and d == answer else TEXT_ON_DARK for d in range(len(output))],
                      size=[19 if final and d == answer else 14 for d in range(len(output))]),
    ))
    if numbered is not None and 1 <= numbered < layer_count and sizes[numbered] <= COLUMN_LIMIT:
        num_x, num_y = positions[numbered]
        traces.append(go.Scatter(
            x=num_x - 0.16, y=num_y, mode="text", text=[str(j) for j in range(sizes[numbered])], hoverinfo="skip",
            showlegend=False, textposition="middle left", textfont=dict(color=TEXT_ON_DARK, size=12),
        ))
    marks = [(l, j) for l, j in changed if 1 <= l <= layer_count and 0 <= j < sizes[l]]
    if marks:
        traces.append(go.Scatter(
            x=[positions[l][0][j] for l, j in marks], y=[positions[l][1][j] for l, j in marks], mode="markers",
            hoverinfo="skip", showlegend=False, name="changed by hand",
            marker=dict(symbol="diamond-open", size=[node_size(sizes[l]) + 10 for l, _ in marks],
                        color=CHANGED_MARK, line=dict(width=2.5, color=CHANGED_MARK)),
        ))
    if selected is not None and 1 <= selected[0] <= layer_count and 0 <= selected[1] < sizes[selected[0]]:
        layer, neuron = selected
        traces.append(go.Scatter(
            x=[positions[layer][0][neuron]], y=[positions[layer][1][neuron]], mode="markers", hoverinfo="skip",
            showlegend=False, marker=dict(size=node_size(sizes[layer]) + 12, color="rgba(0,0,0,0)",
                                          line=dict(color=palette.highlight, width=3)),
        ))
    layout = _layout(names, xs, sizes, samples, step, height, palette, activation_legend(activation))
    return go.Figure(data=traces, layout=layout)


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


def _layout(names, xs, sizes, samples, step, height, palette, shades: str) -> go.Layout:
    x0, x1, y0, y1 = IMAGE_BOX
    headings = [dict(x=(x0 + x1) / 2, y=HEIGHT_UNITS - 0.2, text=f"{layer_symbol(0)} input: 28x28 = {sizes[0]} pixels")]
    headings += [dict(x=x, y=HEIGHT_UNITS - 0.2, text=f"{layer_symbol(l)} {names[l]} ({sizes[l]})")
                 for l, x in enumerate(xs, start=1)]
    for h in headings:
        h.update(showarrow=False, font=dict(color=TEXT_ON_DARK, size=13), xanchor="center")
    note = "<br>".join("shown " + s.describe(names[s.layer]) for s in samples if not s.complete)
    edges = (f"edges: <span style='color:{rgba(palette.positive, 1)}'>{palette.positive_name} = positive weight</span>, "
             f"<span style='color:{rgba(palette.negative, 1)}'>{palette.negative_name} = negative</span>, thicker = stronger")
    grey = "" if step is None or step >= len(names) - 1 else ", grey = not computed yet"
    legend_lines = [edges, f"neurons: {shades}{grey}"] + ([note] if note else [])
    annotations = headings + [legend_annotation(legend_lines)]
    shapes = []
    if step == 0:
        shapes.append(dict(type="rect", x0=x0 - 0.05, x1=x1 + 0.05, y0=y0 - 0.05, y1=y1 + 0.05,
                           line=dict(color=palette.highlight, width=3)))
    return go.Layout(
        height=height + legend_height(legend_lines), margin=dict(l=8, r=8, t=8, b=8 + legend_height(legend_lines)),
        paper_bgcolor=NETWORK_BACKGROUND, plot_bgcolor=NETWORK_BACKGROUND, showlegend=False, annotations=annotations,
        shapes=shapes,
        xaxis=dict(visible=False, range=[-0.1, LAST_LAYER_X + 0.8], fixedrange=True),
        yaxis=dict(visible=False, range=[-0.45, HEIGHT_UNITS], fixedrange=True, scaleanchor="x", scaleratio=1),
        dragmode=False, hovermode="closest", uirevision="network", clickmode="event+select",
        meta={"edge_samples": [(s.layer, s.shown, s.total) for s in samples]},
    )
