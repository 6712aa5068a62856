"""The Backpropagation page: it learns from a training digit, and every verdict it prints is the network's."""
import base64
import re

import numpy as np
import pytest
from google.protobuf.json_format import MessageToDict

from figures.numbers import signed_number
from nn_core.backprop import UNSURE, backprop, gradient_step, shuffled_batches, wish_shares
from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.evaluate import cost_summary, evaluate, output_activations
from nn_core.modelfile import Model
from nn_core.network import Network, forward
from tests.app.conftest import all_text, chart_specs, open_app, strings_in
from ui import state
from ui.level import HIDDEN_AT_SIMPLE
from ui.pages.backprop.words import cost_text, plain


def _classic():
    return load_bundled("classic").network


def _wrong_training_digits(network):
    train, _ = load_embedded()
    return np.flatnonzero(np.argmax(output_activations(network, train), axis=1) != train.labels)


def _first_wrong() -> int:
    return int(_wrong_training_digits(_classic())[0])


def _after_steps(batches, rates, start=None):
    """The classic network after gradient steps on these training digits; its scores on the test and training digits."""
    train, test = load_embedded()
    network = (start or _classic()).copy()
    for digits, rate in zip(batches, rates):
        digits = np.atleast_1d(digits)
        gradient_step(network, train.inputs[digits], train.labels[digits].astype(np.intp), rate)
    return network, evaluate(network, test), cost_summary(network, train)


def _pc(x):
    return f"{100 * x:.1f} %"


def _right_output(network, index):
    train, _ = load_embedded()
    return float(forward(network, train.inputs[index]).output[train.labels[index]])


def _figure(at):
    return next(s for s in chart_specs(at) if s["data"][0]["type"] == "heatmap")


def _array(value) -> np.ndarray:
    """A plotly array from a figure's JSON: a list, or base64 typed data."""
    if isinstance(value, dict):
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
    return np.asarray(value)


def _bars_title(spec) -> str:
    return next((a["text"] for a in spec["layout"].get("annotations", []) if a.get("text", "").startswith("wish for")), "")


def _bars(at):
    """The wish bars' figure (JSON)."""
    return next(s for s in chart_specs(at) if _bars_title(s))


def _trace(figure, name):
    return next(t for t in figure["data"] if t.get("name") == name)


def _simple(page: str = "pages/backprop.py"):
    at = open_app()
    at.segmented_control(key=state.LEVEL).set_value("simple").run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


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


def test_a_default_step_is_measured_and_the_page_says_so(backprop_page):
    index = _first_wrong()
    backprop_page.button(key="backprop_step").click().run()
    _, test_score, train_score = _after_steps([index], [0.1])
    assert test_score.accuracy >= 0.90
    text = all_text(backprop_page)
    assert (f"| after step 1 | training digit #{index} | 0.1 | {_pc(test_score.accuracy)} | "
            f"{train_score.model_cost:.4f} |") in text
    verb = "fell" if test_score.accuracy < 0.953 else "rose" if test_score.accuracy > 0.953 else "stayed"
    assert f"accuracy {verb} from 95.3 % to {_pc(test_score.accuracy)}" in text
    assert "The mini-batch button shows what the others add" in text
    assert "would instead have left" not in text        # the old, unfair comparison at the same η
    np.testing.assert_array_equal(load_bundled("classic").network.params, _classic().params)  # shared model untouched


def test_a_big_step_breaks_the_other_digits_and_the_page_says_so(backprop_page):
    index = _first_wrong()
    backprop_page.select_slider(key="backprop_rate").set_value(3.0).run()
    backprop_page.button(key="backprop_step").click().run()
    _, test_score, _ = _after_steps([index], [3.0])
    text = all_text(backprop_page)
    assert test_score.accuracy < 0.5
    assert f"A step big enough to fix one example can break the others: test accuracy fell from 95.3 % to " \
           f"{_pc(test_score.accuracy)}" in text
    assert "a little more likely" not in text
    backprop_page.button(key="backprop_reset").click().run()
    assert "after step 1" not in all_text(backprop_page)


