"""Landscapes of other shapes: an on/off neuron's flat terraces (gradient descent cannot move on them) and a neuron
whose cost has two valleys (a local minimum beside the lowest point), each proved numerically, not assumed."""
import numpy as np
import pytest

from nn_core.landscape import (
    OneParameter,
    StepNeuron,
    TinyNeuron,
    TwoValleys,
    descend,
    descend_each,
    flow_rate,
    hessian,
    lowest_point,
    valley_of,
    valleys,
    walk_verdict,
)
from tests.core.test_landscape import RATES, TINY_START, Bowl, numeric_gradient


def on_a_line(problem, points, margin=1e-3) -> np.ndarray:
    """Whether each point (n, 2) lies within ``margin`` of a line w . x_i = 0, where the step flips."""
    z = points @ problem.x.T / np.linalg.norm(problem.x, axis=1)
    return np.any(np.abs(z) < margin, axis=1)


def test_an_on_off_neuron_has_sixteen_flat_terraces():
    """8 lines through (0, 0) cut the plane into 16 wedges; on each the cost is one number; only the direction counts."""
    step = StepNeuron()
    angles = np.linspace(0, 2 * np.pi, 7201)[:-1]
    around = step.cost(np.cos(angles), np.sin(angles))
    assert sorted(set(np.round(around, 12))) == sorted(set(np.round(step.terraces(), 12)))
    assert len(step.terraces()) == 16 == len(set(np.round(step.terraces(), 12)))
    rng = np.random.default_rng(0)
    points = rng.uniform(-6, 6, (500, 2))
    np.testing.assert_array_equal(step.cost(*points.T), step.cost(*(3.7 * points).T))   # the length does not matter
    grid = np.meshgrid(np.linspace(-6, 6, 60), np.linspace(-6, 6, 60))
    assert set(np.round(step.cost(*grid).ravel(), 12)) <= set(np.round(step.terraces(), 12))
    assert np.isclose(step.cost(*step.target_weights), min(step.terraces()))   # σ's perfect fit: the lowest terrace


def test_the_on_off_neurons_cost_has_no_slope_off_its_terraces_edges():
    """Measured on the cost itself (central differences), not taken from the gradient the code returns."""
    step = StepNeuron()
    points = np.random.default_rng(1).uniform(-6, 6, (300, 2))
    points = points[~on_a_line(step, points)]
    assert len(points) > 250
    for point in points:
        np.testing.assert_array_equal(numeric_gradient(step, point, eps=1e-6), [0.0, 0.0])
        np.testing.assert_array_equal(step.gradient(*point), [0.0, 0.0])
    edge = np.array([1.0, 0.0])   # on the line w . (0.7, 0) = 0: the cost jumps there
    assert step.cost(*(edge * 1e-6)) != step.cost(*(-edge * 1e-6))


def test_gradient_descent_cannot_move_on_terraces_but_can_with_sigma():
    step, tiny = StepNeuron(), TinyNeuron()
    for walk in descend_each(step, TINY_START, RATES, 100):
        np.testing.assert_array_equal(walk.path, np.tile(TINY_START, (101, 1)))
        assert np.all(walk.costs == walk.costs[0])
    smooth = descend(tiny, TINY_START, 3.0, 100)
    lowest = lowest_point(tiny, tiny.default_view())
    assert walk_verdict(smooth, tiny, lowest, tiny.default_view()).kind == "settles"
    assert np.linalg.norm(smooth.path[-1] - smooth.path[0]) > 5


def test_a_point_on_a_terraces_edge_is_known():
    step = StepNeuron()
    assert step.on_edge(0.0, 3.0) and step.on_edge(0.0, 0.0)            # on w . (0.7, 0) = 0
    assert not step.on_edge(-5.0, 4.0) and not step.on_edge(0.1, 3.0)


def test_the_staircase_along_one_weight():
    step = StepNeuron()
    axis, held = step.curve
    assert (axis, held) == (0, -1.5)                 # the σ neuron's curve: along w1, through its lowest point
    stairs = step.stairs(axis, held)
    assert len(stairs) == 9 and stairs[0][0] == -np.inf and stairs[-1][1] == np.inf
    for low, high, cost in stairs:
        inside = np.linspace(max(low, -50), min(high, 50), 12)[1:-1]
        np.testing.assert_allclose(step.cost(inside, np.full_like(inside, held)), cost)
    low, high, cost = min(stairs, key=lambda stair: stair[2])
    assert (round(low, 6), round(high, 6), round(cost, 4)) == (1.5, 6.75, 0.8218)


@pytest.fixture(scope="module")
def two():
    problem = TwoValleys()
    view = problem.default_view()
    return problem, view, valleys(problem, view)


