"""The whole lesson, walked step by step on the bundled models as a learner would.

For every step: its check fails before the action and passes after it; the card says so; the
answer revealed equals what numpy/nn_core measure on the network in use, computed here on
their own (a bisection for the flip bias, a copy with the neuron cut off, and so on).
"""
from __future__ import annotations

import numpy as np
import pytest

from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.landscape import TinyNeuron
from nn_core.lesson import lesson_path, read_lesson
from nn_core.network import forward, predict
from tests.app.conftest import open_app, send_trigger, shown
from tests.app.test_draw import drawing_of, pad_payload
from tests.app.test_knobs import drag
from tests.app.test_live_neuron import release
from ui import state
from ui.lesson.checks import CHECKS
from ui.lesson.file import KNOWN

TRAIN, TEST = load_embedded()
LESSON = read_lesson(lesson_path(), KNOWN)
LIVE = "nn_live_network"


def step_id(at) -> str:
    return LESSON.steps[at.session_state[state.LESSON_STEP]].id


def done(at) -> bool:
    return step_id(at) in (at.session_state[state.LESSON_DONE] if state.LESSON_DONE in at.session_state else ())


def card_says_done(at) -> bool:
    return any(s.value.startswith("Done:") for s in at.success)


def reveal_button(at):
    return at.button(key="lesson_reveal")


def next_step(at) -> None:
    at.button(key="lesson_next").click().run()
    assert not at.exception, at.exception


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def flip_by_bisection(network, pixels, output=3) -> float:
    """The smallest output bias at which the answer becomes ``output``, found by trying (no formula)."""
    copy = network.copy()
    low, high = -50.0, 50.0
    for _ in range(60):
        middle = (low + high) / 2
        copy.biases[-1][output] = middle
        if int(np.argmax(predict(copy, pixels))) == output:
            high = middle
        else:
            low = middle
    return high


def silenced(network, neuron=7) -> float:
    copy = network.copy()
    copy.weights[0][neuron] = 0.0
    copy.biases[0][neuron] = -10.0  # σ(−10) ≈ 0 and ReLU(−10) = 0: the neuron is off for every digit
    return 100.0 * float((predict(copy, TEST.inputs).argmax(axis=1) == TEST.labels).mean())


def own_cost(network, pixels, label) -> float:
    z = forward(network, pixels).zs[-1].astype(np.float64)
    return float(-(z[label] - np.log(np.exp(z - z.max()).sum()) - z.max()))   # −ln softmax(z)_label


def train_until_it_stops(at) -> None:
    at.button(key="train_toggle").click().run()
    at.session_state[state.TRAINER].run_to_end()   # the ticks a browser's timer would run (they do not tick in AppTest)
    at.run()
    assert not at.exception, at.exception


# step id: (the action, as the learner does it; the answer measured independently, in the units the card shows)
def act_draw(at, net):
    send_trigger(at, "nn_drawing_pad", "drawing", pad_payload(1, drawing_of(17)))
    return 28 * 28


def act_test_digit(at, net):
    at.segmented_control(key="input_source").set_value("test digit").run()
    at.number_input(key="test_index").set_value(11).run()
    return str(int(np.argmax(predict(net, TEST.inputs[11]))))


def act_and(at, net):
    at.button(key="preset-AND").click().run()
    return sigmoid(5 + 5 - 7.5)


def act_bias(at, net):
    release(at, {"inputs": [1, 1, 0, 0], "weights": [5, 5, 0, 0], "bias": -3.0})
    return 3.0


def act_play(at, net):
    send_trigger(at, LIVE, "step", net.layer_count)
    return str(int(np.argmax(predict(net, TEST.inputs[11]))))


def act_select(at, net):
    send_trigger(at, LIVE, "select", [1, 0])
    return float(forward(net, TEST.inputs[11]).activations[1][0])


def act_flip(at, net):
    at.button(key="experiment-flip").click().run()
    pixels = at.session_state[state.INPUT].pixels
    flip = flip_by_bisection(net, pixels)
    drag(at, ("bias", net.layer_count, 3, flip + 0.2, None))
    return flip


def act_silence(at, net):
    at.button(key="experiment-silence").click().run()
    return silenced(net)


def act_browse(at, net):
    at.segmented_control(key="browse_part").set_value("test").run()
    return float(len(TRAIN))


def act_mistake(at, net):
    at.button(key="cost_mistake").click().run()
    digit = at.session_state[state.INPUT]
    assert int(np.argmax(predict(net, digit.pixels))) != digit.label
    return own_cost(net, digit.pixels, digit.label)


def act_overshoot(at, net):
    at.button(key="descent-overshoot").click().run()
    walk = at.session_state[state.DESCENT_SEEN]
    assert isinstance(walk.problem, TinyNeuron)
    return walk.rate * float(np.hypot(*walk.problem.gradient(*walk.start)))


def act_train(at, net):
    train_until_it_stops(at)
    return 100.0 * at.session_state[state.TRAINER].history.epochs[0].test_accuracy


def act_too_big(at, net):
    at.button(key="recipe-experiment-0").click().run()
    train_until_it_stops(at)
    trainer = at.session_state[state.TRAINER]
    assert trainer.config.learning_rate == 100.0
    return float(trainer.steps_done)


