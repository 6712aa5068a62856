"""The lesson's completion checks: has the learner really done the step's action? Read from the live session.

Each check is named in the lesson file with its parameters (assets/lesson/lesson.toml). It looks at
what the pages keep in session state: the input digit, the One-neuron sliders, the Knobs edits,
the trainer's history. None of them changes anything. A check may have a ``setup``: what the step's
page is put back to when the step begins, so that its action is still to be done (the pass not yet played).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import streamlit as st

from nn_core.edits import silent_bias
from nn_core.lesson import Param
from nn_core.network import predict
from nn_core.questions import LAYER, MISTAKE, NEURON, OUTPUT, TEST_DIGIT
from ui import navigation, state
from ui.lesson import facts
from ui.pages.descent.controls import PRESETS as DESCENT_PRESETS
from ui.pages.descent.controls import preset_in_force
from ui.pages.neuron.controls import BIAS_RANGE, PRESETS, preset_shown

Params = Mapping[str, int | float | str]


@dataclass(frozen=True)
class Check:
    params: tuple[Param, ...]       # what the lesson file gives it: names, types and ranges (checked on reading)
    passed: Callable[..., bool]     # (**params) -> has the action been done?
    words: str                      # what it looks at, for the teacher's page
    setup: Callable[[], None] | None = None   # run when the step begins
    on_arrival: bool = False        # passes by opening the page: a guess locked there is still locked before it


def _input():
    return state.current_input()


def _input_is_drawing() -> bool:
    digit = _input()
    return digit is not None and digit.source == "drawing"


def _input_is_test_digit(digit: int | str) -> bool:
    """The digit shown is test digit ``digit`` (or, for "mistake", the one the network in use reads wrong with confidence)."""
    shown = _input()
    return shown is not None and shown.test_index == (facts.mistake() if digit == MISTAKE else int(digit))


def _neuron_preset(preset: str) -> bool:
    return preset_shown() == preset


def _neuron_bias(bias: float) -> bool:
    value = st.session_state.get(state.ONE_BIAS)
    return isinstance(value, (int, float)) and abs(value - float(bias)) < 0.051  # the slider's step is 0.1


def _signal_reached_output() -> bool:
    return st.session_state.get(state.FLOW_STEP) == state.current_model().network.layer_count


def _pass_not_played() -> None:
    st.session_state[state.FLOW_STEP] = 0


def _neuron_selected(layer: int) -> bool:
    chosen = st.session_state.get(state.SELECTED_NEURON)
    return isinstance(chosen, tuple) and chosen[0] == int(layer)


def _answer_flipped_to(output: int) -> bool:
    """The edited network answers ``output`` for a digit that is not one, and output ``output``'s bias was raised."""
    edits, digit, output = state.edits_of_model_in_use(), _input(), int(output)
    if edits is None or digit is None or digit.label == output:
        return False
    last = edits.network.layer_count
    raised = edits.bias(last, output) > edits.trained_bias(last, output)
    return raised and int(np.argmax(predict(edits.network, digit.pixels))) == output


def _neuron_silenced(layer: int, neuron: int) -> bool:
    edits = state.edits_of_model_in_use()
    if edits is None:
        return False
    layer = int(layer)
    if not 1 <= layer < edits.network.layer_count:   # (a network without that hidden layer: not done)
        return False
    neuron = int(neuron) % edits.network.sizes[layer]
    cut = edits.weight_edit(layer, neuron).scale == 0.0 and not edits.weight_edit(layer, neuron).overrides
    return cut and edits.bias(layer, neuron) == silent_bias(edits.trained.activation.low)


def _browsing_test_digits() -> bool:
    return st.session_state.get(state.BROWSE_PART) == "test"


def _input_read_wrong() -> bool:
    digit = _input()
    if digit is None or digit.label is None:
        return False
    return int(np.argmax(predict(state.current_model().network, digit.pixels))) != digit.label


def _descent_preset(preset: str) -> bool:
    return preset_in_force() == preset


def _trainer():
    return st.session_state.get(state.TRAINER)


def _trained_to(accuracy: float) -> bool:
    trainer = _trainer()
    score = trainer.last_test_score if trainer is not None else None
    return score is not None and 100.0 * score.accuracy >= float(accuracy)


def _training_stopped_early(rate_at_least: float) -> bool:
    trainer = _trainer()
    return (trainer is not None and trainer.config.learning_rate >= float(rate_at_least)
            and trainer.status.state.stopped_early)


def _error_reached_pixels() -> bool:
    return st.session_state.get(state.BACKPROP_STEP) == 0


def _page_open(page: str) -> bool:
    return st.session_state.get(state.PAGE) == page


NEURON_PRESET = Param("preset", str, texts=tuple(PRESETS))
DESCENT_PRESET = Param("preset", str, texts=tuple(DESCENT_PRESETS))
PAGE = Param("page", str, texts=tuple(page.url_path for page in navigation.PAGES))

CHECKS: Mapping[str, Check] = {
    "input_is_drawing": Check((), _input_is_drawing, "the digit shown is a drawing"),
    "input_is_test_digit": Check((TEST_DIGIT,), _input_is_test_digit,
                                 "the digit shown is that test digit (\"mistake\": the first the network in use reads "
                                 "wrong with an output above 0.9)"),
    "neuron_preset": Check((NEURON_PRESET,), _neuron_preset, "the One-neuron sliders hold that preset"),
    "neuron_bias": Check((Param("bias", float, *BIAS_RANGE[:2]),), _neuron_bias, "the One-neuron bias is that value (±0.05)"),
    "signal_reached_output": Check((), _signal_reached_output, "the Inside picture's signal stopped at the output layer",
                                   _pass_not_played),
    "neuron_selected": Check((LAYER,), _neuron_selected, "a neuron of that layer is chosen on Inside"),
    "answer_flipped_to": Check((OUTPUT,), _answer_flipped_to,
                               "with that output's bias raised on Knobs, the edited network answers it"),
    "neuron_silenced": Check((LAYER, NEURON), _neuron_silenced, "that neuron is silenced on Knobs"),
    "browsing_test_digits": Check((), _browsing_test_digits, "the Data page shows the test digits"),
    "input_read_wrong": Check((), _input_read_wrong, "the digit shown is a labelled one the network reads wrong"),
    "descent_preset": Check((DESCENT_PRESET,), _descent_preset, "that Descent preset was pressed (and η not moved since)"),
    "trained_to": Check((Param("accuracy", float, 0, 100),), _trained_to, "the training run's last test accuracy reached that %"),
    "training_stopped_early": Check((Param("rate_at_least", float, 0),), _training_stopped_early,
                                    "a run with at least that learning rate stopped early"),
    "error_reached_pixels": Check((), _error_reached_pixels, "the Backprop picture's error reached the pixels"),
    "page_open": Check((PAGE,), _page_open, "that page is open (and the guess is locked)", on_arrival=True),
}


def passed(name: str, params: Params) -> bool:
    """Has the action of check ``name`` been done? (False, not an error, if a page's state is not there yet.)"""
    return bool(CHECKS[name].passed(**params))
