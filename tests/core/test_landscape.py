"""Cost landscapes over one or two parameters, gradient descent (with and without momentum) walking on them,
and the verdicts that say what a walk did."""
import numpy as np
import pytest

from nn_core.bundled import load_bundled
from nn_core.gradcheck import batch_cost
from nn_core.landscape import (
    TOO_BIG,
    Lowest,
    OneParameter,
    OutputLayerSlice,
    Parameter,
    TinyNeuron,
    Walk,
    better_rate,
    calibrate_momentum,
    calibrate_rates,
    cost_grid,
    descend,
    descend_each,
    hessian,
    lowest_point,
    overshoot_rate,
    steeper_axis,
    steps_to_bottom,
    try_rates,
    walk_verdict,
)

RATES = [0.01, 0.03, 0.1, 0.3, 1.0, 2.0, 3.0, 5.0, 10.0, 30.0, 100.0, 300.0, 1000.0]   # as on the page
TINY_START = (-5.0, 4.0)


def numeric_gradient(problem, point, eps=1e-6):
    point = np.asarray(point, dtype=np.float64)
    columns = []
    for i in range(len(point)):
        step = np.zeros_like(point)
        step[i] = eps
        columns.append((float(problem.cost(*(point + step))) - float(problem.cost(*(point - step)))) / (2 * eps))
    return np.array(columns)


class Bowl:
    """C = ½ (a p1² + b p2²) around ``centre``: a landscape whose every number is known."""

    names = symbols = ("p1", "p2")
    trained = None

    def __init__(self, a=1.0, b=0.1, centre=(0.0, 0.0), view=((-6.0, 6.0), (-6.0, 6.0))):
        self.curvatures, self.centre, self.view = np.array([a, b]), np.array(centre), view

    def cost(self, p1, p2):
        d1, d2 = np.asarray(p1) - self.centre[0], np.asarray(p2) - self.centre[1]
        return 0.5 * (self.curvatures[0] * d1 ** 2 + self.curvatures[1] * d2 ** 2)

    def gradient(self, p1, p2):
        d1, d2 = np.asarray(p1) - self.centre[0], np.asarray(p2) - self.centre[1]
        return np.stack([self.curvatures[0] * d1, self.curvatures[1] * d2], axis=-1)

    def default_view(self):
        return self.view


class Slope:
    """C = ln(1 + e^(−p1)) + p2²: it keeps falling as p1 grows and never reaches its floor (no lowest point)."""

    names = symbols = ("p1", "p2")
    trained = None

    def cost(self, p1, p2):
        return np.logaddexp(0.0, -np.asarray(p1, dtype=np.float64)) + np.asarray(p2, dtype=np.float64) ** 2

    def gradient(self, p1, p2):
        p1, p2 = np.asarray(p1, dtype=np.float64), np.asarray(p2, dtype=np.float64)
        return np.stack([-1.0 / (1.0 + np.exp(p1)), 2 * p2], axis=-1)

    def default_view(self):
        return (-3.0, 3.0), (-3.0, 3.0)


@pytest.fixture(scope="module")
def sample(embedded):
    """300 training digits of every kind (the embedded training set is sorted by label)."""
    train, _ = embedded
    index = np.random.default_rng(0).permutation(len(train))[:300]
    return train.inputs[index], train.labels[index]


@pytest.fixture(scope="module")
def output_slice(sample):
    return OutputLayerSlice(load_bundled("classic").network, *sample, Parameter(target=3, source=5),
                            Parameter(target=3, source=None))


@pytest.fixture(scope="module")
def tiny():
    problem = TinyNeuron()
    view = problem.default_view()
    return problem, view, lowest_point(problem, view)


def test_tiny_neuron_valley_floor_is_zero_at_its_target_weights(tiny):
    problem, view, lowest = tiny
    assert problem.cost(2.0, -1.5) == pytest.approx(0.0, abs=1e-15)
    p1, p2, grid = cost_grid(problem, *view, 61)
    assert grid.shape == (61, 61) and grid.min() >= 0
    np.testing.assert_allclose(lowest.point, problem.target_weights, atol=1e-7)
    assert lowest.cost == pytest.approx(0.0, abs=1e-12)
    # the squared misses are added up over the eight points, not averaged
    a = 1 / (1 + np.exp(-(problem.x @ np.array(TINY_START))))
    assert problem.cost(*TINY_START) == pytest.approx(np.sum((a - problem.y) ** 2))


