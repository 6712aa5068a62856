"""The teacher's answer key: the lesson walked with its standard moves on a bundled model, every answer measured.

Each check of the lesson file has a *standard move*, what a learner doing the step's action does
to the situation (shows test digit 11, presses AND, trains the classic recipe to the end, ...).
Walking the steps in order with those moves and measuring each question (nn_core.questions)
gives the key. ``scripts/answer_key.py`` writes it to assets/lesson/answer_key.json; the teacher's
page shows it and says so if the bundled model or the lesson changed since.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

import numpy as np

from nn_core.data import DigitSet, load_embedded
from nn_core.landscape import OneParameter, TinyNeuron, calibrate_rates, lowest_point, steeper_axis, try_rates
from nn_core.lesson import Lesson, lesson_path
from nn_core.network import predict
from nn_core.questions import LoneNeuron, NotReadyError, Situation, Walk, ask, first_flippable_digit, test_index
from nn_core.training import Trainer
from ui.pages.descent.landscapes import DEFAULT_RATE, MAX_STEPS, RATES, default_start
from ui.pages.knobs.controls import BIAS_RANGE
from ui.pages.neuron.controls import DEFAULT_ACTIVATION, DEFAULT_BIAS, DEFAULT_INPUTS, DEFAULT_WEIGHTS, PRESETS
from ui.pages.train.recipe import DEFAULT_RECIPE, RECIPE_EXPERIMENTS, new_trainer

KEY_FILE = Path(__file__).resolve().parents[2] / "assets" / "lesson" / "answer_key.json"
Move = Callable[[Situation, Mapping], Situation]


def _trained(situation: Situation, rate: float) -> Situation:
    """The recipe of the Train page (with ``rate``) from its random start, trained to the end."""
    recipe = replace(DEFAULT_RECIPE, config=replace(DEFAULT_RECIPE.config, learning_rate=rate))
    trainer: Trainer = new_trainer(recipe, situation.train, situation.test)
    trainer.run_to_end()
    return replace(situation, test_accuracies=tuple(e.test_accuracy for e in trainer.history.epochs),
                   steps_done=trainer.steps_done)


def _digit(situation: Situation, index: int, digits: DigitSet | None = None) -> Situation:
    digits = digits if digits is not None else situation.test
    return replace(situation, inputs=digits.inputs[index], label=int(digits.labels[index]))


def _read_wrong(situation: Situation, _) -> Situation:
    """Cost's "Show me a test digit it reads wrong": the next one after the digit shown."""
    wrong = np.flatnonzero(predict(situation.network, situation.test.inputs).argmax(axis=1) != situation.test.labels)
    same = np.flatnonzero((situation.test.inputs == situation.inputs).all(axis=1)) if situation.inputs is not None else []
    shown = int(same[0]) if len(same) else -1
    return _digit(situation, int(next((i for i in wrong if i > shown), wrong[0])))


def _overshoot(situation: Situation, params) -> Situation:
    """Descent's preset on the tiny neuron, from the usual start, with the page's curve (along the steeper
    parameter, the other held at the lowest point: ui/pages/descent/landscapes.py)."""
    problem = TinyNeuron()
    view = problem.default_view()
    start = default_start(problem, view)
    lowest = lowest_point(problem, view)
    presets = calibrate_rates(try_rates(problem, start, RATES, MAX_STEPS, lowest, view))
    axis = steeper_axis(problem, lowest.point)
    curve = OneParameter(problem, axis, float(lowest.point[1 - axis]))
    return replace(situation, walk=Walk(problem, start, presets.get(params["preset"]) or DEFAULT_RATE, curve))


def _backprop_example(situation: Situation, _) -> Situation:
    """Backprop's default example: the first training digit the network gets wrong."""
    wrong = np.flatnonzero(predict(situation.network, situation.train.inputs).argmax(axis=1) != situation.train.labels)
    return _digit(situation, int(wrong[0]) if len(wrong) else 0, situation.train)


def _preset(situation: Situation, params) -> Situation:
    inputs, weights, bias, _ = PRESETS[params["preset"]]
    return replace(situation, neuron=LoneNeuron(tuple(map(float, inputs)), tuple(map(float, weights)), float(bias)))


STANDARD_MOVES: Mapping[str, Move] = {
    "input_is_drawing": lambda s, _: _digit(s, 17),     # any digit drawn: its 784 inputs
    "input_is_test_digit": lambda s, p: _digit(s, test_index(s.network, s.test, p["digit"])),
    "neuron_preset": _preset,
    "neuron_bias": lambda s, p: replace(s, neuron=replace(s.neuron, bias=float(p["bias"]))),
    "signal_reached_output": lambda s, _: s,
    "neuron_selected": lambda s, p: replace(s, selected=(int(p["layer"]), 0)),
    "answer_flipped_to": lambda s, p: _digit(s, first_flippable_digit(s.network, s.test, 8, int(p["output"]),
                                                                      BIAS_RANGE - 0.5)),
    "neuron_silenced": lambda s, _: s,
    "browsing_test_digits": lambda s, _: s,
    "input_read_wrong": _read_wrong,
    "descent_preset": _overshoot,
    "trained_to": lambda s, _: _trained(s, DEFAULT_RECIPE.config.learning_rate),
    "training_stopped_early": lambda s, _: _trained(s, float(RECIPE_EXPERIMENTS[0].changes["rate"])),
    "error_reached_pixels": _backprop_example,
    "page_open": lambda s, _: s,
}

# What the key's walk chose where a learner chooses for themselves (their answer can differ: Reveal measures theirs).
KEY_CHOICES: Mapping[str, str] = {
    "input_is_drawing": "test digit #17 stands in for the learner's drawing",
    "neuron_selected": "neuron 0 of that layer is chosen",
    "trained_to": "one run of the starting recipe",
    "training_stopped_early": "one run of the experiment",
}


def starting_situation(network) -> Situation:
    train, test = load_embedded()
    neuron = LoneNeuron(DEFAULT_INPUTS, DEFAULT_WEIGHTS, DEFAULT_BIAS, DEFAULT_ACTIVATION)
    return _digit(Situation(network, train, test, neuron=neuron), 3)


def answers(lesson: Lesson, network) -> dict[str, float | str | None]:
    """Step id -> the answer measured after the step's standard move (None if the step cannot be measured)."""
    situation, key = starting_situation(network), {}
    for step in lesson.steps:
        situation = STANDARD_MOVES[step.check](situation, step.check_params)
        try:
            value, _ = ask(step.question, situation)
        except NotReadyError:
            value = None
        key[step.id] = value if isinstance(value, str) or value is None else round(float(value),
                                                                                   step.question.decimals)
    return key


def fingerprint(path: Path) -> str:
    return hashlib.blake2b(path.read_bytes(), digest_size=8).hexdigest()


def read_key() -> dict:
    """The stored key ({} if there is none): {"lesson": digest, "models": {name: {"model": digest, "answers": {...}}}}."""
    try:
        return json.loads(KEY_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def stored_answers(model: str, model_file: Path) -> tuple[dict, str | None]:
    """(answers, why they may be out of date or None) for a bundled model."""
    key = read_key()
    entry = key.get("models", {}).get(model)
    if not entry:
        return {}, f"no key was computed for the {model} model (run scripts/answer_key.py)"
    stale = []
    if entry.get("model") != fingerprint(model_file):
        stale.append("the bundled model file changed")
    if key.get("lesson") != fingerprint(lesson_path()):
        stale.append("the lesson file changed")
    return entry.get("answers", {}), ("; ".join(stale) + " since it was computed: run scripts/answer_key.py") if stale else None

