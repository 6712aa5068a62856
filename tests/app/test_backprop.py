"""The Backpropagation page: it learns from a training digit, and every verdict it prints is the network's."""
import re

import numpy as np
import pytest

from figures.numbers import signed_number
from nn_core.backprop import backprop, gradient_step
from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.evaluate import evaluate, output_activations
from nn_core.modelfile import Model
from nn_core.network import Network, forward
from tests.app.conftest import all_text, chart_specs, open_app


def _classic():
    return load_bundled("classic").network


def _wrong_training_digits(network):
    train, _ = load_embedded()
    return np.flatnonzero(np.argmax(output_activations(network, train), axis=1) != train.labels)


def _after_one_step(digits, rate):
    train, test = load_embedded()
    network = _classic().copy()
    gradient_step(network, train.inputs[list(digits)], train.labels[list(digits)].astype(np.intp), rate)
    return network, evaluate(network, test), evaluate(network, train)


def _pc(x):
    return f"{100 * x:.1f} %"


def _figure(at):
    return next(s for s in chart_specs(at) if s["data"][0]["type"] == "heatmap")


def _trace(figure, name):
    return next(t for t in figure["data"] if t.get("name") == name)


def test_it_learns_from_a_training_digit_it_gets_wrong(backprop_page):
    train, _ = load_embedded()
    wrong = _wrong_training_digits(_classic())
    first = int(wrong[0])
    text = all_text(backprop_page)
    assert f"Example: **training digit #{first} (a {train.labels[first]})**" in text
    assert "Example: **test digit" not in text
    backprop_page.button(key="backprop_mistake").click().run()
    assert f"Example: **training digit #{int(wrong[1])} " in all_text(backprop_page)
    backprop_page.number_input(key="backprop_example_box").set_value(0).run()
    assert "Example: **training digit #0 " in all_text(backprop_page)
    links = {link.proto.page: link.proto.label for link in backprop_page.get("page_link")}
    assert links["cost"] == "What is the cost?" and links["recap"].startswith("Next: Recap")


def test_the_steps_open_at_the_output_with_the_default_rate(backprop_page):
    assert backprop_page.session_state["backprop_step_shown"] == 3
    assert backprop_page.session_state["backprop_rate"] == 0.1
    assert "**Output.**" in all_text(backprop_page)


def test_a_default_step_keeps_test_accuracy_and_the_page_says_so(backprop_page):
    index = int(_wrong_training_digits(_classic())[0])
    backprop_page.button(key="backprop_step").click().run()
    _, test_score, train_score = _after_one_step([index], 0.1)
    assert test_score.accuracy >= 0.90
    text = all_text(backprop_page)
    assert f"| after step 1 | training digit #{index} | 0.1 | {_pc(test_score.accuracy)} | {train_score.loss:.3f} |" in text
    verb = "fell" if test_score.accuracy < 0.953 else "rose" if test_score.accuracy > 0.953 else "stayed"
    assert f"accuracy {verb} from 95.3 % to {_pc(test_score.accuracy)}" in text
    np.testing.assert_array_equal(load_bundled("classic").network.params, _classic().params)  # shared model untouched


def test_a_big_step_breaks_the_other_digits_and_the_page_says_so(backprop_page):
    index = int(_wrong_training_digits(_classic())[0])
    backprop_page.select_slider(key="backprop_rate").set_value(3.0).run()
    backprop_page.button(key="backprop_step").click().run()
    _, test_score, _ = _after_one_step([index], 3.0)
    text = all_text(backprop_page)
    assert test_score.accuracy < 0.5
    assert f"A step big enough to fix one example can break the others: test accuracy fell from 95.3 % to " \
           f"{_pc(test_score.accuracy)}" in text
    assert "a little more likely" not in text
    backprop_page.button(key="backprop_reset").click().run()
    assert "after step 1" not in all_text(backprop_page)


