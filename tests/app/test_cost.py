"""The Cost page: the target y, each (a − y)², C = Σ (a − y)², the model's own cost, and the averages."""
import numpy as np
import pytest

from nn_core.bundled import load_bundled
from nn_core.costs import sum_of_squares
from nn_core.data import load_embedded
from nn_core.evaluate import cost_summary
from nn_core.modelfile import Model
from nn_core.network import Network, forward
from tests.app.conftest import all_text, chart_specs, open_app


def _own_and_squares(network, pixels, label):
    output = forward(network.astype(np.float64), pixels.astype(np.float64)).output
    own = float(network.cost.per_example(output[None, :], np.array([label]))[0])
    return own, float(sum_of_squares(output[None, :], np.array([label]))[0]), output


@pytest.fixture
def cost_page():
    return open_app("pages/cost.py")


def test_the_cost_of_the_current_digit_is_computed_from_its_outputs(cost_page):
    _, test = load_embedded()
    network = load_bundled("classic").network
    own, squares, output = _own_and_squares(network, test.inputs[3], 0)
    text = all_text(cost_page)
    assert f"= {squares:.3f}**" in text                                   # C = Σ (a − y)²
    assert f"−ln {output[0]:.3f} = **{own:.3f}**" in text                 # the model's own cost
    bars = next(s for s in chart_specs(cost_page) if any(t.get("name") == "(a − y)²" for t in s["data"]))
    squares_trace = next(t for t in bars["data"] if t["name"] == "(a − y)²")
    assert [float(v) for v in squares_trace["text"]] == pytest.approx(((output - np.eye(10)[0]) ** 2).round(2), abs=0.006)


def test_a_mistake_costs_more_than_a_right_answer(cost_page):
    cost_page.button(key="cost_mistake").click().run()
    digit = cost_page.session_state["current_input"]
    network = load_bundled("classic").network
    own, squares, output = _own_and_squares(network, digit.pixels, digit.label)
    assert int(np.argmax(output)) != digit.label
    assert f"= {squares:.3f}**" in all_text(cost_page) and squares > 0.5
    right_text, wrong_text = [m.value for m in cost_page.markdown if "the network reads it" in m.value]
    costs = [float(t.split("Σ (a − y)² = **")[1].split("**")[0]) for t in (right_text, wrong_text)]
    assert costs[0] < 0.05 < 0.5 < costs[1]


def test_the_averages_are_the_ones_training_lowers(cost_page):
    train, test = load_embedded()
    network = load_bundled("classic").network
    values = {m.label: m.value for m in cost_page.metric}
    assert values["Average cost, training digits"] == f"{cost_summary(network, train).model_cost:.3f}"
    assert values["Average cost, unseen test digits"] == f"{cost_summary(network, test).model_cost:.3f}"
    assert float(values["The same layers with random weights"]) > 2.0     # about −ln 0.1 = 2.3


def test_a_quadratic_cost_model_says_its_own_cost_is_half_the_sum():
    at = open_app("pages/cost.py")
    network = Network.random((784, 12, 10), rng=3, cost="mse")
    at.session_state["custom_model"] = Model(network, {"name": "a quadratic model"})
    at.session_state["custom_model_key"] = "quadratic-test"
    at.run()
    at.radio(key="model_choice").set_value("custom").run()
    assert not at.exception
    _, test = load_embedded()
    own, squares, _ = _own_and_squares(network, test.inputs[3], 0)
    text = all_text(at)
    assert f"= {own:.3f}: half the sum above" in text and own == pytest.approx(squares / 2)
    assert "the worst it can be is 10" in text


def test_a_drawing_asks_for_the_right_answer(cost_page):
    from ui.state import InputDigit

    _, test = load_embedded()
    cost_page.session_state["current_input"] = InputDigit(test.inputs[7].copy(), "drawing", "your drawing")
    cost_page.run()
    box = cost_page.selectbox(key="cost_label")
    box.set_value(4).run()
    network = load_bundled("classic").network
    _, squares, _ = _own_and_squares(network, test.inputs[7], 4)
    assert "The right answer is **4**" in all_text(cost_page) and f"= {squares:.3f}**" in all_text(cost_page)