# -- the honest mini-batch (review N5) ------------------------------------------------------------------------
def _batch_numbers(at, rate):
    """Press the mini-batch button at ``rate``; replay its step, and this digit alone at rate/10, in nn_core."""
    train, _ = load_embedded()
    index = _first_wrong()
    at.select_slider(key="backprop_rate").set_value(rate).run()
    at.button(key="backprop_batch_step").click().run()
    step = at.session_state["backprop_net"].steps[-1]
    batch, batch_test, batch_train = _after_steps([np.array(step.digits)], [rate])
    alone, alone_test, alone_train = _after_steps([index], [rate / 10])
    return step, (batch, batch_test, batch_train), (alone, alone_test, alone_train), all_text(at)


def test_the_mini_batch_is_this_digit_and_nine_that_pull(backprop_page):
    train, _ = load_embedded()
    index = _first_wrong()
    step, _, _, text = _batch_numbers(backprop_page, 0.1)
    digits = np.array(step.digits)
    right = output_activations(_classic(), train)[np.arange(len(train)), train.labels]
    assert digits[0] == index and len(set(digits.tolist())) == 10
    assert np.all(right[digits[1:]] < UNSURE)           # each is read wrong or with an output below 0.7: they pull
    assert (f"this digit and 9 that the network reads wrong or is unsure of (output for their right digit below "
            f"{UNSURE:g})") in text
    backprop_page.button(key="backprop_reset").click().run()
    backprop_page.button(key="backprop_batch_step").click().run()
    assert backprop_page.session_state["backprop_net"].steps[-1].digits == step.digits   # the same, every time


def test_the_mini_batch_at_eta_is_compared_with_this_digit_alone_at_eta_over_ten(backprop_page):
    index = _first_wrong()
    step, (batch, batch_test, batch_train), (alone, alone_test, alone_train), text = _batch_numbers(backprop_page, 0.1)
    assert step.after.test_accuracy == pytest.approx(batch_test.accuracy)
    assert step.alone.rate == pytest.approx(0.01) and step.alone.score.test_accuracy == pytest.approx(alone_test.accuracy)
    before = cost_summary(_classic(), load_embedded()[0]).model_cost
    assert f"| before the step | {_right_output(_classic(), index):.3f} | 95.3 % | {before:.4f} |" in text
    assert (f"| this digit alone, η/10 = 0.01 | {_right_output(alone, index):.3f} | {_pc(alone_test.accuracy)} | "
            f"{alone_train.model_cost:.4f} |") in text
    assert (f"| the mini-batch of 10, η = 0.1 | {_right_output(batch, index):.3f} | {_pc(batch_test.accuracy)} | "
            f"{batch_train.model_cost:.4f} |") in text
    # which did the work, read off the numbers (measured: the others lowered the training cost further)
    b, a, m = before, alone_train.model_cost, batch_train.model_cost
    assert m < a < b
    who = "the other 9" if a - m > b - a else "the step on this digit"
    assert (f"this digit alone lowered it from {b:.4f} to {a:.4f}; with the other 9 pulling too it fell to {m:.4f}: "
            f"{who} did most of the work.") in text
    gained = round((batch_test.accuracy - alone_test.accuracy) * 1000)
    assert (f"both steps read the same number right ({_pc(alone_test.accuracy)})" if gained == 0 else
            f"the mini-batch step read {abs(gained)} {'more' if gained > 0 else 'fewer'} right than this digit alone") in text


def test_a_mini_batch_at_a_large_eta_is_said_to_harm_when_it_does(backprop_page):
    step, (_, batch_test, batch_train), (_, alone_test, alone_train), text = _batch_numbers(backprop_page, 1.0)
    assert batch_train.model_cost > alone_train.model_cost and batch_test.accuracy < alone_test.accuracy
    assert (f"{alone_train.model_cost:.4f} with this digit alone, {batch_train.model_cost:.4f} with the other 9 pulling "
            f"too: here their pulls did harm") in text
    assert "That is what a mini-batch is for" not in text


