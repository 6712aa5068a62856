"""Figure builders are pure functions: arrays in, figure out; tested by reading the figure."""
import numpy as np
import pytest

from figures.backprop import backprop_figure, nudge_bars
from figures.colours import STANDARD
from figures.images import enlarge, signed_colours, thumbnail, tile
from figures.landscape import landscape_figure
from figures.network_layout import edge_samples, forward_edges, layout_for, strongest_incoming
from figures.network_style import activation_legend
from figures.neuron_closeup import template_figure
from figures.numbers import number, signed
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


def test_the_forward_pictures_edges_are_every_hidden_edge_and_k_strongest_per_first_layer_neuron(classic):
    """figures/network_layout.forward_edges is the live view's specification (its JS is compared with it in Chromium)."""
    net, result = classic
    chosen = forward_edges(layout_for(net.sizes, 5), net.weights, result.activations, 5)
    assert [len(layer) for layer in chosen] == [16, 16, 10]
    assert [sum(map(len, layer.values())) for layer in chosen] == [16 * 5, 16 * 16, 10 * 16]
    signal = np.abs(net.weights[0][4] * result.activations[0])
    assert sorted(signal[list(chosen[0][4])]) == sorted(np.sort(signal)[-5:])   # the five strongest |w a|
    assert list(chosen[0][4]) == sorted(chosen[0][4], key=lambda i: -signal[i])  # strongest first


def test_tanh_neurons_are_shaded_from_minus_one_and_outputs_from_zero():
    assert activation_legend(TANH) == "hidden activation −1 (black) → 0 (grey) → 1 (white), outputs 0 → 1"


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


def test_numbers_have_a_true_minus_and_no_sign_on_zero():
    assert signed(-0.001) == "+0.00" and signed(1.234) == "+1.23" and signed(-2) == "−2.00"
    assert number(-0.0004, 3) == "0.000" and number(-0.769, 3) == "−0.769" and number(0.125) == "0.12"  # ties to even


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


def test_landscape_and_backprop_figures(classic):
    net, result = classic
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
    assert curve.data[1].textposition == "middle left"                 # and its "a = 1.00" inside the frame
    assert activation_curve(SIGMOID, 0.5, 0.62).data[1].textposition == "middle right"
    weights, previous = np.linspace(-1, 1, 16), np.ones(16)
    bars = contributions_figure(weights, previous, "hidden 1")
    assert len(bars.layout.yaxis.ticktext) == len(bars.data[0].y) == 16
    assert "hidden 1, #3" in bars.layout.yaxis.ticktext              # not "hidden 1 3", read as "hidden 13"


def test_one_layout_places_the_nodes_of_every_network_picture():
    """P4: the backprop figure and the live view's data (the forward picture, drawn in JS) use the same positions."""
    net = load_bundled("best").network
    x = np.zeros(784, dtype=np.float32)
    layout = layout_for(net.sizes).as_data()
    nudges = [np.zeros(n) for n in net.sizes]
    back = backprop_figure(net.weights, x, nudges, [np.zeros_like(w) for w in net.weights])
    back_nodes = [t for t in back.data if t.type == "scatter" and t.mode == "markers"][:3]
    for layer, nodes in enumerate(back_nodes):
        np.testing.assert_allclose(nodes.x, layout["layers"][layer]["x"], atol=1e-4)
        np.testing.assert_allclose(nodes.y, layout["layers"][layer]["y"], atol=1e-4)
        assert layout["layers"][layer]["square"] == (net.sizes[layer + 1] > 40)
