"""Backpropagation for one example, drawn on the network: who wants to change, and by how much.

Neurons show the push on their z = Σ w·a + b, −δ = −∂C/∂z: exactly what the weights and the bias
into that neuron receive (∂C/∂w = δ a, ∂C/∂b = δ). At the outputs of softmax with cross-entropy it
is y − a. The pixels, which have no z, show their wish −∂C/∂a⁽⁰⁾. Edges show how each weight should
move, −∂C/∂w. Colour is the direction (the palette's positive colour: should increase; negative:
should decrease), never a weight's sign here.
Size and strength follow ONE absolute scale, the same for every layer, step and example:
``WISH_FULL`` or more is drawn full size and colour, so tiny wishes look tiny and a network that
already gets the example right gives a faint picture. The error starts at the output and travels
backwards; ``step`` says how far it has got (L = only the output, 0 = back to the pixels).
"""
from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from figures.colours import NETWORK_BACKGROUND, NODE_OUTLINE, NOT_COMPUTED, STANDARD, TEXT_ON_DARK, Palette, rgba
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
    strongest_incoming,
)
from figures.network_style import legend_annotation, legend_height
from figures.numbers import bar_label, signed_number
from figures.training import TEST_COLOUR, TRAINING_COLOUR
from nn_core.network import layer_names

WISH_FULL = 0.5                       # a wish or gradient this big or bigger: full size and colour
EDGE_FLOOR = 0.01                     # gradients smaller than this are not drawn
EDGE_BINS = np.array([0.1, 0.3, 0.6])  # strength (|value| / WISH_FULL) bins for edge width and opacity
EDGE_OPACITY = (0.25, 0.5, 0.75, 0.95)
EDGE_WIDTH = (0.6, 1.1, 1.8, 2.6)
EMPHASIS = {"active": 1.0, "done": 0.45, "pending": 0.0}


NARROW_STRETCH = 2.2   # a narrow screen (a phone): y drawn 2.2 times taller than x, so a column's neurons spread out
# The picture's lowest y: the lowest neurons sit at 0.3 and the frame around a layer reaches 0.08. The live view's
# -0.45 (Inside) leaves room this figure does not use: here it was an empty dark band above the legend.
BOTTOM = -0.05
NARROW_LINE = 60   # characters in a line of the legend on a phone (its 12 px text: about 5.3 px each)


def strength(values: np.ndarray, full: float = WISH_FULL) -> np.ndarray:
    """0..1: how strongly a wish or gradient is drawn, on the one absolute scale."""
    return np.clip(np.abs(np.asarray(values, dtype=np.float64)) / full, 0.0, 1.0)


def _emphasis(layer: int, step: int | None) -> str:
    """Edges into ``layer`` get their gradient once the error has reached layer - 1."""
    if step is None or layer > step + 1:
        return "done"
    return "active" if layer == step + 1 else "pending"


def _edge_traces(values, ranks, targets, samples, positions, emphasis, palette: Palette, full: float,
                 stretch: float = 1.0) -> list:
    """The drawn edges, one line trace per (emphasis, direction, strength bin); absolute widths."""
    groups: dict = {}
    for sample, value, rank, target, lit in zip(samples, values, ranks, targets, emphasis):
        if EMPHASIS[lit] == 0:
            continue
        to, source = strongest_incoming(rank, sample.shown, target)
        shown = value[to, source]
        keep = np.abs(shown) >= EDGE_FLOOR
        to, source, shown = to[keep], source[keep], shown[keep]
        if sample.layer == 1:
            x0, y0 = pixel_xy(source)
            y0 = _squeezed(y0, stretch)
        else:
            x0, y0 = positions[sample.layer - 1][0][source], positions[sample.layer - 1][1][source]
        x1, y1 = positions[sample.layer][0][to], positions[sample.layer][1][to]
        bins = np.searchsorted(EDGE_BINS, strength(shown, full))
        for positive in (True, False):
            for strength_bin in range(len(EDGE_OPACITY)):
                chosen = ((shown > 0) == positive) & (bins == strength_bin)
                if chosen.any():
                    groups.setdefault((lit, positive, strength_bin), []).append(
                        segments(x0[chosen], y0[chosen], x1[chosen], y1[chosen]))
    traces = []
    for (lit, positive, strength_bin), parts in sorted(groups.items()):
        colour = palette.positive if positive else palette.negative
        traces.append(go.Scatter(
            x=np.concatenate([p[0] for p in parts]), y=np.concatenate([p[1] for p in parts]), mode="lines",
            hoverinfo="skip", showlegend=False,
            line=dict(color=rgba(colour, EDGE_OPACITY[strength_bin] * EMPHASIS[lit]), width=EDGE_WIDTH[strength_bin])))
    return traces


