"""How often the network is right, digit by digit: edited against trained."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from figures.colours import STANDARD, Palette, rgba


def per_digit_figure(trained: np.ndarray, now: np.ndarray, palette: Palette = STANDARD, height: int = 240) -> go.Figure:
    """Grouped bars of per-digit test accuracy; digits that suffer stand out (the palette's negative colour)."""
    digits = [str(d) for d in range(10)]
    drop = np.asarray(trained) - np.asarray(now)
    colours = [rgba(palette.negative, 1) if d > 0.05 else (rgba(palette.positive, 1) if d < -0.05 else "#7f8c8d")
               for d in drop]
    fig = go.Figure([
        go.Bar(x=digits, y=trained, name="trained", marker=dict(color="rgba(0,0,0,0)", line=dict(color="#555", width=1.5)),
               hovertemplate="digit %{x}, trained: %{y:.0%}<extra></extra>"),
        go.Bar(x=digits, y=now, name="now", marker_color=colours,
               hovertemplate="digit %{x}, now: %{y:.0%}<extra></extra>"),
    ])
    fig.update_layout(height=height, barmode="overlay", bargap=0.3, margin=dict(l=40, r=10, t=24, b=36),
                      plot_bgcolor="white", legend=dict(orientation="h", x=0, y=1.15),
                      yaxis=dict(range=[0, 1.05], tickformat=".0%", title="test accuracy", fixedrange=True),
                      xaxis=dict(title="true digit", type="category", fixedrange=True))
    return fig