def test_tiny_neuron_is_scaled_so_that_sensible_rates_are_about_one(tiny):
    """Stability near the bottom needs η < 2/λ_max: about 5, so η = 1..3 is comfortably safe."""
    problem, _, lowest = tiny
    limit = 2 / np.linalg.eigvalsh(hessian(problem, lowest.point))[-1]
    assert 4 < limit < 8


@pytest.mark.parametrize("point", [(0.0, 0.0), (3.0, 1.0), (-4.0, 2.5)])
def test_gradients_match_finite_differences(point, output_slice):
    for problem in (TinyNeuron(), output_slice, Bowl()):
        p = np.array(point) + (np.array(output_slice.trained) if problem is output_slice else 0)
        np.testing.assert_allclose(problem.gradient(*p), numeric_gradient(problem, p), rtol=1e-4, atol=1e-8)
        for axis in (0, 1):
            line = OneParameter(problem, axis, p[1 - axis])
            np.testing.assert_allclose(line.gradient(p[axis]), numeric_gradient(line, [p[axis]]), rtol=1e-4, atol=1e-8)
            assert float(line.cost(p[axis])) == pytest.approx(float(problem.cost(*p)))


def test_the_gradient_check_catches_a_wrong_gradient():
    class Wrong(TinyNeuron):
        def gradient(self, w1, w2):
            return 1.01 * super().gradient(w1, w2)

    wrong = Wrong()
    with pytest.raises(AssertionError):
        np.testing.assert_allclose(wrong.gradient(1.0, 1.0), numeric_gradient(wrong, [1.0, 1.0]), rtol=1e-4)


def test_gradients_take_many_points_at_once(output_slice):
    points = np.array([[0.0, 0.0], [1.0, -2.0], [3.0, 0.5]])
    for problem in (TinyNeuron(), output_slice):
        together = problem.gradient(points[:, 0], points[:, 1])
        assert together.shape == (3, 2)
        for row, p in zip(together, points):
            np.testing.assert_allclose(row, problem.gradient(*p), rtol=1e-12, atol=1e-15)


def test_output_slice_equals_the_real_networks_cost(output_slice, sample):
    network = load_bundled("classic").network.astype(np.float64)
    assert output_slice.cost(*output_slice.trained) == pytest.approx(batch_cost(network, *sample), rel=1e-9)
    changed = network.copy()
    changed.weights[-1][3, 5] += 1.5
    changed.biases[-1][3] -= 0.7
    value = output_slice.cost(output_slice.trained[0] + 1.5, output_slice.trained[1] - 0.7)
    assert value == pytest.approx(batch_cost(changed, *sample), rel=1e-9)
    assert output_slice.names == ("w (hidden 2, #5 → output 3)", "b (output 3)") and output_slice.symbols == ("w", "b")


def test_output_slice_wants_two_parameters_of_one_output_neuron(sample):
    with pytest.raises(ValueError, match="same output neuron"):
        OutputLayerSlice(load_bundled("classic").network, *sample, Parameter(3, 5), Parameter(4, None))


def test_a_slice_whose_digit_never_occurs_has_no_lowest_point(embedded):
    """On 300 zeros only, output 3 is always wrong: lowering its bias always helps a little, without end."""
    train, _ = embedded
    zeros = OutputLayerSlice(load_bundled("classic").network, train.inputs[:300], train.labels[:300],
                             Parameter(3, 5), Parameter(3, None))
    assert set(train.labels[:300]) == {0}
    assert lowest_point(zeros, zeros.default_view()).point is None


def test_momentum_follows_the_trainers_rule():
    """v ← μ v − η ∇C, p ← p + v (nn_core.training), with v starting at 0; μ = 0 is plain gradient descent."""
    problem, start, rate, momentum = TinyNeuron(), np.array(TINY_START), 0.3, 0.8
    walk = descend(problem, start, rate, 20, momentum)
    point, velocity = start.copy(), np.zeros(2)
    for k in range(20):
        velocity = momentum * velocity - rate * problem.gradient(*point)
        point = point + velocity
        np.testing.assert_allclose(walk.path[k + 1], point, rtol=1e-12)
    plain = descend(problem, start, rate, 20)
    np.testing.assert_allclose(plain.path[1:], plain.path[:-1] - rate * plain.slopes[:-1], rtol=1e-12)
    np.testing.assert_allclose(plain.costs, problem.cost(*plain.path.T))


