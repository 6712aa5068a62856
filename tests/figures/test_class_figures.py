"""The console's pictures (review N28): a lone guess, a class that reads every drawing right."""
import numpy as np

from figures.classroom import guess_spread_figure
from figures.colours import COLOUR_BLIND_SAFE, STANDARD, rgba
from figures.training import CELL_OPACITY, confusion_figure


def test_a_lone_guess_is_a_narrow_bar_at_its_value():
    fig = guess_spread_figure((0.8,), (0.924,))
    bins = fig.data[0].xbins
    assert bins.size <= 0.1                     # not one bar from 0 to past the guess
    assert bins.start < 0.8 < bins.start + bins.size
    assert bins.start + 2 * bins.size > 0.8 and bins.end >= 0.924


def test_guesses_spread_over_their_range_and_the_answer():
    fig = guess_spread_figure((1.0, 2.0, 3.0, 4.0), (2.018,))
    bins = fig.data[0].xbins
    assert bins.start <= 1.0 and bins.end >= 4.0 and bins.size == 3.0 / 5


def cells(fig, name: str) -> np.ndarray:
    """A layer of the confusion figure as counts' shades, row 0 = digit 0 (the figure draws 9 at the top)."""
    heat = next(trace for trace in fig.data if trace.name == name)
    return np.asarray(heat.z, dtype=float)[::-1]


def test_a_class_that_reads_every_drawing_right_is_a_green_diagonal_on_white():
    """Review §4 row 8: 6 of 6 right was a solid pink block. Zeros are no cell at all, the diagonal the answer colour."""
    right_only = np.diag([1, 1, 0, 2, 1, 0, 0, 2, 0, 0])
    fig = confusion_figure(right_only, STANDARD)
    right, confused = cells(fig, "right"), cells(fig, "confused")
    assert np.isnan(confused).all()                                  # no confusion: not one coloured cell
    assert np.isnan(right[right_only == 0]).all()                    # zero cells: uncoloured (NaN), on the diagonal too
    assert (right[right_only > 0] > 0).all()
    heats = {trace.name: trace for trace in fig.data}
    assert heats["right"].colorscale[-1][1] == rgba((0x2C, 0xA0, 0x2C), CELL_OPACITY)   # the answer colour, #2ca02c
    assert heats["confused"].colorscale[-1][1] == rgba(STANDARD.negative, CELL_OPACITY)
    assert all(trace.zmin < 0 < np.log1p(1) <= trace.zmax for trace in fig.data)   # a lone count is tinted
    assert list(fig.data[0].x) == [str(d) for d in range(10)] and list(fig.data[0].y) == [str(d) for d in range(9, -1, -1)]


def test_a_confusion_is_one_cell_in_the_negative_colour():
    confused = np.diag([5] * 10)
    confused[3, 5] = 4
    fig = confusion_figure(confused, COLOUR_BLIND_SAFE)
    shades = cells(fig, "confused")
    assert shades[3, 5] == np.log1p(4) and np.isnan(np.delete(shades.ravel(), 3 * 10 + 5)).all()
    assert next(t for t in fig.data if t.name == "confused").colorscale[-1][1] == rgba(COLOUR_BLIND_SAFE.negative, CELL_OPACITY)
    assert np.allclose(np.diag(cells(fig, "right")), np.log1p(5))
