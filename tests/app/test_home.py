"""The home page explains the ideas and links to every page in lesson order; the simple level says it shorter."""
import numpy as np

from nn_core.bundled import load_bundled
from tests.app.conftest import all_text, chart_specs, live_data
from ui import state


def test_home_explains_the_ideas(home):
    text = all_text(home).lower()
    for idea in ("neuron", "activation", "layer", "weight", "bias", "sigmoid", "training", "test", "never seen"):
        assert idea in text, idea


def test_home_shows_a_live_network_and_links(home):
    assert chart_specs(home) == []                                  # the picture is the live view, drawn in the browser
    data = live_data(home, "nn_live_network")
    assert data["model"].startswith("net:784-16-16-10") and data["network"] is not None   # its weights, this tab's first view
    assert not any(data["panels"].values())                         # a picture: no sliders, bars or buttons
    assert data["fit_screen"] is True                               # ... no taller than a screen
    pixels = np.frombuffer(__import__("base64").b64decode(data["input"]), dtype="<f4")
    assert pixels.shape == (784,) and pixels.max() > 0.5            # a real test digit, not a blank
    links = [link.proto.page for link in home.get("page_link") if link.proto.page != "join"]   # (join: one tap, beside Start)
    assert links == ["draw", "neuron", "inside", "knobs", "data", "cost", "descent", "train", "backprop",
                     "recap"]  # lesson order


def test_home_keeps_hope_apart_from_fact_and_states_the_rules_right(home):
    text = all_text(home)
    assert "One might hope" in text and "blotchy patterns" in text       # not "they pick out edges"
    assert "passes −b" in text and "σ(x) = 1 / (1 + e⁻ˣ)" in text and "σ(0) = ½" in text
    assert "softmax" in text                                               # the output layer is not σ
    assert "784×16 + 16 + 16×16 + 16 + 16×10 + 10" in text and "13,002" in text
    assert 784 * 16 + 16 + 16 * 16 + 16 + 16 * 10 + 10 == 13_002


def test_sidebar_model_picker_and_reset(home):
    assert home.radio(key="model_choice").value == "classic"
    home.radio(key="model_choice").set_value("best").run()
    assert "784-256-128-10" in "\n".join(c.value for c in home.sidebar.caption)
    home.session_state["input_edges"] = 3
    home.button(key="reset_all").click().run()
    assert home.radio(key="model_choice").value == "classic"
    assert home.session_state["input_edges"] == 8
    assert not home.exception


def _in_order(node) -> list:
    """Every element under ``node``, in the order the page draws them."""
    children = getattr(node, "children", None)
    if not isinstance(children, dict):
        return [node]
    return [element for key in sorted(children) for element in _in_order(children[key])]


def _words(at) -> str:
    """The page's explanation (not the glossary's definitions)."""
    return next(m.value for m in at.main.markdown if "A neural network is a function" in m.value)


def test_the_whole_network_is_one_function_counted_from_the_network_shown(home):
    network = load_bundled("classic").network
    weights = sum(w.size for w in network.weights)
    biases = sum(b.size for b in network.biases)
    assert (weights, biases) == (12_960, 42) and weights + biases == network.params.size == 13_002
    assert ("**A neural network is a function**: 784 numbers in (the pixels of a digit), 10 numbers out (one for "
            "each digit 0-9), and in between 13,002 knobs, its 12,960 weights and 42 biases") in _words(home)


def test_the_simple_level_is_shorter_and_shows_the_picture_first(home):
    full = _words(home)
    home.segmented_control(key=state.LEVEL).set_value("simple").run()
    assert not home.exception
    simple = _words(home)
    assert "13,002 knobs" in simple and "784 numbers in" in simple and "never seen" in simple
    assert len(simple) < 0.6 * len(full)                               # visibly shorter
    for extra in ("σ(x) = 1 / (1 + e⁻ˣ)", "passes −b", "softmax", "784×16"):    # the formulas wait for the full level
        assert extra in full and extra not in simple
    kinds = [type(element).__name__ for element in _in_order(home.main)]
    picture = next(i for i, e in enumerate(_in_order(home.main)) if getattr(e.proto, "component_name", "") == "nn_live_network")
    words = next(i for i, e in enumerate(_in_order(home.main)) if "is a function" in str(getattr(e, "value", "")))
    assert picture < words, kinds
