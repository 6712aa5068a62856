"""Pictures of learning: the falling cost, first-layer weights as images, the confusion matrix."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from figures.colours import STANDARD, Palette, rgba

MAX_POINTS = 600  # the browser redraws the chart four times a second


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
                height: int = 320) -> go.Figure:
    """Cost per mini-batch (light), its moving average (dark), and the test cost after each epoch."""
    x, y = downsample(batch_loss)
    traces = [
        go.Scatter(x=x, y=y, mode="lines", name="each mini-batch", line=dict(color="rgba(90,120,200,0.35)", width=1),
                   hoverinfo="skip"),
        go.Scatter(x=x, y=smoothed(y), mode="lines", name="training cost (smoothed)",
                   line=dict(color="#1f4e9c", width=2.5), hovertemplate="step %{x:.0f}: %{y:.3f}<extra></extra>"),
    ]
    if len(test_loss):
        traces.append(go.Scatter(
            x=np.asarray(epoch_steps, dtype=np.float32), y=np.asarray(test_loss, dtype=np.float32),
            mode="lines+markers", name="test cost (unseen digits)", line=dict(color="#e67e22", width=2),
            marker=dict(size=8), hovertemplate="after epoch at step %{x:.0f}: test cost %{y:.3f}<extra></extra>"))
    layout = go.Layout(
        height=height, margin=dict(l=50, r=10, t=30, b=40), plot_bgcolor="white", uirevision="loss",
        legend=dict(orientation="h", x=0, y=1.12), hovermode="closest",
        xaxis=dict(title="mini-batches (steps)", rangemode="tozero"),
        yaxis=dict(title="cost C", rangemode="tozero"),
    )
    return go.Figure(traces, layout)


def weight_mosaic(weights: np.ndarray, limit: float, columns: int = 8, max_neurons: int = 32,
                  palette: Palette = STANDARD, height: int | None = None) -> go.Figure:
    """The first layer's weights as small 28x28 red/blue images, one per neuron, on one fixed scale.

    ``weights`` is W^(1) (n, 784); ``limit`` is the colour scale's symmetric range, kept the same
    from frame to frame so a colour always means the same weight.
    """
    n = min(len(weights), max_neurons)
    columns = min(columns, n)
    rows = -(-n // columns)
    cell = 29  # 28 pixels and a gap
    mosaic = np.full((rows * cell - 1, columns * cell - 1), np.nan, dtype=np.float32)
    for j in range(n):
        r, c = divmod(j, columns)
        mosaic[r * cell:r * cell + 28, c * cell:c * cell + 28] = weights[j].reshape(28, 28)
    fig = go.Figure(go.Heatmap(
        z=mosaic[::-1], colorscale=palette.weight_scale, zmin=-limit, zmax=limit, zmid=0.0,
        hoverinfo="skip", colorbar=dict(thickness=10, len=0.9, title=dict(text="w", side="top")),
    ))
    fig.update_layout(
        height=height or 20 + 95 * rows, margin=dict(l=4, r=4, t=4, b=4), uirevision="mosaic",
        xaxis=dict(visible=False, fixedrange=True), yaxis=dict(visible=False, fixedrange=True, scaleanchor="x"),
        plot_bgcolor="white",
    )
    return fig


def confusion_figure(matrix: np.ndarray, palette: Palette = STANDARD, height: int = 380) -> go.Figure:
    """10x10 counts: rows = true digit, columns = the network's answer; the diagonal is right.

    Confusions are shaded in the palette's negative colour, the diagonal outlined in its answer colour.
    """
    matrix = np.asarray(matrix)
    text = [[str(v) if v else "" for v in row] for row in matrix]
    off_diagonal = matrix * (1 - np.eye(10, dtype=matrix.dtype))
    fig = go.Figure(go.Heatmap(
        z=np.log1p(off_diagonal)[::-1], x=[str(d) for d in range(10)], y=[str(d) for d in range(9, -1, -1)],
        text=text[::-1], texttemplate="%{text}", colorscale=[[0, "#ffffff"], [1, rgba(palette.negative, 1)]], showscale=False,
        hovertemplate="true %{y}, answered %{x}<extra></extra>",
    ))
    for d in range(10):
        fig.add_shape(type="rect", x0=d - 0.5, x1=d + 0.5, y0=9 - d - 0.5, y1=9 - d + 0.5,
                      line=dict(color=palette.answer, width=1.5))
    fig.update_layout(height=height, margin=dict(l=50, r=10, t=10, b=40), plot_bgcolor="white",
                      xaxis=dict(title="the network's answer", type="category", fixedrange=True, side="bottom"),
                      yaxis=dict(title="true digit", type="category", fixedrange=True, scaleanchor="x"))
    return fig