def test_the_mini_batch_step_keeps_test_accuracy_higher_than_one_example(backprop_page):
    backprop_page.select_slider(key="backprop_rate").set_value(1.0).run()
    backprop_page.button(key="backprop_step").click().run()
    single = backprop_page.session_state["backprop_net"].steps[-1]
    backprop_page.button(key="backprop_reset").click().run()
    backprop_page.button(key="backprop_batch_step").click().run()
    batch = backprop_page.session_state["backprop_net"].steps[-1]
    assert batch.digits[0] == single.digits[0] and len(set(batch.digits)) == 10
    _, test_score, train_score = _after_one_step(batch.digits, 1.0)
    assert batch.after.test_accuracy == pytest.approx(test_score.accuracy)
    assert batch.after.test_accuracy > single.after.test_accuracy + 0.2
    assert single.batch_instead.test_accuracy == pytest.approx(test_score.accuracy)  # "would instead have left …"
    text = all_text(backprop_page)
    assert f"{_pc(test_score.accuracy)} | {train_score.loss:.3f} |" in text
    assert "the average of the 10 examples' gradients" in text


def test_the_output_wishes_are_minus_dc_dz_for_softmax_with_cross_entropy(backprop_page):
    train, _ = load_embedded()
    index = int(_wrong_training_digits(_classic())[0])
    network = _classic()
    wishes = np.eye(10)[train.labels[index]] - forward(network, train.inputs[index]).output
    hover = _trace(_figure(backprop_page), "output")["hovertext"]
    for digit, v in enumerate(wishes):
        assert hover[digit].startswith(f"digit {digit} should go {'up' if v > 0 else 'down'} ({signed_number(v)})")
        assert hover[digit].endswith("wish −∂C/∂z = y − a")
    bars = next(s for s in chart_specs(backprop_page) if s["layout"].get("title", {}).get("text", "").startswith("wish"))
    assert bars["layout"]["title"]["text"] == "wish for each output's weighted sum z:<br>−∂C/∂z = y − a"
    assert "δ = ∂C/∂z = a − y" in all_text(backprop_page)


def test_the_hidden_wishes_carry_the_minus_sign_of_minus_w_transpose_delta(backprop_page):
    train, _ = load_embedded()
    index = int(_wrong_training_digits(_classic())[0])
    gradients = backprop(_classic().astype(np.float64), train.inputs[index].astype(np.float64), int(train.labels[index]))
    backprop_page.segmented_control(key="backprop_step_shown").set_value(2).run()
    text = all_text(backprop_page)
    assert "−∂C/∂a⁽²⁾ = −(W⁽³⁾)ᵀ δ⁽³⁾" in text and "δ⁽²⁾ = ∂C/∂a⁽²⁾ × σ′(z⁽²⁾)" in text and "σ′(z) = a(1 − a)" in text
    assert "the weights into the output layer get ∂C/∂w = δ⁽³⁾ × a⁽²⁾" in text
    hover = _trace(_figure(backprop_page), "hidden 2")["hovertext"]
    for j, v in enumerate(-gradients.activation_gradients[2]):
        assert f"should go {'up' if v > 0 else 'down'} ({signed_number(v)})" in hover[j]
    backprop_page.segmented_control(key="backprop_step_shown").set_value(0).run()
    assert "Back at the pixels" in all_text(backprop_page) and "brighter (blue) or darker (red)" in all_text(backprop_page)
    backprop_page.selectbox(key="palette").set_value("colour-blind safe").run()
    assert "brighter (blue) or darker (orange)" in all_text(backprop_page)
    assert "orange = should decrease" in _figure(backprop_page)["layout"]["annotations"][-1]["text"]


def test_play_backwards_steps_from_the_output_to_the_pixels(backprop_page):
    backprop_page.segmented_control(key="backprop_step_shown").set_value("all").run()
    backprop_page.button(key="play_backwards").click().run()
    seen = [backprop_page.session_state["backprop_step_shown"]]
    for _ in range(4):          # no timer under AppTest: each full run is one tick
        backprop_page.run()
        seen.append(backprop_page.session_state["backprop_step_shown"])
    assert seen == [3, 2, 1, 0, 0] and not backprop_page.session_state["backprop_playing"]


