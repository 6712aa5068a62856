"""The backprop figure, the output-wish bars and the walk chart: one absolute scale, honest labels, right signs."""
import numpy as np
import pytest

from figures.backprop import (
    EDGE_FLOOR,
    TITLE_GAP,
    WISH_FULL,
    backprop_figure,
    bar_label,
    bars_title,
    nudge_bars,
    signed_number,
    walk_chart,
    zero_label,
)
from figures.colours import COLOUR_BLIND_SAFE, STANDARD
from nn_core.backprop import backprop
from nn_core.bundled import load_bundled
from nn_core.data import load_embedded


@pytest.fixture(scope="module")
def classic_example():
    """The classic network on training digit #89 (a 0 it reads as 8), and on #0 (one it gets right).

    What the figure draws: the pixels' wish −∂C/∂a⁽⁰⁾, then every layer's push −δ = −∂C/∂z (y − a at the outputs).
    """
    network = load_bundled("classic").network.astype(np.float64)
    train, _ = load_embedded()

    def pieces(index):
        x, label = train.inputs[index].astype(np.float64), int(train.labels[index])
        g = backprop(network, x, label)
        from nn_core.network import forward

        output = forward(network, x).output
        np.testing.assert_allclose(-g.deltas[-1], np.eye(10)[label] - output, atol=1e-12)   # softmax, cross-entropy
        return x, label, [-g.activation_gradients[0]] + [-d for d in g.deltas], g

    return network, pieces


def _nodes(figure, name):
    return next(t for t in figure.data if t.name == name)


def test_one_absolute_scale_tiny_wishes_are_drawn_tiny(classic_example):
    network, pieces = classic_example
    x, _, wrong, g_wrong = pieces(89)
    _, _, right, g_right = pieces(0)
    big = backprop_figure(network.weights, x, wrong, g_wrong.weights, step=None)
    small = backprop_figure(network.weights, x, right, g_right.weights, step=None)
    big_sizes = np.asarray(_nodes(big, "output").marker.size)
    small_sizes = np.asarray(_nodes(small, "output").marker.size)
    assert small_sizes.max() < 0.45 * big_sizes.max()            # C = 0.001: every output wish under 0.006
    # the size is a function of the wish alone, not of the layer's largest wish
    scaled = [w.copy() for w in wrong]
    scaled[-1][0] = 0.0001
    same = backprop_figure(network.weights, x, scaled, g_wrong.weights, step=None)
    np.testing.assert_allclose(np.asarray(_nodes(same, "output").marker.size)[1:], big_sizes[1:])
    legend = small.layout.annotations[-1].text
    assert f"{WISH_FULL:g} or more = full size" in legend and "the picture is faint" in legend
    assert "the picture is faint" not in big.layout.annotations[-1].text
    edges = [t for t in small.data if t.type == "scatter" and t.mode == "lines"]
    assert not edges                                              # every gradient is under the floor
    assert np.abs(np.concatenate([w.ravel() for w in g_right.weights])).max() < EDGE_FLOOR


def test_the_legend_names_the_palette_and_warns_the_colours_mean_wishes(classic_example):
    network, pieces = classic_example
    x, _, wishes, g = pieces(89)
    text = backprop_figure(network.weights, x, wishes, g.weights, palette=COLOUR_BLIND_SAFE).layout.annotations[-1].text
    assert "orange = should decrease" in text and "blue = should increase" in text
    assert "not the weights' signs" in text and "red" not in text
    largest = f"largest push: {np.abs(wishes[-1]).max():.2g} (output)"
    assert largest in text


def test_output_hover_says_which_way_and_names_the_quantity(classic_example):
    network, pieces = classic_example
    x, label, wishes, g = pieces(89)
    figure = backprop_figure(network.weights, x, wishes, g.weights, step=3, output_quantity="−∂C/∂z = y − a")
    hover = _nodes(figure, "output").hovertext
    for digit, v in enumerate(wishes[-1]):
        way = "up" if v > 0 else "down"
        assert hover[digit].startswith(f"digit {digit} should go {way} ({signed_number(v)})")
        assert hover[digit].endswith("−∂C/∂z = y − a")
    assert hover[label].startswith(f"digit {label} should go up")
    hidden = _nodes(backprop_figure(network.weights, x, wishes, g.weights, step=2), "hidden 2").hovertext
    for j, v in enumerate(-g.deltas[1]):                           # the push is −δ = −∂C/∂z, with its sign
        assert f"({signed_number(v)})" in hidden[j] and hidden[j].endswith("push on z: −δ = −∂C/∂z")


