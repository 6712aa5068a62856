"""The whole lesson, walked step by step on the bundled models as a learner would, at both levels of words.

For every step: the learner locks a guess first; the step's check fails before the action and passes
after it; before Reveal the page's text does not show the measured answer; the answer revealed equals
what numpy measures on the network in use, computed here on its own (a bisection for the flip bias, a
central difference for the slope, a copy with the neuron cut off, and so on), and is the number the
step's own words lead to.
"""
from __future__ import annotations

import json
import re

import numpy as np
import pytest

from nn_core.activations import get_activation
from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.lesson import lesson_path, read_lesson
from nn_core.network import predict
from nn_core.questions import lesson_pictures
from tests.app.conftest import all_text, live_data, open_app, send_trigger, shown
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
    return any("**Done:**" in m.value for m in at.markdown)


def reveal_button(at):
    return at.button(key="lesson_reveal")


def can_reveal(at) -> bool:
    """Is there an enabled Reveal on the card? (before the guess is locked there is none: the card asks for it)"""
    return any(b.key == "lesson_reveal" and not b.disabled for b in at.button)


def unfold(at) -> None:
    """Press "More" on the card (the step's text, Jump to step and Leave are behind it)."""
    if not [s for s in at.select_slider if s.key == state.LESSON_JUMP]:
        at.button(key="lesson_more").click().run()


def jump(at, index: int) -> None:
    """Jump to step ``index`` (0-based) with the card's step slider."""
    unfold(at)
    at.select_slider(key=state.LESSON_JUMP).set_value(index).run()
    assert not at.exception, at.exception


def next_step(at) -> None:
    at.button(key="lesson_next").click().run()
    assert not at.exception, at.exception


def page_text(at) -> str:
    """Every text the page shows: markdown, captions, notes, metrics (the live views' pictures are not text)."""
    parts = [all_text(at)] + [s.value for s in at.success] + [w.value for w in at.warning]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return shown("\n".join(parts))


def has_number(text: str, number: str) -> bool:
    return re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d])", text) is not None


def activation(network, z):
    return get_activation(network.activation.name).function(z)


def layers_by_hand(network, pixels) -> list[np.ndarray]:
    """Every layer's activations, a⁽ˡ⁾ = f(W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾), with softmax at the output: written out here."""
    a, found = np.asarray(pixels, dtype=np.float64), []
    for l, (w, b) in enumerate(zip(network.weights, network.biases)):
        z = w.astype(np.float64) @ a + b
        if l + 1 < network.layer_count:
            a = activation(network, z)
        else:
            e = np.exp(z - z.max())
            a = e / e.sum()
        found.append(a)
    return [np.asarray(pixels, dtype=np.float64)] + found


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


def read_right(network) -> np.ndarray:
    return predict(network, TEST.inputs).argmax(axis=1) == TEST.labels


def train_until_it_stops(at) -> None:
    at.button(key="train_toggle").click().run()
    at.session_state[state.TRAINER].run_to_end()   # the ticks a browser's timer would run (they do not tick in AppTest)
    at.run()
    assert not at.exception, at.exception