def test_two_valleys_really_has_a_local_minimum_beside_the_lowest_point(two):
    """Each bottom has zero slope and curves up in every direction; one is lower; a ridge lies between them."""
    problem, view, bottoms = two
    assert len(bottoms) == 2
    lower, higher = bottoms
    for bottom in bottoms:
        assert np.linalg.norm(problem.gradient(*bottom.point)) < 1e-8
        np.testing.assert_allclose(numeric_gradient(problem, bottom.point), 0.0, atol=1e-7)
        assert np.linalg.eigvalsh(hessian(problem, bottom.point)).min() > 1e-3
        for angle in np.linspace(0, 2 * np.pi, 36, endpoint=False):   # every step away goes up
            assert problem.cost(*(bottom.point + 0.05 * np.array([np.cos(angle), np.sin(angle)]))) > bottom.cost
    assert (round(lower.cost, 4), round(higher.cost, 4)) == (0.6824, 1.8056)
    np.testing.assert_allclose(lower.point, [3.3708, -2.4723], atol=1e-3)
    np.testing.assert_allclose(higher.point, [-2.6837, -4.0237], atol=1e-3)
    line = lower.point + np.linspace(0, 1, 201)[:, None] * (higher.point - lower.point)
    assert problem.cost(*line.T).max() > higher.cost + 0.2          # a ridge between them
    grid = np.meshgrid(np.linspace(*view[0], 241), np.linspace(*view[1], 241))
    assert problem.cost(*grid).min() >= lower.cost - 1e-9           # nothing on the map is lower than the lowest point
    wide = np.meshgrid(np.linspace(-200, 200, 801), np.linspace(-200, 200, 801))
    assert problem.cost(*wide).min() >= lower.cost - 1e-9           # nor anywhere further out: it is the global minimum
    for threshold in np.linspace(-3, 3, 61):   # far out the neuron is a switch at x = threshold: never lower either
        switched = (problem.x > threshold).astype(float)
        assert min(np.sum((switched - problem.y) ** 2), np.sum((1 - switched - problem.y) ** 2)) > lower.cost
    assert lowest_point(problem, view).cost == pytest.approx(lower.cost)


def test_a_fine_grid_finds_the_same_two_valleys_and_no_other(two):
    """Independent of valleys(): strict local minima of a 241 x 241 grid, away from the map's edge."""
    problem, view, bottoms = two
    w, b = np.linspace(*view[0], 241), np.linspace(*view[1], 241)
    cost = problem.cost(*np.meshgrid(w, b, indexing="ij"))
    inner = cost[1:-1, 1:-1]
    lower = np.ones(inner.shape, dtype=bool)
    for dw in (-1, 0, 1):
        for db in (-1, 0, 1):
            if dw or db:
                lower &= inner < cost[1 + dw:240 + dw, 1 + db:240 + db]
    found = np.array([(w[i + 1], b[j + 1]) for i, j in zip(*np.nonzero(lower))])
    # along a narrow, slanting valley floor the grid can dip twice in neighbouring cells: each found point must be
    # beside one of the two bottoms, and each bottom must have one beside it
    nearest = np.linalg.norm(found[:, None, :] - np.array([b.point for b in bottoms])[None], axis=-1)
    assert nearest.min(axis=1).max() < 0.15 and nearest.min(axis=0).max() < 0.1


def test_walks_from_the_two_starts_end_in_different_valleys(two):
    problem, view, bottoms = two
    flow = flow_rate(problem, view)
    for rate in (1.0, 2.0, 3.0, 5.0):
        ends = [descend(problem, start, rate, 100).path[-1] for start in problem.starts]
        assert list(valley_of(problem, ends, bottoms, flow)) == [1, 0]
        assert list(valley_of(problem, list(problem.starts), bottoms, flow)) == [1, 0]
    first, second = (descend(problem, start, 3.0, 100) for start in problem.starts)
    assert first.costs[-1] == pytest.approx(bottoms[1].cost, abs=1e-4)   # stuck in the higher valley
    assert second.costs[-1] == pytest.approx(bottoms[0].cost, abs=1e-3)
    curve = OneParameter(problem, *problem.curve)
    dips = valleys(curve, curve.default_view(), 301)
    assert len(dips) == 2 and dips[0].cost < dips[1].cost
    balls = [descend(curve, (start[0],), 3.0, 100).path[-1] for start in problem.starts]
    assert list(valley_of(curve, balls, dips, flow_rate(curve, curve.default_view()))) == [1, 0]


def test_valleys_of_a_bowl_is_its_lowest_point_and_valley_of_rolls_downhill():
    bowl = Bowl(1.0, 0.1, centre=(1.0, -2.0))
    bottoms = valleys(bowl, bowl.default_view())
    assert len(bottoms) == 1
    np.testing.assert_allclose(bottoms[0].point, [1.0, -2.0], atol=1e-6)
    assert flow_rate(bowl, bowl.default_view()) == pytest.approx(1.0)
    assert list(valley_of(bowl, [(-5, 5), (5, -5)], bottoms, 1.0)) == [0, 0]
