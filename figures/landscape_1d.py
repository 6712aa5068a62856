"""The cost along one parameter as a curve, with gradient descent's walk as a ball rolling on it."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from figures.landscape import MARK_LINE, PLAIN, Mark
from figures.numbers import signed_figures

CURVE = "#3b3f5c"
TANGENT = "#f39c12"


def curve_figure(values: np.ndarray, costs: np.ndarray, path: np.ndarray, path_costs: np.ndarray, name: str,
                 shown_steps: int | None = None, at: int | None = None, slope: float | None = None,
                 next_value: float | None = None, marks: tuple[Mark, ...] = (), height: int = 380,
                 symbol: str | None = None) -> go.Figure:
    """C(p) along one parameter; the walk's first ``shown_steps`` steps as dots on the curve.

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
        go.Scatter(x=walk, y=walk_costs, mode="lines+markers", name="gradient descent", line=dict(color=PLAIN, width=1.5),
                   marker=dict(size=7, color=PLAIN), hovertemplate="step %{pointNumber}: C = %{y:.4f}<extra></extra>"),
        go.Scatter(x=walk[:1], y=walk_costs[:1], mode="markers", name="start", hoverinfo="skip",
                   marker=dict(size=13, color="white", line=dict(color="black", width=2))),
        go.Scatter(x=walk[-1:], y=walk_costs[-1:], mode="markers", showlegend=False, hoverinfo="skip",
                   marker=dict(size=16, color=PLAIN, symbol="circle", line=dict(color="white", width=2))),
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
                                 marker=dict(size=13, symbol=mark.symbol, color="#ffffff",
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
        height=height, margin=dict(l=55, r=10, t=20, b=40), plot_bgcolor="white", uirevision="curve",
        legend=dict(orientation="h", x=0, y=-0.22, yanchor="top", bgcolor="rgba(0,0,0,0)", font=dict(size=12)),
        xaxis=dict(title=name, range=[low_x, high_x], gridcolor="#eeeeee"),
        yaxis=dict(title="cost C", range=[low_c - pad, high_c + 2.5 * pad], gridcolor="#eeeeee"),
        annotations=annotations))