def test_the_three_levers_print_the_numbers_backprop_gives(backprop_page):
    train, _ = load_embedded()
    index = int(_wrong_training_digits(_classic())[0])
    label = int(train.labels[index])
    network = _classic()
    gradients = backprop(network.astype(np.float64), train.inputs[index].astype(np.float64), label)
    a = forward(network, train.inputs[index]).activations[2].astype(np.float64)
    delta = gradients.deltas[-1][label]
    text = all_text(backprop_page)
    assert f"−∂C/∂z = −δ = {signed_number(-delta)}. Three levers raise it" in text
    assert f"∂C/∂b = δ = {signed_number(gradients.biases[-1][label])}" in text
    k = int(np.argmax(np.abs(delta * a)))
    assert f"from hidden 2 neuron {k} (a = {a[k]:.3f}): ∂C/∂w = {signed_number(delta * a[k])}" in text
    w = network.weights[-1][label].astype(np.float64)
    j = int(np.argmax(np.abs(w)))
    assert f"this output's share −w δ = {signed_number(-w[j] * delta)}; the ten outputs' shares together, " \
           f"−∂C/∂a = {signed_number(-gradients.activation_gradients[2][j])}" in text
    wrong_digit = (label + 1) % 10
    backprop_page.selectbox(key="backprop_lever_digit").set_value(wrong_digit).run()
    assert f"Output {wrong_digit} (digit {wrong_digit}): its weighted sum z should go **down**" in all_text(backprop_page)


def test_equal_gradients_share_a_line_and_minus_signs_are_real(backprop_page):
    text = all_text(backprop_page)
    section = text.split("Gradient descent moves every weight")[0]
    lines = [line for line in section.splitlines() if line.startswith("- from ")]
    assert len(lines) == 5
    keys = [(line.split(": ∂C/∂w = ")[0].split(" to ")[-1], line.split("∂C/∂w = ")[1].split(",")[0]) for line in lines]
    assert len(set(keys)) == len(keys)                          # no number repeated for one target neuron
    assert any("because ∂C/∂w = δ × a" in line for line in lines)
    assert not re.search(r"(?<![\w])-\d", text)                  # U+2212, never an ASCII minus before a number
    assert "+0.00" not in text and "−0.00 " not in text


def _custom(at, network, key):
    at.session_state["custom_model"] = Model(network, {"name": "a test model"})
    at.session_state["custom_model_key"] = key
    at.run()
    at.radio(key="model_choice").set_value("custom").run()
    assert not at.exception


def test_a_quadratic_cost_relu_model_gets_its_own_labels():
    at = open_app("pages/backprop.py")
    _custom(at, Network.random((784, 12, 10), rng=3, activation="relu", cost="mse"), "quadratic-relu-test")
    text = all_text(at)
    assert "the wish is −∂C/∂a = y − a, a wish for each output's activation a" in text
    assert "δ = ∂C/∂z = (a − y) σ′(z)" in text
    bars = next(s for s in chart_specs(at) if s["layout"].get("title", {}).get("text", "").startswith("wish"))
    assert bars["layout"]["title"]["text"] == "wish for each output's activation a:<br>−∂C/∂a = y − a"
    assert all(h.endswith("wish −∂C/∂a = y − a") for h in _trace(_figure(at), "output")["hovertext"])
    at.segmented_control(key="backprop_step_shown").set_value(1).run()
    assert "δ⁽¹⁾ = ∂C/∂a⁽¹⁾ × ReLU′(z⁽¹⁾)" in all_text(at) and "ReLU′(z) = 1 if z > 0, else 0" in all_text(at)


def test_after_a_wrecking_step_a_mini_batch_repairs_part_of_the_damage(backprop_page):
    from ui.pages.backprop.scratch import mini_batch

    train, test = load_embedded()
    index = int(_wrong_training_digits(_classic())[0])
    backprop_page.select_slider(key="backprop_rate").set_value(1.0).run()
    backprop_page.button(key="backprop_step").click().run()
    backprop_page.button(key="backprop_batch_step").click().run()
    network = _classic().copy()
    gradient_step(network, train.inputs[index], int(train.labels[index]), 1.0)
    wrecked = evaluate(network, test).accuracy
    batch = mini_batch(index, 1)
    gradient_step(network, train.inputs[batch], train.labels[batch].astype(np.intp), 1.0)
    repaired = evaluate(network, test).accuracy
    assert wrecked < repaired < 0.953
    assert f"Test accuracy rose from {_pc(wrecked)} to {_pc(repaired)}: averaging repaired part of the damage" \
           in all_text(backprop_page)
