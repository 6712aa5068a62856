"""The cost landscape over two parameters, with gradient descent's walks on it, and their progress per step."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

PLAIN = "#ff4136"       # the plain gradient-descent walk, on every picture of this page
MOMENTUM = "#00e5ff"    # the walk with momentum
SECOND = "#f012be"      # a second walk from another start (two valleys)
MARK_LINE = "#222222"


@dataclass(frozen=True)
class WalkTrace:
    """One walk to draw: its points (steps + 1, 2), name and colour; ``start``: the name of its own start mark
    (None: it starts where the main walk starts, or its start is not marked)."""

    path: np.ndarray
    name: str
    colour: str = PLAIN
    start: str | None = None


LOCAL_MARK = "#9e9e9e"  # a valley bottom that is not the lowest point (a local minimum): a grey mark


@dataclass(frozen=True)
class Mark:
    """A point worth knowing (the lowest point, the trained values, a local minimum), drawn as a white (or
    ``colour``) symbol."""

    x: float
    y: float
    name: str
    symbol: str = "x"
    colour: str = "#ffffff"


def landscape_figure(p1: np.ndarray, p2: np.ndarray, cost: np.ndarray, path: np.ndarray, names: tuple[str, str],
                     shown_steps: int | None = None, landmark: tuple[float, float, str] | None = None,
                     height: int = 520, *, walks: tuple[WalkTrace, ...] = (), marks: tuple[Mark, ...] = (),
                     guide: tuple[int, float] | None = None, path_name: str = "gradient descent") -> go.Figure:
    """Contour map of C(p1, p2); each walk's first ``shown_steps`` steps as a line of dots.

    ``path`` is the main walk; ``walks`` adds more (e.g. with momentum). ``marks`` and then
    ``landmark`` (x, y, name) mark points worth knowing; ``guide`` (axis, value) draws the dashed
    line along which a one-parameter curve is taken (axis 0: p2 = value, horizontal).
    """
    shade, colorbar = contour_shading(np.asarray(cost, dtype=np.float64))
    traces = [go.Contour(x=p1, y=p2, z=shade, colorscale="Viridis", ncontours=28,  # dark valleys, bright hills
                         contours=dict(showlines=True, coloring="heatmap"), line=dict(width=0.5, color="rgba(0,0,0,0.25)"),
                         colorbar=colorbar, customdata=cost,
                         hovertemplate=f"{names[0]} = %{{x:.2f}}<br>{names[1]} = %{{y:.2f}}<br>C = %{{customdata:.4f}}"
                                       "<extra></extra>")]
    if guide is not None:
        axis, value = guide
        xs, ys = ([p1[0], p1[-1]], [value, value]) if axis == 0 else ([value, value], [p2[0], p2[-1]])
        traces.append(go.Scatter(x=xs, y=ys, mode="lines", name="the curve above", hoverinfo="skip",
                                 line=dict(color="rgba(255,255,255,0.8)", width=1.5, dash="dash")))
    ends = []
    for walk in (WalkTrace(np.asarray(path), path_name, PLAIN), *walks):
        shown = walk.path if shown_steps is None else walk.path[: shown_steps + 1]
        traces.append(go.Scatter(x=shown[:, 0], y=shown[:, 1], mode="lines+markers", name=walk.name,
                                 line=dict(color=walk.colour, width=2), marker=dict(size=5, color=walk.colour),
                                 hovertemplate=f"{walk.name}, step %{{pointNumber}}<extra></extra>"))
        ends.append((shown[-1], walk))
    traces.append(go.Scatter(x=[path[0, 0]], y=[path[0, 1]], mode="markers", name="start", hoverinfo="skip",
                             marker=dict(size=13, color="white", line=dict(color="black", width=2))))
    for walk in walks:
        if walk.start is not None:
            traces.append(go.Scatter(x=walk.path[:1, 0], y=walk.path[:1, 1], mode="markers", name=walk.start,
                                     hoverinfo="skip", marker=dict(size=13, color="white", symbol="square",
                                                                   line=dict(color=walk.colour, width=3))))
    for now, walk in ends:
        traces.append(go.Scatter(x=[now[0]], y=[now[1]], mode="markers", showlegend=False, hoverinfo="skip",
                                 marker=dict(size=14, color=walk.colour, symbol="star", line=dict(color="white", width=1))))
    for mark in (*marks, *([Mark(*landmark)] if landmark is not None else [])):
        traces.append(go.Scatter(x=[mark.x], y=[mark.y], mode="markers", name=mark.name,
                                 hovertemplate=f"{mark.name}<br>({mark.x:.2f}, {mark.y:.2f})<extra></extra>",
                                 marker=dict(size=14, symbol=mark.symbol, color=mark.colour,
                                             line=dict(width=1.5, color=MARK_LINE))))  # seen on map and legend
    annotations = []
    outside = [(now, walk) for now, walk in ends if not (p1[0] <= now[0] <= p1[-1] and p2[0] <= now[1] <= p2[-1])]
    if outside:
        text = "; ".join(f"{walk.name} has left the map: now at ({_short(now[0])}, {_short(now[1])})"
                         for now, walk in outside)
        annotations.append(dict(x=0.5, y=0.97, xref="paper", yref="paper", showarrow=False, text=text,
                                bgcolor="rgba(255,255,255,0.85)", font=dict(size=12)))
    # the whole layout at once: update_layout and add_annotation each cost milliseconds of validation
    return go.Figure(traces, layout=dict(  # the legend below the map, so that a narrow column keeps a square map
        dragmode=False, height=height, margin=dict(l=50, r=10, t=30, b=40), showlegend=True, uirevision="landscape",
        legend=dict(orientation="h", x=0, y=-0.2, yanchor="top", bgcolor="rgba(0,0,0,0)", font=dict(size=12)),
        xaxis=dict(title=names[0], range=[p1[0], p1[-1]]), yaxis=dict(title=names[1], range=[p2[0], p2[-1]]),
        annotations=annotations))


def _short(value: float) -> str:
    """A coordinate for a note: three significant digits, a true minus sign."""
    return f"{value:.3g}".replace("-", "−")


def contour_shading(cost: np.ndarray) -> tuple[np.ndarray, dict]:
    """What the map's colours stand for: C itself, or log10 C when most of the map would be one colour.

    A real network's landscape is often a wide, nearly flat floor with steep walls at the edges;
    on a linear scale the floor is one dark colour and its shape disappears.
    """
    low, high = float(cost.min()), float(cost.max())
    median = float(np.median(cost))
    if high <= low or median - low > 0.1 * (high - low):
        return cost, dict(title=dict(text="cost C", side="right"), thickness=10)
    floor = max(low, 1e-6)
    shade = np.log10(np.maximum(cost, floor))
    ticks = [v for v in (1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100) if floor <= v <= high]
    colorbar = dict(title=dict(text="cost C (log scale)", side="right"), thickness=10,
                    tickvals=np.log10(ticks).tolist(), ticktext=[f"{v:g}" for v in ticks])
    return shade, colorbar


@dataclass(frozen=True)
class Progress:
    """One walk's cost after each step and (when the landscape has a lowest point) its distance from it."""

    name: str
    costs: np.ndarray
    distances: np.ndarray | None = None
    colour: str = PLAIN


