"""numpy stays the truth: the browser's forward pass, scores, edge choice and numbers equal Python's (issue 11).

The live view's JS (ui/live/nn.js, the same functions the components use, as window.nnLive) is fed
the networks and inputs nn_core gets: classic, best, a ReLU and a tanh model, 200 test digits,
random bias and weight edits; every activation must agree to 1e-4 and the accuracy exactly. The edges
the live view draws are the ones figures/network_layout.forward_edges chooses, and its numbers are
written as figures/numbers.py writes them (Python's rounding, exact ties to even).
"""
import base64

import numpy as np
import pytest

from figures.network_layout import forward_edges, layout_for
from figures.numbers import number, signed
from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.edits import NetworkEdits
from nn_core.evaluate import accuracy_by_digit
from nn_core.network import Network, forward
from tests.browser.test_knobs import open_knobs
from ui.live.network import edits_data, network_data

DIGITS = 200


def networks():
    yield "classic", load_bundled("classic").network
    yield "best", load_bundled("best").network
    yield "relu", Network.random([784, 32, 24, 10], rng=3, activation="relu", cost="mse")
    yield "tanh", Network.random([784, 20, 10], rng=4, activation="tanh", cost="cross-entropy")


def random_edits(network: Network, rng: np.random.Generator) -> NetworkEdits:
    edits = NetworkEdits(network)
    for _ in range(6):
        layer = int(rng.integers(1, network.layer_count + 1))
        neuron = int(rng.integers(network.sizes[layer]))
        edits.set_bias(layer, neuron, float(rng.uniform(-10, 10)))
    for _ in range(3):
        layer = int(rng.integers(1, network.layer_count + 1))
        neuron = int(rng.integers(network.sizes[layer]))
        edits.scale_weights(layer, neuron, float(rng.uniform(-2, 2)))
        edits.set_weight(layer, neuron, int(rng.integers(network.sizes[layer - 1])), float(rng.uniform(-5, 5)))
    return edits


JS = """([net, edits, inputs, images, labels, count]) => {
  const NN = window.nnLive, trained = NN.network_from(net), edited = NN.edited(trained, edits);
  const x = NN.float32(inputs), activations = [];
  for (let d = 0; d < count; d++) {
    activations.push(NN.forward(edited, x.subarray(784 * d, 784 * (d + 1))).map((a) => Array.from(a)));
  }
  const scorer = NN.scorer(NN.bytes_of(images), NN.bytes_of(labels), count);
  const score = scorer.score(edited, 1, "", "", -1);
  // and from a deeper layer, as during a drag of that layer (the cached a^(l-1) and W a^(l-1))
  const deep = scorer.score(edited, edited.sizes.length - 1, "", "", 0);
  return { activations, accuracy: score.accuracy, per_digit: score.per_digit, deep: deep.accuracy };
}"""


@pytest.fixture(scope="module")
def live_page(browser, app_server):
    """One tab with the live view's code loaded (window.nnLive), shared by the four networks."""
    context = browser.new_context(viewport={"width": 1300, "height": 1100})
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    open_knobs(tab, app_server.url)
    yield tab
    context.close()


@pytest.mark.parametrize("name, network", list(networks()), ids=[name for name, _ in networks()])
def test_the_browser_forward_pass_and_score_equal_nn_core(live_page, name, network):
    page = live_page
    _, test = load_embedded()
    rng = np.random.default_rng(sum(map(ord, name)))
    chosen = np.sort(rng.choice(len(test), DIGITS, replace=False))
    images = test.images[chosen].reshape(DIGITS, 784)
    inputs = test.inputs[chosen]
    edits = random_edits(network, rng)
    assert edits.is_edited
    browser = page.evaluate(JS, [network_data(network), edits_data(edits),
                                 base64.b64encode(inputs.astype("<f4").tobytes()).decode(),
                                 base64.b64encode(images.tobytes()).decode(),
                                 base64.b64encode(test.labels[chosen].astype(np.uint8).tobytes()).decode(), DIGITS])
    truth = forward(edits.network, inputs).activations
    for layer, expected in enumerate(truth):
        got = np.array([digit[layer] for digit in browser["activations"]])
        np.testing.assert_allclose(got, expected, atol=1e-4, err_msg=f"{name}, layer {layer}")
    accuracy, per_digit = accuracy_by_digit(truth[-1], test.labels[chosen])
    assert browser["accuracy"] == pytest.approx(accuracy) and browser["deep"] == pytest.approx(accuracy)
    np.testing.assert_allclose(browser["per_digit"], per_digit)


EDGES_JS = """([net, inputs, count, input_edges]) => {
  const NN = window.nnLive, view = window.__nnLiveView, x = NN.float32(inputs), net_ = NN.network_from(net);
  const chosen = [];
  for (let d = 0; d < count; d++) {
    const fake = { net: net_, activations: NN.forward(net_, x.subarray(784 * d, 784 * (d + 1))), layout: net.layout,
                   data: { input_edges } };
    const layers = [];
    for (let l = 1; l < net_.sizes.length; l++) {
      const sample = net.layout.samples[l - 1];
      const shown = l === 1 ? Math.min(input_edges, sample.shown) : sample.shown;
      const pairs = view.probe.chosen_edges(fake, l, shown).pairs, by_target = {};
      for (let k = 0; k < pairs.length; k += 2) (by_target[pairs[k]] = by_target[pairs[k]] || []).push(pairs[k + 1]);
      layers.push(by_target);
    }
    chosen.push(layers);
  }
  return chosen;
}"""


@pytest.mark.parametrize("name", ["classic", "best"])
def test_the_live_view_draws_the_edges_the_layout_chooses(live_page, name):
    """figures/network_layout.forward_edges is the specification; the JS (canvas.js) is the painter."""
    network = load_bundled(name).network
    _, test = load_embedded()
    inputs = np.concatenate([test.inputs[:5], np.zeros((1, 784), np.float32)])   # five digits and a blank image
    data = network_data(network)
    browser = live_page.evaluate(EDGES_JS, [data, base64.b64encode(inputs.astype("<f4").tobytes()).decode(),
                                            len(inputs), 8])
    layout = layout_for(network.sizes, 8)
    for digit, x in enumerate(inputs):
        python = forward_edges(layout, network.weights, forward(network, x).activations, 8)
        for layer, (ours, theirs) in enumerate(zip(python, browser[digit]), start=1):
            assert {int(j): set(sources) for j, sources in theirs.items()} == {
                j: set(sources) for j, sources in ours.items()}, (name, digit, layer)


def test_the_browser_writes_numbers_as_python_does(live_page):
    rng = np.random.default_rng(5)
    values = [0.125, -0.125, 0.375, 2.5, -2.5, 0.005, -0.005, 1.005, 0.0, -0.0, -0.0004, 2.5e-17, -1e-9, 123.456,
              -999.995, 0.5, 1.5, -1.5, *rng.uniform(-20, 20, 60).round(4), *rng.uniform(-1, 1, 40)]
    cases = [(float(v), digits) for v in values for digits in (0, 1, 2, 3)]
    browser = live_page.evaluate(
        "(cases) => cases.map(([v, d]) => [window.nnLive.number(v, d), window.nnLive.signed(v, d)])", cases)
    assert browser == [[number(v, d), signed(v, d)] for v, d in cases]
