"""Draw: "Random noise", the fourth source. The network answers nonsense, and says so with the numbers it computes.

Noise is made from a seed, one per press, and the seed is in the page's link: a link (or a test) shows the same noise.
"""
import numpy as np

from nn_core.bundled import load_bundled
from nn_core.network import predict
from nn_core.noise import noise_answers, noise_pixels
from tests.app.conftest import all_text, chart_specs, open_app
from tests.app.test_draw import _decode
from tests.app.test_links_and_display import open_link
from ui import state
from ui.pages.draw.inputs import NOISE_SURVEY


def answer_words(at, seed: int, model: str = "classic") -> None:
    """The page's answer to noise ``seed`` is nn_core's, in its bars and in its words."""
    output = predict(load_bundled(model).network, noise_pixels(seed))
    answer, top = int(np.argmax(output)), float(np.max(output))
    text = all_text(at)
    assert f"The network says {answer}" in text
    assert f"**This is no digit**, just random pixels, yet the network answers **{answer}**: its output for {answer} " \
           f"is {top:.2f}" in text
    bars = chart_specs(at)[0]["data"][0]
    np.testing.assert_allclose(bars["y"] if isinstance(bars["y"], list) else _decode(bars["y"]), output, atol=1e-6)
    answers, tops = noise_answers(load_bundled(model).network, range(NOISE_SURVEY))
    common = int(np.bincount(answers, minlength=10).argmax())
    assert (f"Over {NOISE_SURVEY} noise images (numbers 0 to {NOISE_SURVEY - 1}) it answered {common} for "
            f"{int(np.sum(answers == common))} of them; its output for its answer was above 0.9 for "
            f"{int(np.sum(tops > 0.9))} of them.") in text


def test_noise_is_shown_to_the_network_and_its_answer_is_nn_cores(draw_page):
    draw_page.segmented_control(key=state.INPUT_SOURCE).set_value(state.NOISE).run()
    digit = draw_page.session_state[state.INPUT]
    assert digit.source == state.NOISE and digit.label is None and digit.noise_seed is not None
    np.testing.assert_array_equal(digit.pixels, noise_pixels(digit.noise_seed))
    answer_words(draw_page, digit.noise_seed)


def test_each_press_makes_new_noise(draw_page):
    draw_page.segmented_control(key=state.INPUT_SOURCE).set_value(state.NOISE).run()
    seeds = {draw_page.session_state[state.NOISE_SEED]}
    for _ in range(3):
        draw_page.button(key="new_noise").click().run()
        digit = draw_page.session_state[state.INPUT]
        np.testing.assert_array_equal(digit.pixels, noise_pixels(digit.noise_seed))
        seeds.add(digit.noise_seed)
    assert len(seeds) > 1 and not draw_page.exception


def test_noise_in_a_link_is_the_same_noise_on_every_page():
    at = open_link("pages/draw.py", noise="4242")
    assert at.session_state[state.INPUT_SOURCE] == state.NOISE and at.session_state[state.NOISE_SEED] == 4242
    answer_words(at, 4242)
    assert at.query_params["noise"] == "4242" and "pixels" not in at.query_params and "digit" not in at.query_params
    at.switch_page("pages/inside.py").run()
    assert "Looking at **random noise #4242**" in all_text(at)
    at = open_link("pages/draw.py", noise="4242", model="best")
    answer_words(at, 4242, "best")


def test_a_bad_noise_link_is_refused_by_name():
    at = open_link("pages/draw.py", noise="-1")
    assert any("noise" in t.value for t in at.toast)
    assert at.session_state[state.INPUT].noise_seed is None


def test_leaving_noise_for_a_test_digit_writes_the_digit_back_into_the_link(draw_page):
    draw_page.segmented_control(key=state.INPUT_SOURCE).set_value(state.NOISE).run()
    draw_page.segmented_control(key=state.INPUT_SOURCE).set_value(state.TEST_DIGIT).run()
    assert draw_page.session_state[state.INPUT].noise_seed is None
    assert "noise" not in draw_page.query_params and draw_page.query_params["digit"] == "3"


def test_noise_at_the_simple_level_too():
    at = open_app()
    at.segmented_control(key=state.LEVEL).set_value("simple").run()
    at.switch_page("pages/draw.py").run()
    assert "Random noise" in at.segmented_control(key=state.INPUT_SOURCE).options
    at.segmented_control(key=state.INPUT_SOURCE).set_value(state.NOISE).run()
    assert "**This is no digit**" in all_text(at) and not at.exception


def test_the_link_of_noise_is_its_seed_not_its_pixels(draw_page):
    draw_page.session_state[state.INPUT] = state.noise(17)
    draw_page.run()
    assert draw_page.query_params["noise"] == "17" and "pixels" not in draw_page.query_params
