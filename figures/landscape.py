"""The cost landscape over two parameters, with gradient descent's path walked on it."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go


def landscape_figure(p1: np.ndarray, p2: np.ndarray, cost: np.ndarray, path: np.ndarray, names: tuple[str, str],
                     shown_steps: int | None = None, landmark: tuple[float, float, str] | None = None,
                     height: int = 460) -> go.Figure:
    """Contour map of C(p1, p2); the walk's first ``shown_steps`` steps as a line of dots.

    ``landmark`` (x, y, name) marks a point worth knowing, such as the minimum or the trained values.
    """
    shown = path if shown_steps is None else path[: shown_steps + 1]
    shade, colorbar = contour_shading(np.asarray(cost, dtype=np.float64))
    fig = go.Figure([
        go.Contour(x=p1, y=p2, z=shade, colorscale="Viridis", ncontours=28,  # dark valleys, bright hills
                   contours=dict(showlines=True, coloring="heatmap"), line=dict(width=0.5, color="rgba(0,0,0,0.25)"),
                   colorbar=colorbar, customdata=cost,
                   hovertemplate=f"{names[0]} = %{{x:.2f}}<br>{names[1]} = %{{y:.2f}}<br>C = %{{customdata:.4f}}"
                                 "<extra></extra>"),
        go.Scatter(x=shown[:, 0], y=shown[:, 1], mode="lines+markers", name="gradient descent",
                   line=dict(color="#ff4136", width=2), marker=dict(size=5, color="#ff4136"),
                   hovertemplate="step %{pointNumber}<extra></extra>"),
        go.Scatter(x=[path[0, 0]], y=[path[0, 1]], mode="markers", name="start",
                   marker=dict(size=13, color="white", line=dict(color="black", width=2))),
        go.Scatter(x=[shown[-1, 0]], y=[shown[-1, 1]], mode="markers", name="now",
                   marker=dict(size=14, color="#ff4136", symbol="star", line=dict(color="white", width=1))),
    ])
    if landmark is not None:
        fig.add_trace(go.Scatter(x=[landmark[0]], y=[landmark[1]], mode="markers", name=landmark[2],
                                 marker=dict(size=14, symbol="x", color="#ffffff",
                                             line=dict(width=1.5, color="#222222"))))  # seen on map and legend
    now = shown[-1]
    if not (p1[0] <= now[0] <= p1[-1] and p2[0] <= now[1] <= p2[-1]):
        fig.add_annotation(x=0.5, y=0.97, xref="paper", yref="paper", showarrow=False, bgcolor="rgba(255,255,255,0.85)",
                           text=f"the walk has left the map: now at ({now[0]:.3g}, {now[1]:.3g})", font=dict(size=12))
    fig.update_layout(
        height=height, margin=dict(l=50, r=10, t=50, b=45), showlegend=True, uirevision="landscape",
        legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom", bgcolor="rgba(0,0,0,0)"),
        xaxis=dict(title=names[0], range=[p1[0], p1[-1]]),
        yaxis=dict(title=names[1], range=[p2[0], p2[-1]]),
    )
    return fig


def contour_shading(cost: np.ndarray) -> tuple[np.ndarray, dict]:
    """What the map's colours stand for: C itself, or log10 C when most of the map would be one colour.

    A real network's landscape is often a wide, nearly flat floor with steep walls at the edges;
    on a linear scale the floor is one dark colour and its shape disappears.
    """
    low, high = float(cost.min()), float(cost.max())
    median = float(np.median(cost))
    if high <= low or median - low > 0.1 * (high - low):
        return cost, dict(title=dict(text="cost C", side="right"), thickness=12)
    floor = max(low, 1e-6)
    shade = np.log10(np.maximum(cost, floor))
    ticks = [v for v in (1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100) if floor <= v <= high]
    colorbar = dict(title=dict(text="cost C (log scale)", side="right"), thickness=12,
                    tickvals=np.log10(ticks).tolist(), ticktext=[f"{v:g}" for v in ticks])
    return shade, colorbar


def cost_per_step_figure(costs: np.ndarray, shown_steps: int | None = None, height: int = 220) -> go.Figure:
    """C after each step of the walk."""
    shown = costs if shown_steps is None else costs[: shown_steps + 1]
    fig = go.Figure(go.Scatter(x=np.arange(len(shown)), y=shown, mode="lines+markers", marker=dict(size=4),
                               line=dict(color="#ff4136"), hovertemplate="step %{x}: C = %{y:.4f}<extra></extra>"))
    fig.update_layout(height=height, margin=dict(l=50, r=10, t=10, b=40), plot_bgcolor="white",
                      xaxis=dict(title="step", range=[0, max(len(costs) - 1, 1)]),
                      yaxis=dict(title="cost C", rangemode="tozero"))
    return fig
