"""The Gradient-descent page's pictures: the map with its walks and marks, the progress chart, the curve."""
import numpy as np
import pytest

from figures.landscape import MOMENTUM, PLAIN, Mark, Progress, WalkTrace, landscape_figure, progress_figure
from figures.landscape_1d import curve_figure
from figures.numbers import signed_figures

P1 = P2 = np.linspace(-6, 6, 13)
GRID = np.add.outer(P2 ** 2, P1 ** 2)
PATH = np.array([[-4.0, 4.0], [-2.0, 2.0], [-1.0, 1.0], [0.0, 0.0]])


def traces(fig, name):
    return [t for t in fig.data if t.name == name]


def test_the_map_draws_both_walks_the_marks_and_the_curve_line():
    heavy = np.array([[-4.0, 4.0], [-1.0, 1.5], [1.0, -0.5], [0.2, 0.1]])
    fig = landscape_figure(P1, P2, GRID, PATH, ("w1", "w2"), 2, walks=(WalkTrace(heavy, "with momentum", MOMENTUM),),
                           marks=(Mark(0.0, 0.0, "lowest point", "diamond"), Mark(1.0, 2.0, "trained values")),
                           guide=(0, -1.5), path_name="plain")
    plain, with_momentum = traces(fig, "plain")[0], traces(fig, "with momentum")[0]
    assert list(plain.x) == [-4.0, -2.0, -1.0] and plain.line.color == PLAIN     # the first 2 steps only
    assert list(with_momentum.y) == [4.0, 1.5, -0.5] and with_momentum.line.color == MOMENTUM
    lowest, trained = traces(fig, "lowest point")[0], traces(fig, "trained values")[0]
    assert (lowest.x[0], lowest.y[0], lowest.marker.symbol) == (0.0, 0.0, "diamond")
    assert (trained.x[0], trained.y[0], trained.marker.symbol) == (1.0, 2.0, "x")
    line = traces(fig, "the curve above")[0]
    assert list(line.y) == [-1.5, -1.5] and list(line.x) == [-6.0, 6.0]   # axis 0: horizontal at p2 = −1.5
    vertical = landscape_figure(P1, P2, GRID, PATH, ("w", "b"), guide=(1, 2.0))
    assert list(traces(vertical, "the curve above")[0].x) == [2.0, 2.0]
    assert not fig.layout.annotations


def test_a_walk_off_the_map_is_named_in_the_note():
    away = np.array([[-4.0, 4.0], [40.0, -7.5]])
    fig = landscape_figure(P1, P2, GRID, PATH, ("w1", "w2"), walks=(WalkTrace(away, "with momentum", MOMENTUM),))
    assert fig.layout.annotations[0].text == "with momentum has left the map: now at (40, −7.5)"


def test_the_old_call_still_ends_with_its_landmark():
    fig = landscape_figure(P1, P2, GRID, PATH, ("a", "b"), 1, (2.0, 2.0, "min"))
    assert fig.data[0].type == "contour" and fig.data[-1].name == "min"


def test_progress_shows_cost_and_distance_per_step_against_the_lowest_cost():
    costs = np.array([2.0, 1.0, 0.5, 0.4])
    distance = np.array([5.0, 3.0, 1.0, 0.5])
    fig = progress_figure((Progress("plain", costs, distance), Progress("momentum", costs / 2, distance / 2, MOMENTUM)),
                          2, 0.1)
    cost_traces = [t for t in fig.data if t.yaxis in (None, "y")]
    distance_traces = [t for t in fig.data if t.yaxis == "y2"]
    assert [list(t.y) for t in cost_traces] == [[2.0, 1.0, 0.5], [1.0, 0.5, 0.25]]
    assert [list(t.y) for t in distance_traces] == [[5.0, 3.0, 1.0], [2.5, 1.5, 0.5]]
    assert fig.layout.shapes[0].y0 == 0.1 and fig.layout.yaxis2.title.text == "distance to ◆"
    assert fig.layout.showlegend
    alone = progress_figure((Progress("plain", costs),))
    assert len(alone.data) == 1 and alone.layout.xaxis.title.text == "step" and not alone.layout.showlegend


def test_the_curve_shows_the_tangent_and_the_step_from_the_ball():
    values = np.linspace(-6, 6, 121)
    costs = (values - 2) ** 2
    path = np.array([-4.0, -1.0, 0.5])
    slope = 2 * (path[1] - 2)                        # dC/dw at the ball (step 1)
    fig = curve_figure(values, costs, path, (path - 2) ** 2, "w1", 2, at=1, slope=slope, next_value=path[2],
                       marks=(Mark(2.0, 0.0, "lowest point", "diamond"),))
    tangent = next(t for t in fig.data if (t.name or "").startswith("slope"))
    assert tangent.name == f"slope: dC/dw1 = {signed_figures(slope)}" == "slope: dC/dw1 = −6"
    rise = (tangent.y[1] - tangent.y[0]) / (tangent.x[1] - tangent.x[0])
    assert rise == pytest.approx(slope) and tangent.x[0] < path[1] < tangent.x[1]
    arrow, label = fig.layout.annotations[:2]
    assert (arrow.ax, arrow.x) == (path[1], path[2]) and arrow.y == arrow.ay == pytest.approx(9.0)
    assert label.text == "next step: −η × slope = +1.5"
    walk = next(t for t in fig.data if t.name == "gradient descent")
    assert list(walk.x) == list(path) and list(walk.y) == list((path - 2) ** 2)


def test_the_curve_says_when_the_ball_left_the_picture():
    values = np.linspace(-6, 6, 121)
    fig = curve_figure(values, values ** 2, np.array([-4.0, 50.0]), np.array([16.0, 2500.0]), "b")
    assert fig.layout.annotations[-1].text == "the walk has left the picture: now at b = +50"


def test_signed_figures_never_shows_minus_zero():
    assert signed_figures(-0.0) == "0" and signed_figures(-1e-20, 3) == "−1e−20" and signed_figures(0.25) == "+0.25"