class Walk:
    """One learner: the app, the network in use, and what each action leaves to be checked."""

    def __init__(self, at, network):
        self.at, self.net, self.leaks, self.later = at, network, [], None

    # each action returns the answer measured here, on its own; ``leaks`` are texts the page must not show
    # before Reveal, ``later`` a check that needs the page after Reveal
    def draw(self):
        send_trigger(self.at, "nn_drawing_pad", "drawing", pad_payload(1, drawing_of(17)))
        zeros = int(np.sum(self.at.session_state[state.INPUT].pixels == 0))
        self.leaks = [f"{zeros}"]
        return float(zeros)

    def sure_is_not_right(self):
        outputs = predict(self.net, TEST.inputs)
        index = next(i for i in range(len(TEST)) if outputs[i].argmax() != TEST.labels[i] and outputs[i].max() > 0.9)
        assert any(f"**{index}**" in m.value and "Do this" in m.value for m in self.at.markdown), \
            "the card does not name the digit to type"
        self.at.segmented_control(key="input_source").set_value("test digit").run()
        self.at.number_input(key="test_index").set_value(index).run()
        answer = str(int(outputs[index].argmax()))
        self.leaks = ["The network says", "wrong: it is a"]
        assert not [c for c in self.at.get("plotly_chart") if "output_bars" in str(c.proto.id)], "the bars show it"
        return answer

    def neuron_and(self):
        self.at.button(key="preset-AND").click().run()
        a = sigmoid(5 * 1 + 5 * 0 - 7.5)                # a₂ switched off
        self.leaks = [f"{a:.3f}"]
        return "above ½" if a > 0.5 else "below ½"

    def bias_threshold(self):
        release(self.at, {"inputs": [1, 1, 0, 0], "weights": [5, 5, 0, 0], "bias": -3.0})
        on = [5 * a1 + 5 * a2 - 3 > 0 for a1, a2 in ((0, 0), (1, 0), (0, 1), (1, 1))]
        self.leaks = [f"{sigmoid(5 - 3):.3f}"]
        return {(False, False, False, True): "AND", (False, True, True, True): "OR"}.get(tuple(on), "neither")

    def layer_by_layer(self):
        assert self.at.session_state[state.FLOW_STEP] == 0, "the pass should wait at the input"
        send_trigger(self.at, LIVE, "step", self.net.layer_count)
        hidden2 = layers_by_hand(self.net, self.at.session_state[state.INPUT].pixels)[2]
        brightest = int(np.argmax(hidden2))
        self.leaks = [f"{hidden2[brightest]:.3f}"]
        return float(brightest)

    def one_hidden_neuron(self):
        send_trigger(self.at, LIVE, "select", [1, 0])
        pictures = lesson_pictures(TRAIN)
        z = [float(self.net.weights[0][0].astype(np.float64) @ p + self.net.biases[0][0]) for p in pictures]
        self.leaks = [f"{v:+.2f}".replace("-", "−") for v in z]
        return "none of them" if max(z) < 0 else ("the edge", "the loop", "the 3")[int(np.argmax(z))]

    def flip_to_3(self):
        self.at.button(key="experiment-flip").click().run()
        flip = flip_by_bisection(self.net, self.at.session_state[state.INPUT].pixels)
        drag(self.at, ("bias", self.net.layer_count, 3, flip + 0.2, None))
        self.leaks = [f"{flip:.2f}"]
        return flip

    def silence_7(self):
        self.at.button(key="experiment-silence").click().run()
        assert any("The test accuracy, overall and by digit: hidden until" in i.value for i in self.at.info)   # said
        copy = self.net.copy()
        copy.weights[0][7] = 0.0
        copy.biases[0][7] = -10.0       # σ(−10) ≈ 0 and ReLU(−10) = 0: off for every digit
        before, after = read_right(self.net), read_right(copy)
        drops = [before[TEST.labels == d].mean() - after[TEST.labels == d].mean() for d in range(10)]
        assert live_data(self.at, LIVE)["panels"]["accuracy"] is False, "the accuracy by digit is on show"
        self.leaks = []
        self.later = lambda: live_data(self.at, LIVE)["panels"]["accuracy"] is True
        return str(int(np.argmax(drops))) if max(drops) > 0 else "none"

    def training_and_test(self):
        self.at.segmented_control(key="browse_part").set_value("test").run()
        question = LESSON.steps[LESSON.index_of("training-and-test")].question
        self.leaks = [question.choices[0]]
        return question.choices[0]       # reasoned: the explanation quotes the measured accuracies

    def cost(self):
        self.at.button(key="cost_mistake").click().run()
        digit = self.at.session_state[state.INPUT]
        assert int(np.argmax(predict(self.net, digit.pixels))) != digit.label
        a = layers_by_hand(self.net, digit.pixels)[-1]
        squares = float(((a - np.eye(10)[digit.label]) ** 2).sum())
        # the number the step's text leads to: the ten (a − y)² the bars print, added up
        traces = [trace for c in self.at.get("plotly_chart") for trace in json.loads(c.proto.spec)["data"]]
        labels = next(trace["text"] for trace in traces if trace.get("name") == "(a − y)²")
        assert abs(sum(map(float, labels)) - squares) < 0.1, "the bars do not add up to the answer"
        self.leaks = [f"{squares:.3f}"]
        return squares

    def downhill(self):
        self.at.button(key="descent-overshoot").click().run()
        walk = self.at.session_state[state.DESCENT_SEEN]
        curve, x, h = walk.curve, walk.start[walk.curve.axis], 1e-5
        slope = float((curve.cost(x + h) - curve.cost(x - h)) / (2 * h))   # a central difference, not the formula
        step = -walk.rate * slope
        # the number the step's text leads to: −η × slope, with η and the slope as the page prints them
        said = next(m.value for m in self.at.markdown if "The step is −η × slope" in m.value)
        rate, printed = re.search(r"−η × slope = −([\d.]+) × \(([−+][\d.]+)\)", said).groups()
        assert abs(-float(rate) * float(printed.replace("−", "-")) - step) < 0.05, said
        self.leaks = [f"{step:+.2f}".replace("-", "−")]
        return step

    def watch_it_learn(self):
        train_until_it_stops(self.at)
        first = 100.0 * self.at.session_state[state.TRAINER].history.epochs[0].test_accuracy
        self.leaks = [f"{first:.1f}%"]
        return first

    def too_big_a_step(self):
        self.at.button(key="recipe-experiment-0").click().run()
        train_until_it_stops(self.at)
        trainer = self.at.session_state[state.TRAINER]
        assert trainer.config.learning_rate == 100.0
        self.leaks = [f"step {trainer.steps_done}", f"Steps {trainer.steps_done}"]
        return float(trainer.steps_done)

    def backprop(self):
        self.at.segmented_control(key=state.BACKPROP_STEP).set_value(0).run()
        wrong = np.flatnonzero(predict(self.net, TRAIN.inputs).argmax(axis=1) != TRAIN.labels)
        index = int(wrong[0])                         # the page's example: the first training digit read wrong
        a = layers_by_hand(self.net, TRAIN.inputs[index])[-1]
        wish = np.eye(10)[TRAIN.labels[index]] - a    # y − a
        self.leaks = [f"{wish.min():+.3f}".replace("-", "−")]
        assert not [c for c in self.at.get("plotly_chart") if "nudges" in str(c.proto.id)], "the wishes show"
        return str(int(np.argmin(wish)))

    def recap(self):
        sizes = [self.net.sizes[0], *(2 * n for n in self.net.sizes[1:-1]), self.net.sizes[-1]]
        count = sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
        self.leaks = [f"{count:,}", f"{count}"]
        return float(count)


