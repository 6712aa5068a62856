"""The cost histogram (counts on a log axis that shows a single digit) and the network-as-one-function picture."""
import numpy as np

from figures.colours import STANDARD
from figures.cost import cost_histogram
from figures.one_function import BAR_HEIGHT, one_function_figure
from figures.outputs import OTHER_BAR


def test_the_histogram_counts_every_example_and_a_single_one_shows():
    costs = np.array([0.01] * 3000 + [0.5, 1.95, 1.95])
    fig = cost_histogram(costs, "C = Σ (a − y)²", ceiling=2.0, bins=20)
    bar = fig.data[0]
    assert list(bar.y) == [3000, 1, 2] and sum(bar.y) == len(costs)       # empty bins draw nothing
    assert fig.layout.yaxis.type == "log" and 10 ** fig.layout.yaxis.range[0] < 1 < 3000 < 10 ** fig.layout.yaxis.range[1]
    assert tuple(fig.layout.xaxis.range) == (0, 2.0)


def test_the_histogram_puts_costs_beyond_its_ceiling_in_the_last_bar():
    fig = cost_histogram(np.array([0.1, 7.0, np.inf]), "cross-entropy", ceiling=5.0)
    assert list(fig.data[0].y) == [1, 2] and fig.data[0].x[-1] == 4.9


def test_the_one_function_picture_shows_the_digit_the_knobs_and_the_outputs():
    pixels = np.zeros(784)
    pixels[0] = 1.0                                       # the top-left pixel
    output = np.full(10, 0.02)
    output[7] = 0.82
    fig = one_function_figure(pixels, output, 12_960, 42, STANDARD)
    image, bars, box = fig.data
    assert image.z[-1][0] == 1.0 and np.sum(image.z) == 1.0        # drawn with row 0 at the top
    assert np.allclose(bars.y, output * BAR_HEIGHT)
    assert bars.marker.color[7] == STANDARD.answer and bars.marker.color[0] == OTHER_BAR
    words = " ".join(a.text for a in fig.layout.annotations)
    assert "13,002 knobs" in words and "784 in" in words and "10 out" in words
    assert box.hovertemplate.startswith("12,960 weights + 42 biases")
