"""axe-core on every page in four modes: no serious or critical WCAG 2.0/2.1 A+AA violation (issue 24).

The modes (tests/browser/axe_check.MODES) together cover both levels, both palettes, large text, the presenter
layout, a laptop, a phone and a projector, and the lesson's card; the console is checked signed out and, a class
opened, its board. One browser context per mode and worker, each page reached by its URL and checked once drawn.
`python scripts/axe_survey.py` prints the same checks as a table.
"""
from __future__ import annotations

import pytest

from tests.browser.axe_check import (
    CONSOLE_BOARD,
    MODES,
    PAGE_PATHS,
    address,
    describe,
    open_class_board,
    serious_violations,
)
from tests.browser.harness import wait_until_drawn

BOARD_MODES = ("laptop-full-cb-lesson", "projector")   # a class's board: the teacher's laptop and the projector
# Left out to keep to the suite's time (scripts/axe_survey.py still checks them): the teacher's printed pages on a
# phone, and the students' Join page on the projector.
LEFT_OUT = {("phone-large", "worksheet"), ("phone-large", "teacher"), ("projector", "join")}
CHECKS = [(mode, path) for mode in MODES for path in PAGE_PATHS if (mode.name, path) not in LEFT_OUT] + \
         [(mode, CONSOLE_BOARD) for mode in MODES if mode.name in BOARD_MODES]


@pytest.fixture(scope="module")
def tabs(browser, app_server):
    """One tab per mode for this module (a fresh server's first page load opens Home first)."""
    opened: dict[str, object] = {}

    def tab(mode):
        if mode.name not in opened:
            context = browser.new_context(viewport={"width": mode.width, "height": mode.height})
            page = context.new_page()
            page.set_default_timeout(45_000)
            page.goto(f"{app_server.url}/?{mode.query}")
            wait_until_drawn(page)
            opened[mode.name] = page
        return opened[mode.name]

    yield tab
    for page in opened.values():
        page.context.close()


@pytest.mark.parametrize(("mode", "path"), CHECKS, ids=[f"{mode.name}-{path or 'home'}" for mode, path in CHECKS])
def test_no_serious_accessibility_violations(tabs, app_server, mode, path):
    page = tabs(mode)
    if path == CONSOLE_BOARD:
        open_class_board(page, app_server.url, mode.query)
    else:
        page.goto(address(app_server.url, path, mode))
    wait_until_drawn(page)
    found = serious_violations(page)
    assert not found, f"axe-core on /{path} ({mode.name}):\n{describe(found)}"