ACTIONS = {
    "draw": Walk.draw, "sure-is-not-right": Walk.sure_is_not_right, "neuron-and": Walk.neuron_and,
    "bias-threshold": Walk.bias_threshold, "layer-by-layer": Walk.layer_by_layer,
    "one-hidden-neuron": Walk.one_hidden_neuron, "flip-to-3": Walk.flip_to_3, "silence-7": Walk.silence_7,
    "training-and-test": Walk.training_and_test, "cost": Walk.cost, "downhill": Walk.downhill,
    "watch-it-learn": Walk.watch_it_learn, "too-big-a-step": Walk.too_big_a_step, "backprop": Walk.backprop,
    "recap": Walk.recap,
}


def test_every_step_of_the_lesson_file_has_an_action_here():
    assert [step.id for step in LESSON.steps] == list(ACTIONS)
    assert 12 <= len(LESSON.steps) <= 20


def lock_a_guess(at, step, guess) -> None:
    key = f"lesson_guess_{step.id}"
    if step.question.is_choice:
        boxes = [box for box in at.get("selectbox") if box.key == key]   # long choices: a drop-down
        (boxes[0] if boxes else at.segmented_control(key=key)).set_value(guess).run()
    else:
        at.number_input(key=key).set_value(round(float(guess), step.question.decimals)).run()
    at.button(key="lesson_lock").click().run()
    assert not at.exception, at.exception
    boxes = at.get("segmented_control") + at.get("number_input") + at.get("selectbox")
    assert not [w for w in boxes if w.key == key], "the box is still open"


