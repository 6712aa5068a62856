"""The cost as a landscape over one or two parameters, and gradient descent walking on it.

A network has thousands of parameters, so its cost lives in thousands of dimensions; to
*see* it we hold everything fixed but two parameters (or one) and draw C as a map (or a
curve). Walking downhill is then

    v <- mu v - eta grad C(p),    p <- p + v

the rule ``nn_core.training`` uses (mu = 0: plain gradient descent, p <- p - eta grad C(p)).
The step is eta times the gradient, so it is long where the ground is steep and short where
it is flat. Small eta creeps, a good eta converges, a big one overshoots the valley and can
be thrown onto a plateau or fly off.

Problems (each has ``names``, ``trained`` (or None), ``cost(p1, p2)`` on arrays, ``gradient(p1, p2)``
and ``default_view()``):
- ``TinyNeuron``: one sigmoid neuron with two weights fitted to eight fixed points, with the
  squared misses added up: a smooth valley to learn on.
- ``OutputLayerSlice``: a weight and the bias of one output neuron of a trained network, every
  other parameter at its trained value, the cross-entropy averaged over training digits.
- ``OneParameter``: either of them along one of its parameters, the other held fixed: a curve.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nn_core.activations import sigmoid
from nn_core.network import Network, forward

DIVERGED = 1e6   # a walk whose parameters grow past this has flown off


class TinyNeuron:
    """a = sigma(w1 x1 + w2 x2) on eight fixed points; C(w1, w2) = sum over the points of (a - y)^2.

    The targets y are what the neuron with w = (2, -1.5) outputs, so the valley's floor is
    C = 0 at (2, -1.5); far from it the sigmoid saturates and the landscape is a flat plateau.
    The squared misses are added up, not averaged: that makes the landscape eight times steeper,
    so that sensible learning rates are about 1, as on the other pages.
    """

    names = ("w1", "w2")
    symbols = names            # what formulas call them (dC/dw1)
    target_weights = (2.0, -1.5)
    trained = None

    def __init__(self):
        self.x = np.array([[0.9, 0.7], [0.7, 0.0], [-0.8, -0.7], [0.3, 0.1],
                           [0.5, -0.3], [0.4, 0.4], [-0.2, -0.9], [0.7, 0.3]])   # (8, 2): the points
        self.y = sigmoid(self.x @ np.array(self.target_weights))                  # (8,): their targets

    def cost(self, w1, w2) -> np.ndarray:
        """C at every (w1, w2): arrays of any (broadcastable) shape."""
        w1, w2 = np.asarray(w1, dtype=np.float64), np.asarray(w2, dtype=np.float64)
        z = w1[..., None] * self.x[:, 0] + w2[..., None] * self.x[:, 1]
        with np.errstate(over="ignore"):
            a = sigmoid(z)
        return np.sum((a - self.y) ** 2, axis=-1)

    def gradient(self, w1, w2) -> np.ndarray:
        """(dC/dw1, dC/dw2) = sum over the points of 2 (a - y) a (1 - a) x: shape (..., 2) for w of shape (...)."""
        w1, w2 = np.asarray(w1, dtype=np.float64), np.asarray(w2, dtype=np.float64)
        z = w1[..., None] * self.x[:, 0] + w2[..., None] * self.x[:, 1]
        a = 0.5 + 0.5 * np.tanh(0.5 * z)   # sigma(z), without overflow
        error = 2.0 * (a - self.y) * a * (1.0 - a)
        # sums along the last axis, not a matrix product: the same bits whether one point or many
        return np.stack([(error * self.x[:, 0]).sum(axis=-1), (error * self.x[:, 1]).sum(axis=-1)], axis=-1)

    def default_view(self) -> tuple[tuple[float, float], tuple[float, float]]:
        return (-6.0, 6.0), (-6.0, 6.0)


class StepNeuron(TinyNeuron):
    """The tiny neuron with sigma replaced by a step: a = 1 if w1 x1 + w2 x2 > 0, else 0 (an on/off neuron).

    The same eight points and targets. A point's output flips only where its z = w . x changes
    sign, on the line w . x = 0 through (0, 0); the 8 lines cut the plane into 16 wedges, and C
    is constant on each: flat terraces. The step's slope is 0 wherever it has one, so grad C = 0
    everywhere off those lines (on them C jumps and has no gradient; 0 is returned there too):
    gradient descent, p <- p - eta grad C(p), never moves. Only the direction of (w1, w2) matters.
    """

    def cost(self, w1, w2) -> np.ndarray:
        """C at every (w1, w2): arrays of any (broadcastable) shape."""
        w1, w2 = np.asarray(w1, dtype=np.float64), np.asarray(w2, dtype=np.float64)
        z = w1[..., None] * self.x[:, 0] + w2[..., None] * self.x[:, 1]
        return np.sum(((z > 0).astype(np.float64) - self.y) ** 2, axis=-1)

    def gradient(self, w1, w2) -> np.ndarray:
        """sum over the points of 2 (a - y) step'(z) x, and step'(z) = 0: zeros of shape (..., 2)."""
        return np.zeros(np.broadcast(np.asarray(w1), np.asarray(w2)).shape + (2,))

    @property
    def curve(self) -> tuple[int, float]:
        """(axis, value held): the line the smooth tiny neuron's curve follows (its steeper axis, through its lowest point)."""
        axis = steeper_axis(TinyNeuron(), self.target_weights)
        return axis, self.target_weights[1 - axis]

    def on_edge(self, w1: float, w2: float) -> bool:
        """Whether (w1, w2) lies on a line w . x_i = 0 (to 1e-12), where C jumps and has no slope at all."""
        return bool(np.any(np.abs(w1 * self.x[:, 0] + w2 * self.x[:, 1]) < 1e-12))

    def stairs(self, axis: int, held: float) -> list[tuple[float, float, float]]:
        """Along parameter ``axis``, the other held at ``held``, C is a staircase: its stairs (from, to, C), left to right.

        Point i's output flips where w . x_i = 0, that is at value = -held x_i[other] / x_i[axis].
        """
        other = 1 - axis
        cuts = np.unique([-held * x[other] / x[axis] for x in self.x if x[axis] != 0])
        edges = [-np.inf, *cuts, np.inf]
        stairs = []
        for low, high in zip(edges[:-1], edges[1:]):
            middle = high - 1.0 if low == -np.inf else low + 1.0 if high == np.inf else (low + high) / 2
            point = [held, held]
            point[axis] = middle
            stairs.append((float(low), float(high), float(self.cost(*point))))
        return stairs

    def terraces(self) -> np.ndarray:
        """The cost on each wedge between neighbouring lines w . x = 0, going round (0, 0): (wedges,)."""
        borders = np.unique(np.round(np.mod(np.arctan2(self.x[:, 0], -self.x[:, 1]), np.pi), 12))  # each line's angle
        borders = np.concatenate([borders, borders + np.pi, [borders[0] + 2 * np.pi]])
        middles = (borders[:-1] + borders[1:]) / 2
        return self.cost(np.cos(middles), np.sin(middles))