def _squeezed(y, stretch: float):
    """An image height (in layout units) squeezed towards the image's middle, so that with y drawn ``stretch``
    times taller than x the 28x28 image stays square."""
    middle = (IMAGE_BOX[2] + IMAGE_BOX[3]) / 2
    return middle + (np.asarray(y) - middle) / stretch


def _hover(name: str, nudge: np.ndarray, quantity: str, output: bool, details: Sequence[str] | None = None) -> list[str]:
    """'digit 3 should go down (−0.0120)' for outputs, 'hidden 2, neuron 5 should go up (+0.41)' otherwise;
    then what the number is, and a neuron's ``details`` (more numbers, at the full level) when given."""
    lines = []
    for j, v in enumerate(nudge):
        who = f"digit {j}" if output else f"{name}, neuron {j}"
        way = "up" if v > 0 else "down" if v < 0 else "nowhere"
        more = f"<br>{details[j]}" if details is not None else ""
        lines.append(f"{who} should go {way} ({signed_number(float(v))})<br>{quantity}{more}")
    return lines


def _pixel_hover(wish: np.ndarray) -> list[list[str]]:
    """'pixel (12, 5) should be brighter (+0.123)' for each of the 28 x 28 pixels."""
    def words(v: float) -> str:
        return "brighter" if v > 0 else "darker" if v < 0 else "as it is"

    return [[f"pixel ({r}, {c}) should be {words(float(wish[r, c]))} ({signed_number(float(wish[r, c]))})"
             for c in range(28)] for r in range(28)]


def _nudge_trace(layer: int, name: str, nudge: np.ndarray, xy, reached: bool,
                 palette: Palette, quantity: str, output: bool, full: float, details=None) -> go.Scatter:
    n = len(nudge)
    s = strength(nudge, full)
    colours = [rgba(palette.positive if v >= 0 else palette.negative, 0.12 + 0.88 * t) for v, t in zip(nudge, s)]
    base = node_size(n)
    return go.Scatter(
        x=xy[0], y=xy[1], mode="markers", showlegend=False, name=name,
        customdata=np.column_stack([np.full(n, layer), np.arange(n)]),
        marker=dict(size=base * (0.35 + 0.85 * s) if reached and n <= COLUMN_LIMIT else base,
                    color=colours if reached else NOT_COMPUTED, symbol="circle" if n <= COLUMN_LIMIT else "square",
                    line=dict(color=NODE_OUTLINE, width=0.6)),
        hovertext=_hover(name, nudge, quantity, output, details) if reached else None,
        hoverinfo="text" if reached else "skip",
    )


def _frame(xy, n: int, box) -> dict | None:
    """The rectangle around the layer the error has just reached (a layer's column, or the image)."""
    if box is not None:
        x0, x1, y0, y1 = box
        return dict(x0=x0 - 0.05, x1=x1 + 0.05, y0=y0 - 0.05, y1=y1 + 0.05)
    if xy is None:
        return None
    pad = 0.22 if n <= COLUMN_LIMIT else 0.12
    return dict(x0=float(xy[0].min()) - pad, x1=float(xy[0].max()) + pad, y0=float(xy[1].min()) - pad,
                y1=float(xy[1].max()) + pad)