def test_walks_stepped_together_equal_walks_stepped_alone(output_slice):
    """Every walk that does not overshoot agrees; an overshooting walk is chaotic, so only its first steps must.

    (The page shows the very walks it tried, so its words and pictures agree whatever the last bits.)
    """
    for problem, start in ((TinyNeuron(), TINY_START), (output_slice, (-5.0, 6.0))):
        view = problem.default_view()
        lowest = lowest_point(problem, view)
        together = descend_each(problem, start, RATES, 100)
        for rate, walk in zip(RATES, together):
            alone = descend(problem, start, rate, 100)
            chaotic = walk_verdict(alone, problem, lowest, view).kind in TOO_BIG
            steps = 3 if chaotic else None
            np.testing.assert_allclose(walk.path[:steps], alone.path[:steps], rtol=1e-9, atol=1e-12)
            assert chaotic or walk.diverged == alone.diverged


def test_a_walk_that_flies_off_stops_and_says_so(output_slice):
    walk = descend(output_slice, output_slice.trained, 1e9, 50)
    assert walk.diverged and len(walk.path) < 51 and np.all(np.isfinite(walk.path))
    view = output_slice.default_view()
    assert walk_verdict(walk, output_slice, lowest_point(output_slice, view), view).kind == "flies off"


def test_the_lowest_point_of_a_slice_is_found_and_is_not_the_trained_values(output_slice):
    view = output_slice.default_view()
    lowest = lowest_point(output_slice, view)
    assert np.linalg.norm(output_slice.gradient(*lowest.point)) < 1e-8
    _, _, grid = cost_grid(output_slice, *view, 60)
    assert lowest.cost <= grid.min() + 1e-12
    assert lowest.cost < float(output_slice.cost(*output_slice.trained))
    assert np.all(np.linalg.eigvalsh(hessian(output_slice, lowest.point)) > 0)   # a true minimum


def test_a_landscape_without_a_lowest_point_says_so():
    lowest = lowest_point(Slope(), Slope().default_view())
    assert lowest.point is None and 0 <= lowest.cost < float(Slope().cost(3.0, 0.0))
    off_map = lowest_point(Bowl(centre=(10.0, 0.0)), Bowl().view)   # a lowest point off the map is still found
    np.testing.assert_allclose(off_map.point, (10.0, 0.0), atol=1e-8)


def test_hessian_and_steeper_axis_on_a_known_bowl():
    bowl = Bowl(a=0.2, b=3.0)
    np.testing.assert_allclose(hessian(bowl, (1.0, 2.0)), np.diag([0.2, 3.0]), atol=1e-6)
    assert steeper_axis(bowl, (0.0, 0.0)) == 1 and steeper_axis(Bowl(a=3.0, b=0.2), (0.0, 0.0)) == 0


def test_stability_limit_two_over_the_sharpest_curvature(tiny):
    """Near the bottom, η a little below 2/λ_max settles and a little above it does not (the page's maths note)."""
    problem, view, lowest = tiny
    limit = 2 / np.linalg.eigvalsh(hessian(problem, lowest.point))[-1]
    near = tuple(lowest.point + [0.05, 0.05])
    assert walk_verdict(descend(problem, near, 0.9 * limit, 100), problem, lowest, view).kind == "settles"
    assert walk_verdict(descend(problem, near, 1.1 * limit, 100), problem, lowest, view).kind in TOO_BIG
    bowl, centre = Bowl(a=1.0, b=1.0), Lowest(np.zeros(2), 0.0)
    for momentum in (0.0, 0.5, 0.9):   # with momentum the limit is 2 (1 + μ) / λ_max
        below = descend(bowl, (1.0, 1.0), 0.95 * 2 * (1 + momentum), 400, momentum)
        above = descend(bowl, (1.0, 1.0), 1.05 * 2 * (1 + momentum), 400, momentum)
        assert below.costs[-1] < 1e-3 * below.costs[0] and not above.costs[-1] < above.costs[0]
        assert walk_verdict(above, bowl, centre, bowl.view).kind in TOO_BIG


