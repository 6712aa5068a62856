"""The recap page, and the links that lead through the lesson: "Next" on every page, "the cost" wherever it is named."""
import pytest

from nn_core.bundled import load_bundled
from nn_core.data import load_embedded
from nn_core.evaluate import evaluate
from tests.app.conftest import all_text, open_app
from ui.navigation import PAGES, following


def test_the_recap_states_the_live_numbers():
    at = open_app("pages/recap.py")
    _, test = load_embedded()
    accuracy = evaluate(load_bundled("classic").network, test).accuracy
    text = all_text(at)
    assert f"it reads {accuracy:.1%} of those right" in text and "13,002" in text
    assert [link.proto.page for link in at.get("page_link")] == [p.url_path for p in PAGES[1:-1]]


@pytest.mark.parametrize("page", [p for p in PAGES if p.url_path], ids=lambda p: p.url_path)
def test_every_page_ends_with_a_link_to_the_next_one(page):
    at = open_app(page.script)
    links = [link.proto for link in at.get("page_link")]
    after = following(page.url_path)
    if after is None:
        return
    assert links and links[-1].page == after.url_path and links[-1].label.startswith(f"Next: {after.title}")


def test_pages_that_say_cost_link_to_the_cost_page():
    for page in PAGES:
        if page.url_path in ("cost", "recap"):
            continue
        at = open_app(page.script)
        if " cost" in all_text(at).lower().replace("cost for", "cost"):
            assert "cost" in [link.proto.page for link in at.get("page_link")], page.url_path

