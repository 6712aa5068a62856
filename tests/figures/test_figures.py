"""Figure builders are pure functions: arrays in, figure out; tested by reading the figure."""
import numpy as np
import pytest

from figures.accuracy import per_digit_figure
from figures.backprop import backprop_figure, nudge_bars
from figures.colours import COLOUR_BLIND_SAFE, NOT_COMPUTED, STANDARD, rgba
from figures.images import enlarge, signed_colours, thumbnail, tile
from figures.landscape import landscape_figure
from figures.network import network_figure
from figures.network_layout import edge_samples, layout_for, strongest_incoming
from figures.neuron_closeup import template_figure
from figures.numbers import signed
from figures.one_neuron import neuron_diagram, weighted_sum_line
from figures.outputs import output_bars
from figures.training import downsample, loss_figure, smoothed
from nn_core.activations import TANH
from nn_core.backprop import backprop
from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.network import forward


@pytest.fixture(scope="module")
def classic():
    net = load_bundled("classic").network
    _, test = load_embedded()
    return net, forward(net, test.inputs[3])


def _edge_count(fig):
    return sum(int(np.count_nonzero(~np.isnan(np.asarray(t.x, dtype=float)))) // 2
               for t in fig.data if getattr(t, "mode", None) == "lines")


def test_network_figure_draws_every_hidden_edge_and_k_per_first_layer_neuron(classic):
    net, result = classic
    fig = network_figure(net.weights, result.activations, input_edges=5)
    assert _edge_count(fig) == 16 * 5 + 16 * 16 + 16 * 10
    nodes = [t for t in fig.data if getattr(t, "mode", None) == "markers" and t.name]
    assert [len(t.x) for t in nodes] == [16, 16, 10]
    np.testing.assert_allclose(nodes[0].marker.color, result.activations[1], rtol=1e-6)


def test_tanh_neurons_are_shaded_from_minus_one_and_outputs_from_zero(classic):
    net, result = classic
    fig = network_figure(net.weights, result.activations, activation=TANH)
    ranges = {t.name: (t.marker.cmin, t.marker.cmax) for t in fig.data if getattr(t, "mode", None) == "markers" and t.name}
    assert ranges == {"hidden 1": (-1.0, 1.0), "hidden 2": (-1.0, 1.0), "output": (0.0, 1.0)}
    assert "−1 (black) → 0 (grey) → 1 (white)" in fig.layout.annotations[-1].text


def test_edge_colours_follow_the_weight_sign_on_the_palette(classic):
    net, result = classic
    for palette in (STANDARD, COLOUR_BLIND_SAFE):
        fig = network_figure(net.weights, result.activations, palette=palette)
        colours = {t.line.color.rsplit(",", 1)[0] for t in fig.data if getattr(t, "mode", None) == "lines"}
        assert colours == {rgba(palette.positive, 1).rsplit(",", 1)[0], rgba(palette.negative, 1).rsplit(",", 1)[0]}


def test_step_leaves_later_layers_uncomputed_and_marks_selection_and_edits(classic):
    net, result = classic
    fig = network_figure(net.weights, result.activations, step=1, selected=(2, 3), changed=[(1, 0), (3, 9)])
    nodes = [t for t in fig.data if getattr(t, "mode", None) == "markers" and t.name in ("hidden 1", "hidden 2", "output")]
    assert nodes[1].marker.color == NOT_COMPUTED and nodes[2].marker.color == NOT_COMPUTED
    assert any(t.name == "changed by hand" and len(t.x) == 2 for t in fig.data)
    assert fig.data[-1].marker.line.color == STANDARD.highlight  # the selection ring, last


def test_large_layers_are_sampled_and_say_so():
    samples = edge_samples((784, 256, 128, 10), 8)
    assert [(s.shown, s.targets) for s in samples] == [(8, 16), (25, 16), (40, 10)]
    assert "most active of 256" in samples[0].describe("hidden 1")
    rank = np.arange(12.0).reshape(3, 4)
    targets, sources = strongest_incoming(rank, 2)
    assert sorted(zip(targets.tolist(), sources.tolist())) == [(0, 2), (0, 3), (1, 2), (1, 3), (2, 2), (2, 3)]


def test_output_bars_highlight_the_answer_and_show_the_reference():
    fig = output_bars(np.eye(10)[4] * 0.9, true_label=4, reference=np.full(10, 0.1))
    assert fig.data[-1].marker.color[4] == STANDARD.answer and fig.data[0].name == "trained"


def test_template_is_28x28_on_a_symmetric_scale(classic):
    net, result = classic
    fig = template_figure(net.weights[0][5], result.activations[0])
    assert np.asarray(fig.data[0].z).shape == (28, 28) and fig.data[0].zmin == -fig.data[0].zmax


def test_single_neuron_figures(classic):
    assert signed(-0.001) == "+0.00" and signed(1.234) == "+1.23" and signed(-2) == "−2.00"
    diagram = neuron_diagram(np.array([1, 0.5]), np.array([2.0, -1.0]), -0.5, 0.73)
    assert len([t for t in diagram.data if getattr(t, "mode", None) == "lines"]) == 2
    line = weighted_sum_line(np.array([5.0, 5.0]), -7.5)   # AND with both inputs on: z = +2.5, firing
    assert any("z = Σ w·a + b = +2.50" in (t.text[0] if t.text else "") for t in line.data)
    total = next(t for t in line.data if t.marker.symbol == "circle-open")
    assert list(total.x) == [10.0]                            # Σ w·a, before the bias step ...
    threshold = next(s for s in line.layout.shapes if s.type == "line")
    assert threshold.x0 == 7.5                                # ... passes -b: the same rule as z > 0
    assert any(a.text == "z > 0: firing" and a.x == 0 for a in line.layout.annotations)