def test_verdicts_on_the_tiny_neuron_for_every_rate_on_the_slider(tiny):
    """Small creeps, good settles, big overshoots; the biggest are thrown off the map, never called creeping."""
    problem, view, lowest = tiny
    kinds = {t.rate: t.verdict.kind for t in try_rates(problem, TINY_START, RATES, 100, lowest, view)}
    assert kinds[0.1] == "creeps" and kinds[3.0] == "settles" and kinds[10.0] == "overshoots"
    assert all(kinds[r] in TOO_BIG for r in RATES if r >= 10), kinds
    assert all(kinds[r] == "thrown off" for r in (100.0, 300.0, 1000.0)), kinds   # E2: onto a flat plateau


def test_a_walk_thrown_onto_an_exactly_flat_plateau_is_not_creeping(tiny):
    """At η = 1000 the first step lands where σ is saturated: the gradient is exactly 0 and the cost fell."""
    problem, view, lowest = tiny
    walk = descend(problem, TINY_START, 1000.0, 100)
    assert np.all(walk.slopes[1:] == 0) and walk.costs[1] < walk.costs[0]
    verdict = walk_verdict(walk, problem, lowest, view)
    assert verdict.kind == "thrown off" and verdict.off_map and verdict.stopped


class Well:
    """C = 1 − e^(−|p|²): a round well at 0 in a flat plain."""

    names = symbols = ("p1", "p2")
    trained = None

    def cost(self, p1, p2):
        return 1.0 - np.exp(-(np.asarray(p1) ** 2 + np.asarray(p2) ** 2))

    def gradient(self, p1, p2):
        p1, p2 = np.asarray(p1, dtype=np.float64), np.asarray(p2, dtype=np.float64)
        return 2 * np.exp(-(p1 ** 2 + p2 ** 2))[..., None] * np.stack([p1, p2], axis=-1)

    def default_view(self):
        return (-6.0, 6.0), (-6.0, 6.0)


def test_a_walk_stranded_on_a_plateau_on_the_map():
    """A step jumps across the well onto the flat plain, where the walk stays: 'plateau', not 'creeps'."""
    well = Well()
    lowest = lowest_point(well, well.default_view())
    walk = descend(well, (-1.0, 0.5), 6.0, 100)
    assert 2.5 < np.linalg.norm(walk.path[-1]) < 6
    verdict = walk_verdict(walk, well, lowest, well.default_view())
    assert verdict.kind == "plateau" and verdict.stopped and not verdict.off_map


def test_a_slow_walk_along_a_narrow_valley_floor_is_not_a_plateau(output_slice):
    """Small slope and little movement also happen on a valley floor; across it the ground still curves up."""
    view = output_slice.default_view()
    lowest = lowest_point(output_slice, view)
    start = tuple(lowest.point + 0.3 * (lowest.point - np.array(output_slice.trained)))
    walk = descend(output_slice, start, 100.0, 100)
    assert walk_verdict(walk, output_slice, lowest, view).kind not in ("plateau", "thrown off")


def test_creeping_is_measured_by_cost_against_the_lowest_point(embedded):
    """M12, on the page's default slice (output 3, hidden-2 neuron 0, 500 training digits): the walks end at the
    lowest point, about 1 away from the trained values, and are judged by cost against that lowest point."""
    train, _ = embedded
    index = np.random.default_rng(0).permutation(len(train))[:500]
    page_slice = OutputLayerSlice(load_bundled("classic").network, train.inputs[index], train.labels[index],
                                  Parameter(3, 0), Parameter(3, None))
    view = page_slice.default_view()
    lowest, trained = lowest_point(page_slice, view), np.array(page_slice.trained)
    assert 0.5 < np.linalg.norm(lowest.point - trained) < 2 and lowest.cost < float(page_slice.cost(*trained))
    start = (view[0][0] + 1, view[1][1] - 1)
    settled = walk_verdict(walk := descend(page_slice, start, 30.0, 100), page_slice, lowest, view)
    assert settled.kind == "settles" and settled.distance < 0.5 < np.linalg.norm(walk.path[-1] - trained)
    slow = walk_verdict(descend(page_slice, start, 3.0, 100), page_slice, lowest, view)
    assert slow.kind == "creeps" and slow.covered > 0.9   # nearly down: not 'creeping' on the page (see its words)