class TwoValleys:
    """a = sigma(w x + b): one neuron with a weight and a bias, fitted to six points (x, y) that are low in the
    middle and high at both ends; C(w, b) = sum over the points of (a - y)^2.

    A sigmoid either rises (w > 0: on for large x) or falls (w < 0: on for small x), so it must
    choose an end: rising fits the two high points on the right and misses the one on the left;
    falling fits that one and misses the two. Each choice is a valley of C: the first is the
    lowest point (the global minimum), the second a local minimum, with a ridge between them.
    """

    names = ("w", "b")
    symbols = names
    trained = None
    curve = (0, -2.5)                          # the one-parameter curve: along w, with b held at -2.5
    starts = ((-4.5, -2.5), (0.5, -2.5))       # two starts on that line, on either side of the ridge

    def __init__(self):
        self.x = np.array([-2.0, -1.0, -0.5, 0.0, 1.5, 2.0])     # (6,): the points
        self.y = np.array([0.8, 0.2, 0.05, 0.05, 0.95, 0.95])   # (6,): their targets

    def output(self, w, b) -> np.ndarray:
        """a at each point for the neuron (w, b): shape (..., 6)."""
        w, b = np.asarray(w, dtype=np.float64), np.asarray(b, dtype=np.float64)
        return 0.5 + 0.5 * np.tanh(0.5 * (w[..., None] * self.x + b[..., None]))   # sigma, without overflow

    def cost(self, w, b) -> np.ndarray:
        """C at every (w, b): arrays of any (broadcastable) shape."""
        return np.sum((self.output(w, b) - self.y) ** 2, axis=-1)

    def gradient(self, w, b) -> np.ndarray:
        """(dC/dw, dC/db) = sum over the points of 2 (a - y) a (1 - a) (x, 1): shape (..., 2)."""
        a = self.output(w, b)
        error = 2.0 * (a - self.y) * a * (1.0 - a)
        return np.stack([(error * self.x).sum(axis=-1), error.sum(axis=-1)], axis=-1)

    def default_view(self) -> tuple[tuple[float, float], tuple[float, float]]:
        return (-6.0, 6.0), (-8.0, 4.0)


