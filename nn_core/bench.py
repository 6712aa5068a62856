"""Speed benchmark: the core's training step against a clean vectorised reference loop.

The reference is the straightforward version a careful student writes: per-layer matrix
products with temporaries, a fresh array for every intermediate, the default BLAS
threads. Both train 784-16-16-10 (sigmoid, cross-entropy, float32) on the same digits
with the same batches; only steps are timed (no evaluation). Also measured: a single
example's forward pass with every layer's z and a, and the time to reach 90 % test
accuracy on the embedded split.
"""
from __future__ import annotations

import json
import math
import time
from collections.abc import Callable

import numpy as np

from nn_core.data import load_embedded
from nn_core.network import DEFAULT_SIZES, Network, forward
from nn_core.training import Trainer, TrainingConfig

BATCH_SIZES = (1, 10, 32, 128, 512)


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def reference_steps(weights, biases, inputs, targets, order, batch_size, learning_rate) -> None:
    """Plain mini-batch SGD over ``order``: the reference implementation being compared."""
    for start in range(0, len(order), batch_size):
        index = order[start:start + batch_size]
        x, y = inputs[index], targets[index]
        activations = [x]
        for layer, (w, b) in enumerate(zip(weights, biases)):
            z = activations[-1] @ w.T + b
            if layer == len(weights) - 1:
                e = np.exp(z - z.max(axis=1, keepdims=True))
                activations.append(e / e.sum(axis=1, keepdims=True))
            else:
                activations.append(_sigmoid(z))
        delta = (activations[-1] - y) / len(x)
        for layer in range(len(weights) - 1, -1, -1):
            grad_w = delta.T @ activations[layer]
            grad_b = delta.sum(axis=0)
            if layer > 0:
                a = activations[layer]
                delta = (delta @ weights[layer]) * a * (1 - a)
            weights[layer] -= learning_rate * grad_w
            biases[layer] -= learning_rate * grad_b


def _best_rate(run: Callable[[], int], seconds: float, repeats: int = 3) -> float:
    """Best samples/s over ``repeats`` timed runs of about ``seconds`` each (a positive, finite time)."""
    if not (math.isfinite(seconds) and seconds > 0):
        raise ValueError(f"the time per measurement must be a positive number of seconds (got {seconds})")
    run()  # warm up
    best = 0.0
    for _ in range(repeats):
        samples, started = 0, time.perf_counter()
        while time.perf_counter() - started < seconds:
            samples += run()
        best = max(best, samples / (time.perf_counter() - started))
    return best


def training_rates(batch_size: int, seconds: float = 0.4) -> tuple[float, float]:
    """(reference, core) training samples/s at this batch size, on the embedded 4,000 digits."""
    train, test = load_embedded()
    net = Network.random(DEFAULT_SIZES, rng=0)
    weights = [w.copy() for w in net.weights]
    biases = [b.copy() for b in net.biases]
    inputs = train.inputs.copy()
    targets = np.eye(10, dtype=np.float32)[train.labels]
    rng = np.random.default_rng(0)

    def reference() -> int:
        reference_steps(weights, biases, inputs, targets, rng.permutation(len(train)), batch_size, 0.1)
        return len(train)

    config = TrainingConfig(learning_rate=0.1, batch_size=batch_size, epochs=10**6)
    trainer = Trainer(net, train, test, config, score_epochs=False)

    def core() -> int:
        before = trainer.status.samples
        trainer.run_epoch()
        return trainer.status.samples - before

    return _best_rate(reference, seconds), _best_rate(core, seconds)


def forward_latency(repeats: int = 20000) -> float:
    """Seconds for one example's forward pass keeping every z and a (784-16-16-10)."""
    train, _ = load_embedded()
    net = Network.random(DEFAULT_SIZES, rng=0)
    x = train.inputs[0].copy()
    forward(net, x)
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(repeats // 5):
            forward(net, x)
        best = min(best, (time.perf_counter() - started) / (repeats // 5))
    return best


def time_to_accuracy(target: float = 0.90, config: TrainingConfig | None = None) -> tuple[float, int, float]:
    """(seconds, epochs, accuracy) until 784-16-16-10 first reaches ``target`` test accuracy."""
    train, test = load_embedded()
    config = config or TrainingConfig(learning_rate=1.0, batch_size=32, epochs=50, seed=0)
    trainer = Trainer(Network.random(DEFAULT_SIZES, rng=config.seed), train, test, config)
    started = time.perf_counter()
    while not trainer.finished:
        trainer.run_epoch()
        accuracy = trainer.history.epochs[-1].test_accuracy
        if accuracy >= target:
            return time.perf_counter() - started, trainer.epoch, accuracy
    return float("nan"), trainer.epoch, trainer.history.epochs[-1].test_accuracy


def run_benchmark(seconds: float = 0.4, print_line: Callable[[str], None] = print) -> dict:
    """Measure everything and print a table; returns the numbers."""
    results: dict = {"training": []}
    print_line("training samples/s, 784-16-16-10 sigmoid, cross-entropy, float32")
    print_line(f"{'batch':>6} {'reference':>11} {'core':>11} {'speed-up':>9}")
    for batch in BATCH_SIZES:
        reference, core = training_rates(batch, seconds)
        results["training"].append({"batch": batch, "reference": reference, "core": core})
        print_line(f"{batch:>6} {reference:>11,.0f} {core:>11,.0f} {core / reference:>8.2f}x")
    latency = forward_latency()
    results["forward_us"] = latency * 1e6
    print_line(f"single-example forward pass (all z and a): {latency * 1e6:.1f} µs")
    seconds_to, epochs, accuracy = time_to_accuracy()
    results["time_to_90"] = {"seconds": seconds_to, "epochs": epochs, "accuracy": accuracy}
    print_line(f"time to 90% test accuracy on the embedded split: {seconds_to:.3f} s "
               f"({epochs} epochs, reached {accuracy:.1%})")
    return results


if __name__ == "__main__":
    print(json.dumps(run_benchmark(), indent=1))
