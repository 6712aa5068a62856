"""Where everything in a network picture sits: the input image, each layer's neurons, which edges are drawn.

One layout serves every picture of the network: the backward pass (figures/backprop.py, plotly)
and the forward pass, which the live view paints in the browser (ui/live/network_view/). For the
forward pass this module is the specification and the JS the painter: ui/live/network.py sends
``NetworkLayout.as_data()`` so the JS puts every node where this says, and the JS chooses the same
edges as ``forward_edges`` (tests/browser/test_live_maths.py compares the two).
Coordinates are in units (1 unit is about 100 px at full width); y grows upwards.

What costs time in a browser is the number of edges drawn, so layers with many connections
show only each neuron's strongest incoming edges (``EdgeSample`` says how many; the figures say so).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

IMAGE_BOX = (0.0, 3.0, 0.8, 3.8)      # x0, x1, y0, y1 of the 28x28 input image (1 unit ~ 100 px)
FIRST_LAYER_X, LAST_LAYER_X = 4.4, 7.8
MIDDLE_Y, SPREAD = 2.3, 4.0
HEIGHT_UNITS = 4.9
MAX_EDGES_PER_LAYER = 400             # beyond this, only each neuron's strongest incoming edges
MAX_INPUT_EDGES = 1200
COLUMN_LIMIT = 40                     # larger layers are drawn as a grid of small squares ...
ACTIVE_SHOWN = 16                     # ... and only their most active neurons get edges
GRID_ROWS = 32


@dataclass(frozen=True)
class EdgeSample:
    """Which connections into one layer are drawn."""

    layer: int          # 1..L: the connections into this layer
    shown: int          # incoming edges drawn per neuron
    total: int          # incoming connections per neuron
    targets: int        # neurons whose incoming edges are drawn
    neurons: int        # neurons in the layer

    @property
    def complete(self) -> bool:
        return self.shown >= self.total and self.targets >= self.neurons

    def describe(self, name: str) -> str:
        text = f"into {name}: strongest {self.shown} of {self.total} per neuron"
        if self.targets < self.neurons:
            text += f", for its {self.targets} most active of {self.neurons} neurons"
        return text


def layer_x(layer_count: int) -> np.ndarray:
    """x of each layer's column, layers 1..L."""
    if layer_count == 1:
        return np.array([LAST_LAYER_X])
    return np.linspace(FIRST_LAYER_X, LAST_LAYER_X, layer_count)


def node_positions(n: int, x: float) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) of each neuron: a centred column, or for large layers a grid filled column by column."""
    if n <= COLUMN_LIMIT:
        spacing = min(0.3, SPREAD / max(n - 1, 1))
        return np.full(n, x), MIDDLE_Y + spacing * ((n - 1) / 2 - np.arange(n))
    rows = min(GRID_ROWS, n)
    columns = -(-n // rows)
    spacing = SPREAD / (rows - 1)
    column, row = np.divmod(np.arange(n), rows)
    return x + spacing * (column - (columns - 1) / 2), MIDDLE_Y + spacing * ((rows - 1) / 2 - row)


def node_size(n: int) -> float:
    if n > COLUMN_LIMIT:
        return 9.0  # a grid cell is about 11 px
    return float(np.clip(270.0 / max(n, 1), 6.0, 17.0))


def pixel_xy(index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Centre of input pixel ``index`` (0..783) inside the image box."""
    x0, x1, y0, y1 = IMAGE_BOX
    row, col = np.divmod(index, 28)
    return x0 + (col + 0.5) * (x1 - x0) / 28, y1 - (row + 0.5) * (y1 - y0) / 28


def edge_targets(activation: np.ndarray) -> np.ndarray:
    """Neurons whose incoming edges are drawn: all of a small layer, the most active of a large one."""
    n = len(activation)
    if n <= COLUMN_LIMIT:
        return np.arange(n)
    return np.sort(np.argsort(-np.asarray(activation), kind="stable")[:ACTIVE_SHOWN])