@pytest.mark.slow
@pytest.mark.parametrize("words", ["simple", "full"])
@pytest.mark.parametrize("model", ["classic", "best"])
def test_the_whole_lesson_checks_hides_and_reveals_from_the_live_network(model, words):
    at = open_app()
    at.radio(key=state.MODEL_CHOICE).set_value(model).run()
    at.segmented_control(key=state.LEVEL).set_value(words).run()
    walk = Walk(at, load_bundled(model).network)
    at.button(key="lesson_start").click().run()
    assert at.session_state[state.PAGE] == "draw"
    for number, step in enumerate(LESSON.steps):
        assert step_id(at) == step.id
        assert at.session_state[state.PAGE] == step.page, step.id
        assert not done(at) and not card_says_done(at), f"{step.id}: done before the guess was locked"
        assert not can_reveal(at), f"{step.id}: the answer could be revealed before the action"
        question = step.question
        guess = question.choices[-1] if question.is_choice else 1.0
        if not question.worked:          # a prediction: locked first (a worked question is worked out from the page)
            lock_a_guess(at, step, guess)
        if step.check != "page_open":   # (that one passes by arriving: its guess, locked there, still came first)
            assert not done(at) and not card_says_done(at), f"{step.id}: done before its action"
            assert not can_reveal(at), f"{step.id}: the answer could be revealed before the action"
        expected = ACTIONS[step.id](walk)
        assert not at.exception, at.exception
        assert done(at) and card_says_done(at), f"{step.id}: not done after its action"
        if question.worked:
            assert not can_reveal(at), f"{step.id}: revealed before the worked answer was locked"
            lock_a_guess(at, step, guess)
        before = page_text(at)
        for leak in walk.leaks:
            assert not has_number(before, leak) if leak[-1].isdigit() else leak not in before, \
                f"{step.id}: the page shows {leak!r} before Reveal"
        reveal_button(at).click().run()
        assert not at.exception, at.exception
        answer = at.session_state[state.LESSON_ANSWERS][step.id]
        assert answer.locked_before, f"{step.id}: the guess was locked first, yet not counted as a prediction"
        if question.is_choice:
            assert answer.answer == expected, step.id
        else:
            assert answer.answer == pytest.approx(expected, abs=0.51 * 10.0 ** -question.decimals), step.id
        assert answer.right == (answer.guess == expected if question.is_choice
                                else abs(answer.guess - answer.answer) <= question.tolerance + 1e-9), step.id
        said = "The answer" if question.measure == "reasoned" else "just now"
        assert any(said in m.value for m in at.markdown), step.id
        if walk.later is not None:
            assert walk.later(), f"{step.id}: still hidden after Reveal"
            walk.later = None
        explained = [c.value for c in at.caption if "{" in c.value]
        assert not explained, f"{step.id}: a placeholder was not filled: {explained}"
        if number + 1 < len(LESSON.steps):
            next_step(at)
    answers = at.session_state[state.LESSON_ANSWERS]
    assert len(answers) == len(LESSON.steps)      # every answer is kept for the session
    at.button(key="lesson_next").click().run()    # Finish: the summary of the predictions
    text = page_text(at)
    right = sum(1 for a in answers.values() if a.right and a.locked_before)
    assert f"You locked **{len(answers)} guesses** before you could see the answer, and **{right}** of them" in \
        "\n".join(m.value for m in at.markdown)
    assert "The lesson is done" in text
    links = [link.proto.page for link in at.get("page_link")]
    assert any("worksheet" in link for link in links) and any("recap" in link for link in links), links
    at.switch_page("pages/home.py").run()
    assert at.session_state[state.LESSON_ANSWERS] == answers