def largest_wishes(nudges: Sequence[np.ndarray]) -> list[float]:
    """The largest |value| drawn in each layer, 0 (pixels) .. L (outputs): what the legend prints."""
    return [float(np.abs(np.asarray(n)).max()) if len(n) else 0.0 for n in nudges]


@dataclass(frozen=True)
class WishWords:
    """How the picture names what it draws: with the derivatives (the full level) or in words (the simple level)."""

    neuron: str        # what a neuron shows (hover)
    neurons: str       # ... in the legend
    pixels: str        # the pixels' heading at the last step
    pixel_legend: str  # what the pixels show, in the legend
    edges: str         # what an edge shows


MATHS = WishWords("push on z: −δ = −∂C/∂z",
                  "the push −δ = −∂C/∂z on z = Σ w·a + b,<br>what the weights and bias into the neuron receive",
                  "pixels' wish −∂C/∂a⁽⁰⁾", "pixels: their wish −∂C/∂a⁽⁰⁾ (they have no z)", "−∂C/∂w = −δ × a")
IN_WORDS = WishWords("push on its z = Σ w·a + b",
                     "the push on z = Σ w·a + b (weighted sum plus bias),<br>what the weights and bias into the neuron get",
                     "pixels' wish", "pixels: brighter or darker would lower the cost", "how each weight should change")


