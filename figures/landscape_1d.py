"""The cost along one parameter as a curve, with gradient descent's walk as a ball rolling on it."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from figures.landscape import MARK_LINE, PLAIN, Mark
from figures.numbers import signed_figures

CURVE = "#3b3f5c"
TANGENT = "#f39c12"


@dataclass(frozen=True)
class Ball:
    """Another ball on the same curve: its walk's values (steps + 1,), their costs, a name and a colour."""

    path: np.ndarray
    costs: np.ndarray
    name: str
    colour: str


def curve_figure(values: np.ndarray, costs: np.ndarray, path: np.ndarray, path_costs: np.ndarray, name: str,
                 shown_steps: int | None = None, at: int | None = None, slope: float | None = None,
                 next_value: float | None = None, marks: tuple[Mark, ...] = (), height: int = 380,
                 symbol: str | None = None, others: tuple[Ball, ...] = (), path_name: str = "gradient descent"
                 ) -> go.Figure:
    """C(p) along one parameter; the walk's first ``shown_steps`` steps as dots on the curve.

    ``others`` are more balls rolling on the same curve (from other starts), drawn the same way.

    At step ``at`` of the walk (default: the last shown): the tangent, whose slope is ``slope``
    (dC/dp there), and an arrow to where that step lands, ``next_value`` (step = −η × slope).
    ``symbol`` is what the slope's formula calls the parameter (default: ``name``).
    """
    symbol = symbol or name
    values, costs = np.asarray(values, dtype=np.float64), np.asarray(costs, dtype=np.float64)
    end = len(path) if shown_steps is None else min(shown_steps + 1, len(path))
    walk, walk_costs = np.asarray(path, dtype=np.float64)[:end], np.asarray(path_costs, dtype=np.float64)[:end]
    low_x, high_x = float(values[0]), float(values[-1])
    low_c, high_c = float(costs.min()), float(costs.max())
    pad = 0.08 * (high_c - low_c or 1.0)   # and more above, for the step's label
    traces = [
        go.Scatter(x=values, y=costs, mode="lines", name=f"cost C along {name}", line=dict(color=CURVE, width=2.5),
                   showlegend=False,
                   hovertemplate=f"{name} = %{{x:.2f}}<br>C = %{{y:.4f}}<extra></extra>"),
        go.Scatter(x=walk, y=walk_costs, mode="lines+markers", name=path_name, line=dict(color=PLAIN, width=1.5),
                   marker=dict(size=7, color=PLAIN), hovertemplate="step %{pointNumber}: C = %{y:.4f}<extra></extra>"),
        go.Scatter(x=walk[:1], y=walk_costs[:1], mode="markers", name="start", hoverinfo="skip",
                   marker=dict(size=13, color="white", line=dict(color="black", width=2))),
        go.Scatter(x=walk[-1:], y=walk_costs[-1:], mode="markers", showlegend=False, hoverinfo="skip",
                   marker=dict(size=16, color=PLAIN, symbol="circle", line=dict(color="white", width=2))),
    ]
    for ball in others:
        seen = len(ball.path) if shown_steps is None else min(shown_steps + 1, len(ball.path))
        values, ball_costs = np.asarray(ball.path, dtype=np.float64)[:seen], np.asarray(ball.costs, dtype=np.float64)[:seen]
        traces += [
            go.Scatter(x=values, y=ball_costs, mode="lines+markers", name=ball.name, line=dict(color=ball.colour, width=1.5),
                       marker=dict(size=7, color=ball.colour),
                       hovertemplate=f"{ball.name}, step %{{pointNumber}}: C = %{{y:.4f}}<extra></extra>"),
            go.Scatter(x=values[:1], y=ball_costs[:1], mode="markers", showlegend=False, hoverinfo="skip",
                       marker=dict(size=13, color="white", symbol="square", line=dict(color=ball.colour, width=3))),
            go.Scatter(x=values[-1:], y=ball_costs[-1:], mode="markers", showlegend=False, hoverinfo="skip",
                       marker=dict(size=16, color=ball.colour, line=dict(color="white", width=2))),
        ]
    at = len(walk) - 1 if at is None else min(at, len(walk) - 1)
    now, now_cost = float(walk[at]), float(walk_costs[at])
    inside = low_x <= now <= high_x
    if slope is not None and inside:
        half = 0.12 * (high_x - low_x)
        xs = np.array([max(now - half, low_x), min(now + half, high_x)])
        traces.append(go.Scatter(x=xs, y=now_cost + slope * (xs - now), mode="lines", hoverinfo="skip",
                                 name=f"slope: dC/d{symbol} = {signed_figures(slope)}", line=dict(color=TANGENT, width=4)))
    for mark in marks:
        traces.append(go.Scatter(x=[mark.x], y=[mark.y], mode="markers", name=mark.name,
                                 hovertemplate=f"{mark.name}<br>{name} = {mark.x:.2f}<extra></extra>",
                                 marker=dict(size=13, symbol=mark.symbol, color=mark.colour,
                                             line=dict(width=1.5, color=MARK_LINE))))
    annotations = []
    if slope is not None and next_value is not None and inside and next_value != now:
        target = float(np.clip(next_value, low_x, high_x))
        annotations.append(dict(x=target, y=now_cost, ax=now, ay=now_cost, xref="x", yref="y", axref="x", ayref="y",
                                showarrow=True, arrowhead=3, arrowwidth=2, arrowcolor=TANGENT, text=""))
        label = f"next step: −η × slope = {signed_figures(next_value - now)}"
        if target != next_value:
            label += " (off the picture)"
        annotations.append(dict(x=now, y=now_cost, yshift=18, showarrow=False, text=label,  # on the side the ball goes
                                xanchor="right" if target < now else "left",
                                font=dict(size=12, color="#7a4a00"), bgcolor="rgba(255,255,255,0.8)"))
    last = float(walk[-1])
    if not low_x <= last <= high_x:
        annotations.append(dict(x=0.5, y=0.97, xref="paper", yref="paper", showarrow=False, font=dict(size=12),
                                bgcolor="rgba(255,255,255,0.85)",
                                text=f"the walk has left the picture: now at {name} = {signed_figures(last)}"))
    return go.Figure(traces, layout=dict(  # the whole layout at once: update_layout costs milliseconds
        dragmode=False, height=height, margin=dict(l=55, r=10, t=20, b=40), plot_bgcolor="white", uirevision="curve",
        legend=dict(orientation="h", x=0, y=-0.22, yanchor="top", bgcolor="rgba(0,0,0,0)", font=dict(size=12)),
        xaxis=dict(title=name, range=[low_x, high_x], gridcolor="#eeeeee"),
        yaxis=dict(title="cost C", range=[low_c - pad, high_c + 2.5 * pad], gridcolor="#eeeeee"),
        annotations=annotations))


