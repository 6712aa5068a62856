"""Cost landscapes over two parameters, and gradient descent walking on them."""
import numpy as np
import pytest

from nn_core.bundled import load_bundled
from nn_core.gradcheck import batch_cost
from nn_core.landscape import OutputLayerSlice, Parameter, TinyNeuron, cost_grid, descend


def numeric_gradient(problem, p1, p2, eps=1e-6):
    f = lambda a, b: float(problem.cost(np.array(a), np.array(b)))  # noqa: E731
    return np.array([(f(p1 + eps, p2) - f(p1 - eps, p2)) / (2 * eps), (f(p1, p2 + eps) - f(p1, p2 - eps)) / (2 * eps)])


@pytest.fixture(scope="module")
def output_slice(embedded):
    train, _ = embedded
    return OutputLayerSlice(load_bundled("classic").network, train.inputs[:300], train.labels[:300],
                            Parameter(target=3, source=5), Parameter(target=3, source=None))


def test_tiny_neuron_valley_floor_is_zero_at_its_minimum():
    problem = TinyNeuron()
    assert problem.cost(np.array(2.0), np.array(-1.5)) == pytest.approx(0.0, abs=1e-15)
    p1, p2, grid = cost_grid(problem, (-6, 6), (-6, 6), 61)
    assert grid.shape == (61, 61) and grid.min() >= 0
    row, col = np.unravel_index(np.argmin(grid), grid.shape)
    assert p1[col] == pytest.approx(2.0, abs=0.2) and p2[row] == pytest.approx(-1.5, abs=0.2)


@pytest.mark.parametrize("point", [(0.0, 0.0), (3.0, 1.0), (-4.0, 2.5)])
def test_gradients_match_finite_differences(point, output_slice):
    for problem in (TinyNeuron(), output_slice):
        p = np.array(point) + (np.array(output_slice.trained) if problem is output_slice else 0)
        np.testing.assert_allclose(problem.gradient(*p), numeric_gradient(problem, *p), rtol=1e-4, atol=1e-8)


def test_output_slice_equals_the_real_networks_cost(output_slice, embedded):
    train, _ = embedded
    network = load_bundled("classic").network.astype(np.float64)
    assert output_slice.cost(*map(np.array, output_slice.trained)) == pytest.approx(
        batch_cost(network, train.inputs[:300], train.labels[:300]), rel=1e-9)
    changed = network.copy()
    changed.weights[-1][3, 5] += 1.5
    changed.biases[-1][3] -= 0.7
    value = output_slice.cost(np.array(output_slice.trained[0] + 1.5), np.array(output_slice.trained[1] - 0.7))
    assert value == pytest.approx(batch_cost(changed, train.inputs[:300], train.labels[:300]), rel=1e-9)


def test_learning_rate_decides_creep_converge_and_overshoot():
    problem = TinyNeuron()
    creep = descend(problem, (-4.0, 4.0), 1.0, 100)
    converge = descend(problem, (-4.0, 4.0), 20.0, 100)
    overshoot = descend(problem, (-4.0, 4.0), 300.0, 100)
    assert creep.costs[-1] > 0.2                      # still on the plateau
    assert converge.costs[-1] < 1e-4                  # at the valley floor
    assert np.all(np.diff(converge.costs) <= 1e-12)   # downhill all the way
    assert overshoot.costs[-1] > 100 * converge.costs[-1] and np.any(np.diff(overshoot.costs) > 0)


def test_a_walk_that_flies_off_stops_and_says_so(output_slice):
    walk = descend(output_slice, output_slice.trained, 1e9, 50)
    assert walk.diverged and len(walk.path) < 51
    assert np.all(np.isfinite(walk.path))


def test_calibrated_rates_do_what_their_names_say_on_the_tiny_neuron():
    from nn_core.landscape import calibrate_rates, walk_verdict

    rates = [0.1, 0.3, 1.0, 3.0, 10.0, 20.0, 30.0, 60.0, 100.0, 150.0, 300.0, 600.0, 1000.0]
    problem, start = TinyNeuron(), (-4.0, 4.0)
    chosen = calibrate_rates(problem, start, rates, 100)
    assert chosen["creep"] < chosen["converge"] < chosen["overshoot"]
    verdicts = {name: walk_verdict(descend(problem, start, rate, 100), problem, start) for name, rate in chosen.items()}
    assert verdicts == {"creep": "creeps", "converge": "settles", "overshoot": "overshoots"}
    assert not np.any(np.diff(descend(problem, start, chosen["converge"], 100).costs) > 1e-9)


def test_a_walk_that_ends_near_its_start_creeps_even_if_its_cost_fell():
    from nn_core.landscape import Walk, walk_verdict

    problem = TinyNeuron()
    path = np.array([[-4.0, 4.0], [-3.9, 3.9]])
    assert walk_verdict(Walk(path, np.array([0.3, 0.1]), False), problem, (-4.0, 4.0)) == "creeps"
    assert walk_verdict(Walk(path, np.array([0.3, 0.1]), True), problem, (-4.0, 4.0)) == "flies off"
