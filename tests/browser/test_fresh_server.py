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


def test_the_qr_codes_link_opens_join_without_page_not_found(page, fresh_server):
    """Streamlit's older mode maps a page's URL to pages/<url>.py; the first visitor's link must find it."""
    page.goto(fresh_server.url + "/join?code=K7Q2MX")
    page.get_by_role("heading", name="Join a class").wait_for()
    page.get_by_text("Model in use", exact=True).wait_for()
    assert page.get_by_text("Page not found").count() == 0
    assert_no_errors(page)
