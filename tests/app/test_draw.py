"""The Draw page: the three ways to give a digit, and the answer as the maths says."""
import io

import numpy as np
from PIL import Image

from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.network import predict
from tests.app.conftest import all_text, chart_specs, shown


def test_empty_canvas_gets_a_prompt_not_a_guess(draw_page):
    assert draw_page.segmented_control(key="input_source").value == "draw"
    assert "Draw a digit from 0 to 9" in all_text(draw_page)
    assert chart_specs(draw_page) == []  # no output bars without a drawing
    assert draw_page.slider(key="stroke_width").value == 20


def test_a_test_digit_is_classified_as_nn_core_says(draw_page):
    draw_page.segmented_control(key="input_source").set_value("test").run()
    draw_page.number_input(key="test_index").set_value(12).run()
    _, test = load_embedded()
    expected = predict(load_bundled("classic").network, test.inputs[12])
    answer = int(np.argmax(expected))
    text = all_text(draw_page)
    assert f"The network says {answer}" in text
    assert f"test digit #12 (a {int(test.labels[12])})" in text.lower()
    bars = chart_specs(draw_page)[0]["data"][0]
    np.testing.assert_allclose(bars["y"] if isinstance(bars["y"], list) else _decode(bars["y"]), expected, atol=1e-6)
    assert draw_page.session_state["current_input"].label == int(test.labels[12])


def _decode(typed):
    import base64

    return np.frombuffer(base64.b64decode(typed["bdata"]), dtype=typed["dtype"])


def test_random_test_digit_changes_the_input(draw_page):
    draw_page.segmented_control(key="input_source").set_value("test").run()
    seen = set()
    for _ in range(4):
        draw_page.button(key="random_test_digit").click().run()
        seen.add(draw_page.session_state["test_index"])
    assert len(seen) > 1 and all(0 <= i < 1000 for i in seen)
    assert not draw_page.exception


def test_model_switch_changes_the_answer_source(draw_page):
    draw_page.segmented_control(key="input_source").set_value("test").run()
    _, test = load_embedded()
    for index in range(40):  # a digit where the two models disagree, if any
        classic = int(np.argmax(predict(load_bundled("classic").network, test.inputs[index])))
        best = int(np.argmax(predict(load_bundled("best").network, test.inputs[index])))
        if classic != best:
            break
    draw_page.number_input(key="test_index").set_value(index).run()
    assert f"The network says {classic}" in all_text(draw_page)
    draw_page.radio(key="model_choice").set_value("best").run()
    assert f"The network says {best}" in all_text(draw_page)


def _png(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format="PNG")
    return buffer.getvalue()


def test_uploading_an_image_shows_the_reading_steps(draw_page):
    _, test = load_embedded()
    big = np.kron(255 - test.images[7], np.ones((9, 9), np.uint8))  # dark ink on white paper, 252x252
    draw_page.segmented_control(key="input_source").set_value("upload").run()
    draw_page.file_uploader(key="upload_image-0").upload("seven.png", _png(big), "image/png").run()
    assert not draw_page.exception
    digit = draw_page.session_state["current_input"]
    assert digit.source == "upload" and digit.reading is not None and digit.reading.inverted
    assert "How the network reads it" in all_text(draw_page)
    assert len(draw_page.get("image")) == 4  # drawing, cropped, scaled, centred


def test_a_bad_upload_gets_a_sentence_and_keeps_the_digit(draw_page):
    before = draw_page.session_state["current_input"]
    draw_page.segmented_control(key="input_source").set_value("upload").run()
    draw_page.file_uploader(key="upload_image-0").upload("notes.png", b"this is not a png", "image/png").run()
    assert not draw_page.exception
    errors = [shown(e.value) for e in draw_page.error]
    assert errors and "Could not read notes.png" in errors[0] and "kept" in errors[0]
    assert draw_page.session_state["current_input"] is before


def test_a_blank_upload_is_not_classified(draw_page):
    before = draw_page.session_state["current_input"]
    draw_page.segmented_control(key="input_source").set_value("upload").run()
    draw_page.file_uploader(key="upload_image-0").upload("blank.png", _png(np.full((60, 60), 255, np.uint8)), "image/png").run()
    assert "No digit found in blank.png" in shown(draw_page.error[0].value)
    assert draw_page.session_state["current_input"] is before