def backprop_figure(
    weights: Sequence[np.ndarray],
    inputs: np.ndarray,
    nudges: Sequence[np.ndarray],
    weight_gradients: Sequence[np.ndarray],
    *,
    step: int | None = None,
    palette: Palette = STANDARD,
    output_quantity: str = "−∂C/∂z = y − a",
    height: int = 470,
    full: float = WISH_FULL,
    narrow: bool = False,
    legend_scale: float = 1.0,
    words: WishWords = MATHS,
    details: Sequence[Sequence[str]] | None = None,
) -> go.Figure:
    """``nudges[0]`` is the pixels' wish −∂C/∂a⁽⁰⁾; ``nudges[l]`` for l = 1 .. L is −δ⁽ˡ⁾ = −∂C/∂z⁽ˡ⁾, the push on
    each neuron's z, which is what the weights and bias into it receive (y − a at softmax outputs).

    ``weight_gradients[l-1]`` is ∂C/∂W⁽ˡ⁾. ``output_quantity`` names what the outputs show for this cost.
    ``full`` is the absolute scale: a push or gradient of that size is drawn full. ``details[l]`` (optional,
    l = 0 .. L; entry 0 unused) adds a line per neuron to its hover.
    ``legend_scale``: how much larger the legend's text will be shown (large text), so its room grows too.
    ``narrow`` (a phone): the picture is drawn taller than wide and the headings take two lines, so
    the ten outputs' digits and the column headings keep clear of each other.
    """
    layer_count = len(weights)
    sizes = [len(inputs)] + [w.shape[0] for w in weights]
    names = layer_names(layer_count)
    layout = layout_for(sizes, 8)
    xs, positions, samples = layout.columns, layout.positions, list(layout.samples)
    stretch = NARROW_STRETCH if narrow else 1.0
    x0, x1 = IMAGE_BOX[:2]
    y0, y1 = (float(v) for v in _squeezed(IMAGE_BOX[2:], stretch))
    at_pixels = step == 0
    image = (nudges[0] if at_pixels else np.asarray(inputs)).reshape(28, 28)
    traces: list = [go.Heatmap(
        z=image[::-1], x0=x0 + (x1 - x0) / 56, dx=(x1 - x0) / 28, y0=y0 + (y1 - y0) / 56, dy=(y1 - y0) / 28,
        colorscale=palette.weight_scale if at_pixels else [[0, "#000"], [1, "#fff"]],
        zmin=-full if at_pixels else 0.0, zmax=full if at_pixels else 1.0, showscale=False,
        text=_pixel_hover(image)[::-1] if at_pixels else None, hoverinfo="text" if at_pixels else "skip",
    )]
    values = [-np.asarray(g) for g in weight_gradients]
    ranks = [np.abs(g) for g in weight_gradients]
    targets = [edge_targets(np.abs(nudges[l])) for l in range(1, layer_count + 1)]
    emphasis = [_emphasis(l, step) for l in range(1, layer_count + 1)]
    traces += _edge_traces(values, ranks, targets, samples, positions, emphasis, palette, full, stretch)
    for layer in range(1, layer_count + 1):
        reached = step is None or layer >= step
        output = layer == layer_count
        quantity = output_quantity if output else words.neuron
        traces.append(_nudge_trace(layer, names[layer], np.asarray(nudges[layer]), positions[layer], reached,
                                   palette, quantity, output, full, details[layer] if details else None))
    out_x, out_y = positions[layer_count]
    traces.append(go.Scatter(x=out_x + 0.32, y=out_y, mode="text", text=[str(d) for d in range(sizes[-1])],
                             textposition="middle right", hoverinfo="skip", showlegend=False,
                             textfont=dict(color=TEXT_ON_DARK, size=14)))
    headings = [dict(x=(x0 + x1) / 2, text=words.pixels if at_pixels else "input")]
    gap = "<br>" if narrow else " "
    headings += [dict(x=x, text=f"{names[l]}{gap}({sizes[l]})") for l, x in enumerate(xs, start=1)]
    for h in headings:
        h.update(showarrow=False, font=dict(color=TEXT_ON_DARK, size=13), xanchor="center",
                 **(dict(y=HEIGHT_UNITS - 0.02, yanchor="top") if narrow else dict(y=HEIGHT_UNITS - 0.2)))
    lines = legend_lines(names, nudges, step, palette, full, samples, words, output_quantity)
    if narrow:   # a phone's figure is about 340 px wide: NARROW_LINE characters of the legend's text
        lines = [_wrapped(line) for line in lines]
    frame = _frame(positions[step] if step else None, sizes[step] if step else 0, (x0, x1, y0, y1) if step == 0 else None)
    layout = go.Layout(
        shapes=[dict(type="rect", **frame, line=dict(color=palette.highlight, width=2))] if frame else [],
        height=height + legend_height(lines, legend_scale), margin=dict(l=8, r=8, t=8, b=8 + legend_height(lines, legend_scale)),
        paper_bgcolor=NETWORK_BACKGROUND, plot_bgcolor=NETWORK_BACKGROUND, showlegend=False, dragmode=False,
        uirevision="backprop", annotations=headings + [legend_annotation(lines)],
        xaxis=dict(visible=False, range=[-0.1, LAST_LAYER_X + 0.8], fixedrange=True),
        yaxis=dict(visible=False, range=[BOTTOM, HEIGHT_UNITS], fixedrange=True, scaleanchor="x", scaleratio=stretch),
        meta={"full": full, "largest": largest_wishes(nudges)},
    )
    return go.Figure(traces, layout)


def _size(value: float) -> str:
    """Two significant figures, trailing zeros kept ('1.0', '0.58'), or 'under 0.001'."""
    return f"{value:#.2g}".rstrip(".") if value >= 1e-3 else "under 0.001"


def _wrapped(line: str) -> str:
    """A legend entry in lines of at most NARROW_LINE characters (the coloured first entry is short: kept whole)."""
    if "<span" in line:
        return line
    return "<br>".join("<br>".join(textwrap.wrap(part, NARROW_LINE)) for part in line.split("<br>"))


