"""Any exception on a page, even MemoryError, is one sentence; the visitor's work is kept; no traceback leaves."""
import tomllib

import pytest

from tests.app.conftest import ROOT, open_app, shown
from ui.guard import MEMORY, OTHER


@pytest.mark.parametrize("error, sentence", [(MemoryError("Unable to allocate 45.6 TiB"), MEMORY),
                                             (ValueError("cannot convert float NaN to integer"), OTHER)])
def test_an_exception_on_a_page_is_one_sentence_and_the_work_stays(monkeypatch, error, sentence):
    import nn_core.network

    at = open_app("pages/inside.py")
    at.session_state["test_index"] = 42
    before = at.session_state["current_input"]

    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr(nn_core.network, "forward", broken)
    at.run()
    assert not at.exception
    assert [shown(e.value) for e in at.error] == [sentence]
    assert at.session_state["current_input"] is before
    assert "45.6" not in sentence and "Traceback" not in sentence
    monkeypatch.undo()
    at.run()
    assert not at.exception and not at.error                       # the next run is whole again


def test_no_traceback_reaches_a_browser():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
