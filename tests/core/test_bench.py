"""The benchmark runs and reports sane numbers (its speed is measured by scripts/bench.py, not here)."""
import numpy as np

from nn_core.bench import reference_steps, run_benchmark
from nn_core.network import Network


def test_benchmark_reports_every_figure():
    lines = []
    results = run_benchmark(seconds=0.01, print_line=lines.append)
    assert [row["batch"] for row in results["training"]] == [1, 10, 32, 128, 512]
    assert all(row["reference"] > 0 and row["core"] > 0 for row in results["training"])
    assert results["forward_us"] > 0
    assert results["time_to_90"]["accuracy"] >= 0.9
    assert any("speed-up" in line for line in lines)


def test_reference_loop_trains_like_the_core(embedded):
    """The reference is a real SGD loop: it lowers the cost too."""
    train, _ = embedded
    net = Network.random(rng=0)
    weights, biases = [w.copy() for w in net.weights], [b.copy() for b in net.biases]
    targets = np.eye(10, dtype=np.float32)[train.labels]
    before = Network.from_layers(weights, biases)
    reference_steps(weights, biases, train.inputs, targets, np.random.default_rng(0).permutation(4000), 10, 0.5)
    after = Network.from_layers(weights, biases)
    from nn_core.evaluate import evaluate

    assert evaluate(after, train).accuracy > evaluate(before, train).accuracy + 0.5
