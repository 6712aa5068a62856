"""The network: layer sizes, weights, biases, and the forward pass.

Layer l computes a^(l) = sigma(W^(l) a^(l-1) + b^(l)). W^(l) has shape (n_out, n_in),
so row j of the first layer's weights is neuron j's 28x28 template over the input;
b^(l) has shape (n_out,). The last layer uses the cost's output activation (softmax for
cross-entropy, sigmoid for the quadratic cost); hidden layers use ``activation``.

All parameters live in one flat vector, ``params``, laid out layer by layer as the
matrices [W | b] (each neuron's weights followed by its bias); ``weights``, ``biases``
and ``matrices`` are views into it. Copying, saving and the SGD update are then one numpy
call each.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nn_core.activations import Activation, get_activation
from nn_core.costs import Cost, get_cost

INPUT_SIZE = 784
OUTPUT_SIZE = 10
DEFAULT_SIZES = (784, 16, 16, 10)
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def parameter_count(sizes: Sequence[int]) -> int:
    """Number of weights and biases in a fully connected network of these sizes."""
    return sum(n_out * (n_in + 1) for n_in, n_out in zip(sizes[:-1], sizes[1:]))


def layer_names(layer_count: int) -> list[str]:
    """'input', 'hidden 1', ..., 'output' for a network of ``layer_count`` weight layers."""
    return ["input"] + [f"hidden {l}" for l in range(1, layer_count)] + ["output"]


def layer_symbol(layer: int) -> str:
    """a⁽⁰⁾, a⁽¹⁾, ...: the activations of layer ``layer`` in the lesson's notation (a⁽⁰⁾ = the pixels)."""
    return "a⁽" + str(layer).translate(SUPERSCRIPT) + "⁾"


def layer_matrices(flat: np.ndarray, sizes: Sequence[int]) -> list[np.ndarray]:
    """Split a flat vector into one (n_out, n_in + 1) matrix [W | b] per layer.

    Keeping each neuron's bias beside its weights means one matrix product computes
    W a + b for a whole batch, if the activations carry an extra column of ones.
    """
    matrices, start = [], 0
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        matrices.append(flat[start:start + n_out * (n_in + 1)].reshape(n_out, n_in + 1))
        start += n_out * (n_in + 1)
    return matrices