def test_a_wrong_guess_is_judged_wrong_and_the_step_slider_jumps():
    at = open_app()
    at.button(key="lesson_start").click().run()
    jump(at, 2)                                                      # jump to "One neuron is a function"
    assert at.session_state[state.PAGE] == "neuron" and step_id(at) == "neuron-and"
    lock_a_guess(at, LESSON.steps[2], "above ½")
    at.button(key="preset-AND").click().run()
    reveal_button(at).click().run()
    answer = at.session_state[state.LESSON_ANSWERS]["neuron-and"]
    assert not answer.right and answer.answer == "below ½"
    assert any("Your guess was above ½" in m.value for m in at.markdown)
    assert any("σ(−2.5) = 0.076" in c.value for c in at.caption)
    at.button(key="lesson_back").click().run()
    assert at.session_state[state.PAGE] == "draw" and step_id(at) == "sure-is-not-right"
    unfold(at)
    at.button(key="lesson_leave").click().run()
    assert not [c for c in at.get("flexible_container") if "lesson_card" in str(getattr(c, "key", ""))]
    assert not at.session_state[state.LESSON_ON]


def test_an_action_before_the_guess_is_credited_only_once_the_guess_is_locked_and_says_so():
    at = open_app()
    at.button(key="lesson_start").click().run()
    jump(at, 2)
    at.button(key="preset-AND").click().run()                        # the action first
    assert not done(at) and not can_reveal(at)                       # not credited without a guess
    assert any(m.value.startswith("**Predict, then reveal.**") for m in at.markdown)   # the card still asks for it
    lock_a_guess(at, LESSON.steps[2], "below ½")
    assert done(at) and can_reveal(at)
    assert any("locked after the action was done" in m.value for m in at.markdown)
    reveal_button(at).click().run()
    answer = at.session_state[state.LESSON_ANSWERS]["neuron-and"]
    assert answer.right and not answer.locked_before                 # right, but it was no prediction


def test_skipping_the_guess_goes_on_without_one():
    at = open_app()
    at.button(key="lesson_start").click().run()
    jump(at, 14)                                                     # the recap: not done on arrival (N25)
    assert at.session_state[state.PAGE] == "recap" and not done(at) and not can_reveal(at)
    at.button(key="lesson_skip").click().run()
    assert done(at) and any("You skipped the guess" in m.value for m in at.markdown)
    reveal_button(at).click().run()
    answer = at.session_state[state.LESSON_ANSWERS]["recap"]
    assert answer.guess is None and not answer.right and not answer.locked_before
    assert answer.answer == 26_506.0 and any("32 × 32 + 32 = 1,056" in c.value for c in at.caption)


def test_every_check_named_in_the_file_exists_with_its_parameters():
    for step in LESSON.steps:
        assert set(step.check_params) == {param.name for param in CHECKS[step.check].params}


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


@pytest.mark.parametrize("model", ["classic", "best"])
def test_the_simple_level_words_of_every_step_keep_the_simple_promise(model):
    """No ∂, δ, ∇, ln, W⁽ˡ⁾ or ReLU in what a step says at the simple level (its facts filled in for the model)."""
    from nn_core.lesson import fill
    from nn_core.questions import facts
    from ui.level import HIDDEN_AT_SIMPLE

    values = {**facts(load_bundled(model).network, TRAIN, TEST), "positive": "blue", "negative": "red"}
    for step in LESSON.steps:
        question = step.question
        said = " ".join(fill(text, values) for text in (step.text_at("simple"), step.action, question.prompt_at("simple"),
                                                        question.explain_at("simple"), *question.choices))
        found = [mark for mark in (*HIDDEN_AT_SIMPLE, "∇", "ln ", "−ln", "W⁽", "z⁽") if mark in said]
        assert not found, f"{step.id} says {found} at the simple level"
        before = " ".join(fill(text, values) for text in (step.text_at("simple"), step.action, question.prompt_at("simple")))
        assert "{" not in before, f"{step.id}: a placeholder is left: {before}"   # (explanations: the reveal fills them)