@dataclass(frozen=True)
class Parameter:
    """One parameter of the output layer: the weight from hidden neuron ``source`` into output ``target``,
    or (source None) the bias of output ``target``."""

    target: int
    source: int | None

    def label(self, hidden: str = "hidden") -> str:
        """'w (hidden 2, #0 → output 3)' or 'b (output 3)'; ``hidden`` names the layer feeding the output."""
        return f"b (output {self.target})" if self.source is None else f"w ({hidden}, #{self.source} → output {self.target})"


class OutputLayerSlice:
    """C over two parameters of one output neuron of a trained network, the rest held at trained values.

    Only that neuron's weighted sum z_t changes, and it changes linearly: z_t = z_t(trained) +
    sum_i (p_i - trained_i) x_i, where x_i is the example's input to parameter i (a hidden
    activation, or 1 for the bias). With L the log of the sum of e^z over the other nine outputs,
    cross-entropy is C = mean(ln(e^z_t + e^L) - z_y) and dC/dp_i = mean((a_t - y_t) x_i), with
    a_t = sigma(z_t - L): each evaluation costs O(examples), not a whole softmax.
    """

    def __init__(self, network: Network, inputs: np.ndarray, labels: np.ndarray, first: Parameter, second: Parameter):
        if not network.cost.probabilities:
            raise ValueError("the output-layer landscape is drawn for softmax outputs with cross-entropy")
        if first.target != second.target:
            raise ValueError("both parameters must belong to the same output neuron")
        result = forward(network.astype(np.float64), inputs)
        hidden = result.activations[-2]                        # (n, k): fixed
        logits = result.zs[-1]                      # (n, 10) at the trained values
        self.labels = np.asarray(labels, dtype=np.intp)
        self.params = (first, second)
        self.target = first.target
        self.trained = tuple(self._value(network, p) for p in self.params)
        self.names = tuple(p.label(network.layer_names()[-2]) for p in self.params)
        self.symbols = tuple("b" if p.source is None else "w" for p in self.params)
        n = len(self.labels)
        self.inputs = np.stack([np.ones(n) if p.source is None else hidden[:, p.source] for p in self.params], 1)  # (n, 2)
        self.z0 = logits[:, self.target].copy()                # (n,)
        others = np.delete(logits, self.target, axis=1)
        top = others.max(axis=1)
        self.others = top + np.log(np.exp(others - top[:, None]).sum(axis=1))  # L: (n,)
        self.is_target = (self.labels == self.target).astype(np.float64)                     # y_t
        self.fixed_truth = np.where(self.is_target, 0.0, logits[np.arange(n), self.labels])  # z_y where y is not t
        self.margin = self.z0 - self.others                                                  # z_t - L at the trained values

    @staticmethod
    def _value(network: Network, p: Parameter) -> float:
        if p.source is None:
            return float(network.biases[-1][p.target])
        return float(network.weights[-1][p.target, p.source])

    def cost(self, p1, p2) -> np.ndarray:
        """C at every (p1, p2): arrays of any (broadcastable) shape."""
        p1, p2 = np.asarray(p1, dtype=np.float64), np.asarray(p2, dtype=np.float64)
        z = (self.z0 + (p1 - self.trained[0])[..., None] * self.inputs[:, 0]
             + (p2 - self.trained[1])[..., None] * self.inputs[:, 1])             # z_t: (..., n)
        truth = np.where(self.is_target, z, self.fixed_truth)
        return np.mean(np.logaddexp(z, self.others) - truth, axis=-1)

    def gradient(self, p1, p2) -> np.ndarray:
        """dC/dp = mean over examples of (a_t - y_t) x (that example's input to the parameter): shape (..., 2)."""
        p1, p2 = np.asarray(p1, dtype=np.float64), np.asarray(p2, dtype=np.float64)
        margin = (self.margin + (p1 - self.trained[0])[..., None] * self.inputs[:, 0]
                  + (p2 - self.trained[1])[..., None] * self.inputs[:, 1])                   # z_t - L: (..., n)
        error = 0.5 + 0.5 * np.tanh(0.5 * margin) - self.is_target                          # a_t - y_t
        n = len(self.is_target)   # sums, not a matrix product: the same bits whether one point or many
        return np.stack([(error * self.inputs[:, 0]).sum(axis=-1) / n, (error * self.inputs[:, 1]).sum(axis=-1) / n],
                        axis=-1)

    def default_view(self) -> tuple[tuple[float, float], tuple[float, float]]:
        return tuple((t - 6.0, t + 6.0) for t in self.trained)  # type: ignore[return-value]


