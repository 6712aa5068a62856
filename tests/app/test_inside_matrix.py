"""Inside, at the full level: the first layer as a matrix times a column, a⁽¹⁾ = σ(W⁽¹⁾a⁽⁰⁾ + b⁽¹⁾), with the numbers
of nn_core's forward pass for the input on screen."""
import numpy as np
import pytest

from figures.colours import COLOUR_BLIND_SAFE, STANDARD
from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.network import forward
from nn_core.noise import noise_pixels
from tests.app.conftest import all_text, chart_specs, open_app
from tests.app.test_descent import values
from tests.app.test_links_and_display import open_link
from ui import state


def matrix(at) -> dict:
    return next(s for s in chart_specs(at) if s["layout"].get("uirevision") == "matrix")


def column(spec, name) -> np.ndarray:
    return values(next(d for d in spec["data"] if d["name"] == name)["z"])


@pytest.mark.parametrize("model", ["classic", "best"])
def test_the_matrix_picture_is_the_forward_pass(model):
    at = open_link("pages/inside.py", level="full", model=model, digit="12")
    network = load_bundled(model).network
    _, test = load_embedded()
    pixels = test.inputs[12]
    result = forward(network, pixels)
    spec = matrix(at)
    n = network.sizes[1]
    np.testing.assert_array_equal(column(spec, "W⁽¹⁾").reshape(n, 784), network.weights[0])
    np.testing.assert_array_equal(column(spec, "a⁽⁰⁾"), pixels)
    weighted = network.weights[0].astype(np.float64) @ pixels.astype(np.float64)      # Σ_j W_ij a_j, row by row
    np.testing.assert_allclose(column(spec, "weighted sums"), weighted, atol=1e-4)
    np.testing.assert_allclose(column(spec, "biases"), network.biases[0], atol=1e-7)
    np.testing.assert_allclose(column(spec, "z"), result.zs[0], atol=1e-6)
    np.testing.assert_allclose(column(spec, "activations"), result.activations[1], atol=1e-7)
    heads = [a["text"] for a in spec["layout"]["annotations"]]
    assert f"<b>W⁽¹⁾ ({n} × 784)</b>" in heads and f"<b>{network.activation.symbol}<br>→</b>" in heads
    text = all_text(at)
    assert "The whole layer at once: a matrix times a column" in text
    assert f"W⁽¹⁾ has one row per neuron of hidden 1 ({n}) and one column per pixel (784)" in text
    dark = int((pixels == 0).sum())
    assert f"Here {dark:,} of the 784 pixels are 0 (black)" in text


def test_the_numbers_are_written_in_the_columns_for_16_rows_only():
    spec = matrix(open_app("pages/inside.py"))
    network = load_bundled("classic").network
    result = forward(network, load_embedded()[1].inputs[3])
    texts = next(d for d in spec["data"] if d["name"] == "z")["text"]
    assert [row[0] for row in texts] == [f"{v:.2f}".replace("-", "−") if round(v, 2) != 0 else f"{abs(v):.2f}"
                                         for v in result.zs[0]]
    best = matrix(open_link("pages/inside.py", level="full", model="best"))
    assert next(d for d in best["data"] if d["name"] == "z").get("text") is None   # 256 rows: colour only


def test_the_matrix_uses_the_colour_blind_palette_when_chosen():
    spec = matrix(open_app("pages/inside.py"))
    assert spec["data"][0]["colorscale"] == [list(stop) for stop in STANDARD.weight_scale]
    at = open_link("pages/inside.py", level="full", colours="colour-blind", noise="7")
    spec = matrix(at)
    assert spec["data"][0]["colorscale"] == [list(stop) for stop in COLOUR_BLIND_SAFE.weight_scale]
    np.testing.assert_array_equal(column(spec, "a⁽⁰⁾"), noise_pixels(7))
    assert "blue positive, orange negative" in all_text(at) and "so every weight adds something" in all_text(at)


def test_the_simple_level_has_no_matrix():
    at = open_app()
    at.segmented_control(key=state.LEVEL).set_value("simple").run()
    at.switch_page("pages/inside.py").run()
    assert not [s for s in chart_specs(at) if s["layout"].get("uirevision") == "matrix"]
    assert "a matrix times a column" not in all_text(at)