def test_a_veiled_sentence_keeps_its_working_and_hides_only_the_result(monkeypatch):
    from ui.lesson import veil

    monkeypatch.setattr(veil, "veiled", lambda measure: True)
    hidden = f"= ? ({veil.HIDDEN})"
    assert veil.hide_result("first_curve_step", "The step is −η × slope = −10 × (−0.198) = +1.98.") == \
        f"The step is −η × slope = −10 × (−0.198) {hidden}."
    assert veil.hide_result("squared_error", "**C = Σ (a − y)² = (0.13 − 1)² + the other 7 (together 0.004) = 1.379**") == \
        f"**C = Σ (a − y)² = (0.13 − 1)² + the other 7 (together 0.004) {hidden}**"
    monkeypatch.setattr(veil, "veiled", lambda measure: False)
    assert veil.hide_result("squared_error", "C = 1.379") == "C = 1.379"


def test_moving_on_in_the_lesson_pauses_a_training_run_so_the_next_guess_box_answers():
    """Seen on a tablet: step 12's run kept ticking after its Done, and for ~28 s step 13's guess never reached the
    app (Lock stayed disabled). Next pauses the run; Start goes on from where it was."""
    at = open_app()
    at.button(key="lesson_start").click().run()
    jump(at, [s.id for s in LESSON.steps].index("watch-it-learn"))
    assert step_id(at) == "watch-it-learn" and not at.exception, at.exception
    at.button(key="train_toggle").click().run()
    assert at.session_state[state.TRAIN_RUNNING] is True
    next_step(at)
    assert step_id(at) == "too-big-a-step" and at.session_state[state.TRAIN_RUNNING] is False


def test_a_reveal_says_what_it_was_measured_on():
    """The walk on a tablet: "Measured on classic" under the One-neuron page's own neuron read as a claim about the
    digit network. Answers about the lone neuron, the descent example or the learner's run say so."""
    at = open_app()
    at.button(key="lesson_start").click().run()
    jump(at, [s.id for s in LESSON.steps].index("neuron-and"))
    at.button(key="lesson_skip").click().run()
    at.button(key="preset-AND").click().run()
    reveal_button(at).click().run()
    assert not at.exception, at.exception
    said = " ".join(m.value for m in at.markdown)
    assert "Measured on this page's neuron just now" in said and "Measured on classic" not in said


def test_step_7_names_the_digit_and_the_starting_bias_the_experiment_shows():
    """A guess locked before the action needs what the action will show (the walk: a blind guess otherwise)."""
    from nn_core.questions import FLIP_LIMIT
    from ui.pages.knobs.controls import BIAS_RANGE

    assert FLIP_LIMIT == BIAS_RANGE - 0.5                       # the experiment's own choice of digit
    at = open_app()
    at.button(key="lesson_start").click().run()
    jump(at, [s.id for s in LESSON.steps].index("flip-to-3"))
    prompt = next(m.value for m in at.markdown if m.value.startswith("**Predict, then reveal.**"))
    at.button(key="lesson_skip").click().run()
    at.button(key="experiment-flip").click().run()
    digit = at.session_state[state.TEST_INDEX] if state.TEST_INDEX in at.session_state else None
    start = load_bundled("classic").network.biases[-1][3]
    assert f"test digit #{digit}, an 8" in prompt and f"starts at {start:+.2f}".replace("-", "−") in prompt