def legend_lines(names, nudges, step, palette: Palette, full: float, samples, words: WishWords = MATHS,
                 output_quantity: str = "y − a") -> list[str]:
    """What the colours and sizes mean, the one scale, and the largest value drawn in every layer reached."""
    positive = f"<span style='color:{rgba(palette.positive, 1)}'>{palette.positive_name} = should increase</span>"
    negative = f"<span style='color:{rgba(palette.negative, 1)}'>{palette.negative_name} = should decrease</span>"
    largest = largest_wishes(nudges)
    reached = range(len(nudges)) if step is None else range(step, len(nudges))
    pushes = ", ".join(f"{_size(largest[l])} ({names[l]})" for l in reversed(reached) if l > 0)
    lines = [
        f"{positive}, {negative}:",
        "colours are wishes here, not the weights' signs as on Inside",
        f"neurons: {words.neurons} (outputs: {output_quantity})",
        f"edges: {words.edges}",
        f"one scale: {full:g} or more = full size and colour"
        + ("" if step == len(nudges) - 1 else f"; edges under {EDGE_FLOOR:g} not drawn"),
        f"largest push: {pushes}" + (f"; largest pixel wish {_size(largest[0])}" if step == 0 else ""),
    ]
    if step == 0:   # the image shows the pixels' wish (at every other step, the digit itself)
        lines.insert(4, words.pixel_legend)
    for sample in samples:
        if not sample.complete:
            text = f"shown into {names[sample.layer]}: the {sample.shown} largest gradients of {sample.total} per neuron"
            if sample.targets < sample.neurons:
                text += f", for its {sample.targets} neurons of {sample.neurons} with the largest pushes"
            lines.append(text)
    if max(largest[l] for l in reached if l > 0 or step == 0) < 0.05 * full:
        lines.append("every wish is tiny: the network already gets this example right, so the picture is faint")
    return lines


TITLE_GAP = 6      # px between the wish bars' title and the top of their plot area


def bars_title(figure: go.Figure) -> str:
    """The wish bars' title (an annotation standing on the plot area: see ``nudge_bars``)."""
    return next(a.text for a in figure.layout.annotations if a.yanchor == "bottom" and a.yref == "paper")


def zero_label(value: float, below: float = 0.005) -> str:
    """A wish bar's label: '≈ 0' under ``below`` (the simple level: what would print as ±0.00), else as ``bar_label``.

    With ``below=0.00005`` (the full level) it keeps four decimals and never prints a power of ten: −9·10⁻⁵ is
    '−0.0001', −3·10⁻⁶ is '≈ 0' (a bar too short to see either way; its hover keeps the exact value).
    """
    if value != 0 and abs(value) < below:
        return "≈ 0"
    return bar_label(round(value, 4) if abs(value) < 1e-4 else value)