def test_the_pixels_are_drawn_on_the_same_absolute_scale(classic_example):
    network, pieces = classic_example
    x, _, wishes, g = pieces(89)
    heatmap = backprop_figure(network.weights, x, wishes, g.weights, step=0).data[0]
    assert heatmap.zmin == -WISH_FULL and heatmap.zmax == WISH_FULL


@pytest.mark.parametrize("value,label", [(0.64, "+0.64"), (-0.41, "−0.41"), (-0.004, "−0.004"), (-0.0004, "−0.0004"),
                                         (-3.2e-6, "−3·10⁻⁶"), (0.0, "0"), (-0.0049, "−0.005")])
def test_bar_labels_keep_the_sign_and_never_say_zero_point_zero_zero(value, label):
    assert bar_label(value) == label


def test_the_bars_name_the_quantity_and_keep_the_right_answer_label_inside():
    a = np.array([0.06, 0.0001, 0.01, 0.1, 0.0, 0.05, 0.0, 0.0, 0.78, 0.0])
    wishes = np.eye(10)[0] - a                                   # 0.94 for the right answer: a tall bar
    figure = nudge_bars(wishes, 0, STANDARD, quantity="−∂C/∂z = y − a", target="weighted sum z")
    assert bars_title(figure) == "wish for each output's weighted sum z:<br>−∂C/∂z = y − a"
    labels = figure.data[0].text
    assert all(t.startswith("−") for d, t in enumerate(labels) if d != 0 and wishes[d] != 0)
    assert not any(t in ("+0.00", "−0.00", "-0.00") for t in labels)
    note = figure.layout.annotations[0]
    assert note.text == "right answer" and note.ay == 0 and note.y <= figure.layout.yaxis.range[1]
    quadratic = nudge_bars(wishes, 0, quantity="−∂C/∂a = y − a", target="activation a")
    assert bars_title(quadratic) == "wish for each output's activation a:<br>−∂C/∂a = y − a"


def test_a_large_layer_says_which_edges_it_shows_by_gradient_not_activity():
    from nn_core.network import Network, forward

    network = Network.random((784, 64, 10), rng=2, dtype=np.float64)
    x = load_embedded()[0].inputs[5].astype(np.float64)
    g = backprop(network, x, 3)
    wishes = [-g.activation_gradients[0]] + [-d for d in g.deltas]
    np.testing.assert_allclose(wishes[-1], np.eye(10)[3] - forward(network, x).output, atol=1e-12)
    legend = backprop_figure(network.weights, x, wishes, g.weights).layout.annotations[-1].text
    assert "into hidden 1: the 8 largest gradients of 784 per neuron, for its 16 neurons of 64 with the largest pushes" in legend
    assert "most active" not in legend


def test_the_pixel_hover_says_brighter_or_darker_with_a_real_minus(classic_example):
    network, pieces = classic_example
    x, _, wishes, g = pieces(89)
    heatmap = backprop_figure(network.weights, x, wishes, g.weights, step=0).data[0]
    top_row = heatmap.text[-1]                                     # rows are drawn bottom-up
    for c in range(28):
        v = wishes[0].reshape(28, 28)[0, c]
        assert top_row[c] == f"pixel (0, {c}) should be {'brighter' if v > 0 else 'darker'} ({signed_number(v)})"
    assert not any("-" in t for row in heatmap.text for t in row)


def test_on_a_narrow_screen_the_picture_is_taller_and_the_image_stays_square(classic_example):
    """A phone: y drawn 2.2 times taller than x spreads each column's neurons; the 28x28 image is squeezed
    in y units by the same factor, so on screen it is still square; headings take two lines."""
    network, pieces = classic_example
    x, _, wishes, g = pieces(89)
    wide = backprop_figure(network.weights, x, wishes, g.weights)
    narrow = backprop_figure(network.weights, x, wishes, g.weights, narrow=True)
    assert wide.layout.yaxis.scaleratio == 1 and narrow.layout.yaxis.scaleratio == 2.2

    def image_side_in_px_units(figure):
        image = figure.data[0]
        width, height = 28 * image.dx, 28 * image.dy * figure.layout.yaxis.scaleratio
        return width, height

    for figure in (wide, narrow):
        width, height = image_side_in_px_units(figure)
        assert height == pytest.approx(width)
    headings = [a.text for a in narrow.layout.annotations if a.text.startswith(("hidden", "output"))]
    assert headings == ["hidden 1<br>(16)", "hidden 2<br>(16)", "output<br>(10)"]
    assert [a.text for a in wide.layout.annotations if a.text.startswith("hidden 1")] == ["hidden 1 (16)"]