def layer_views(flat: np.ndarray, sizes: Sequence[int]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Per-layer weight (n_out, n_in) and bias (n_out,) views into a flat parameter vector."""
    matrices = layer_matrices(flat, sizes)
    return [m[:, :-1] for m in matrices], [m[:, -1] for m in matrices]


class Network:
    """A fully connected feed-forward network with its parameters in one flat vector."""

    def __init__(
        self,
        sizes: Sequence[int],
        params: np.ndarray,
        activation: str = "sigmoid",
        cost: str = "cross-entropy",
    ):
        self.sizes = tuple(int(n) for n in sizes)
        if len(self.sizes) < 2 or min(self.sizes) < 1:
            raise ValueError(f"a network needs at least two layers of positive size, got {self.sizes}")
        if params.ndim != 1 or params.size != parameter_count(self.sizes):
            raise ValueError(
                f"{params.size} parameters do not fit sizes {self.sizes} "
                f"(need {parameter_count(self.sizes)})"
            )
        self.params = params
        self.activation: Activation = get_activation(activation)   # of the hidden layers
        self.cost: Cost = get_cost(cost)                             # with the output layer's activation
        self.matrices = layer_matrices(params, self.sizes)
        self.weights = [m[:, :-1] for m in self.matrices]
        self.biases = [m[:, -1] for m in self.matrices]

    @classmethod
    def from_layers(
        cls,
        weights: Sequence[np.ndarray],
        biases: Sequence[np.ndarray],
        activation: str = "sigmoid",
        cost: str = "cross-entropy",
        dtype=np.float32,
    ) -> Network:
        """Build a network from per-layer arrays (copied into one flat vector)."""
        if len(weights) != len(biases) or not weights:
            raise ValueError("need one bias vector per weight matrix, and at least one layer")
        sizes = [weights[0].shape[1]] + [w.shape[0] for w in weights]
        for w, b, n_in, n_out in zip(weights, biases, sizes[:-1], sizes[1:]):
            if w.shape != (n_out, n_in) or b.shape != (n_out,):
                raise ValueError(
                    f"layer shapes do not chain: weights {w.shape} and biases {b.shape} "
                    f"where ({n_out}, {n_in}) and ({n_out},) were expected"
                )
        params = np.concatenate([np.column_stack([w, b]).ravel() for w, b in zip(weights, biases)])
        return cls(sizes, params.astype(dtype), activation, cost)

    @classmethod
    def random(
        cls,
        sizes: Sequence[int] = DEFAULT_SIZES,
        rng: np.random.Generator | int | None = 0,
        activation: str = "sigmoid",
        cost: str = "cross-entropy",
        dtype=np.float32,
    ) -> Network:
        """Fresh random weights, scaled by fan-in so the first weighted sums are O(1).

        Weights ~ N(0, 1/n_in) (N(0, 2/n_in) for ReLU, He et al.); biases start at 0.
        """
        rng = np.random.default_rng(rng)
        gain = get_activation(activation).init_gain
        params = np.zeros(parameter_count(sizes), dtype=np.float64)
        net = cls(sizes, params, activation, cost)
        for w in net.weights:
            w[...] = rng.normal(0.0, np.sqrt(gain / w.shape[1]), size=w.shape)
        return net.astype(dtype)

    @property
    def dtype(self) -> np.dtype:
        return self.params.dtype

    @property
    def layer_count(self) -> int:
        """Number of weight layers (3 for 784-16-16-10)."""
        return len(self.sizes) - 1

    def layer_names(self) -> list[str]:
        """'input', 'hidden 1', ..., 'output': what pages call each layer."""
        return layer_names(self.layer_count)

    def copy(self) -> Network:
        return Network(self.sizes, self.params.copy(), self.activation.name, self.cost.name)

    def astype(self, dtype) -> Network:
        """The same network with parameters of another float type (float64 for gradient checks)."""
        return Network(self.sizes, self.params.astype(dtype), self.activation.name, self.cost.name)

    def describe(self) -> str:
        """e.g. '784-16-16-10, sigmoid, cross-entropy'."""
        return f"{'-'.join(map(str, self.sizes))}, {self.activation.name}, {self.cost.name}"

    def __repr__(self) -> str:
        return f"Network({self.describe()}, {self.params.size} parameters, {self.dtype})"


@dataclass(frozen=True)
class ForwardPass:
    """Every layer's z^(l) = W^(l) a^(l-1) + b^(l) and activation a^(l) = sigma(z^(l)), for one input or a batch.

    ``activations[0]`` is the input itself; ``zs[l - 1]`` and ``activations[l]`` belong to layer l
    (Nielsen's names). For a single example the arrays are 1-D, for a batch (B, n). Vocabulary:
    the "weighted sum" is sum w a alone; z adds the bias (z = weighted sum + b).
    """

    zs: list[np.ndarray]
    activations: list[np.ndarray]

    @property
    def output(self) -> np.ndarray:
        return self.activations[-1]

    @property
    def prediction(self) -> np.ndarray | int:
        """The digit (or digits) with the highest output activation."""
        guess = np.argmax(self.output, axis=-1)
        return int(guess) if self.output.ndim == 1 else guess


def as_inputs(network: Network, inputs: np.ndarray) -> np.ndarray:
    """Inputs as the network's float type, (784,) or (B, 784), with a clear shape error."""
    inputs = np.asarray(inputs)
    if inputs.shape[-1:] != (network.sizes[0],) or inputs.ndim not in (1, 2):
        raise ValueError(
            f"inputs must have shape ({network.sizes[0]},) or (batch, {network.sizes[0]}), "
            f"got {inputs.shape}"
        )
    return inputs.astype(network.dtype, copy=False)


def forward(network: Network, inputs: np.ndarray) -> ForwardPass:
    """a^(l) = sigma(W^(l) a^(l-1) + b^(l)) for every layer, keeping every z and a."""
    a = as_inputs(network, inputs)
    single = a.ndim == 1
    zs, activations = [], [a]
    last = network.layer_count - 1
    with np.errstate(over="ignore"):  # sigma(z) for z < -88 overflows e^-z on the way to 0
        for l, (w, b) in enumerate(zip(network.weights, network.biases)):
            z = np.dot(w, a) if single else np.matmul(a, w.T)
            z += b
            a = network.cost.output_activation(z) if l == last else network.activation.function(z)
            zs.append(z)
            activations.append(a)
    return ForwardPass(zs, activations)


def forward_from(network: Network, activation: np.ndarray, layer: int) -> np.ndarray:
    """a^(L) from a^(layer-1): the rest of a forward pass, for (B, n) activations of layer - 1.

    When only layers >= ``layer`` changed (a hand edit), the earlier activations can be reused.
    """
    a = np.asarray(activation, dtype=network.dtype)
    last = network.layer_count - 1
    with np.errstate(over="ignore"):
        for l in range(layer - 1, network.layer_count):
            z = np.matmul(a, network.weights[l].T)
            z += network.biases[l]
            a = network.cost.output_activation(z) if l == last else network.activation.function(z)
    return a


def predict(network: Network, inputs: np.ndarray) -> np.ndarray:
    """Output activations a^(L) only, (10,) or (B, 10)."""
    return forward(network, inputs).output
