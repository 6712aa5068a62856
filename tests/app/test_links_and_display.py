"""Settings in the URL (a link opens exactly that view); colour-blind palette; large text."""
import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import ROOT, all_text, chart_specs, live_data, open_app, send_trigger, shown
from ui import state
from ui.links.pixels import decode_pixels, encode_pixels


def open_link(page: str | None = None, /, **params) -> AppTest:
    """What following a link to ``page`` does: its parameters are read on the session's first run, on that page."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for name, value in params.items():
        at.query_params[name] = value
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_link_opens_the_model_and_the_test_digit():
    at = open_link("pages/inside.py", model="best", digit="42")
    assert at.radio(key="model_choice").value == "best"
    assert "test digit #42" in all_text(at)
    assert at.query_params["model"] == "best" and at.query_params["digit"] == "42"


def test_a_link_carries_a_drawing():
    pixels = np.zeros(784, np.float32)
    pixels[28 * 5 + 10: 28 * 5 + 18] = 1.0
    pixels[28 * 6 + 17::28][:15] = 1.0  # a "7"
    at = open_link("pages/draw.py", pixels=encode_pixels(pixels))
    digit = at.session_state["current_input"]
    assert digit.source == "drawing"
    np.testing.assert_allclose(digit.pixels, np.round(pixels * 255) / 255, atol=1e-6)


def test_a_training_link_builds_that_recipe():
    at = open_link("pages/train.py", hidden="30", lr="0.3", epochs="3", batch="32", seed="7", speed="slow")
    trainer = at.session_state["trainer"]
    assert trainer.network.sizes == (784, 30, 10) and trainer.config.learning_rate == 0.3
    assert trainer.config.epochs == 3 and trainer.config.batch_size == 32 and trainer.config.seed == 7
    assert at.segmented_control(key="train_speed").value == "slow"
    assert at.query_params["hidden"] == "30" and at.query_params["speed"] == "slow"


def test_bad_link_parts_are_ignored_and_said():
    at = open_link(model="huge", digit="5000", pixels="!!", batch="7")  # toasts show on the first run
    assert at.radio(key="model_choice").value == "classic"
    toasts = [shown(t.value) for t in at.toast]
    assert any("model='huge'" in t for t in toasts) and any("digit='5000'" in t for t in toasts)
    assert any("pixels" in t for t in toasts) and any("batch" in t for t in toasts)


def test_the_url_follows_the_visitor():
    at = open_link("pages/draw.py")
    at.segmented_control(key="input_source").set_value("test digit").run()
    at.number_input(key="test_index").set_value(77).run()
    assert at.query_params["digit"] == "77"
    at.radio(key="model_choice").set_value("best").run()
    assert at.query_params["model"] == "best"


def test_pixels_round_trip_and_junk():
    pixels = np.random.default_rng(0).random(784).astype(np.float32)
    np.testing.assert_allclose(decode_pixels(encode_pixels(pixels)), np.round(pixels * 255) / 255, atol=1e-6)
    import pytest

    for junk in ("", "abc", encode_pixels(pixels)[:-5]):
        with pytest.raises(ValueError):
            decode_pixels(junk)


def test_colour_blind_palette_changes_the_weight_colours():
    at = open_link("pages/inside.py", colours="colour-blind")
    assert at.selectbox(key="palette").value == "colour-blind safe"
    palette = live_data(at, "nn_live_network")["palette"]   # the live network view draws with these
    assert palette["negative"] == [213, 94, 0] and palette["negative_name"] == "orange"   # orange, no red
    at.switch_page("pages/knobs.py").run()
    assert "orange where a digit lost" in live_data(at, "nn_live_network")["texts"]["per_digit"]


def test_large_text_enlarges_chart_fonts():
    at = open_link("pages/inside.py", text="large")
    assert at.toggle(key="large_text").value is True
    from ui.charts import LARGE_FONT

    assert live_data(at, "nn_live_network")["large_text"] is True            # the live view enlarges its own text
    at.selectbox(key="choice_layer").set_value(1).run()
    at.selectbox(key="choice_neuron-1").set_value(0).run()
    assert chart_specs(at)[0]["layout"]["font"]["size"] == LARGE_FONT > 12   # plotly's default is 12
    assert "font-size: 19px" in all_text(at) or any("font-size: 19px" in h.proto.body for h in at.get("html"))


def test_widget_values_survive_a_visit_to_another_page():
    """Streamlit forgets the widgets of a page not shown; the frame keeps them for the session."""
    at = open_app("pages/draw.py")
    at.segmented_control(key="input_source").set_value("test digit").run()
    at.number_input(key="test_index").set_value(500).run()
    at.switch_page("pages/neuron.py").run()
    values = live_data(at, "nn_one_neuron")["values"]
    send_trigger(at, "nn_one_neuron", "release", {"seq": 1, **values, "bias": -2.5})   # the bias slider let go
    at.switch_page("pages/train.py").run()
    at.text_input(key="recipe_hidden").set_value("30")
    at.number_input(key="recipe_rate").set_value(3.0)
    next(b for b in at.button if b.label == "Build this network").click().run()
    assert at.session_state["trainer"].network.sizes == (784, 30, 10)
    for page in ("pages/inside.py", "pages/draw.py"):
        at.switch_page(page).run()
    assert at.segmented_control(key="input_source").value == "test digit" and at.number_input(key="test_index").value == 500
    at.switch_page("pages/neuron.py").run()
    assert at.session_state["one_bias"] == -2.5 and live_data(at, "nn_one_neuron")["values"]["bias"] == -2.5
    at.switch_page("pages/train.py").run()
    assert at.text_input(key="recipe_hidden").value == "30" and at.number_input(key="recipe_rate").value == 3.0
    assert not at.exception


@pytest.mark.parametrize("name, value", [("epochs", " 7 "), ("batch", "1_0"), ("seed", "٣"), ("lr", "nan"),
                                         ("lr", "inf"), ("digit", "+5"), ("hidden", "16,,16")])
def test_numbers_in_a_link_are_read_strictly(name, value):
    at = open_link(**{name: value})  # toasts show on the first run
    assert any(name in shown(t.value) for t in at.toast), (name, value)


def test_a_presenter_link_brings_large_text_and_puts_the_words_under_the_figure():
    at = open_link("pages/inside.py", view="presenter")
    assert at.toggle(key="presenter").value is True and at.toggle(key="large_text").value is True
    assert live_data(at, "nn_live_network")["fit_screen"] is True        # the live view fits one screen
    folded = [e for e in at.expander if e.label == "What this page says"]
    assert len(folded) == 1
    words = "\n".join(m.value for m in folded[0].markdown)
    assert "Each circle is a neuron" in words and "Looking at" in words  # the opening words, moved under the figure
    outside = "\n".join(m.value for m in at.main.markdown if m not in folded[0].markdown)
    assert "Each circle is a neuron" not in outside
    assert at.query_params["view"] == "presenter"                        # the link hands it on
    at.toggle(key="presenter").set_value(False).run()                    # the teacher ends it
    assert not [e for e in at.expander if e.label == "What this page says"]
    assert "Each circle is a neuron" in all_text(at) and "view" not in at.query_params


def test_a_cut_or_odd_view_in_a_link_is_refused_with_a_note():
    at = open_link(view="<b>big</b>")                                  # toasts show on the first run
    assert at.toggle(key="presenter").value is False
    assert any("view='<b>big</b>'" in shown(t.value) for t in at.toast)  # said as plain text (ui/plain.py)


def test_a_visitor_and_a_lesson_link_arrive_at_the_simple_level_unless_the_link_says_full():
    assert open_link().session_state[state.LEVEL] == "simple"                       # the home page, as the app opens
    assert open_link("pages/backprop.py").session_state[state.LEVEL] == "simple"    # any page, by its address
    lesson = open_link(lesson="1")
    assert lesson.session_state[state.LEVEL] == "simple" and lesson.session_state[state.LESSON_ON]
    assert "level" not in lesson.query_params                                        # the default is not written
    maths = open_link(lesson="1", level="full")
    assert maths.session_state[state.LEVEL] == "full" and maths.query_params["level"] == "full"
