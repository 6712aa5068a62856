"""The One-neuron page's live view, from Python: what it is given, and what a release does to the session.

AppTest cannot run the component's JavaScript (it shows as an unknown ``bidi_component``), so a
release is sent the way the browser sends it: a trigger value in the next run's widget states.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from nn_core.activations import ACTIVATIONS
from tests.app.conftest import live_data, open_app, send_trigger, shown
from ui import state
from ui.pages.neuron import controls as one_neuron
from ui.pages.neuron import live as live_neuron

DEFAULT = {"inputs": [0.8, 0.3, 0.6, 0.0], "weights": [1.5, -2.0, 1.0, 0.5], "bias": 0.0}


def view(at) -> dict:
    """The data the page gave the live view on its last run."""
    return live_data(at, "nn_one_neuron")


def release(at, payload) -> None:
    """Let go of a slider: the browser's ``setTriggerValue("release", payload)``, then the run it starts."""
    send_trigger(at, "nn_one_neuron", "release", payload)
    assert not at.exception, at.exception


def held(at) -> dict:
    """The neuron as the session holds it (the keys every page reads)."""
    return {"inputs": [at.session_state[state.one_input(i)] for i in range(4)],
            "weights": [at.session_state[state.one_weight(i)] for i in range(4)], "bias": at.session_state[state.ONE_BIAS]}


def expected_sentence(values: dict, name: str = "sigmoid") -> str:
    """ui/pages/neuron/controls.explain of these values, with a computed by nn_core's activation function."""
    activation = ACTIVATIONS[name]
    weighted = float((np.array(values["weights"]) * np.array(values["inputs"])).sum())
    output = float(activation.function(np.array([weighted + values["bias"]]))[0])
    return one_neuron.explain(weighted, values["bias"], output, activation)


def warnings(at) -> list[str]:
    return [shown(w.value) for w in at.warning]


@pytest.fixture(scope="module")
def page():
    """One session for the tests that leave the neuron as they found it (AppTest runs cost ~0.3 s each)."""
    return open_app("pages/neuron.py")


def test_the_view_is_given_the_neuron_its_ranges_and_pythons_own_sentence(page):
    data = view(page)
    assert data["values"] == DEFAULT == held(page)
    assert data["ranges"] == {"inputs": [0.0, 1.0, 0.05], "weights": [-6.0, 6.0, 0.1], "bias": [-10.0, 10.0, 0.1]}
    assert data["sentence"] == expected_sentence(DEFAULT)
    z = 1.5 * 0.8 - 2.0 * 0.3 + 1.0 * 0.6
    assert f"a = σ(z) = {1 / (1 + math.exp(-z)):.3f}" in data["sentence"] and data["a"] == pytest.approx(1 / (1 + math.exp(-z)))
    assert data["activation"]["name"] == "sigmoid" and data["activation"]["shade"] == [0.0, 1.0]
    assert data["palette"]["positive_name"] == "blue" and data["large"] is False
    assert "kept as it was" not in " ".join(warnings(page))


def test_a_release_is_kept_in_the_keys_every_page_reads():
    at = open_app("pages/neuron.py")
    values = {"inputs": [1.0, 0.5, 0.0, 0.25], "weights": [2.0, -1.0, 3.0, 4.0], "bias": -1.5}
    release(at, {"seq": 1, **values})
    assert held(at) == values and view(at)["values"] == values and view(at)["ack"] == 1
    z = 2.0 - 0.5 + 0.0 + 1.0 - 1.5
    sentence = view(at)["sentence"]
    assert sentence == expected_sentence(values)
    assert "Σ w·a = +2.50" in sentence and f"z = Σ w·a + b = {z:+.2f}" in sentence
    assert f"a = σ(z) = {1 / (1 + math.exp(-z)):.3f}" in sentence
    assert not warnings(at)
    at.switch_page("pages/inside.py").run()  # another page, and back: the neuron is the session's
    at.switch_page("pages/neuron.py").run()
    assert held(at) == values and view(at)["values"] == values


HOSTILE = {
    "not a dict": [0.5, 0.5],
    "nothing": None,
    "NaN bias": {"seq": 2, "inputs": [0, 0, 0, 0], "weights": [0, 0, 0, 0], "bias": math.nan},
    "infinite weight": {"seq": 2, "inputs": [0, 0, 0, 0], "weights": [0, math.inf, 0, 0], "bias": 0},
    "a string": {"seq": 2, "inputs": [0, "0.5", 0, 0], "weights": [0, 0, 0, 0], "bias": 0},
    "a bool": {"seq": 2, "inputs": [0, 0, 0, 0], "weights": [0, 0, 0, 0], "bias": True},
    "input above 1": {"seq": 2, "inputs": [0, 0, 1.5, 0], "weights": [0, 0, 0, 0], "bias": 0},
    "weight below −6": {"seq": 2, "inputs": [0, 0, 0, 0], "weights": [-6.1, 0, 0, 0], "bias": 0},
    "bias above 10": {"seq": 2, "inputs": [0, 0, 0, 0], "weights": [0, 0, 0, 0], "bias": 1e300},
    "missing bias": {"seq": 2, "inputs": [0, 0, 0, 0], "weights": [0, 0, 0, 0]},
    "missing weights": {"seq": 2, "inputs": [0, 0, 0, 0], "bias": 0},
    "three inputs": {"seq": 2, "inputs": [0, 0, 0], "weights": [0, 0, 0, 0], "bias": 0},
    "five weights": {"seq": 2, "inputs": [0, 0, 0, 0], "weights": [0, 0, 0, 0, 0], "bias": 0},
    "a markdown link": {"seq": "[x](http://example.com)", "inputs": "![img](http://example.com/a.png)", "weights": [0] * 4,
                        "bias": 0},
}