class OneParameter:
    """A problem along one of its two parameters (``axis``), the other held at ``held``.

    Its cost is the map's cost along one straight line (horizontal for axis 0, vertical for 1).
    """

    def __init__(self, problem, axis: int, held: float):
        self.problem, self.axis, self.held = problem, int(axis), float(held)
        self.names = (problem.names[self.axis],)
        self.symbols = (problem.symbols[self.axis],)
        self.trained = None if problem.trained is None else (problem.trained[self.axis],)

    def point(self, value):
        """(p1, p2) on the map for a value of this parameter: arrays of any shape."""
        value = np.asarray(value, dtype=np.float64)
        held = np.full(value.shape, self.held)
        return (value, held) if self.axis == 0 else (held, value)

    def cost(self, value) -> np.ndarray:
        return self.problem.cost(*self.point(value))

    def gradient(self, value) -> np.ndarray:
        return self.problem.gradient(*self.point(value))[..., self.axis:self.axis + 1]

    def default_view(self) -> tuple[tuple[float, float]]:
        return (self.problem.default_view()[self.axis],)


def steeper_axis(problem, point) -> int:
    """The parameter along which the cost curves more sharply at ``point`` (0 or 1).

    Walked along that axis alone, a learning rate is too big at about the same size as on the map.
    """
    curvature = np.diag(hessian(problem, point))
    return int(np.argmax(curvature))


@dataclass(frozen=True)
class Walk:
    """A gradient-descent walk: the points visited, the cost and the gradient (the slopes) at each."""

    path: np.ndarray     # (steps + 1, d)
    costs: np.ndarray    # (steps + 1,)
    slopes: np.ndarray   # (steps + 1, d): grad C at each point
    diverged: bool
    momentum: float = 0.0


def descend(problem, start, learning_rate: float, steps: int, momentum: float = 0.0) -> Walk:
    """v <- mu v - eta grad C(p), p <- p + v from ``start`` (v starts at 0); stops early if it flies off.

    With momentum mu = 0 this is plain gradient descent, p <- p - eta grad C(p). Same rule as
    ``nn_core.training.Trainer``.
    """
    return descend_each(problem, start, [learning_rate], steps, momentum)[0]