def progress_figure(walks: tuple[Progress, ...], shown_steps: int | None = None, lowest_cost: float | None = None,
                    height: int | None = None) -> go.Figure:
    """Cost per step (top) and distance from the lowest point per step (below, if known), for each walk.

    A dotted line marks the lowest cost, so "low" reads against the bottom of the valley, not against 0.
    """
    distances = all(w.distances is not None for w in walks)
    height = height or (330 if distances else 220)
    steps = max(len(w.costs) for w in walks) - 1
    traces = []
    for walk in walks:
        end = len(walk.costs) if shown_steps is None else min(shown_steps + 1, len(walk.costs))
        x = np.arange(end)
        traces.append(go.Scatter(x=x, y=walk.costs[:end], mode="lines",
                                 line=dict(color=walk.colour), name=walk.name, legendgroup=walk.name,
                                 hovertemplate=f"{walk.name}, step %{{x}}: C = %{{y:.4f}}<extra></extra>"))
        if distances:
            traces.append(go.Scatter(x=x, y=walk.distances[:end], mode="lines",
                                     line=dict(color=walk.colour), name=walk.name, legendgroup=walk.name,
                                     showlegend=False, xaxis="x2", yaxis="y2",
                                     hovertemplate=f"{walk.name}, step %{{x}}: %{{y:.3g}} from the lowest point"
                                                   "<extra></extra>"))
    top = dict(domain=[0.58, 1.0]) if distances else dict(domain=[0.0, 1.0])
    layout = dict(dragmode=False, height=height, margin=dict(l=55, r=10, t=30 if len(walks) > 1 else 10, b=40),
                  plot_bgcolor="white", showlegend=len(walks) > 1, legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom"),
                  xaxis=dict(range=[0, max(steps, 1)], anchor="y", showticklabels=not distances,
                             title=None if distances else "step", gridcolor="#eeeeee"),
                  yaxis=dict(title="cost C", rangemode="tozero", gridcolor="#eeeeee", nticks=5, **top))
    if lowest_cost is not None:   # a shape in the layout: add_hline costs ten times more
        layout["shapes"] = [dict(type="line", xref="x domain", x0=0, x1=1, yref="y", y0=lowest_cost, y1=lowest_cost,
                                 line=dict(color="#555555", width=1, dash="dot"))]
    if distances:
        layout.update(xaxis2=dict(title="step", range=[0, max(steps, 1)], anchor="y2", gridcolor="#eeeeee"),
                      yaxis2=dict(title="distance to ◆", rangemode="tozero", anchor="x2", domain=[0.0, 0.42],
                                  gridcolor="#eeeeee", nticks=4))   # a short axis: few numbers, never touching
    return go.Figure(traces, layout=layout)