def fits_figure(x: np.ndarray, y: np.ndarray, neurons: tuple[tuple[float, float], ...], names: tuple[str, ...],
                height: int = 290) -> go.Figure:
    """The points (x, y) a neuron a = σ(w·x + b) is fitted to, and its curve for each (w, b) in ``neurons``:
    the first solid (the lowest point), the others dashed (local minima)."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    xs = np.linspace(x.min() - 1.0, x.max() + 1.0, 200)
    traces = []
    for i, ((w, b), name) in enumerate(zip(neurons, names)):
        traces.append(go.Scatter(x=xs, y=0.5 + 0.5 * np.tanh(0.5 * (w * xs + b)), mode="lines", name=name,
                                 line=dict(color=CURVE, width=2.5, dash="solid" if i == 0 else "dash"),
                                 hovertemplate=f"{name}<br>x = %{{x:.2f}}: a = %{{y:.2f}}<extra></extra>"))
    traces.append(go.Scatter(x=x, y=y, mode="markers", name="the points (x, y)",
                             marker=dict(size=11, color=TANGENT, line=dict(color="black", width=1)),
                             hovertemplate="x = %{x:g}, y = %{y:g}<extra></extra>"))
    return go.Figure(traces, layout=dict(
        dragmode=False, height=height, margin=dict(l=45, r=10, t=10, b=40), plot_bgcolor="white",
        legend=dict(orientation="h", x=0, y=-0.3, yanchor="top", font=dict(size=12)),
        xaxis=dict(title="x", gridcolor="#eeeeee"), yaxis=dict(title="a", range=[-0.05, 1.05], gridcolor="#eeeeee")))