def descend_each(problem, start, learning_rates, steps: int, momentum: float = 0.0) -> list[Walk]:
    """One walk per learning rate from the same start, all stepped together (one gradient call per step)."""
    rates = np.asarray(learning_rates, dtype=np.float64)[:, None]          # (R, 1)
    point = np.tile(np.asarray(start, dtype=np.float64).reshape(1, -1), (len(rates), 1))   # (R, d)
    velocity = np.zeros_like(point)
    points, slopes = [point], [np.asarray(problem.gradient(*point.T), dtype=np.float64).reshape(point.shape)]
    length = np.full(len(rates), steps + 1)        # points each walk keeps (fewer if it flew off)
    alive = np.ones(len(rates), dtype=bool)
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(1, steps + 1):
            velocity = momentum * velocity - rates * slopes[-1]
            point = points[-1] + velocity
            flown = alive & ~(np.abs(point).max(axis=1) <= DIVERGED)          # also catches NaN
            length[flown] = step
            alive &= ~flown
            point = np.where(alive[:, None], point, points[-1])           # a walk that flew off stays put
            velocity = np.where(alive[:, None], velocity, 0.0)
            points.append(point)
            slopes.append(np.asarray(problem.gradient(*point.T), dtype=np.float64).reshape(point.shape))
    path_all, slope_all = np.stack(points, axis=1), np.stack(slopes, axis=1)   # (R, steps + 1, d)
    walks = []
    for r in range(len(rates)):
        path, slope = path_all[r, :length[r]], slope_all[r, :length[r]]
        costs = np.asarray(problem.cost(*path.T), dtype=np.float64)
        for array in (path, slope, costs):   # walks are cached and shared between sessions: read-only
            array.setflags(write=False)
        walks.append(Walk(path, costs, slope, bool(length[r] <= steps), float(momentum)))
    return walks


def cost_grid(problem, p1_range: tuple[float, float], p2_range: tuple[float, float], size: int = 60):
    """(p1 values, p2 values, C on the grid (size, size) with rows = p2)."""
    p1 = np.linspace(*p1_range, size)
    p2 = np.linspace(*p2_range, size)
    grid1, grid2 = np.meshgrid(p1, p2)
    return p1, p2, problem.cost(grid1, grid2)


def hessian(problem, point) -> np.ndarray:
    """The curvatures d^2C/dp_i dp_j at ``point``, by central differences of the gradient: (d, d)."""
    point = np.asarray(point, dtype=np.float64)
    columns = []
    for i in range(len(point)):
        h = 1e-5 * (1.0 + abs(point[i]))
        step = np.zeros_like(point)
        step[i] = h
        columns.append((problem.gradient(*(point + step)) - problem.gradient(*(point - step))) / (2 * h))
    matrix = np.array(columns)
    return (matrix + matrix.T) / 2


@dataclass(frozen=True)
class Lowest:
    """The lowest point of a landscape (None where the search found none) and its cost."""

    point: np.ndarray | None
    cost: float


CURVED = 1e-9   # a lowest point curves up by more than this in every direction (else it is a flat floor)


def lowest_point(problem, view, size: int = 31, reach: float = 10.0) -> Lowest:
    """Where C is lowest: the best point of a size^d grid over ``view``, refined by damped Newton steps.

    The refinement may leave the view (a slice's minimum can lie off the map). If it runs further
    than ``reach`` times the map's diagonal from the map's centre, does not settle, or ends where
    the cost hardly curves up in some direction, the landscape has no lowest point nearby (the cost
    keeps falling, ever more slowly, towards a floor it never reaches) and ``point`` is None;
    ``cost`` is then the lowest cost the search found.
    """
    axes = [np.linspace(low, high, size) for low, high in view]
    grids = np.meshgrid(*axes, indexing="ij")
    values = problem.cost(*grids)
    best = np.unravel_index(np.argmin(values), values.shape)
    point = np.array([axis[i] for axis, i in zip(axes, best)])
    value = float(values[best])
    centre = np.mean(np.array(view, dtype=np.float64), axis=1)
    far = reach * float(np.linalg.norm(np.ptp(np.array(view, dtype=np.float64), axis=1)))
    for _ in range(100):
        gradient = problem.gradient(*point)
        curvature = hessian(problem, point)
        eigenvalues = np.linalg.eigvalsh(curvature)
        if eigenvalues.min() > 1e-12:
            direction = -np.linalg.solve(curvature, gradient)
        else:  # not a bowl here: a plain gradient step scaled by the sharpest curvature
            direction = -gradient / max(float(np.abs(eigenvalues).max()), 1e-12)
        descent = float(gradient @ direction)
        if descent > -1e-30:
            break
        t = 1.0
        while t > 1e-12:
            trial = point + t * direction
            trial_value = float(problem.cost(*trial))
            if trial_value <= value + 1e-4 * t * descent:
                break
            t /= 2
        else:
            break
        point, value = trial, trial_value
        if np.linalg.norm(point - centre) > far:
            return Lowest(None, value)
        if np.linalg.norm(t * direction) < 1e-10 * (1.0 + np.linalg.norm(point)):
            break
    flat = np.linalg.eigvalsh(hessian(problem, point)).min() <= CURVED * (1.0 + abs(value))
    if np.linalg.norm(point - centre) > far or np.linalg.norm(problem.gradient(*point)) > 1e-8 or flat:
        return Lowest(None, value)   # far away, not settled, or a floor that keeps (ever more slowly) falling
    return Lowest(point, value)