def test_hostile_releases_leave_the_neuron_as_it_was_and_say_so():
    at = open_app("pages/neuron.py")
    good = {"inputs": [1.0, 0.0, 0.0, 0.0], "weights": [5.0, 5.0, 0.0, 0.0], "bias": -2.5}
    release(at, {"seq": 1, **good})
    for name, payload in HOSTILE.items():
        release(at, payload)
        assert held(at) == good, name
        assert view(at)["values"] == good and view(at)["sentence"] == expected_sentence(good), name
        said = warnings(at)
        assert len(said) == 1 and "kept as it was" in said[0], (name, said)
        assert "example.com" not in said[0] and "0.5" not in said[0], (name, said)  # words, never the values sent
    at.run()
    assert not warnings(at)  # said once
    release(at, {"seq": 3, **DEFAULT})  # the view still works afterwards
    assert held(at) == DEFAULT and not warnings(at)


@pytest.mark.parametrize("payload, reason", [
    ({"inputs": [0, 0, 0, 0], "weights": [0, 0, 0, 0], "bias": math.nan}, "the bias b was not a number from −10.0 to +10.0"),
    ({"inputs": [0, 0, 2, 0], "weights": [0, 0, 0, 0], "bias": 0}, "input a3 was not a number from +0.0 to +1.0"),
    ({"inputs": [0, 0, 0, 0], "weights": [0, "1", 0, 0], "bias": 0}, "weight w2 was not a number"),
    ({"inputs": [0, 0, 0], "weights": [0, 0, 0, 0], "bias": 0}, "the inputs were not a list of 4 numbers"),
    ("nine numbers", "they did not come as the nine slider values"),
])
def test_each_refusal_says_what_was_wrong(payload, reason):
    with pytest.raises(live_neuron.RefusedError) as refused:
        live_neuron.read_release(payload)
    assert str(refused.value) == reason


def test_the_ends_of_every_slider_are_accepted():
    payload = {"inputs": [0, 1, 0.0, 1.0], "weights": [-6, 6, -6.0, 6.0], "bias": -10}
    assert live_neuron.read_release(payload) == ([0.0, 1.0, 0.0, 1.0], [-6.0, 6.0, -6.0, 6.0], -10.0)


def test_presets_reset_and_the_activation_drive_the_view():
    at = open_app("pages/neuron.py")
    at.button(key="preset-AND").click().run()
    data = view(at)
    assert data["values"] == {"inputs": [1.0, 1.0, 0.0, 0.0], "weights": [5.0, 5.0, 0.0, 0.0], "bias": -7.5}
    assert f"a = σ(z) = {1 / (1 + math.exp(-2.5)):.3f}" in data["sentence"]  # both inputs on: fires
    release(at, {"seq": 1, **data["values"], "inputs": [1.0, 0.0, 0.0, 0.0]})  # a2 dragged to 0
    sentence = view(at)["sentence"]
    assert f"a = σ(z) = {1 / (1 + math.exp(2.5)):.3f}" in sentence and "mostly off (a below ½)" in sentence
    at.segmented_control(key=state.ONE_ACTIVATION).set_value("tanh").run()
    data = view(at)
    assert data["activation"]["name"] == "tanh" and data["activation"]["shade"] == [-1.0, 1.0]
    assert f"a = tanh(z) = −{abs(math.tanh(-2.5)):.3f}" in data["sentence"] and "negative (a below 0)" in data["sentence"]
    assert "tanh(z) = (eᶻ − e⁻ᶻ) / (eᶻ + e⁻ᶻ)" in " ".join(m.value for m in at.markdown)
    at.button(key="preset-reset").click().run()
    assert view(at)["values"] == DEFAULT == held(at) and view(at)["activation"]["name"] == "sigmoid"


def test_colour_blind_palette_and_large_text_reach_the_view():
    at = open_app("pages/neuron.py")
    at.selectbox(key=state.PALETTE).set_value("colour-blind safe")
    at.toggle(key=state.LARGE_TEXT).set_value(True).run()
    data = view(at)
    assert data["palette"]["negative_name"] == "orange" and data["palette"]["negative"] == [213, 94, 0]
    assert data["large"] is True