def test_the_card_keeps_the_step_text_behind_more_open_while_the_learner_stays_on_the_step():
    """The card never hides the work: its first screen holds the question and the guess box; the step's text, the
    steps done, Jump to step and Leave are one tap away ("More"), open until the step changes."""
    at = open_app()
    at.button(key="lesson_start").click().run()
    first = LESSON.steps[0]
    text = first.text_at("full").split(".")[0]

    def unfolded() -> bool:
        return any(text in m.value for m in at.markdown) and bool([s for s in at.select_slider
                                                                  if s.key == state.LESSON_JUMP])

    assert not unfolded() and any(m.value.startswith("**Predict, then reveal.**") for m in at.markdown)
    assert at.button(key="lesson_lock") and at.button(key="lesson_next") and at.button(key="lesson_back")
    at.button(key="lesson_more").click().run()
    assert unfolded() and at.button(key="lesson_more").label == "Less"
    lock_a_guess(at, first, 600)                                     # the page reruns: the fold stays open
    assert unfolded()
    assert any(m.value.startswith(":material/touch_app: **Do this:**") for m in at.markdown)
    next_step(at)                                                    # another step: folded again
    assert step_id(at) == LESSON.steps[1].id and at.button(key="lesson_more").label == "More"
    assert not [s for s in at.select_slider if s.key == state.LESSON_JUMP]
    at.button(key="lesson_back").click().run()                       # and back: still folded
    assert at.button(key="lesson_more").label == "More"


def test_every_step_change_scrolls_to_the_card_once_and_a_lock_to_the_part_to_act_on():
    """Streamlit keeps the old page's scroll position: each step change gives the browser a new token to scroll the
    page to its top (the card's first line), once; after a lock, the token points at the outlined part; coming back
    to a step whose guess is locked opens it at the top too."""
    at = open_app()
    at.button(key="lesson_start").click().run()

    def scroll() -> dict:
        return live_data(at, "nn_scroll_to")

    first = scroll()
    assert first["where"] == "top" and first["selector"] == ".st-key-lesson_card"
    at.run()
    assert scroll()["token"] == first["token"]                     # a rerun on the same step: the same token
    next_step(at)
    assert scroll()["where"] == "top" and scroll()["token"] != first["token"]
    second = scroll()["token"]
    jump(at, 2)                                                       # the slider too: on the One neuron page
    assert scroll()["token"] not in (first["token"], second)
    lock_a_guess(at, LESSON.steps[2], "below ½")
    assert scroll().get("where") is None and "preset-AND" in scroll()["selector"]
    next_step(at)
    at.button(key="lesson_back").click().run()                       # back to the locked step: its top, not the part
    assert scroll()["where"] == "top"


def test_a_move_whose_step_page_stopped_before_its_end_still_switches_from_the_old_page(monkeypatch):
    """Seen in the class load (scripts/class_load.py): a drag's end sent from the old page stopped the step page's run
    and Streamlit ran the old page instead; the student stayed on Recap with step 1's card. A move is over only once
    the step's page has been drawn whole, so the old page's run switches again."""
    from ui.lesson import progress

    at = open_app()
    at.button(key="lesson_start").click().run()
    knobs = next(index for index, step in enumerate(LESSON.steps) if step.page == "knobs")
    monkeypatch.setattr(progress, "arrived", lambda page_path: None)   # the step page's run stops before its end
    jump(at, knobs)
    assert at.session_state[state.PAGE] == "knobs" and at.session_state[state.LESSON_MOVED]
    monkeypatch.undo()
    at.switch_page("pages/recap.py").run()                             # the old page's request runs instead
    assert not at.exception, at.exception
    assert at.session_state[state.PAGE] == "knobs" and state.LESSON_MOVED not in at.session_state
    at.switch_page("pages/recap.py").run()                             # once there, the learner goes where they like
    assert at.session_state[state.PAGE] == "recap"
