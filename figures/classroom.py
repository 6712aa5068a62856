"""The teacher's console: how the class's guesses to one question spread around what the network measured."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from figures.colours import STANDARD, Palette, rgba

GUESS_COLOUR = "#5b6770"


def guess_spread_figure(guesses: tuple[float, ...], measured: tuple[float, ...], palette: Palette = STANDARD,
                        height: int = 240) -> go.Figure:
    """A histogram of the class's numeric guesses; a line at each answer the network in use measured.

    (Students on different models measure different answers; each gets its own line.)
    """
    values = np.asarray(guesses, dtype=float)
    fig = go.Figure(go.Histogram(x=values, xbins=guess_bins(values, measured), marker_color=GUESS_COLOUR,
                                 hovertemplate="guesses %{x}: %{y}<extra></extra>", name="guesses"))
    for answer in sorted(set(measured)):
        fig.add_vline(x=answer, line=dict(color=palette.answer, width=3),
                      annotation=dict(text=f"measured {answer:g}", font_color=palette.answer))
    fig.update_layout(height=height, margin=dict(l=40, r=10, t=30, b=40), plot_bgcolor="white", showlegend=False,
                      bargap=0.05, xaxis=dict(title="the class's guesses", fixedrange=True),
                      yaxis=dict(title="students", fixedrange=True, dtick=1 if len(values) <= 12 else None,
                                 gridcolor=rgba((200, 200, 200), 1)))
    return fig


def guess_bins(guesses: np.ndarray, measured: tuple[float, ...]) -> dict:
    """Bins as wide as a twentieth of the span of the guesses and the answers (at least 5 bins across it), so a
    lone guess is a narrow bar at its value, not one bar from 0 to past it."""
    values = np.concatenate([guesses, np.asarray(measured, dtype=float)])
    low, high = float(values.min()), float(values.max())
    span = high - low or max(abs(high), 1.0) * 0.2
    size = span / min(20, max(5, len(guesses)))
    return dict(start=low - size / 2, end=high + size / 2, size=size)


def choice_figure(choices: dict[str, int], right: tuple[str, ...], palette: Palette = STANDARD,
                  height: int = 220) -> go.Figure:
    """How many students chose each answer to a choice question; the measured answers in the answer colour."""
    names = sorted(choices)
    shown = [safe_label(name) for name in names]
    colours = [palette.answer if name in right else GUESS_COLOUR for name in names]
    fig = go.Figure(go.Bar(x=shown, y=[choices[name] for name in names], marker_color=colours,
                           hovertemplate="%{x}: %{y}<extra></extra>"))
    fig.update_layout(height=height, margin=dict(l=40, r=10, t=10, b=40), plot_bgcolor="white",
                      xaxis=dict(title="the class's guesses", type="category", fixedrange=True),
                      yaxis=dict(title="students", fixedrange=True))
    return fig


def safe_label(text: str) -> str:
    """Text a student sent, as a plotly label that shows as itself (plotly reads a few HTML tags and entities)."""
    return "".join("·" if ch in "<>&" else ch for ch in str(text))[:40]
