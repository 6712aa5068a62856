"""The cost as a landscape over two parameters, and gradient descent walking on it.

A network has thousands of parameters, so its cost lives in thousands of dimensions; to
*see* it we hold everything fixed but two parameters and draw C(p1, p2) as a map. Walking
downhill is then p <- p - eta grad C(p): small steps creep, good steps converge, big steps
overshoot the valley and can fly off.

Two problems:
- ``TinyNeuron``: one sigmoid neuron with two weights, a = sigma(w1 x1 + w2 x2), fitted to a
  handful of labelled points with the quadratic cost: a smooth valley to learn on.
- ``OutputLayerSlice``: two parameters (weights or a bias) of a trained network's output
  layer, every other parameter at its trained value, the cost averaged over training digits.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nn_core.activations import sigmoid
from nn_core.costs import softmax
from nn_core.network import Network, forward

DIVERGED = 1e6   # a walk whose parameters grow past this has flown off


class TinyNeuron:
    """a = sigma(w1 x1 + w2 x2) on eight fixed points; C(w1, w2) = mean 1/2 (a - y)^2.

    The targets y are what the neuron with w = (2, -1.5) outputs, so the valley's floor is
    C = 0 at (2, -1.5); far from it the sigmoid saturates and the landscape is a flat plateau.
    """

    names = ("w1", "w2")
    minimum = (2.0, -1.5)

    def __init__(self):
        self.x = np.array([[1.0, 0.5], [-0.8, 0.6], [0.3, -1.0], [-0.5, -0.7],
                           [0.9, -0.2], [-0.2, 0.9], [0.6, 0.8], [-1.0, -0.1]])
        self.y = sigmoid(self.x @ np.array(self.minimum))

    def cost(self, p1: np.ndarray, p2: np.ndarray) -> np.ndarray:
        """C at every (p1, p2): arrays of any (equal) shape."""
        p1, p2 = np.asarray(p1, dtype=np.float64), np.asarray(p2, dtype=np.float64)
        z = p1[..., None] * self.x[:, 0] + p2[..., None] * self.x[:, 1]
        with np.errstate(over="ignore"):
            a = sigmoid(z)
        return 0.5 * np.mean((a - self.y) ** 2, axis=-1)

    def gradient(self, p1: float, p2: float) -> np.ndarray:
        """(dC/dw1, dC/dw2) = mean (a - y) a (1 - a) x."""
        z = self.x @ np.array([p1, p2])
        with np.errstate(over="ignore"):
            a = sigmoid(z)
        delta = (a - self.y) * a * (1 - a)
        return self.x.T @ delta / len(self.y)

    def default_view(self) -> tuple[tuple[float, float], tuple[float, float]]:
        return (-6.0, 6.0), (-6.0, 6.0)

    def landmark(self) -> tuple[float, float, str]:
        return (*self.minimum, "the minimum")


@dataclass(frozen=True)
class Parameter:
    """One parameter of the output layer: the weight from hidden neuron ``source`` into output ``target``,
    or (source None) the bias of output ``target``."""

    target: int
    source: int | None

    def label(self) -> str:
        return f"b (output {self.target})" if self.source is None else f"w (hidden {self.source} → output {self.target})"


class OutputLayerSlice:
    """C over two output-layer parameters of a trained network, the rest held at trained values."""

    def __init__(self, network: Network, inputs: np.ndarray, labels: np.ndarray, first: Parameter, second: Parameter):
        if network.cost.name != "cross-entropy":
            raise ValueError("the output-layer landscape is drawn for softmax outputs with cross-entropy")
        result = forward(network.astype(np.float64), inputs)
        self.hidden = result.activations[-2]                   # (n, k): fixed
        self.logits = result.weighted_sums[-1]                 # (n, 10) at the trained values
        self.labels = np.asarray(labels, dtype=np.intp)
        self.params = (first, second)
        self.trained = tuple(self._value(network, p) for p in self.params)
        self.names = tuple(p.label() for p in self.params)

    @staticmethod
    def _value(network: Network, p: Parameter) -> float:
        if p.source is None:
            return float(network.biases[-1][p.target])
        return float(network.weights[-1][p.target, p.source])

    def _input_of(self, p: Parameter) -> np.ndarray:
        """How z_target changes per unit of this parameter, for every example (n,)."""
        return np.ones(len(self.labels)) if p.source is None else self.hidden[:, p.source]

    def cost(self, p1: np.ndarray, p2: np.ndarray) -> np.ndarray:
        p1, p2 = np.asarray(p1, dtype=np.float64), np.asarray(p2, dtype=np.float64)
        shape = np.broadcast(p1, p2).shape
        z = np.broadcast_to(self.logits, shape + self.logits.shape).copy()
        for value, trained, p in zip((p1, p2), self.trained, self.params):
            z[..., p.target] += (value - trained)[..., None] * self._input_of(p)
        log_a = z - z.max(axis=-1, keepdims=True)
        log_a -= np.log(np.exp(log_a).sum(axis=-1, keepdims=True))
        picked = np.take_along_axis(log_a, np.broadcast_to(self.labels[:, None], shape + (len(self.labels), 1)), -1)
        return -np.mean(picked[..., 0], axis=-1)

    def gradient(self, p1: float, p2: float) -> np.ndarray:
        """dC/dp = mean over examples of (a_target - y_target) x (that example's input to the parameter)."""
        z = self.logits.copy()
        for value, trained, p in zip((p1, p2), self.trained, self.params):
            z[:, p.target] += (value - trained) * self._input_of(p)
        a = softmax(z)
        a[np.arange(len(self.labels)), self.labels] -= 1.0   # a - y
        return np.array([np.mean(a[:, p.target] * self._input_of(p)) for p in self.params])

    def default_view(self) -> tuple[tuple[float, float], tuple[float, float]]:
        return tuple((t - 6.0, t + 6.0) for t in self.trained)  # type: ignore[return-value]

    def landmark(self) -> tuple[float, float, str]:
        return (*self.trained, "the trained values")


@dataclass(frozen=True)
class Walk:
    """A gradient-descent walk: the points visited and the cost at each."""

    path: np.ndarray    # (steps + 1, 2)
    costs: np.ndarray   # (steps + 1,)
    diverged: bool


def descend(problem, start: tuple[float, float], learning_rate: float, steps: int) -> Walk:
    """p_(k+1) = p_k - eta grad C(p_k), from ``start``; stops early if it flies off."""
    path = [np.array(start, dtype=np.float64)]
    diverged = False
    for _ in range(steps):
        with np.errstate(over="ignore", invalid="ignore"):
            step = path[-1] - learning_rate * problem.gradient(*path[-1])
        if not np.all(np.isfinite(step)) or np.abs(step).max() > DIVERGED:
            diverged = True
            break
        path.append(step)
    path_array = np.array(path)
    return Walk(path_array, np.asarray(problem.cost(path_array[:, 0], path_array[:, 1])), diverged)


def cost_grid(problem, p1_range: tuple[float, float], p2_range: tuple[float, float], size: int = 60):
    """(p1 values, p2 values, C on the grid (size, size) with rows = p2)."""
    p1 = np.linspace(*p1_range, size)
    p2 = np.linspace(*p2_range, size)
    grid1, grid2 = np.meshgrid(p1, p2)
    return p1, p2, problem.cost(grid1, grid2)


OVERSHOOT_SHARE = 0.1   # a walk whose cost rises on more than this share of its steps overshoots
SETTLED = 0.5           # ... and one that covers less than this share of the way creeps


def walk_verdict(walk: Walk, problem, start: tuple[float, float]) -> str:
    """What a walk did: 'flies off', 'overshoots', 'creeps' or 'settles'.

    Creeping is measured as distance, not cost: the walk ends less than half of the way from
    its start to the problem's landmark (the minimum, or where training left the parameters).
    A long, narrow valley makes a stable walk creep along its floor.
    """
    if walk.diverged:
        return "flies off"
    rises = int(np.sum(np.diff(walk.costs) > 1e-9))
    if rises > OVERSHOOT_SHARE * (len(walk.costs) - 1):
        return "overshoots"
    goal = np.array(problem.landmark()[:2], dtype=np.float64)
    distance = float(np.linalg.norm(np.asarray(start, dtype=np.float64) - goal))
    if distance > 0 and np.linalg.norm(walk.path[-1] - goal) > (1 - SETTLED) * distance:
        return "creeps"
    return "settles"


def calibrate_rates(problem, start: tuple[float, float], rates: list[float], steps: int) -> dict[str, float | None]:
    """Learning rates from ``rates`` that show each behaviour from ``start`` (None where none does).

    'overshoot' is the smallest rate that overshoots or flies off; 'converge' the largest rate
    below it that settles going downhill every step (or, if none does, that settles at all);
    'creep' the largest creeping rate at most a tenth of 'converge'.
    Tried, not predicted: how a walk behaves depends on the landscape's shape all along it.
    """
    walks = {rate: descend(problem, start, rate, steps) for rate in sorted(rates)}
    verdicts = {rate: walk_verdict(walk, problem, start) for rate, walk in walks.items()}
    overshoot = next((r for r, v in verdicts.items() if v in ("overshoots", "flies off")), None)
    stable = [r for r in verdicts if overshoot is None or r < overshoot]
    settling = [r for r in stable if verdicts[r] == "settles"]
    smooth = [r for r in settling if not np.any(np.diff(walks[r].costs) > 1e-9)]  # downhill every step
    converge = max(smooth or settling, default=None)
    ceiling = converge / 10 if converge is not None else float("inf")
    creep = max((r for r in stable if verdicts[r] == "creeps" and r <= ceiling), default=None)
    return {"creep": creep, "converge": converge, "overshoot": overshoot}