# -- 10 steps of 10 ------------------------------------------------------------------------------------------
def test_ten_steps_of_ten_walk_back_after_a_wrecking_step_and_the_chart_shows_every_step(backprop_page):
    index = _first_wrong()
    backprop_page.select_slider(key="backprop_rate").set_value(1.0).run()
    backprop_page.button(key="backprop_step").click().run()
    backprop_page.button(key="backprop_walk").click().run()
    step = backprop_page.session_state["backprop_net"].steps[-1]
    batches = shuffled_batches(10, 10, 4000, np.random.default_rng([index, 1, 10]))
    assert step.kind == "walk" and step.digits == tuple(int(d) for d in batches.ravel())
    assert len(set(step.digits)) == 100                                     # one shuffle: no digit twice
    train, test = load_embedded()
    wrecked, _, _ = _after_steps([index], [1.0])
    accuracies, costs = [evaluate(wrecked, test).accuracy], [cost_summary(wrecked, train).model_cost]
    network = wrecked
    for batch in batches:
        network, test_score, train_score = _after_steps([batch], [1.0], start=network)
        accuracies.append(test_score.accuracy)
        costs.append(train_score.model_cost)
    np.testing.assert_allclose([s.test_accuracy for s in step.path], accuracies[1:])
    np.testing.assert_allclose([s.train_cost for s in step.path], costs[1:], rtol=1e-5)
    assert accuracies[-1] > accuracies[0] + 0.3 and costs[-1] < costs[0] / 2    # measured: 17.0 % -> 74.0 %
    chart = next(s for s in chart_specs(backprop_page) if len(s["data"]) == 2 and s["data"][0].get("xaxis") == "x")
    assert chart["layout"]["annotations"][1]["text"] == "average cost −ln a_y<br>over the 4,000 training digits"
    text = all_text(backprop_page)
    assert f"Test accuracy rose from {_pc(accuracies[0])} to {_pc(accuracies[-1])}" in text
    rises = sum(1 for old, new in zip(costs, costs[1:]) if cost_text(new) != cost_text(old) and new > old)
    assert rises > 0 and f"The cost rose on {rises} of the 10 steps, yet the walk as a whole went down" in text
    assert "drunk man stumbling quickly downhill" in text
    assert "| after step 2 | 10 mini-batches of 10 at random (100 training digits) | 1 |" in text


def test_a_walk_that_hardly_moves_the_cost_says_so_and_claims_no_descent(backprop_page):
    backprop_page.button(key="backprop_walk").click().run()
    step = backprop_page.session_state["backprop_net"].steps[-1]
    start, end = step.before.train_cost, step.after.train_cost
    assert abs(end - start) < 0.05 * start                       # the trained network: 10 steps at η = 0.1
    text = all_text(backprop_page)
    assert "hardly moved it" in text and "drunk man" not in text


# -- the picture: the push on each z (review N14) -------------------------------------------------------------
def test_the_outputs_show_y_minus_a_and_the_bars_name_their_quantity(backprop_page):
    train, _ = load_embedded()
    index = _first_wrong()
    network = _classic()
    wishes = np.eye(10)[train.labels[index]] - forward(network, train.inputs[index]).output
    hover = _trace(_figure(backprop_page), "output")["hovertext"]
    for digit, v in enumerate(wishes):
        assert hover[digit].startswith(f"digit {digit} should go {'up' if v > 0 else 'down'} ({signed_number(v)})")
        assert hover[digit].endswith("−∂C/∂z = y − a")
    bars = _bars(backprop_page)
    assert _bars_title(bars) == "wish for each output's weighted sum z:<br>−∂C/∂z = y − a"
    assert "δ = ∂C/∂z = a − y" in all_text(backprop_page)


def test_the_hidden_neurons_show_the_push_minus_delta_and_their_wish_in_the_hover(backprop_page):
    train, _ = load_embedded()
    index = _first_wrong()
    network = _classic()
    gradients = backprop(network.astype(np.float64), train.inputs[index].astype(np.float64), int(train.labels[index]))
    result = forward(network.astype(np.float64), train.inputs[index].astype(np.float64))
    backprop_page.segmented_control(key="backprop_step_shown").set_value(2).run()
    text = all_text(backprop_page)
    assert "−∂C/∂a⁽²⁾ = −(W⁽³⁾)ᵀ δ⁽³⁾" in text and "δ⁽²⁾ = ∂C/∂a⁽²⁾ × σ′(z⁽²⁾)" in text and "σ′(z) = a(1 − a)" in text
    assert "the weights into the output layer get ∂C/∂w = δ⁽³⁾ × a⁽²⁾" in text and "the circles show −δ⁽²⁾" in text
    hover = _trace(_figure(backprop_page), "hidden 2")["hovertext"]
    a = result.activations[2]
    for j, (push, wish) in enumerate(zip(-gradients.deltas[1], -gradients.activation_gradients[2])):
        assert hover[j].startswith(f"hidden 2, neuron {j} should go {'up' if push > 0 else 'down'} ({signed_number(push)})")
        assert f"= wish × slope: −∂C/∂a = {signed_number(wish)} times σ′(z) = {a[j] * (1 - a[j]):.3f}" in hover[j]
    sizes = _array(_trace(_figure(backprop_page), "hidden 2")["marker"]["size"])
    assert sizes.max() > 1.5 * sizes.min()                       # not all full: a saturated neuron's push is small
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