def valleys(problem, view, size: int = 61) -> list[Lowest]:
    """Every valley bottom (local minimum) on the map, lowest first.

    A grid point lower than all its neighbours is refined by ``lowest_point`` on the few cells
    around it; one on the map's edge is not counted (the cost keeps falling beyond it), nor a
    flat floor. With one valley this is [the lowest point]; a local minimum is any other entry.
    """
    axes = [np.linspace(low, high, size) for low, high in view]
    values = problem.cost(*np.meshgrid(*axes, indexing="ij"))
    inner = tuple(slice(1, -1) for _ in axes)
    lower = np.ones(values[inner].shape, dtype=bool)
    for shift in np.ndindex(*(3,) * len(axes)):
        if any(s != 1 for s in shift):
            lower &= values[inner] < values[tuple(slice(s, s + size - 2) for s in shift)]
    cells = [(high - low) / (size - 1) for low, high in view]
    bottoms: list[Lowest] = []
    for index in zip(*np.nonzero(lower)):
        centre = [axis[i + 1] for axis, i in zip(axes, index)]
        found = lowest_point(problem, [(c - 2 * cell, c + 2 * cell) for c, cell in zip(centre, cells)], size=5)
        near = found.point is not None and all(low <= v <= high for v, (low, high) in zip(found.point, view))
        if near and all(np.linalg.norm(found.point - other.point) > max(cells) for other in bottoms):
            bottoms.append(found)
    return sorted(bottoms, key=lambda bottom: bottom.cost)


def flow_rate(problem, view, size: int = 31) -> float:
    """A learning rate at which plain gradient descent is stable everywhere on the map: 1 / the sharpest
    curvature found on a size^d grid (a ball let go with it rolls downhill, as if sliding, into its valley)."""
    axes = [np.linspace(low, high, size) for low, high in view]
    sharpest = max(float(np.abs(np.linalg.eigvalsh(hessian(problem, np.array(point)))).max())
                   for point in np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, len(axes)))
    return 1.0 / max(sharpest, 1e-12)


def valley_of(problem, points, bottoms: list[Lowest], rate: float, steps: int = 3000) -> np.ndarray:
    """Which valley a ball let go at each of ``points`` (n, d) rolls into: indices into ``bottoms``, shape (n,).

    Each follows -grad C with the small, stable ``rate`` (``flow_rate``) for ``steps`` steps, then
    takes the nearest bottom (along a flat valley floor it may still be on its way down, but in its own valley).
    """
    point = np.array(points, dtype=np.float64).reshape(-1, len(bottoms[0].point))
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            point = point - rate * np.asarray(problem.gradient(*point.T), dtype=np.float64).reshape(point.shape)
    centres = np.array([bottom.point for bottom in bottoms])                    # (k, d)
    return np.argmin(np.linalg.norm(point[:, None, :] - centres[None], axis=-1), axis=1)


SETTLED = 0.99         # a walk that has come this share of the way down (by cost) has reached the bottom
CREEPING = 0.5         # a stable walk that has come less than this share after all its steps creeps
OVERSHOOT_SHARE = 0.1  # a walk whose cost rises on more than this share of its steps overshoots
STILL_STEPS = 10       # a walk whose last STILL_STEPS steps together cover less than
STILL = 0.01           # ... this share of the map's diagonal has stopped moving
AWAY = 0.1             # a walk that ends this share of the diagonal further from the lowest point than it began was thrown
TOO_BIG = ("overshoots", "plateau", "thrown off", "flies off")   # verdicts of a learning rate that is too big


