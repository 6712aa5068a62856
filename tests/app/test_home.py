"""The home page explains the ideas and links to every page in lesson order."""
import numpy as np

from tests.app.conftest import all_text, chart_specs, live_data


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
    links = [link.proto.page for link in home.get("page_link")]
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