# -- three levers (review §6.5, N13) ------------------------------------------------------------------------
def _lever_facts():
    train, _ = load_embedded()
    index = _first_wrong()
    label = int(train.labels[index])
    network = _classic()
    gradients = backprop(network.astype(np.float64), train.inputs[index].astype(np.float64), label)
    a = forward(network, train.inputs[index]).activations[2].astype(np.float64)
    return network, gradients, a, label


def test_the_three_levers_print_the_numbers_backprop_gives(backprop_page):
    network, gradients, a, label = _lever_facts()
    delta = gradients.deltas[-1][label]
    text = all_text(backprop_page)
    assert f"its z = Σ w·a + b should go **up**, −∂C/∂z = −δ = {signed_number(-delta)}. Three levers raise it" in text
    assert f"∂C/∂b = δ = {signed_number(gradients.biases[-1][label])}" in text
    k = int(np.argmax(np.abs(delta * a)))
    assert f"from hidden 2 neuron {k} (a = {a[k]:.3f}): ∂C/∂w = {signed_number(delta * a[k])}" in text
    w = network.weights[-1][label].astype(np.float64)
    j = int(np.argmax(np.abs(w)))
    assert f"this output's share −w δ = {signed_number(-w[j] * delta)}; the ten outputs' shares together, " \
           f"−∂C/∂a = {signed_number(-gradients.activation_gradients[2][j])}" in text
    assert "this output pulls on hidden 2 neuron k with strength −w δ (a rate" in text     # N13: not "move by"
    assert "to move by" not in text
    wrong_digit = (label + 1) % 10
    backprop_page.selectbox(key="backprop_lever_digit").set_value(wrong_digit).run()
    assert f"Output {wrong_digit} (digit {wrong_digit}): its z = Σ w·a + b should go **down**" in all_text(backprop_page)


def test_the_simple_level_has_the_three_levers_in_words_with_the_live_numbers():
    at = _simple()
    network, gradients, a, label = _lever_facts()
    push = -gradients.deltas[-1][label]
    text = all_text(at)
    assert f"Output {label} (the right answer) should go **up**: the push on its z = Σ w·a + b is +{push:.3f}" in text
    assert f"1. **Raise its bias.** One step with η = 0.1 changes it by η × the push = +{0.1 * push:.3f}." in text
    brightest = int(np.argmax(a))
    change = 0.1 * push * a[brightest]
    assert f"from hidden 2 neuron {brightest} (activation {a[brightest]:.2f}): rises by {change:.3f}" in text
    assert (f"*Neurons that fire together wire together*: hidden 2 neuron {brightest} fires (activation "
            f"{a[brightest]:.2f}) while output {label} should fire, so the weight between them grows the most, by "
            f"{change:.3f}.") in text
    # every output's pull on the hidden 2 neuron with the largest wish, added up: nn_core's −(W⁽³⁾)ᵀ δ⁽³⁾
    shares = wish_shares(network.weights[-1], gradients.deltas[-1])
    wish = -gradients.activation_gradients[2]
    k = int(np.argmax(np.abs(wish)))
    np.testing.assert_allclose(shares.sum(axis=0), wish, atol=1e-9)
    top = np.argsort(-np.abs(shares[:, k]), kind="stable")[0]
    way = "rise" if wish[k] > 0 else "fall"
    assert f"**Every output pulls at once.** Hidden 2 neuron {k} hears all 10 outputs: " in text
    assert f"from output {top}" in text and f"so it is asked to **{way}**" in text
    assert f"In all {plain(wish[k])}, so it is asked" in text
    assert "That is backpropagation." in text


# -- the simple level keeps its promise (issue 20, review N10, N21) -------------------------------------------
MATHS = ("W⁽", "Wᵀ", "∇", "|∇C|", "δ", "∂", *HIDDEN_AT_SIMPLE)