@dataclass(frozen=True)
class Verdict:
    """What a walk did, and the facts that decided it.

    kind: 'settles' (reached the bottom), 'creeps' (stable, not there yet), 'overshoots'
    (the cost keeps going up and down), 'plateau' (jumped past the valley onto flat ground and
    stopped there), 'thrown off' (the same, off the map), 'flies off' (off the map for good).
    """

    kind: str
    steps: int
    covered: float            # share of the way down from C(start) to the lowest cost, by cost
    rises: int                # steps on which the cost went up
    first_jump: int | None    # first step after which the slope pointed back the other way (it jumped past)
    left_map: bool            # some point of the walk lies outside the map
    off_map: bool             # its last point does
    stopped: bool             # its last steps barely moved
    distance: float | None    # from its last point to the lowest point (None if there is none)


def flat_at(problem, point, reference) -> bool:
    """Whether the ground at ``point`` is flat in every direction: it curves less than 1 % as sharply as at ``reference``.

    A plateau, not a valley floor: along a long, narrow valley the slope is small too, but across it the
    cost still curves up steeply.
    """
    here = float(np.abs(np.linalg.eigvalsh(hessian(problem, point))).max())
    there = float(np.abs(np.linalg.eigvalsh(hessian(problem, reference))).max())
    return here <= 0.01 * there


def walk_verdict(walk: Walk, problem, lowest: Lowest, view) -> Verdict:
    """Classify a walk by what happened, measured against the landscape's lowest point (by cost).

    A learning rate is too big when a step jumps past the valley: the cost rises, the slope
    points back the way the walk came, or the walk lands further from the lowest point than it
    started (on a plateau whose slope is exactly zero, the first two cannot be seen). Such a walk
    ends up bouncing ('overshoots'), on a flat plateau it cannot leave ('plateau' on the map,
    'thrown off' off it) or far away ('flies off').
    """
    costs, path = walk.costs, walk.path
    steps = len(costs) - 1
    drop = costs[0] - lowest.cost
    covered = 1.0 if drop <= 1e-12 * (1.0 + abs(costs[0])) else float((costs[0] - costs[-1]) / drop)
    rises = int(np.sum(np.diff(costs) > 1e-9 * (1.0 + np.abs(costs[:-1]))))
    reversed_slope = np.flatnonzero(np.sum(walk.slopes[1:] * walk.slopes[:-1], axis=1) < 0)
    first_jump = int(reversed_slope[0]) + 1 if len(reversed_slope) else None
    low, high = np.array(view, dtype=np.float64).T
    inside = np.all((path >= low) & (path <= high), axis=1)
    recent = np.linalg.norm(np.diff(path[-STILL_STEPS - 1:], axis=0), axis=1).sum() if steps else 0.0
    diagonal = float(np.linalg.norm(high - low))
    stopped = bool(recent < STILL * diagonal)
    distance = None if lowest.point is None else float(np.linalg.norm(path[-1] - lowest.point))
    settled = covered >= SETTLED
    moved_away = distance is not None and distance > np.linalg.norm(path[0] - lowest.point) + AWAY * diagonal
    jumped = first_jump is not None or rises > 0 or moved_away
    reference = lowest.point if lowest.point is not None else path[0]
    if walk.diverged:
        kind = "flies off"
    elif not inside[-1] and not settled and jumped:
        kind = "thrown off" if stopped and flat_at(problem, path[-1], reference) else "flies off"
    elif not settled and stopped and jumped and flat_at(problem, path[-1], reference):
        kind = "plateau"
    elif not settled and rises > OVERSHOOT_SHARE * steps:
        kind = "overshoots"
    else:
        kind = "settles" if settled else "creeps"
    return Verdict(kind, steps, covered, rises, first_jump, not bool(inside.all()), not bool(inside[-1]), stopped,
                   distance)


def steps_to_bottom(walk: Walk, lowest: Lowest) -> int | None:
    """The first step at which the walk has come SETTLED of the way down (None if it never does)."""
    drop = walk.costs[0] - lowest.cost
    there = np.flatnonzero(walk.costs - lowest.cost <= (1 - SETTLED) * max(drop, 0.0))
    return int(there[0]) if len(there) else None


@dataclass(frozen=True)
class Trial:
    """One learning rate tried from one start."""

    rate: float
    verdict: Verdict
    end_cost: float
    reached: int | None   # steps_to_bottom
    walk: Walk | None = None


