"""A visitor who opens a page's URL first, on a freshly started server, gets the real app."""
import pytest

from tests.browser.harness import AppServer, assert_no_errors


@pytest.fixture
def fresh_server(tmp_path, chromium_path):
    server = AppServer(tmp_path)
    yield server
    server.stop()


def test_first_visit_by_direct_url_runs_inside_the_frame(page, fresh_server):
    page.goto(fresh_server.url + "/inside")
    page.get_by_role("heading", name="Inside the network").wait_for()
    page.get_by_text("Model in use", exact=True).wait_for()           # our sidebar, not Streamlit's automatic one
    page.get_by_text("Looking at test digit #3").wait_for()  # session state was set up
    assert page.get_by_role("link", name="Inside the network").count() >= 1
    assert_no_errors(page)
