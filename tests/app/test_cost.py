"""The Cost page: the target y, each (a − y)², C = Σ (a − y)², the cost the model is trained on, and the averages.

One cost per level: the simple level writes 3Blue1Brown's C = Σ (a − y)² only; the full level adds the
cost the network is trained on (cross-entropy −ln a_y), always under its own name.
"""
import re

import numpy as np
import pytest

from nn_core.bundled import load_bundled
from nn_core.costs import sum_of_squares
from nn_core.data import load_embedded
from nn_core.evaluate import cost_summary, output_activations
from nn_core.modelfile import Model
from nn_core.network import Network, forward
from tests.app.conftest import all_text, chart_specs, open_app
from ui import state


def _own_and_squares(network, pixels, label):
    output = forward(network.astype(np.float64), pixels.astype(np.float64)).output
    own = float(network.cost.per_example(output[None, :], np.array([label]))[0])
    return own, float(sum_of_squares(output[None, :], np.array([label]))[0]), output


@pytest.fixture
def cost_page():
    return open_app("pages/cost.py")


def at_level(level: str, page: str = "pages/cost.py"):
    at = open_app()
    at.segmented_control(key=state.LEVEL).set_value(level).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_the_cost_of_the_current_digit_is_computed_from_its_outputs(cost_page):
    _, test = load_embedded()
    network = load_bundled("classic").network
    own, squares, output = _own_and_squares(network, test.inputs[3], 0)
    text = all_text(cost_page)
    assert f"= {squares:.3f}**" in text                                   # C = Σ (a − y)²
    assert f"cross-entropy = −ln {output[0]:.3f} = **{own:.3f}**" in text   # the cost it is trained on, by name
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
    untrained = Network.random(network.sizes, rng=0)
    values = {m.label: m.value for m in cost_page.metric}
    assert values["Average Σ (a − y)², training digits"] == f"{cost_summary(network, train).sum_of_squares:.3f}" == "0.066"
    assert values["Average Σ (a − y)², unseen test digits"] == f"{cost_summary(network, test).sum_of_squares:.3f}"
    assert values["Average Σ (a − y)², random weights"] == f"{cost_summary(untrained, train).sum_of_squares:.3f}"
    assert values["Average cross-entropy, training digits"] == f"{cost_summary(network, train).model_cost:.3f}" == "0.146"
    assert values["Average cross-entropy, unseen test digits"] == f"{cost_summary(network, test).model_cost:.3f}"
    assert values["Average cross-entropy, random weights"] == f"{cost_summary(untrained, train).model_cost:.3f}" == "2.398"


def test_the_simple_level_has_one_cost_and_every_c_says_which():
    at = at_level("simple")
    main = at.main   # (the sidebar names the model: "784-16-16-10, sigmoid, cross-entropy")
    text = "\n".join([m.value for m in main.markdown] + [c.value for c in main.caption] + [m.label for m in main.metric]
                     + [m.help or "" for m in main.metric])
    assert "cross-entropy" not in text and "−ln" not in text and "cost this network is trained on" not in text
    assert [m.label for m in at.metric] == ["Average Σ (a − y)², training digits",
                                           "Average Σ (a − y)², unseen test digits", "Average Σ (a − y)², random weights"]
    assert re.findall(r"C = (?!Σ \(a − y\)²)", text) == []          # every C written is Σ (a − y)²
    histograms = [s for s in chart_specs(at) if s["layout"]["yaxis"].get("type") == "log"]
    assert len(histograms) == 1 and "Σ (a − y)²" in histograms[0]["layout"]["xaxis"]["title"]["text"]


def test_the_full_level_names_the_cost_it_is_trained_on_wherever_it_gives_a_number():
    at = at_level("full")
    text = all_text(at)
    assert "**The cost this network is trained on** is another one, the **cross-entropy** −ln a_y" in text
    assert "C = −ln" not in text                                        # C is Σ (a − y)² alone
    for number in re.findall(r"−ln a_y it is trained on = \*\*([0-9.]+)\*\*", text):
        assert float(number) >= 0
    assert len(re.findall(r"the cross-entropy −ln a_y it is trained on = ", text)) == 2   # the right and the wrong digit


def test_the_histogram_counts_each_training_digits_sum_of_squares_on_a_log_axis_it_explains(cost_page):
    train, _ = load_embedded()
    network = load_bundled("classic").network
    squares = sum_of_squares(output_activations(network, train).astype(np.float64), train.labels.astype(np.intp))
    chart = next(s for s in chart_specs(cost_page) if "Σ (a − y)²" in s["layout"]["xaxis"]["title"]["text"])
    counts, _ = np.histogram(squares, bins=20, range=(0.0, 2.0))
    bars = chart["data"][0]
    assert chart["layout"]["yaxis"]["type"] == "log" and chart["layout"]["yaxis"]["range"][0] < 0   # a bar of 1 shows
    assert sorted(_values(bars["y"])) == sorted(int(c) for c in counts if c) and sum(_values(bars["y"])) == len(train)
    assert "The heights are on a log scale" in all_text(cost_page)


def _values(data) -> list[float]:
    """A plotly array from the JSON spec: a plain list, or numpy's typed array ({dtype, bdata})."""
    if isinstance(data, dict):
        import base64

        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=np.dtype(data["dtype"])).tolist()
    return list(data)


def test_the_digit_shown_has_its_sum_of_squares_written_in_one_place_only(monkeypatch):
    """The lesson holds this number back until Reveal by wrapping one function: no other line may print it."""
    from ui.pages import cost

    at = at_level("full")
    at.session_state["current_input"] = state.test_digit(807)
    at.run()
    network = load_bundled("classic").network
    _, test = load_embedded()
    _, squares, _ = _own_and_squares(network, test.inputs[807], int(test.labels[807]))
    assert f"{squares:.3f}" in all_text(at)
    monkeypatch.setattr(cost, "sum_of_squares_line", lambda output, label: "C = Σ (a − y)² = ?")
    at.run()
    assert f"{squares:.3f}" not in all_text(at) and f"{squares:.2f}" not in all_text(at)


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
    assert f"quadratic ½‖a − y‖²** = **{own:.3f}**: half of C" in text and own == pytest.approx(squares / 2)
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