def test_loss_figure_downsamples_long_histories():
    x, y = downsample(np.arange(10_000, dtype=np.float32))
    assert len(x) <= 601 and y[0] == pytest.approx(np.arange(17).mean())
    assert smoothed(np.ones(50))[-1] == 1.0
    fig = loss_figure(np.linspace(2, 0.1, 5000), np.array([400.0, 800.0]), np.array([0.5, 0.3]))
    assert [t.name for t in fig.data] == ["each mini-batch", "training cost (smoothed)", "test cost (unseen digits)"]


def test_images_helpers():
    assert enlarge(np.eye(3), 30).shape == (30, 30)
    assert thumbnail(np.zeros((280, 280)), 140).shape == (140, 140)
    rgb = signed_colours(np.array([[-1.0, 0.0, 1.0, np.nan]]), 1.0, (255, 0, 0), (0, 0, 255))
    assert rgb[0].tolist() == [[255, 0, 0], [255, 255, 255], [0, 0, 255], [235, 235, 235]]
    assert tile(np.ones((3, 2, 2)), 2).shape == (5, 5)


def test_per_digit_and_landscape_and_backprop_figures(classic):
    net, result = classic
    fig = per_digit_figure(np.full(10, 0.9), np.r_[np.full(9, 0.9), 0.2])
    assert fig.data[1].marker.color[9] == rgba(STANDARD.negative, 1)
    grid = np.random.default_rng(0).random((5, 5))
    path = np.array([[0.0, 0.0], [1.0, 1.0]])
    land = landscape_figure(np.arange(5.0), np.arange(5.0), grid, path, ("a", "b"), 1, (2.0, 2.0, "min"))
    assert land.data[0].type == "contour" and land.data[-1].name == "min"
    gradients = backprop(net.astype(np.float64), result.activations[0].astype(np.float64), 3)
    nudges = [-g for g in gradients.activation_gradients] + [np.eye(10)[3] - result.output]
    bp = backprop_figure(net.weights, result.activations[0], nudges, gradients.weights, step=0)
    assert bp.data[0].zmin == -bp.data[0].zmax  # the pixels' nudges, on a symmetric scale
    assert nudge_bars(nudges[-1], 3).data[0].y[3] > 0


def test_a_nearly_flat_landscape_is_shaded_on_a_log_scale():
    from figures.landscape import contour_shading

    x, y = np.meshgrid(np.linspace(-1, 1, 30), np.linspace(-1, 1, 30))
    bowl = x ** 2 + y ** 2                                   # colours spread evenly: C itself
    shade, bar = contour_shading(bowl)
    assert shade is bowl and bar["title"]["text"] == "cost C"
    floor = 0.01 + np.exp(8 * (x - 1))                       # a flat floor and one steep wall
    shade, bar = contour_shading(floor)
    np.testing.assert_allclose(shade, np.log10(floor))
    assert "log" in bar["title"]["text"] and bar["ticktext"][:2] == ["0.03", "0.1"]  # ticks read as C


def test_a_large_weighted_sum_stays_on_the_curve_and_every_contribution_bar_is_named():
    from figures.neuron_closeup import activation_curve, contributions_figure
    from nn_core.activations import SIGMOID

    curve = activation_curve(SIGMOID, 10.2, 0.99996)
    low, high = curve.layout.xaxis.range
    assert low <= 10.2 <= high and curve.data[1].x[0] == 10.2        # the point is drawn where z is, not clipped
    weights, previous = np.linspace(-1, 1, 16), np.ones(16)
    bars = contributions_figure(weights, previous, "hidden 1")
    assert len(bars.layout.yaxis.ticktext) == len(bars.data[0].y) == 16
    assert "hidden 1, #3" in bars.layout.yaxis.ticktext              # not "hidden 1 3", read as "hidden 13"


def test_the_network_figure_names_its_columns_a0_to_a_last_and_says_what_grey_means(classic):
    net, result = classic
    texts = [a.text for a in network_figure(net.weights, result.activations, step=1).layout.annotations]
    assert any(t.startswith("a⁽⁰⁾ input") for t in texts) and any(t.startswith("a⁽³⁾ output") for t in texts)
    assert any("grey = not computed yet" in t for t in texts)
    finished = [a.text for a in network_figure(net.weights, result.activations).layout.annotations]
    assert not any("grey" in t for t in finished)


def test_one_layout_places_the_nodes_of_every_network_picture():
    """P4: the forward figure, the backprop figure and the live view's data use the same positions."""
    net = load_bundled("best").network
    x = np.zeros(784, dtype=np.float32)
    result = forward(net, x)
    layout = layout_for(net.sizes).as_data()
    def nodes(figure):
        return [t for t in figure.data if t.type == "scatter" and t.mode == "markers"][:3]

    forward_nodes = nodes(network_figure(net.weights, result.activations))
    nudges = [np.zeros(n) for n in net.sizes]
    back_nodes = nodes(backprop_figure(net.weights, x, nudges, [np.zeros_like(w) for w in net.weights]))
    for layer, (ahead, back) in enumerate(zip(forward_nodes, back_nodes)):
        np.testing.assert_allclose(ahead.x, layout["layers"][layer]["x"], atol=1e-4)
        np.testing.assert_allclose(back.y, layout["layers"][layer]["y"], atol=1e-4)
        assert layout["layers"][layer]["square"] == (net.sizes[layer + 1] > 40)
