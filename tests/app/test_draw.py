"""The Draw page: the three ways to give a digit, and the answer as the maths says.

The drawing pad's JavaScript does not run under AppTest (it shows as an unknown ``bidi_component``):
a drawing is sent the way the browser sends it, as a trigger value (tests/app/conftest.send_trigger).
"""
import base64
import io

import numpy as np
from PIL import Image

from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.drawing import read_drawing
from nn_core.network import forward, predict
from nn_core.synthetic import canvas_drawing
from tests.app.conftest import all_text, chart_specs, live_data, send_trigger, shown
from ui.links.pixels import decode_pixels
from ui.words import confidence_words


def pad_payload(seq: int, image: np.ndarray, strokes=((20, 40.0, 40.0, 200.0, 220.0),), width: int = 20) -> dict:
    """What the pad sends when a drawing changes: its pixels as base64 PNG, its strokes, the brush."""
    return {"seq": seq, "image": base64.b64encode(_png(image)).decode(), "strokes": [list(s) for s in strokes],
            "width": width}


def drawing_of(index: int, seed: int = 5) -> np.ndarray:
    """A 280x280 RGBA pad-like drawing of test digit ``index`` (white strokes on black)."""
    _, test = load_embedded()
    return canvas_drawing(test.images[index], np.random.default_rng(seed))


BLANK = np.zeros((280, 280, 4), np.uint8)
BLANK[..., 3] = 255   # the empty pad: opaque black


def pad(at) -> dict:
    return live_data(at, "nn_drawing_pad")


def test_an_empty_pad_gets_a_prompt_not_a_guess(draw_page):
    assert draw_page.segmented_control(key="input_source").value == "drawing"
    data = pad(draw_page)
    assert data["answer"] is None and data["strokes"] == [] and data["ack"] == 0 and data["width"] == 20
    # the weights went to this tab with the home page's picture (one copy per tab); the pad names them
    assert data["model"].startswith("net:784-16-16-10") and data["model"] in draw_page.session_state["live_sent_digests"]
    assert "Draw a digit from 0 to 9" in data["texts"]["prompt"]
    assert chart_specs(draw_page) == []  # no output bars without a drawing
    assert "The other pages still show test digit #3 (a 0) until you draw." in all_text(draw_page)
    draw_page.run()
    assert pad(draw_page)["network"] is None  # the weights cross the wire once per tab


def test_a_drawing_is_read_by_nn_core_and_every_page_gets_it(draw_page):
    image = drawing_of(17)
    send_trigger(draw_page, "nn_drawing_pad", "drawing", pad_payload(1, image))
    assert not draw_page.exception
    digit = draw_page.session_state["current_input"]
    expected = read_drawing(image)
    assert digit.source == "drawing" and digit.label is None
    np.testing.assert_array_equal(digit.pixels, expected.inputs)
    output = forward(load_bundled("classic").network, expected.inputs).output
    answer = pad(draw_page)["answer"]
    assert answer["seq"] == 1 and answer["answer"] == int(np.argmax(output))
    np.testing.assert_allclose(answer["output"], output, atol=1e-6)
    assert answer["words"] == confidence_words(output, True)
    assert pad(draw_page)["strokes"] == [[20, 40.0, 40.0, 200.0, 220.0]] and pad(draw_page)["ack"] == 1
    assert "How the network reads it" in all_text(draw_page)
    assert len(draw_page.get("image")) == 4  # drawing, cropped, scaled, centred
    np.testing.assert_allclose(decode_pixels(draw_page.query_params["pixels"]), np.round(expected.inputs * 255) / 255,
                               atol=1e-6)   # the link carries the drawing (the pad's part of the page reran alone)
    assert draw_page.get("image")[0].proto.imgs[0].caption == "1. the drawing (280x280)"

    draw_page.switch_page("pages/inside.py").run()   # another page shows the same input, and back
    np.testing.assert_array_equal(draw_page.session_state["current_input"].pixels, expected.inputs)
    draw_page.switch_page("pages/draw.py").run()
    assert pad(draw_page)["strokes"] == [[20, 40.0, 40.0, 200.0, 220.0]] and pad(draw_page)["answer"]["seq"] == 1

    draw_page.segmented_control(key="input_source").set_value("test digit").run()   # a test digit, then back to drawing
    assert draw_page.session_state["current_input"].source == "test digit"
    draw_page.segmented_control(key="input_source").set_value("drawing").run()
    assert draw_page.session_state["current_input"] is digit and pad(draw_page)["answer"]["seq"] == 1

    send_trigger(draw_page, "nn_drawing_pad", "drawing", pad_payload(2, BLANK, strokes=()))  # undo to nothing, or clear
    assert draw_page.session_state["current_input"] is None
    assert pad(draw_page)["answer"] is None and pad(draw_page)["strokes"] == [] and pad(draw_page)["ack"] == 2
    assert "How the network reads it" not in all_text(draw_page)


def test_the_brush_width_is_the_sessions_and_a_forged_drawing_is_refused(draw_page):
    send_trigger(draw_page, "nn_drawing_pad", "width", 31)
    assert draw_page.session_state["stroke_width"] == 31 and pad(draw_page)["width"] == 31
    for forged in (99, 5, 20.5, True, "30", None):
        send_trigger(draw_page, "nn_drawing_pad", "width", forged)
        assert draw_page.session_state["stroke_width"] == 31
    before = draw_page.session_state["current_input"]
    payload = pad_payload(7, drawing_of(3))
    payload["strokes"] = [[20, 10.0, float("nan")]]
    send_trigger(draw_page, "nn_drawing_pad", "drawing", payload)
    assert not draw_page.exception and draw_page.session_state["current_input"] is before
    warning = [shown(w.value) for w in draw_page.warning]
    assert warning and "a stroke had a point outside the 280x280 pad" in warning[0] and "your digit was kept" in warning[0]
    assert pad(draw_page)["ack"] == 7 and pad(draw_page)["answer"] is None
    draw_page.run()
    assert not draw_page.warning  # said once


def test_a_tab_that_lost_the_network_gets_it_again(draw_page):
    draw_page.run()
    assert pad(draw_page)["network"] is None
    send_trigger(draw_page, "nn_drawing_pad", "missing", [pad(draw_page)["model"]])
    assert pad(draw_page)["network"]["sizes"] == [784, 16, 16, 10]


def test_the_pads_answer_follows_the_model(draw_page):
    image = drawing_of(40, seed=9)
    send_trigger(draw_page, "nn_drawing_pad", "drawing", pad_payload(1, image))
    draw_page.radio(key="model_choice").set_value("best").run()
    data = pad(draw_page)
    best = load_bundled("best").network
    assert data["network"]["sizes"] == list(best.sizes)
    assert data["answer"]["answer"] == int(np.argmax(forward(best, read_drawing(image).inputs).output))


def test_a_test_digit_is_classified_as_nn_core_says(draw_page):
    draw_page.segmented_control(key="input_source").set_value("test digit").run()
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
    draw_page.segmented_control(key="input_source").set_value("test digit").run()
    seen = set()
    for _ in range(4):
        draw_page.button(key="random_test_digit").click().run()
        seen.add(draw_page.session_state["test_index"])
    assert len(seen) > 1 and all(0 <= i < 1000 for i in seen)
    assert not draw_page.exception


def test_model_switch_changes_the_answer_source(draw_page):
    draw_page.segmented_control(key="input_source").set_value("test digit").run()
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
