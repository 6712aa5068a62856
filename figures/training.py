"""Pictures of learning: the falling cost, first-layer weights as images, the confusion matrix."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from figures.colours import STANDARD, Palette, rgba

MAX_POINTS = 600  # the browser redraws the chart four times a second
TRAINING_COLOUR = "#1f4e9c"   # training data, everywhere
TEST_COLOUR = "#e67e22"       # unseen test data, everywhere


def downsample(values: np.ndarray, max_points: int = MAX_POINTS) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) with at most ``max_points`` points: means of equal runs of consecutive values."""
    values = np.asarray(values, dtype=np.float32)
    n = len(values)
    if n <= max_points:
        return np.arange(1, n + 1, dtype=np.float32), values
    width = -(-n // max_points)
    usable = (n // width) * width
    means = values[:usable].reshape(-1, width).mean(axis=1)
    x = (np.arange(len(means), dtype=np.float32) + 0.5) * width
    if usable < n:
        means = np.append(means, values[usable:].mean())
        x = np.append(x, (usable + n) / 2)
    return x, means


def smoothed(values: np.ndarray) -> np.ndarray:
    """A moving average over about 2 % of the points (at least 10), same length."""
    values = np.asarray(values, dtype=np.float64)
    window = max(10, len(values) // 50)
    if len(values) < 2:
        return values.astype(np.float32)
    cumulative = np.concatenate([[0.0], np.cumsum(values)])
    start = np.maximum(np.arange(1, len(values) + 1) - window, 0)
    return ((cumulative[1:] - cumulative[start]) / (np.arange(1, len(values) + 1) - start)).astype(np.float32)


def loss_figure(batch_loss: np.ndarray, epoch_steps: np.ndarray, test_loss: np.ndarray,
                overfitting_step: float | None = None, height: int = 320, cost_name: str = "cost") -> go.Figure:
    """Cost per mini-batch (light), its moving average (dark), and the test cost after each epoch.

    ``cost_name`` says which cost it is (the one the network is trained on), on the y axis.

    ``overfitting_step`` marks where the test cost started to rise while the training cost fell.
    """
    x, y = downsample(batch_loss)
    mode = "lines" if len(x) > 1 else "lines+markers"   # a single point is invisible as a line
    traces = [
        go.Scatter(x=x, y=y, mode=mode, name="each mini-batch", line=dict(color="rgba(90,120,200,0.35)", width=1),
                   hoverinfo="skip"),
        go.Scatter(x=x, y=smoothed(y), mode=mode, name="training cost (smoothed)",
                   line=dict(color=TRAINING_COLOUR, width=2.5), hovertemplate="step %{x:.0f}: %{y:.3f}<extra></extra>"),
    ]
    if len(test_loss):
        traces.append(go.Scatter(
            x=np.asarray(epoch_steps, dtype=np.float32), y=np.asarray(test_loss, dtype=np.float32),
            mode="lines+markers", name="test cost (unseen digits)", line=dict(color=TEST_COLOUR, width=2),
            marker=dict(size=8), hovertemplate="after epoch at step %{x:.0f}: test cost %{y:.3f}<extra></extra>"))
    layout = go.Layout(
        dragmode=False, height=height, margin=dict(l=50, r=10, t=30, b=40), plot_bgcolor="white", uirevision="loss",
        legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom"), hovermode="closest",   # above the lines, never on them
        xaxis=dict(title="mini-batches (steps)", rangemode="tozero"),
        yaxis=dict(title=cost_name, rangemode="tozero"),
    )
    fig = go.Figure(traces, layout)
    if overfitting_step is not None:
        fig.add_vline(x=float(overfitting_step), line=dict(color=TEST_COLOUR, dash="dot", width=1.5))
        fig.add_annotation(x=float(overfitting_step), y=1.0, yref="paper", xanchor="left", yanchor="top", xshift=4,
                           showarrow=False, text="test cost rising from here: overfitting",
                           font=dict(size=12, color=TEST_COLOUR))
    return fig


CELL_OPACITY = 0.75   # the fullest cell of the confusion matrix: its count stays readable on it


def confusion_figure(matrix: np.ndarray, palette: Palette = STANDARD, height: int = 380,
                     row_title: str = "true digit") -> go.Figure:
    """10x10 counts: rows = true digit (or the digit a student meant), columns = the network's answer.

    Two layers of cells, the same on Watch it learn and on the teacher's console: the diagonal (read
    right) in the palette's answer colour, confusions in its negative colour, each shaded by
    log(1 + count) against its own largest count (one is a clear tint, never white). A zero is no cell
    at all (NaN: the white background), so a class whose every drawing is read right shows a green
    diagonal on white. The diagonal is outlined even where it is empty.
    """
    matrix = np.asarray(matrix)
    text = [[str(v) if v else "" for v in row] for row in matrix]
    right = np.eye(10, dtype=bool)
    answer = tuple(int(palette.answer[i:i + 2], 16) for i in (1, 3, 5))
    cells = [("right", np.where(right, matrix, 0), rgba(answer, CELL_OPACITY)),
             ("confused", np.where(right, 0, matrix), rgba(palette.negative, CELL_OPACITY))]
    traces = []
    for name, counts, colour in cells:
        shade = np.where(counts > 0, np.log1p(counts.astype(float)), np.nan)   # NaN: no cell, nothing coloured
        top = max(float(np.log1p(counts.max())), float(np.log1p(1)))
        traces.append(go.Heatmap(
            z=shade[::-1], zmin=-0.25 * top, zmax=top, name=name,   # below 0: a lone count is tinted, never white
            x=[str(d) for d in range(10)], y=[str(d) for d in range(9, -1, -1)],
            text=text[::-1], texttemplate="%{text}", colorscale=[[0, "#ffffff"], [1, colour]], showscale=False,
            hoverongaps=False, hovertemplate=f"{row_title} %{{y}}, answered %{{x}}: %{{text}}<extra></extra>",
        ))
    fig = go.Figure(traces)
    for d in range(10):
        fig.add_shape(type="rect", x0=d - 0.5, x1=d + 0.5, y0=9 - d - 0.5, y1=9 - d + 0.5,
                      line=dict(color=palette.answer, width=1.5))
    fig.update_layout(dragmode=False, height=height, margin=dict(l=50, r=10, t=10, b=40), plot_bgcolor="white",
                      showlegend=False,
                      xaxis=dict(title="the network's answer", type="category", fixedrange=True, side="bottom", showgrid=False,
                                 categoryorder="array", categoryarray=[str(d) for d in range(10)]),
                      yaxis=dict(title=row_title, type="category", fixedrange=True, scaleanchor="x", showgrid=False,
                                 categoryorder="array", categoryarray=[str(d) for d in range(9, -1, -1)]))
    return fig


def class_counts_figure(train_counts: np.ndarray, test_counts: np.ndarray, height: int = 260) -> go.Figure:
    """How many training and test examples of each digit, as grouped bars."""
    digits = [str(d) for d in range(10)]
    fig = go.Figure([
        go.Bar(x=digits, y=train_counts, name=f"training ({int(np.sum(train_counts)):,})", marker_color=TRAINING_COLOUR),
        go.Bar(x=digits, y=test_counts, name=f"test ({int(np.sum(test_counts)):,})", marker_color=TEST_COLOUR),
    ])
    fig.update_layout(dragmode=False, height=height, barmode="group", margin=dict(l=40, r=10, t=30, b=36), plot_bgcolor="white",
                      legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom"),   # above the bars, never on them
                      xaxis=dict(title="digit", type="category"),
                      yaxis=dict(title="how many"))
    return fig
