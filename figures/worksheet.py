"""Line drawings for the printed worksheet: a neuron and the network, with numbered boxes to label (black on white).

    a = σ(w₁a₁ + w₂a₂ + b)          a^(1) = σ(W a^(0) + b), … for the layers 784 → 16 → 16 → 10

Shapes and annotations are collected as lists and set at once (plotly's add_shape is slow one by one). Both
drawings share one figure, side by side (x 0–10 the neuron, 10–20 the network), so that on paper they take one row.
"""
from __future__ import annotations

import plotly.graph_objects as go

INK = "#000000"
LINE_GREY = "#888888"


def _blank(x: float, y: float, number: int, width: int = 96) -> dict:
    """A numbered box to write a word in."""
    return dict(x=x, y=y, text=f"({number})" + "&nbsp;" * 18, width=width, align="left", showarrow=False,
                bordercolor=INK, borderwidth=1, borderpad=4, bgcolor="#ffffff", font=dict(size=13, color=INK))


def _label(x: float, y: float, text: str, size: int = 13) -> dict:
    return dict(x=x, y=y, text=text, showarrow=False, font=dict(size=size, color=INK))


def _arrow(x0: float, y0: float, x1: float, y1: float, head: int = 2) -> dict:
    return dict(x=x1, y=y1, ax=x0, ay=y0, axref="x", ayref="y", text="", arrowhead=head, arrowwidth=1.5,
                arrowcolor=INK)


def _circle(x: float, y: float, rx: float, ry: float, width: float = 2) -> dict:
    return dict(type="circle", x0=x - rx, x1=x + rx, y0=y - ry, y1=y + ry, line=dict(color=INK, width=width),
                fillcolor="#ffffff")


def _figure(shapes: list, annotations: list, height: int, width: float = 10) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(shapes=shapes, annotations=annotations, height=height, margin=dict(l=4, r=4, t=4, b=4),
                      plot_bgcolor="white", paper_bgcolor="white", showlegend=False,
                      xaxis=dict(visible=False, range=[0, width], fixedrange=True),
                      yaxis=dict(visible=False, range=[0, 4], fixedrange=True))
    return fig


def _shifted(items: list, dx: float) -> list:
    """Shapes or annotations moved right by ``dx`` (in x units)."""
    moved = []
    for item in items:
        item = dict(item)
        for key in ("x", "x0", "x1"):
            if key in item:
                item[key] += dx
        if item.get("axref") == "x":
            item["ax"] += dx
        moved.append(item)
    return moved


def pictures_to_label(sizes: tuple[int, ...], height: int = 210) -> go.Figure:
    """The neuron (boxes 1–5) and the network (boxes 6–8) side by side."""
    neuron_shapes, neuron_notes = _neuron_parts()
    network_shapes, network_notes = _network_parts(sizes)
    return _figure(neuron_shapes + _shifted(network_shapes, 10.5), neuron_notes + _shifted(network_notes, 10.5),
                   height, width=21.2)


def _neuron_parts() -> tuple[list, list]:
    shapes = [_circle(0.8, 3.2, 0.5, 0.45), _circle(0.8, 0.8, 0.5, 0.45), _circle(4.8, 2.0, 0.8, 0.8),
              dict(type="rect", x0=6.4, x1=7.6, y0=1.5, y1=2.5, line=dict(color=INK, width=2))]
    annotations = [
        _label(0.8, 3.2, "a₁ = 1"), _label(0.8, 0.8, "a₂ = 0"), _label(4.8, 2.0, "Σ  +", 18), _label(7.0, 2.0, "σ", 20),
        _label(9.4, 2.0, "a", 18),
        _arrow(1.35, 3.2, 4.0, 2.0), _arrow(1.35, 0.8, 4.0, 2.0), _arrow(5.6, 2.0, 6.4, 2.0), _arrow(7.6, 2.0, 8.9, 2.0),
        _arrow(4.8, 3.3, 4.8, 2.85, head=0),
        _blank(2.6, 3.35, 1),            # a weight (on the top arrow)
        _blank(4.8, 3.6, 2),             # the bias (into the sum)
        _blank(4.8, 0.6, 3),             # the weighted sum plus bias
        _blank(7.0, 0.6, 4),             # the sigmoid
        _blank(9.0, 3.2, 5, width=80),   # the activation
    ]
    return shapes, annotations


def _network_parts(sizes: tuple[int, ...]) -> tuple[list, list]:
    columns = len(sizes)
    xs = [1.0 + i * (8.0 / (columns - 1)) for i in range(columns)]
    ys = [[3.6 - j * (2.6 / max(n - 1, 1)) for j in range(n)] for n in (min(size, 6) for size in sizes)]
    lines = [dict(type="line", x0=xs[i], y0=y0, x1=xs[i + 1], y1=y1, line=dict(color=LINE_GREY, width=0.5))
             for i in range(columns - 1) for y0 in ys[i] for y1 in ys[i + 1]]
    circles = [_circle(x, y, 0.16, 0.13, width=1.5) for x, column in zip(xs, ys) for y in column]
    counts = [_label(x, 0.75, f"{size:,} neurons" if size > 6 else f"{size}", 12) for x, size in zip(xs, sizes)]
    hidden = sum(xs[1:-1]) / max(columns - 2, 1) if columns > 2 else (xs[0] + xs[-1]) / 2
    blanks = [_blank(x, 0.2, number, width=90) for number, x in ((6, xs[0]), (7, hidden), (8, xs[-1]))]
    return lines + circles, counts + blanks