def try_rates(problem, start, rates, steps: int, lowest: Lowest, view, momentum: float = 0.0) -> list[Trial]:
    """Walk from ``start`` with every rate in ``rates`` (ascending) and judge each walk."""
    rates = sorted(rates)
    walks = descend_each(problem, start, rates, steps, momentum)
    return [Trial(rate, walk_verdict(walk, problem, lowest, view), float(walk.costs[-1]), steps_to_bottom(walk, lowest),
                  walk) for rate, walk in zip(rates, walks)]


def overshoot_rate(trials: list[Trial]) -> float | None:
    """The smallest rate tried whose walk jumped too far (overshoots, plateau, thrown or flies off)."""
    return next((t.rate for t in trials if t.verdict.kind in TOO_BIG), None)


def calibrate_rates(trials: list[Trial]) -> dict[str, float | None]:
    """Learning rates that show each behaviour (None where none does), from rates already tried.

    'overshoot' is the smallest rate that is too big; 'converge' the rate below it that reaches
    the bottom in the fewest steps going downhill every step (or, if none does, at all; the
    smaller on a tie); 'creep' the largest creeping rate at most a tenth of 'converge'.
    Tried, not predicted: how a walk behaves depends on the landscape's shape all along it.
    """
    too_big = overshoot_rate(trials)
    stable = [t for t in trials if too_big is None or t.rate < too_big]
    settling = [t for t in stable if t.verdict.kind == "settles" and t.reached is not None]
    smooth = [t for t in settling if t.verdict.rises == 0]
    pool = smooth or settling
    converge = min(pool, key=lambda t: (t.reached, t.rate)).rate if pool else None
    ceiling = converge / 10 if converge is not None else float("inf")
    creep = max((t.rate for t in stable if t.verdict.kind == "creeps" and t.verdict.covered < CREEPING
                 and t.rate <= ceiling), default=None)
    return {"creep": creep, "converge": converge, "overshoot": too_big}


def better_rate(trials: list[Trial], rate: float) -> Trial | None:
    """A larger rate, below the overshoot rate, that gets lower than ``rate`` from the same start (None if none).

    Of those that reach the bottom, the one that gets there first going downhill every step (or,
    if none does, first at all); else the one that ends lowest.
    This is the only advice a page should give to go larger: tried, and never at or above the
    rate that overshoots.
    """
    too_big = overshoot_rate(trials)
    mine = next((t for t in trials if t.rate == rate), None)
    if mine is None:
        return None
    larger = [t for t in trials if t.rate > rate and (too_big is None or t.rate < too_big)
              and t.end_cost < mine.end_cost and t.verdict.kind in ("settles", "creeps")]
    reaching = [t for t in larger if t.reached is not None]
    smooth = [t for t in reaching if t.verdict.rises == 0]
    if reaching:
        return min(smooth or reaching, key=lambda t: (t.reached, t.rate))
    return min(larger, key=lambda t: t.end_cost, default=None)


def calibrate_momentum(problem, start, rates, momenta, steps: int, lowest: Lowest, view) -> dict[str, tuple | None]:
    """(learning rate, momentum) pairs from those tried that show what momentum does (None where none does).

    'helps': plain gradient descent does not reach the bottom within ``steps`` and the walk with
    momentum does (the pair that gets there first; smaller rate and momentum on a tie).
    'hurts': at the rate that converges without momentum, the smallest momentum that makes the
    walk overshoot or fly off.
    """
    plain = try_rates(problem, start, rates, steps, lowest, view)
    too_big = overshoot_rate(plain)
    stable = [t for t in plain if too_big is None or t.rate < too_big]
    converge = calibrate_rates(plain)["converge"]
    helps, overshoots = [], []
    for momentum in sorted(momenta):
        heavy = {t.rate: t for t in try_rates(problem, start, [t.rate for t in stable], steps, lowest, view, momentum)}
        for t in stable:
            h = heavy[t.rate]
            if t.reached is None and h.verdict.kind == "settles" and h.reached is not None:
                helps.append((h.reached, t.rate, momentum))
            if t.rate == converge and h.verdict.kind in TOO_BIG:
                overshoots.append((momentum, t.rate))
    best_help = min(helps, default=None)
    return {"helps": None if best_help is None else (best_help[1], best_help[2]),
            "hurts": None if not overshoots else (min(overshoots)[1], min(overshoots)[0])}