def edge_samples(sizes: Sequence[int], input_edges: int) -> list[EdgeSample]:
    """How many incoming edges per neuron, and for how many neurons, each layer shows."""
    samples = []
    for layer, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        targets = n_out if n_out <= COLUMN_LIMIT else ACTIVE_SHOWN
        if layer == 1:
            shown = min(input_edges, max(1, MAX_INPUT_EDGES // targets))
        elif n_in * targets <= MAX_EDGES_PER_LAYER:
            shown = n_in
        else:
            shown = max(2, MAX_EDGES_PER_LAYER // targets)
        samples.append(EdgeSample(layer, min(shown, n_in), n_in, targets, n_out))
    return samples


def strongest_incoming(rank: np.ndarray, k: int, targets: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(target, source) index pairs of the k highest-ranked incoming edges of each target neuron.

    ``rank`` (n_out, n_in) says how much each edge matters: for the forward pass the signal it
    carries, |w a|; for backpropagation the size of its gradient.
    """
    n_out, n_in = rank.shape
    targets = np.arange(n_out) if targets is None else np.asarray(targets)
    if k >= n_in:
        return np.repeat(targets, n_in), np.tile(np.arange(n_in), len(targets))
    sources = np.argpartition(-rank[targets], k - 1, axis=1)[:, :k]
    return np.repeat(targets, k), sources.ravel()


def signal_rank(weights: np.ndarray, a_prev: np.ndarray) -> np.ndarray:
    """|w a|: the signal each edge carries for this input (|w| where the input is all zero)."""
    return np.abs(weights * a_prev) if np.any(a_prev) else np.abs(weights)


def forward_edges(layout: NetworkLayout, weights: Sequence[np.ndarray], activations: Sequence[np.ndarray],
                  input_edges: int) -> list[dict[int, tuple[int, ...]]]:
    """The forward pass's drawn edges, layer by layer: {target neuron: its sources, strongest signal first}.

    For layer l (W^(l) (n_out, n_in), a^(l-1), a^(l)): the targets are ``edge_targets(a^(l))``; each gets
    its ``shown`` strongest signals |w a| (ties: the lower source first), where ``shown`` is the layer's
    sample (at most ``input_edges`` for the first layer). This is the rule the live view's JS follows.
    """
    chosen = []
    for layer, (w, sample) in enumerate(zip(weights, layout.samples), start=1):
        shown = min(input_edges, sample.shown) if layer == 1 else sample.shown
        rank = signal_rank(np.asarray(w, dtype=np.float64), np.asarray(activations[layer - 1], dtype=np.float64))
        chosen.append({int(j): tuple(int(i) for i in np.lexsort((np.arange(rank.shape[1]), -rank[j]))[:shown])
                       for j in edge_targets(activations[layer])})
    return chosen


def segments(x0, y0, x1, y1) -> tuple[np.ndarray, np.ndarray]:
    """Flat float32 x and y arrays drawing every segment, separated by NaN gaps."""
    n = len(x0)
    xs = np.full(3 * n, np.nan, dtype=np.float32)
    ys = np.full(3 * n, np.nan, dtype=np.float32)
    xs[0::3], xs[1::3] = x0, x1
    ys[0::3], ys[1::3] = y0, y1
    return xs, ys


@dataclass(frozen=True)
class NetworkLayout:
    """The positions of one network's picture: ``positions[l]`` = (x, y) of layer l's neurons, l = 1..L."""

    sizes: tuple[int, ...]                       # n_0 = 784, n_1 .. n_L
    columns: np.ndarray                          # x of layers 1..L
    positions: dict[int, tuple[np.ndarray, np.ndarray]]
    samples: tuple[EdgeSample, ...]              # the connections into layers 1..L that are drawn

    @property
    def layer_count(self) -> int:
        return len(self.sizes) - 1

    def node_size(self, layer: int) -> float:
        return node_size(self.sizes[layer])

    def as_data(self) -> dict:
        """Plain numbers for the browser: the same positions, sizes and edge samples."""
        x0, x1, y0, y1 = IMAGE_BOX
        return {
            "image": [x0, x1, y0, y1], "view": [-0.1, LAST_LAYER_X + 0.8, -0.45, HEIGHT_UNITS],
            "heading_y": HEIGHT_UNITS - 0.2, "column_limit": COLUMN_LIMIT, "active_shown": ACTIVE_SHOWN,
            "columns": [float(x) for x in self.columns],
            "layers": [{"x": [round(float(v), 4) for v in self.positions[l][0]],
                        "y": [round(float(v), 4) for v in self.positions[l][1]],
                        "size": self.node_size(l), "square": self.sizes[l] > COLUMN_LIMIT}
                       for l in range(1, self.layer_count + 1)],
            "samples": [{"layer": s.layer, "shown": s.shown, "total": s.total, "targets": s.targets}
                        for s in self.samples],
        }


def layout_for(sizes: Sequence[int], input_edges: int = 8) -> NetworkLayout:
    """The layout of a network with layer sizes ``sizes`` (784, n_1, .., n_L)."""
    sizes = tuple(int(n) for n in sizes)
    columns = layer_x(len(sizes) - 1)
    positions = {l: node_positions(n, columns[l - 1]) for l, n in enumerate(sizes[1:], start=1)}
    return NetworkLayout(sizes, columns, positions, tuple(edge_samples(sizes, input_edges)))