def test_a_stable_walk_towards_a_lowest_point_off_the_map_is_not_flying_off():
    bowl = Bowl(a=0.05, b=0.05, centre=(20.0, 0.0))
    lowest = lowest_point(bowl, bowl.view)
    verdict = walk_verdict(descend(bowl, (0.0, 0.0), 3.0, 100), bowl, lowest, bowl.view)
    assert verdict.off_map and verdict.kind in ("settles", "creeps")


def test_calibrated_rates_do_what_their_names_say_on_the_tiny_neuron(tiny):
    """M13, M14: creep ≈ 0.1–0.3, converge ≈ 1–3, overshoot ≈ 5–10, and the overshoot's harm is plain."""
    problem, view, lowest = tiny
    trials = try_rates(problem, TINY_START, RATES, 100, lowest, view)
    chosen = calibrate_rates(trials)
    assert 0.1 <= chosen["creep"] <= 0.3 and 1 <= chosen["converge"] <= 3 and 5 <= chosen["overshoot"] <= 10
    verdicts = {name: walk_verdict(descend(problem, TINY_START, rate, 100), problem, lowest, view)
                for name, rate in chosen.items()}
    assert {name: v.kind for name, v in verdicts.items()} == {"creep": "creeps", "converge": "settles",
                                                              "overshoot": "overshoots"}
    converge = descend(problem, TINY_START, chosen["converge"], 100)
    overshoot = descend(problem, TINY_START, chosen["overshoot"], 100)
    assert not np.any(np.diff(converge.costs) > 0) and converge.costs[-1] < 1e-6
    assert overshoot.costs[-1] > 0.01 and verdicts["overshoot"].distance > 0.5   # ends far worse, far away
    assert verdicts["overshoot"].rises > 30                                       # and wanders up and down
    # the same rates behave the same way on the curve along w1 (w2 held at its value at the lowest point)
    axis = steeper_axis(problem, lowest.point)
    line = OneParameter(problem, axis, lowest.point[1 - axis])
    line_lowest = lowest_point(line, line.default_view())
    kinds = {name: walk_verdict(descend(line, (TINY_START[axis],), rate, 100), line, line_lowest, line.default_view()).kind
             for name, rate in chosen.items()}
    assert kinds == {"creep": "creeps", "converge": "settles", "overshoot": "overshoots"}


@pytest.mark.parametrize("where", ["tiny", "slice"])
def test_advice_to_go_larger_is_never_at_or_above_the_overshoot_rate(where, tiny, output_slice):
    problem, view, lowest = tiny if where == "tiny" else (output_slice, output_slice.default_view(), None)
    lowest = lowest or lowest_point(problem, view)
    start = TINY_START if where == "tiny" else (view[0][0] + 1, view[1][1] - 1)   # the page's usual starts
    trials = try_rates(problem, start, RATES, 100, lowest, view)
    too_big = overshoot_rate(trials)
    assert too_big is not None
    for trial in trials:
        better = better_rate(trials, trial.rate)
        if better is not None:
            assert trial.rate < better.rate < too_big and better.end_cost < trial.end_cost
        if trial.rate >= too_big:
            assert better is None and trial.verdict.kind != "creeps"


def test_steps_to_bottom():
    walk = Walk(np.zeros((4, 2)), np.array([1.0, 0.5, 0.005, 0.0]), np.zeros((4, 2)), False)
    assert steps_to_bottom(walk, Lowest(np.zeros(2), 0.0)) == 2
    assert steps_to_bottom(walk, Lowest(np.zeros(2), -1.0)) is None


def test_momentum_presets_show_help_and_harm_on_the_tiny_neuron(tiny):
    problem, view, lowest = tiny
    chosen = calibrate_momentum(problem, TINY_START, RATES, (0.5, 0.8, 0.9), 100, lowest, view)
    rate, momentum = chosen["helps"]
    plain, heavy = descend(problem, TINY_START, rate, 100), descend(problem, TINY_START, rate, 100, momentum)
    assert steps_to_bottom(plain, lowest) is None and steps_to_bottom(heavy, lowest) is not None
    rate, momentum = chosen["hurts"]
    assert walk_verdict(descend(problem, TINY_START, rate, 100), problem, lowest, view).kind == "settles"
    assert walk_verdict(descend(problem, TINY_START, rate, 100, momentum), problem, lowest, view).kind in TOO_BIG