def act_backwards(at, net):
    at.segmented_control(key=state.BACKPROP_STEP).set_value(0).run()
    wrong = np.flatnonzero(predict(net, TRAIN.inputs).argmax(axis=1) != TRAIN.labels)
    index = int(wrong[0])                         # the page's example: the first training digit the network gets wrong
    z = forward(net, TRAIN.inputs[index]).zs[-1].astype(np.float64)
    softmax = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    return 1.0 - softmax[TRAIN.labels[index]]     # −∂C/∂z = y − a for softmax with cross-entropy


def act_recap(at, net):
    return float(net.params.size)


ACTIONS = {
    "draw": act_draw, "sure-is-not-right": act_test_digit, "neuron-and": act_and, "bias-threshold": act_bias,
    "layer-by-layer": act_play, "one-hidden-neuron": act_select, "flip-to-3": act_flip, "silence-7": act_silence,
    "training-and-test": act_browse, "cost": act_mistake, "downhill": act_overshoot, "watch-it-learn": act_train,
    "too-big-a-step": act_too_big, "backprop": act_backwards, "recap": act_recap,
}


def test_every_step_of_the_lesson_file_has_an_action_here():
    assert [step.id for step in LESSON.steps] == list(ACTIONS)
    assert 12 <= len(LESSON.steps) <= 20


@pytest.mark.slow
@pytest.mark.parametrize("model", ["classic", "best"])
def test_the_whole_lesson_checks_and_reveals_from_the_live_network(model):
    at = open_app()
    at.radio(key=state.MODEL_CHOICE).set_value(model).run()
    net = load_bundled(model).network
    at.button(key="lesson_start").click().run()
    assert at.session_state[state.PAGE] == "draw"
    for number, step in enumerate(LESSON.steps):
        assert step_id(at) == step.id
        assert at.session_state[state.PAGE] == step.page, step.id
        if step.check != "page_open":   # (that one passes by arriving: it failed on the page before)
            assert not done(at) and not card_says_done(at), f"{step.id}: done before its action"
            assert reveal_button(at).disabled, f"{step.id}: the answer could be revealed before the action"
        expected = ACTIONS[step.id](at, net)
        assert not at.exception, at.exception
        assert done(at) and card_says_done(at), f"{step.id}: not done after its action"
        question = step.question
        guess_key = f"lesson_guess_{step.id}"
        if question.is_choice:
            at.segmented_control(key=guess_key).set_value(expected).run()
        else:
            at.number_input(key=guess_key).set_value(round(float(expected), question.decimals)).run()
        reveal_button(at).click().run()
        answer = at.session_state[state.LESSON_ANSWERS][step.id]
        if question.is_choice:
            assert answer.answer == expected, step.id
        else:
            assert answer.answer == pytest.approx(expected, abs=0.51 * 10.0 ** -question.decimals), step.id
        assert answer.right, f"{step.id}: the measured answer as a guess was judged wrong"
        assert any("just now" in m.value for m in at.markdown)
        if number + 1 < len(LESSON.steps):
            next_step(at)
    answers = at.session_state[state.LESSON_ANSWERS]
    assert len(answers) == len(LESSON.steps)      # every answer is kept for the session
    at.switch_page("pages/home.py").run()
    assert at.session_state[state.LESSON_ANSWERS] == answers


def test_a_wrong_guess_is_judged_wrong_and_the_step_slider_jumps():
    at = open_app()
    at.button(key="lesson_start").click().run()
    at.select_slider(key=state.LESSON_JUMP).set_value(2).run()       # jump to "One neuron is a function"
    assert at.session_state[state.PAGE] == "neuron" and step_id(at) == "neuron-and"
    at.button(key="preset-AND").click().run()
    at.number_input(key="lesson_guess_neuron-and").set_value(0.5).run()
    reveal_button(at).click().run()
    answer = at.session_state[state.LESSON_ANSWERS]["neuron-and"]
    assert not answer.right and answer.answer == pytest.approx(0.924, abs=5e-4)
    assert any("Your guess was 0.500" in m.value for m in at.markdown)
    at.button(key="lesson_back").click().run()
    assert at.session_state[state.PAGE] == "draw" and step_id(at) == "sure-is-not-right"
    at.button(key="lesson_leave").click().run()
    assert not [c for c in at.get("flexible_container") if "lesson_card" in str(getattr(c, "key", ""))]
    assert not at.session_state[state.LESSON_ON]


def test_every_check_named_in_the_file_exists_with_its_parameters():
    for step in LESSON.steps:
        assert set(step.check_params) == set(CHECKS[step.check].params)


def test_a_malformed_lesson_file_is_refused_and_the_app_still_works(tmp_path, monkeypatch):
    bad = tmp_path / "lesson.toml"
    bad.write_text('title = "Ma leçon"\n[[steps]]\nid = "un"\npage = "nulle-part"\n', encoding="utf-8")
    monkeypatch.setenv("NN_LESSON_FILE", str(bad))
    at = open_app()
    errors = [shown(e.value) for e in at.error]
    said = "The lesson cannot start: The lesson file lesson.toml, step 1 (un): page 'nulle-part' is not one of"
    assert any(said in e for e in errors), errors
    assert not [b for b in at.button if b.key == "lesson_start"]
    at.switch_page("pages/draw.py").run()
    assert not at.exception
    assert at.session_state[state.PAGE] == "draw"