def test_the_picture_draws_the_push_so_saturated_hidden_neurons_look_small(classic_example):
    """Review N14: drawn as −∂C/∂a, 94 % of hidden 2 was full size; the push −δ = −∂C/∂a × σ′(z) is what the
    weights into a neuron receive, and a saturated neuron's is small."""
    network, pieces = classic_example
    x, _, pushes, g = pieces(89)
    figure = backprop_figure(network.weights, x, pushes, g.weights, step=None)
    for layer, name in ((1, "hidden 1"), (2, "hidden 2")):
        full = np.abs(pushes[layer]) >= WISH_FULL
        assert full.mean() < 0.5, name
        wishes_full = np.abs(g.activation_gradients[layer]) >= WISH_FULL
        assert wishes_full.mean() > 0.8, name                       # what it drew before
        sizes = np.asarray(_nodes(figure, name).marker.size)
        assert sizes.max() > 1.5 * sizes.min()
    legend = figure.layout.annotations[-1].text
    assert ("neurons: the push −δ = −∂C/∂z on z = Σ w·a + b,<br>what the weights and bias into the neuron receive "
            "(outputs: −∂C/∂z = y − a)") in legend
    assert "largest push: 0.93 (output), 1.0 (hidden 2), 0.58 (hidden 1)" in legend and "pixel" not in legend
    at_pixels = backprop_figure(network.weights, x, pushes, g.weights, step=0).layout.annotations[-1].text
    assert "pixels: their wish −∂C/∂a⁽⁰⁾ (they have no z)" in at_pixels and "largest pixel wish 1.7" in at_pixels


@pytest.mark.parametrize("value,label", [(-9.1e-5, "≈ 0"), (0.0049, "≈ 0"), (-0.0051, "−0.005"), (0.64, "+0.64"),
                                         (0.0, "0")])
def test_the_simple_level_labels_tiny_bars_about_zero(value, label):
    assert zero_label(value) == label


def test_the_bars_title_sits_in_the_top_margin_of_its_own_chart():
    """Review N20: anchored to the container's top, the title was drawn above the chart, under the figure before it.
    Now it stands on the plot area's top edge (an annotation, anchored by its bottom), inside the top margin."""
    figure = nudge_bars(np.eye(10)[0] - 0.1, 0, quantity="−∂C/∂z = y − a", target="weighted sum z", rounded=True)
    title = next(a for a in figure.layout.annotations if a.text == bars_title(figure))
    assert title.yref == "paper" and title.y == 1 and title.yanchor == "bottom" and not figure.layout.title.text
    lines = title.text.count("<br>") + 1
    large = 16                                                    # the projector's large text (ui/charts.py)
    assert figure.layout.margin.t >= TITLE_GAP + lines * 1.3 * large
    assert all(t == "+0.90" or t == "−0.10" for t in figure.data[0].text)


def test_the_walk_chart_draws_every_step_and_leaves_out_an_infinite_cost():
    accuracy = [0.17, 0.44, 0.47, 0.59]
    cost = [6.27, 2.89, float("inf"), 1.46]
    figure = walk_chart(accuracy, cost, "average cost Σ (a − y)²<br>over the 4,000 training digits")
    left, right = figure.data
    np.testing.assert_allclose(left.y, [17, 44, 47, 59])
    assert list(left.x) == [0, 1, 2, 3] and np.isnan(right.y[2]) and right.y[3] == 1.46
    assert [a.text for a in figure.layout.annotations] == ["test accuracy<br>on the 1,000 unseen digits",
                                                           "average cost Σ (a − y)²<br>over the 4,000 training digits"]
    assert figure.layout.xaxis.title.text == "mini-batch steps taken"


@pytest.mark.parametrize("value,label", [(-9.1e-5, "−0.0001"), (-3.2e-6, "≈ 0"), (0.0004, "+0.0004"), (-0.004, "−0.004"),
                                         (0.64, "+0.64"), (0.0, "0")])
def test_the_full_level_labels_tiny_bars_in_decimals_never_in_powers_of_ten(value, label):
    assert zero_label(value, 0.00005) == label
    bars = nudge_bars(np.array([value, 0.5] + [0.0] * 8), 1)
    assert bars.data[0].text[0] == label and "·10" not in "".join(bars.data[0].text)
