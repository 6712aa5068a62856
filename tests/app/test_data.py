"""The Data page."""
import io

import numpy as np

from tests.app.conftest import all_text, chart_specs, shown


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
    assert "bad.npz cannot be used" in shown(data_page.error[0].value)
    assert len(data_page.session_state["user_data"][0]) == 80  # the earlier data set is kept


def test_the_page_speaks_to_learners_not_to_whoever_runs_the_server(data_page):
    """m29: where the full MNIST would come from is a note on the choice (its "?"), not a sentence on the page."""
    assert "whoever runs" not in all_text(data_page)
    choice = data_page.radio(key="data_choice")
    downloaded = "full MNIST (60,000 + 10,000)" in choice.options     # (on a machine that has downloaded it)
    assert "500 of each digit" in choice.help and ("once it is downloaded" in choice.help) != downloaded
