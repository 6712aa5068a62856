"""Backpropagation, vectorised over a mini-batch, into preallocated buffers.

Inside the workspace a batch of B examples is stored as columns, exactly as the maths is
written: a^(l) is (n_l, B), and z^(l) = W^(l) a^(l-1) + b^(l). For the summed cost C:

    delta^(L)   = dC/dz^(L)                                  (from the cost)
    delta^(l)   = (W^(l+1)^T delta^(l+1)) * sigma'(z^(l))    (the error flows back)
    dC/dW^(l)   = delta^(l) a^(l-1)^T                        (summed over the batch)
    dC/db^(l)   = delta^(l) summed over the batch

Each layer's activations carry an extra row of ones, so one product with the layer's
[W | b] matrix gives W a + b, and one product delta [a; 1]^T gives both gradients. Every
buffer is contiguous, so each numpy call is as cheap as it can be.

A ``Workspace`` holds every buffer one step needs for a fixed batch size, so a training
step allocates almost nothing. ``backprop`` is the convenient entry point: it makes a
workspace and returns the mean cost's gradients with the per-layer errors, for gradient
checks and for pictures of one example.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nn_core.network import Network, as_inputs, forward, layer_matrices, layer_views


def with_ones_column(inputs: np.ndarray) -> np.ndarray:
    """(B, n) -> (B, n + 1) with a last column of ones (the bias's input)."""
    out = np.ones((inputs.shape[0], inputs.shape[1] + 1), dtype=inputs.dtype)
    out[:, :-1] = inputs
    return out


class Workspace:
    """Buffers for one forward and backward pass over a batch of ``batch`` examples (columns)."""

    def __init__(self, network: Network, batch: int):
        dtype, sizes = network.dtype, network.sizes
        self.batch = batch
        # activations[l] for l < L is [a^(l); 1], shape (n_l + 1, B); views[l] is its a^(l) part.
        # activations[0] may be replaced by the transpose of gathered (B, 785) input rows.
        self.activations = [np.ones((n + 1, batch), dtype=dtype) for n in sizes[:-1]]
        self.activations.append(np.empty((sizes[-1], batch), dtype=dtype))
        self.views = [a[:-1] for a in self.activations[:-1]] + [self.activations[-1]]
        self.zs = [np.empty((n, batch), dtype=dtype) for n in sizes[1:]]
        self.deltas = [np.empty((n, batch), dtype=dtype) for n in sizes[1:]]
        self.slopes = [np.empty((n, batch), dtype=dtype) for n in sizes[1:-1]]
        self.targets = np.zeros((sizes[-1], batch), dtype=dtype)  # one-hot labels y, as columns
        self.scratch = np.empty((sizes[-1], batch), dtype=dtype)
        self.gradient = np.empty_like(network.params)
        self.gradient_matrices = layer_matrices(self.gradient, sizes)


def forward_into(network: Network, work: Workspace) -> np.ndarray:
    """z^(l) = [W | b] [a^(l-1); 1] and a^(l) = sigma(z^(l)) for every layer; returns a^(L)."""
    last = network.layer_count - 1
    a = work.activations[0]
    for l, matrix in enumerate(network.matrices):
        z = np.matmul(matrix, a, out=work.zs[l])
        if l == last:
            return network.cost.output_activation(z, out=work.activations[-1], axis=0)
        network.activation.function(z, out=work.views[l + 1])
        a = work.activations[l + 1]
    raise AssertionError("unreachable")


def backward_into(network: Network, work: Workspace, scale: float = 1.0) -> float:
    """Gradient of ``scale`` x the batch's *summed* cost into ``work.gradient``; returns the summed cost.

    The gradient is linear in delta^(L), so scaling delta^(L) once scales every gradient:
    the trainer passes scale = -eta / B and gets the SGD update itself, ready to add.
    """
    last = network.layer_count - 1
    delta = work.deltas[last]
    total = network.cost.output_error(
        work.zs[last], work.activations[-1], work.targets, delta, work.scratch
    )
    if scale != 1.0:
        np.multiply(delta, scale, out=delta)
    for l in range(last, -1, -1):
        np.matmul(delta, work.activations[l].T, out=work.gradient_matrices[l])
        if l > 0:
            previous = np.matmul(network.weights[l].T, delta, out=work.deltas[l - 1])
            previous *= network.activation.derivative(
                work.zs[l - 1], work.views[l], out=work.slopes[l - 1]
            )
            delta = previous
    return total


@dataclass(frozen=True)
class Gradients:
    """The gradient of the mean cost, and how the error flowed back through the layers.

    ``weights[l]``/``biases[l]`` are dC/dW and dC/db of layer l+1 (views of ``flat``);
    ``deltas[l]`` is dC/dz of layer l+1 and ``activation_gradients[l]`` is dC/da^(l),
    the nudge each layer's activations would like (index 0: the input pixels). Errors
    are per example (not divided by the batch size).
    """

    cost: float
    flat: np.ndarray
    weights: list[np.ndarray]
    biases: list[np.ndarray]
    deltas: list[np.ndarray]
    activation_gradients: list[np.ndarray]


def backprop(network: Network, inputs: np.ndarray, labels) -> Gradients:
    """Gradients of the mean cost over a batch (or one example) with respect to every parameter."""
    inputs = as_inputs(network, inputs)
    single = inputs.ndim == 1
    batch_inputs = inputs.reshape(-1, network.sizes[0])
    labels = np.asarray(labels, dtype=np.intp).reshape(-1)
    if labels.shape[0] != batch_inputs.shape[0]:
        raise ValueError(f"{batch_inputs.shape[0]} inputs but {labels.shape[0]} labels")
    batch = batch_inputs.shape[0]
    work = Workspace(network, batch)
    work.views[0][...] = batch_inputs.T
    work.targets[labels, np.arange(batch)] = 1.0
    with np.errstate(over="ignore", divide="ignore"):
        forward_into(network, work)
        total = backward_into(network, work)
    flat = work.gradient / batch
    weights, biases = layer_views(flat, network.sizes)
    deltas = [d.T.copy() for d in work.deltas]
    nudges = [d @ w for d, w in zip(deltas, network.weights)]
    if single:
        deltas = [d[0] for d in deltas]
        nudges = [n[0] for n in nudges]
    return Gradients(total / batch, flat, weights, biases, deltas, nudges)


def gradient_step(network: Network, inputs: np.ndarray, labels, learning_rate: float) -> float:
    """One step of gradient descent on these examples, in place: θ ← θ − η ∇C, C their mean cost.

    ``inputs`` is (784,) with one label or (B, 784) with B labels. The gradient is computed in
    float64 and added in the network's own float type. Returns the mean cost of the same
    examples after the step (a small enough step lowers it; a large one may not).
    """
    gradient = backprop(network.astype(np.float64), np.asarray(inputs, dtype=np.float64), labels).flat
    network.params -= (learning_rate * gradient).astype(network.dtype)
    with np.errstate(over="ignore", divide="ignore"):
        outputs = forward(network, inputs).output
    return network.cost.mean(outputs, labels)


# -- for explaining one example, and for choosing a mini-batch --------------------------------
def wish_shares(weights: np.ndarray, delta: np.ndarray) -> np.ndarray:
    """What each neuron j of layer l+1 asks of each neuron k of layer l: -w_jk delta_j, shape (n_(l+1), n_l).

    ``weights`` is W^(l+1) and ``delta`` is delta^(l+1) = dC/dz^(l+1) for one example. Summed over j
    (the rows), the shares give neuron k's whole wish, -dC/da_k^(l) = -(W^(l+1)^T delta^(l+1))_k. A share
    is a rate (how fast C falls per unit that a_k rises), not a distance.
    """
    return -np.asarray(weights, dtype=np.float64) * np.asarray(delta, dtype=np.float64)[:, None]


UNSURE = 0.7    # an output for the right digit below this: the network reads the digit wrong, or is unsure


def pulling_batch(index: int, right_outputs: np.ndarray, size: int, rng: np.random.Generator,
                  unsure: float = UNSURE) -> np.ndarray:
    """Training digit ``index`` first, then ``size`` - 1 others that pull, as indices (size,).

    ``right_outputs`` (N,) is every training digit's output for its right digit, a_y. A digit pulls
    when a_y < ``unsure`` (the network reads it wrong or is unsure): its gradient is far from 0.
    ``rng`` picks among those; when too few pull, the least sure of the rest (lowest a_y) fill up.
    """
    a = np.asarray(right_outputs, dtype=np.float64)
    others = np.delete(np.arange(len(a)), index)
    pulling = others[a[others] < unsure]
    wanted = size - 1
    if len(pulling) >= wanted:
        chosen = rng.choice(pulling, wanted, replace=False)
    else:
        rest = np.setdiff1d(others, pulling)
        chosen = np.r_[pulling, rest[np.argsort(a[rest], kind="stable")[:wanted - len(pulling)]]]
    return np.r_[index, chosen].astype(np.intp)


def shuffled_batches(count: int, size: int, n: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` mini-batches of ``size`` examples, (count, size): one shuffle of the n examples, cut in pieces.

    As real training does it (3Blue1Brown, chapter 3): no example appears twice.
    """
    if count * size > n:
        raise ValueError(f"{count} mini-batches of {size} need {count * size} examples, not {n}")
    return rng.permutation(n)[:count * size].reshape(count, size)
