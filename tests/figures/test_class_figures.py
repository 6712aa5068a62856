"""The console's pictures (review N28): a lone guess, a class that reads every drawing right."""
import numpy as np

from figures.classroom import guess_spread_figure
from figures.training import confusion_figure


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


def test_a_confusion_matrix_without_confusions_is_white_off_the_diagonal():
    right_only = np.diag([1, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    heat = confusion_figure(right_only).data[0]
    assert heat.zmin == 0.0 and heat.zmax > 0.0 and float(np.max(heat.z)) == 0.0   # every cell at the white end
    assert list(heat.x) == [str(d) for d in range(10)] and list(heat.y) == [str(d) for d in range(9, -1, -1)]
    confused = right_only.copy()
    confused[3, 5] = 4
    heat = confusion_figure(confused).data[0]
    assert float(np.max(heat.z)) == heat.zmax == np.log1p(4)
