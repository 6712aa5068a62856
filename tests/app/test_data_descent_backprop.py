"""The Data, Gradient-descent and Backpropagation pages."""
import io

import numpy as np

from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.evaluate import output_activations
from tests.app.conftest import all_text, chart_specs


def _npz(**arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def test_data_page_shows_counts_averages_and_examples(data_page):
    assert "4,000" in all_text(data_page) or any("4,000" in str(s) for s in chart_specs(data_page))
    images = data_page.get("imgs") or data_page.get("image")
    assert len(images) >= 2  # the averages and the browsed examples
    data_page.selectbox(key="browse_digit").set_value(7).run()
    assert "labelled 7" in all_text(data_page)
    data_page.segmented_control(key="browse_part").set_value("test").run()
    assert "test digits" in all_text(data_page)


def test_uploading_a_data_set_and_a_bad_one(data_page):
    rng = np.random.default_rng(0)
    good = _npz(images=rng.integers(0, 256, (100, 28, 28), dtype=np.uint8), labels=np.repeat(np.arange(10), 10))
    data_page.radio(key="data_choice").set_value("mine").run()
    data_page.file_uploader(key="data_upload-0").upload("mine.npz", good, "application/octet-stream").run()
    train, test = data_page.session_state["user_data"]
    assert len(train) == 80 and len(test) == 20
    data_page.file_uploader(key="data_upload-0").set_value(None).run()
    data_page.file_uploader(key="data_upload-0").upload("bad.npz", _npz(images=np.zeros((3, 5))), "x").run()
    assert not data_page.exception
    assert "bad.npz cannot be used" in data_page.error[0].value
    assert len(data_page.session_state["user_data"][0]) == 80  # the earlier data set is kept


PRESET_WORDS = {"creep": "creeping", "converge": "settles in the valley", "overshoot": "overshoots"}


def test_descent_presets_and_the_walk_in_words(descent_page):
    for name, words in PRESET_WORDS.items():
        descent_page.button(key=f"descent-{name}").click().run()
        assert words in all_text(descent_page), name
    assert len(chart_specs(descent_page)) == 2


def test_every_enabled_preset_does_what_it_says_on_the_real_networks(descent_page):
    """On each model's default landscape and a few others, a preset's button is disabled (with a reason) or true."""
    descent_page.segmented_control(key="descent_problem").set_value("network").run()
    enabled = set()
    for model, target in (("classic", 3), ("classic", 8), ("best", 3), ("best", 0)):
        descent_page.radio(key="model_choice").set_value(model).run()
        descent_page.selectbox(key="descent_target").set_value(target).run()
        descent_page.slider(key=next(k for k in _slider_keys(descent_page) if "start1" in k)).set_value(0.0).run()
        for name, words in PRESET_WORDS.items():
            button = descent_page.button(key=f"descent-{name}")
            if button.disabled:
                assert "No learning rate" in button.help or "Even the largest" in button.help
                continue
            enabled.add((model, name))
            button.click().run()
            assert words in all_text(descent_page), (model, target, name)
    assert {("classic", n) for n in PRESET_WORDS} <= enabled   # the classic model's landscapes show all three


def _slider_keys(at):
    return [s.key for s in at.slider if s.key]


def test_descent_play_walks_one_step_per_tick(descent_page):
    descent_page.button(key="descent_play").click().run()
    shown = [descent_page.session_state["descent_shown"]]
    descent_page.run()
    shown.append(descent_page.session_state["descent_shown"])
    assert shown == [1, 2]


def test_descent_on_the_real_network(descent_page):
    descent_page.segmented_control(key="descent_problem").set_value("network").run()
    descent_page.selectbox(key="descent_target").set_value(7).run()
    assert not descent_page.exception
    contour = next(s for s in chart_specs(descent_page) if s["data"][0]["type"] == "contour")
    assert "w (hidden 0 → output 7)" in contour["layout"]["xaxis"]["title"]["text"]


def test_backprop_for_a_test_digit_and_a_step_downhill(backprop_page):
    shared = load_bundled("classic").network.params.copy()
    assert "The right answer is **0**" in all_text(backprop_page)
    backprop_page.button(key="backprop_mistake").click().run()
    digit = backprop_page.session_state["current_input"]
    _, test = load_embedded()
    answers = np.argmax(output_activations(load_bundled("classic").network, test), axis=1)
    index = int(digit.description.split("#")[1].split()[0])
    assert answers[index] != test.labels[index]                 # the network gets it wrong

    def cost():
        text = all_text(backprop_page)
        return float(text.split("C = ")[1].split("**")[0])

    before = cost()
    backprop_page.button(key="backprop_step").click().run()
    assert cost() < before                                      # one step downhill lowered it
    backprop_page.button(key="backprop_reset").click().run()
    assert cost() == before
    np.testing.assert_array_equal(load_bundled("classic").network.params, shared)  # the shared model untouched


def test_the_output_wishes_are_minus_delta_for_softmax_with_cross_entropy(backprop_page):
    """y − a is what the page shows at the outputs; for this cost it is −∂C/∂z, not −∂C/∂a."""
    from nn_core.backprop import backprop

    network = load_bundled("classic").network.astype(np.float64)
    _, test = load_embedded()
    delta = backprop(network, test.inputs[3].astype(np.float64), 0).deltas[-1]
    figure = next(s for s in chart_specs(backprop_page) if s["data"][0]["type"] == "heatmap")
    outputs = next(t for t in figure["data"] if t.get("name") == "output")
    for digit, hover in enumerate(outputs["hovertext"]):
        assert f"−∂C/∂z = y − a = {-delta.ravel()[digit]:+.4f}" in hover
    backprop_page.segmented_control(key="backprop_step_shown").set_value(3).run()
    assert "δ = ∂C/∂z = a − y" in all_text(backprop_page)


def test_backprop_steps_backwards_through_the_layers(backprop_page):
    for step in (3, 2, 1, 0, "all"):
        backprop_page.segmented_control(key="backprop_step_shown").set_value(step).run()
        assert not backprop_page.exception
    backprop_page.segmented_control(key="backprop_step_shown").set_value(0).run()
    assert "Back at the pixels" in all_text(backprop_page)