def sent_text(at) -> str:
    """Every string the page's main area sends: markdown, labels, help, options, figure texts, hovers."""
    out: list[str] = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "DESCRIPTOR"):
            strings_in(MessageToDict(proto), out)
        children = getattr(node, "children", None)
        for child in (children.values() if isinstance(children, dict) else []):
            walk(child)

    walk(at.main)
    return "\n".join(out)


def _maths_shown(at) -> list[str]:
    text = sent_text(at)
    shown = [token for token in MATHS if token.lower() in text.lower()]
    return shown + (["ln"] if re.search(r"(?<![\w-])ln(?![\w-])", text) else [])


def test_the_simple_level_shows_no_maths_symbols_whatever_the_learner_does():
    at = _simple()
    seen = {"opening": _maths_shown(at)}
    for step in (2, 1, 0, "all"):
        at.segmented_control(key="backprop_step_shown").set_value(step).run()
        seen[f"step {step}"] = _maths_shown(at)
    for button in ("backprop_step", "backprop_batch_step", "backprop_walk"):
        at.button(key=button).click().run()
        seen[button] = _maths_shown(at)
    at.selectbox(key="backprop_lever_digit").set_value(8).run()
    seen["lever 8"] = _maths_shown(at)
    at.radio(key="model_choice").set_value("best").run()
    seen["best"] = _maths_shown(at)
    assert not at.exception
    assert {where: shown for where, shown in seen.items() if shown} == {}


def test_the_checker_sees_maths_symbols():
    at = open_app("pages/backprop.py")                 # the full level shows them
    assert {"∂", "δ", "Wᵀ", "ln"} <= set(_maths_shown(at))


def test_the_simple_level_prints_tiny_bars_as_about_zero_and_keeps_exact_values_in_the_hover():
    at = _simple()
    bars = _bars(at)
    labels, hover = bars["data"][0]["text"], bars["data"][0]["hovertext"]
    assert labels[7] == "≈ 0" and "10⁻⁵" in hover[7]         # digit 7: y − a = −9·10⁻⁵ on the default example
    assert not any("10⁻" in label for label in labels)
    full = _bars(open_app("pages/backprop.py"))["data"][0]   # the full level: decimals on the bar, exact in the hover
    assert full["text"][7] == "−0.0001" and "10⁻⁵" in full["hovertext"][7]
    assert not any("10⁻" in label for label in full["text"])


def test_one_cost_per_level_the_simple_level_shows_sums_of_squares():
    train, _ = load_embedded()
    index = _first_wrong()
    network = _classic()
    summary = cost_summary(network, train)
    output = forward(network, train.inputs[index]).output.astype(np.float64)
    squares = float(np.sum((output - np.eye(10)[train.labels[index]]) ** 2))
    simple = all_text(_simple())
    assert f"Cost for this example: **C = Σ (a − y)² = {squares:.3f}**" in simple
    assert f"| trained network | | | 95.3 % | {summary.sum_of_squares:.4f} |" in simple       # 0.0658
    assert "average cost Σ (a − y)², 4,000 training digits" in simple and "−ln" not in simple
    full = all_text(open_app("pages/backprop.py"))
    assert f"| trained network | | | 95.3 % | {summary.model_cost:.4f} |" in full               # 0.1460
    assert "average cost −ln a_y, 4,000 training digits" in full
    assert "Cost for this example: **C = −ln a_y = " in full and "the cost this network is trained on" in full


# -- other networks -------------------------------------------------------------------------------------------
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
    assert _bars_title(_bars(at)) == "wish for each output's activation a:<br>−∂C/∂a = y − a"
    assert all(h.endswith("−∂C/∂z = (y − a) σ′(z)") for h in _trace(_figure(at), "output")["hovertext"])
    at.segmented_control(key="backprop_step_shown").set_value(1).run()
    assert "δ⁽¹⁾ = ∂C/∂a⁽¹⁾ × ReLU′(z⁽¹⁾)" in all_text(at) and "ReLU′(z) = 1 if z > 0, else 0" in all_text(at)


def test_the_best_model_walks_and_compares_without_errors():
    at = open_app("pages/backprop.py")
    at.radio(key="model_choice").set_value("best").run()
    for button in ("backprop_batch_step", "backprop_walk"):
        at.button(key=button).click().run()
        assert not at.exception, at.exception
    steps = at.session_state["backprop_net"].steps
    assert [s.kind for s in steps] == ["batch", "walk"] and len(steps[-1].path) == 10
