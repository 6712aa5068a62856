"""What the speed work caches or preloads gives the same as computing it afresh (no timing is asserted)."""
from __future__ import annotations

import numpy as np
import pytest

from nn_core.data import DigitSet, load_embedded
from ui.live import preload
from ui.pages import data as averages


@pytest.fixture(scope="module")
def train() -> DigitSet:
    return load_embedded()[0]


def test_the_shared_class_averages_are_the_page_s_own_computation(train):
    shared = averages.class_averages(train)
    assert len(shared) == 10
    for made, fresh in zip(shared, averages.class_averages_of(train)):
        np.testing.assert_array_equal(made, fresh)
        assert not made.flags.writeable   # one copy for every visitor: nobody may change it
    sevens = train.images[train.labels == 7].astype(np.float64).mean(axis=0) / 255.0
    np.testing.assert_array_equal(shared[7][::3, ::3], (np.clip(sevens, 0, 1) * 255 + 0.5).astype(np.uint8))


def test_another_set_gets_its_own_averages_and_a_missing_class_is_black():
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (30, 28, 28), dtype=np.uint8)
    labels = np.repeat(np.arange(3), 10).astype(np.uint8)        # only 0, 1 and 2
    first = DigitSet(images, labels, "mine")
    second = DigitSet(255 - images, labels.copy(), "mine")       # same name and labels, other pixels
    assert averages.set_key(first) != averages.set_key(second)
    a, b = averages.class_averages(first), averages.class_averages(second)
    assert not np.array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[0], averages.class_averages_of(first)[0])
    assert not a[5].any()


def test_the_preloader_names_streamlit_s_own_plotly_module():
    """If a Streamlit upgrade renames the module, the preloader would load nothing: this fails instead."""
    chunk = preload.plotly_chunk()
    assert chunk is not None and (preload.STATIC_JS / chunk).is_file()


def test_a_shared_figure_is_built_once_for_equal_arguments_and_afresh_for_any_difference():
    from figures.colours import STANDARD
    from figures.outputs import output_bars
    from ui import charts

    output = np.linspace(0.05, 0.95, 10)
    first = charts.shared(output_bars, output, 3, STANDARD, height=200)
    assert charts.shared(output_bars, output.copy(), 3, STANDARD, height=200) is first       # equal: the same figure
    assert first.to_dict() == output_bars(output, 3, STANDARD, height=200).to_dict()         # ... as built afresh
    changed = output.copy()
    changed[9] = 0.94
    for other in (charts.shared(output_bars, changed, 3, STANDARD, height=200),              # any difference: afresh
                  charts.shared(output_bars, output, 4, STANDARD, height=200),
                  charts.shared(output_bars, output, 3, STANDARD, height=210)):
        assert other is not first
    builds = []
    unhashable = object()
    for _ in range(2):   # an argument with no fingerprint: built every time
        charts.shared(lambda thing: builds.append(thing) or first, unhashable)
    assert len(builds) == 2


def test_every_run_gets_its_own_copy_of_the_pages_made_once():
    from streamlit.testing.v1 import AppTest

    def script():
        from pathlib import Path

        import streamlit as st

        from ui import navigation

        root = Path(navigation.__file__).resolve().parent.parent
        first, second = navigation.st_pages(root), navigation.st_pages(root)
        first[3]._can_be_called = True            # as st.navigation marks its run's page
        st.write(f"distinct {all(a is not b for a, b in zip(first, second))}")
        st.write(f"same {[(p.url_path, p.title) for p in first] == [(p.url_path, p.title) for p in second]}")
        st.write(f"unmarked {not second[3]._can_be_called}")
        st.write(f"count {len(first)} {len(navigation.PAGES + navigation.KIT)}")

    at = AppTest.from_function(script).run(timeout=60)
    said = [block.value for block in at.markdown]
    assert said[:3] == ["distinct True", "same True", "unmarked True"], said
    count, expected = said[3].split()[1:]
    assert count == expected
