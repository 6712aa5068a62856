"""Figures for 3Blue1Brown's missing ideas: the matrix picture of a layer, two walks and two balls among two valleys,
the two-valley neuron's fits. Pure functions: arrays in, figure out, read back from fig.data."""
import numpy as np

from figures.colours import COLOUR_BLIND_SAFE, STANDARD
from figures.landscape import LOCAL_MARK, SECOND, Mark, WalkTrace, landscape_figure
from figures.landscape_1d import Ball, curve_figure, fits_figure
from figures.matrix import layer_matrix_figure


def small_layer(n=3, m=6):
    rng = np.random.default_rng(0)
    weights, inputs, biases = rng.normal(size=(n, m)), rng.uniform(size=m), rng.normal(size=n)
    zs = weights @ inputs + biases
    return weights, inputs, biases, zs, 1 / (1 + np.exp(-zs))


def trace(fig, name):
    return next(t for t in fig.data if t.name == name)


def test_the_matrix_picture_adds_up_row_by_row():
    weights, inputs, biases, zs, activations = small_layer()
    fig = layer_matrix_figure(weights, inputs, biases, zs, activations, STANDARD)
    np.testing.assert_array_equal(trace(fig, "W⁽¹⁾").z, weights)
    np.testing.assert_array_equal(np.ravel(trace(fig, "a⁽⁰⁾").z), inputs)
    np.testing.assert_allclose(np.ravel(trace(fig, "weighted sums").z), weights @ inputs)
    np.testing.assert_allclose(np.ravel(trace(fig, "weighted sums").z) + np.ravel(trace(fig, "biases").z),
                               np.ravel(trace(fig, "z").z))
    assert [row[0] for row in trace(fig, "z").text] == [f"{v:.2f}".replace("-", "−") for v in zs]
    limit = trace(fig, "W⁽¹⁾").zmax
    assert trace(fig, "W⁽¹⁾").zmin == -limit and limit == np.percentile(np.abs(weights), 99)   # one symmetric scale
    assert [a.text for a in fig.layout.annotations][:6] == ["<b>W⁽¹⁾ (3 × 6)</b>", "<b>a⁽⁰⁾</b>", "<b>W⁽¹⁾a⁽⁰⁾</b>",
                                                            "<b>b⁽¹⁾</b>", "<b>z⁽¹⁾</b>", "<b>a⁽¹⁾</b>"]


def test_the_matrix_picture_follows_the_palette_and_drops_numbers_on_big_layers():
    fig = layer_matrix_figure(*small_layer(), COLOUR_BLIND_SAFE, symbol="ReLU", shade=(0.0, 4.0))
    assert [tuple(stop) for stop in trace(fig, "W⁽¹⁾").colorscale] == [tuple(s) for s in COLOUR_BLIND_SAFE.weight_scale]
    assert trace(fig, "activations").zmax == 4.0 and "<b>ReLU<br>→</b>" in [a.text for a in fig.layout.annotations]
    big = layer_matrix_figure(*small_layer(n=40), STANDARD)
    assert trace(big, "z").text is None and fig.layout.height <= big.layout.height <= 560


def test_two_walks_each_with_its_start_and_a_grey_local_minimum():
    p = np.linspace(-1, 1, 5)
    cost = np.add.outer(p, p) ** 2
    first, second = np.array([[0.0, 0.0], [0.5, 0.5]]), np.array([[-0.5, 0.0], [-0.8, -0.1]])
    fig = landscape_figure(p, p, cost, first, ("w", "b"), walks=(WalkTrace(second, "the pink walk", SECOND,
                                                                            start="second start"),),
                           marks=(Mark(0.1, 0.2, "a local minimum", "diamond", LOCAL_MARK),), path_name="the red walk")
    assert list(trace(fig, "the red walk").x) == [0.0, 0.5] and list(trace(fig, "the pink walk").x) == [-0.5, -0.8]
    assert list(trace(fig, "second start").x) == [-0.5] and trace(fig, "second start").marker.line.color == SECOND
    assert trace(fig, "a local minimum").marker.color == LOCAL_MARK


def test_another_ball_on_the_curve():
    values = np.linspace(-2, 2, 9)
    fig = curve_figure(values, values ** 2, np.array([-2.0, -1.0]), np.array([4.0, 1.0]), "w",
                       others=(Ball(np.array([2.0, 1.5, 1.0]), np.array([4.0, 2.25, 1.0]), "the pink ball", SECOND),),
                       shown_steps=1, path_name="the red ball")
    assert list(trace(fig, "the red ball").x) == [-2.0, -1.0]
    assert list(trace(fig, "the pink ball").x) == [2.0, 1.5]          # as far as the walk is shown


def test_the_two_fits_of_the_two_valley_neuron():
    x, y = np.array([-1.0, 0.0, 1.0]), np.array([0.8, 0.1, 0.9])
    fig = fits_figure(x, y, ((3.0, -1.0), (-2.0, -2.0)), ("lower", "other"))
    lower, other = trace(fig, "lower"), trace(fig, "other")
    np.testing.assert_allclose(lower.y, 1 / (1 + np.exp(-(3.0 * np.asarray(lower.x) - 1.0))))
    assert lower.line.dash == "solid" and other.line.dash == "dash"
    assert list(trace(fig, "the points (x, y)").y) == [0.8, 0.1, 0.9]
