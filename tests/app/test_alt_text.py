"""The words that name each picture for a screen reader (ui/alt_text.py): what it shows, and what the network in use
reads in it, computed by its forward pass."""
import re

import numpy as np

from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.network import forward
from tests.app.conftest import open_app
from ui import alt_text, state
from ui.words import a_digit


def image_alts(at) -> list[str]:
    return [picture.alt for element in at.get("image") for picture in element.proto.imgs]


def test_a_digit_is_named_with_its_label_and_the_networks_answer():
    assert alt_text.digit("test digit #3", 0, 0) == "test digit #3, a 0; the network reads 0"
    assert alt_text.digit("training digit #12", 8) == "training digit #12, an 8"
    assert alt_text.shown_input(r"your image cat\_1.png", 7) == "your image cat_1.png; the network reads 7"
    assert alt_text.shown_input(None, 2) == "a blank image; the network reads 2"
    assert "the first 32 of its 256 neurons" in alt_text.templates(32, 256, "blue", "red")
    assert "each of the 16 neurons" in alt_text.templates(16, 16, "blue", "orange")


def test_the_network_reads_its_brightest_output():
    network = load_bundled("classic").network.copy()
    _, test = load_embedded()
    assert alt_text.readings(network, test.inputs[:50]) == list(np.argmax(forward(network, test.inputs[:50]).output, 1))
    network.biases[-1][7] = 1e3          # output 7 lit whatever the digit: that is what it reads
    assert alt_text.readings(network, test.inputs[0]) == [7]


def test_the_cost_pages_digits_say_what_the_network_reads():
    at = open_app("pages/cost.py")
    network = load_bundled("classic").network
    train, test = load_embedded()
    read = int(np.argmax(forward(network, test.inputs[3]).output))
    alts = image_alts(at)
    assert alts[0] == f"test digit #3 (a {test.labels[3]}); the network reads {read}"
    for alt in alts[1:]:     # a digit it reads right, one it reads wrong: "training digit #89, a 0; the network reads 8"
        number, label, answer = (int(n) for n in re.findall(r"\d+", alt))
        assert label == train.labels[number]
        assert answer == int(np.argmax(forward(network, train.inputs[number]).output))


def test_every_picture_on_the_data_page_is_named():
    at = open_app("pages/data.py")
    alts = image_alts(at)
    assert alts[:10] == [alt_text.class_average(d) for d in range(10)]
    assert len(alts) == 10 + 48 and all(alt.startswith("training digit #") for alt in alts[10:])


def test_charts_are_named_by_what_they_show():
    output = np.array([0.01, 0.02, 0.9, 0.3, 0, 0, 0, 0, 0, 0.05])
    assert alt_text.output_bars(output, 3) == ("bars of the 10 output neurons' activations: output 2 is the brightest, "
                                               "0.90, so the network reads 2; the right answer is 3")
    matrix = np.diag([5] * 10)
    matrix[4, 9] = 3
    matrix[7, 1] = 1
    words = alt_text.confusion(matrix)
    assert "50 of 54 are on the diagonal" in words and "4 read as 9, 3 times" in words
    assert "most common mistake" not in alt_text.confusion(np.diag([5] * 10))
    weights, pixels = np.array([1.0, -2.0, 0.5]), np.array([1.0, 0.5, 0.0])
    assert "add 1.00 to its weighted sum, those on red weights -1.00" in alt_text.weights_and_input(
        "hidden-1 neuron 0", weights, pixels, "blue", "red")


def test_the_draw_pages_bars_are_named_by_the_networks_answer(draw_page):
    network = load_bundled("classic").network
    _, test = load_embedded()
    draw_page.segmented_control(key="input_source").set_value("test digit").run()
    output = forward(network, test.inputs[3]).output
    [bars] = [chart for chart in draw_page.get("plotly_chart") if chart.proto.alt.startswith("bars of")]
    assert bars.proto.alt == alt_text.output_bars(output, int(test.labels[3]))


def test_the_other_pictures_words():
    assert alt_text.mini_batch([12, 40], [5, 8]) == "the mini-batch's 2 training digits side by side: #12 (a 5), #40 (an 8)"
    assert alt_text.qr_code("http://192.168.1.20:8501/join?code=K7Q2MX") == \
        "QR code: scanning it opens http://192.168.1.20:8501/join?code=K7Q2MX"
    assert alt_text.class_counts(np.array([400] * 10), np.array([90, 110] * 5)) == (
        "bars of how many digits of each kind, 0 to 9: 4,000 training digits, 400 to 400 of each; "
        "1,000 test digits, 90 to 110 of each")


def test_the_templates_while_it_learns_are_named_in_the_palettes_colours():
    at = open_app("pages/train.py")
    at.session_state[state.PALETTE] = "colour-blind safe"
    at.run()
    [templates] = [alt for alt in image_alts(at) if "hidden layer 1" in alt]
    assert templates.startswith("the weights into each of the 16 neurons of hidden layer 1")
    assert "blue where a lit pixel pushes that neuron up, orange where it pushes it down" in templates


def test_the_class_drawings_on_the_console_say_what_was_meant_and_what_the_network_reads():
    from classroom.report import read_class_digits
    from tests.app.test_class_console import give_digits
    from tests.app.test_classroom import open_class, the_rooms

    teacher, code, key = open_class()
    give_digits(code, 6)
    teacher.run()
    digits = the_rooms().class_digits(code, key, "unknown")
    reading = read_class_digits(load_bundled("classic").network, digits)
    drawings = [alt for alt in image_alts(teacher) if alt.startswith("a student's drawing")]
    assert drawings == [f"a student's drawing of {a_digit(digits.labels[i])}, the digit they meant; "
                        f"the network reads {reading.predictions[i]}" for i in reading.worst]
    assert any(chart.proto.alt.startswith("a 10 by 10 grid: each row a digit meant")
               for chart in teacher.get("plotly_chart"))