def nudge_bars(nudge: np.ndarray, label: int, palette: Palette = STANDARD, height: int = 230, *,
               quantity: str = "−∂C/∂a = y − a", target: str = "activation", rounded: bool = False) -> go.Figure:
    """What each output should do: y − a, up for the right digit, down (≤ 0) for the others.

    ``quantity`` is the cost record's ``output_wish`` and ``target`` the thing it is the wish of
    ("weighted sum" for −∂C/∂z, "activation" for −∂C/∂a). ``rounded`` (the simple level): labels
    too small to show in hundredths read "≈ 0"; the hover keeps every value exactly.
    """
    nudge = np.asarray(nudge, dtype=np.float64)
    colours = [rgba(palette.positive if v >= 0 else palette.negative, 0.9) for v in nudge]
    hover = [f"digit {d} should go {'up' if v > 0 else 'down' if v < 0 else 'nowhere'} ({signed_number(float(v))})"
             for d, v in enumerate(nudge)]
    fig = go.Figure(go.Bar(x=[str(d) for d in range(len(nudge))], y=nudge, marker_color=colours,
                           text=[zero_label(float(v), 0.005 if rounded else 0.00005) for v in nudge], textposition="outside",
                           cliponaxis=False,
                           hovertext=hover, hoverinfo="text"))
    value = float(nudge[label])
    beside = 48 if label < len(nudge) - 2 else -48      # point at the bar from the side, inside the chart
    # the y axis reaches to 1.38 so that a label over a bar near 1 stays under the title, even in large text
    fig.add_annotation(x=str(label), y=value, text="right answer", showarrow=True, arrowhead=2, ax=beside,
                       ay=0 if abs(value) > 0.45 else (-38 if value >= 0 else 38), yshift=0,
                       xanchor="left" if beside > 0 else "right", font=dict(size=12))
    fig.update_traces(textfont=dict(size=12))
    # labels too wide for their bar are hidden rather than shrunk below 12 px (hovering still tells)
    # The title is an annotation standing on the plot area's top edge, inside the top margin. A layout title anchored
    # to the container's top was drawn above the chart, under the figure before it; anchored to the plot area, its
    # second line fell onto the bars (plotly anchors a title by its first line). Both seen in Chromium.
    fig.add_annotation(text=f"wish for each output's {target}:<br>{quantity}", x=0, xref="paper", xanchor="left",
                       y=1, yref="paper", yanchor="bottom", yshift=TITLE_GAP, showarrow=False, align="left",
                       font=dict(size=13))
    fig.update_layout(dragmode=False, height=height + 30, margin=dict(l=48, r=10, t=64, b=40), plot_bgcolor="white",
                      uniformtext=dict(minsize=12, mode="hide"),
                      yaxis=dict(title="wish",
                                 range=[-1.18, 1.38], zeroline=True, fixedrange=True, tickvals=[-1, -0.5, 0, 0.5, 1],
                                 ticktext=["−1", "−0.5", "0", "0.5", "1"]),
                      xaxis=dict(title="output neuron (digit)", type="category", fixedrange=True))
    return fig


def walk_chart(test_accuracy: Sequence[float], train_cost: Sequence[float], cost_title: str,
               height: int = 250) -> go.Figure:
    """A walk of mini-batch steps, measured after each one: test accuracy (left) and average training cost (right).

    Entry 0 is the start, entry k the network after k steps. ``cost_title`` names the cost drawn (one per level),
    in two short lines for a phone.
    Infinite costs (a wrecked network) are left out of the line, not drawn at the top.
    """
    steps = np.arange(len(test_accuracy))
    accuracy = 100 * np.asarray(test_accuracy, dtype=np.float64)
    cost = np.asarray(train_cost, dtype=np.float64)
    cost = np.where(np.isfinite(cost), cost, np.nan)
    fig = go.Figure([
        go.Scatter(x=steps, y=accuracy, mode="lines+markers", xaxis="x", yaxis="y", line=dict(color=TEST_COLOUR, width=2),
                   hovertemplate="after step %{x}: %{y:.1f} % of the test digits right<extra></extra>"),
        go.Scatter(x=steps, y=cost, mode="lines+markers", xaxis="x2", yaxis="y2",
                   line=dict(color=TRAINING_COLOUR, width=2), hovertemplate="after step %{x}: %{y:.4f}<extra></extra>"),
    ])
    axis = dict(title="mini-batch steps taken", tickvals=list(steps), fixedrange=True, range=[-0.4, steps[-1] + 0.4])
    titles = [dict(x=x, y=1, xref="paper", yref="paper", yanchor="bottom", xanchor="center", showarrow=False, yshift=6,
                   text=text, font=dict(size=13)) for x, text in
              ((0.22, "test accuracy<br>on the 1,000 unseen digits"), (0.78, cost_title))]
    fig.update_layout(
        dragmode=False, height=height, margin=dict(l=50, r=10, t=52, b=44), plot_bgcolor="white", showlegend=False,
        annotations=titles,
        xaxis=dict(domain=[0, 0.44], **axis), xaxis2=dict(domain=[0.56, 1], anchor="y2", **axis),
        yaxis=dict(title="%", fixedrange=True, rangemode="tozero" if accuracy.min() < 50 else "normal"),
        yaxis2=dict(anchor="x2", fixedrange=True, rangemode="tozero"),
    )
    return fig
