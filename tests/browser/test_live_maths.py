"""numpy stays the truth: the browser's forward pass and scores equal nn_core's (issue 11).

The live view's JS (ui/live/nn.js, the same functions the components use, as window.nnLive) is fed
the networks and inputs nn_core gets: classic, best, a ReLU and a tanh model, 200 test digits,
random bias and weight edits; every activation must agree to 1e-4 and the accuracy exactly.
"""
import base64

import numpy as np
import pytest

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
