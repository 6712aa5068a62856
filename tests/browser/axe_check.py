"""axe-core (Deque's accessibility engine) on the app's pages, in the modes a learner or a teacher meets.

Shared by tests/browser/test_axe.py and scripts/axe_survey.py. axe-core's JavaScript comes inside the
``axe-playwright-python`` package (axe.min.js, axe-core 4.12), injected into the page: nothing is fetched.
Only the WCAG 2.0 and 2.1 A and AA rules run, and only serious and critical violations count.
"""
from __future__ import annotations

from dataclasses import dataclass

from ui.navigation import KIT, PAGES

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
COUNTED = ("serious", "critical")


@dataclass(frozen=True)
class Mode:
    """One way of seeing the app: a screen and the settings a link sets (ui/links/tables.py)."""
    name: str
    width: int
    height: int
    query: str            # the link's settings
    lesson: bool = False  # the lesson's card on, at the first step about the page (a page no step is about: off)


# Together: both levels, both palettes, large text, the presenter layout, a laptop, a phone and a projector,
# the lesson's card.
MODES = (
    Mode("laptop", 1400, 1000, "level=simple"),
    Mode("laptop-full-cb-lesson", 1400, 1000, "level=full&colours=colour-blind", lesson=True),
    Mode("phone-large", 390, 844, "text=large"),
    Mode("projector", 1280, 720, "view=presenter&text=large"),
)

# Every page by its URL, and the console's board (a class opened first): "console-board".
PAGE_PATHS = tuple(entry.url_path for entry in PAGES + KIT)
CONSOLE_BOARD = "console-board"


def lesson_step_about(url_path: str) -> int | None:
    """The first lesson step done on that page (None for a page no step is about: ?lesson=N opens the step's
    own page)."""
    from nn_core.lesson import lesson_path, read_lesson
    from ui.lesson.file import KNOWN

    for number, step in enumerate(read_lesson(lesson_path(), KNOWN).steps, start=1):
        if step.page == url_path:
            return number
    return None


def address(base_url: str, url_path: str, mode: Mode) -> str:
    step = lesson_step_about(url_path) if mode.lesson else None
    return f"{base_url}/{url_path}?{mode.query}" + (f"&lesson={step}" if step else "")


def serious_violations(page) -> list[dict]:
    """axe's serious and critical WCAG 2.0/2.1 A+AA violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    return [v for v in results.response["violations"] if v["impact"] in COUNTED]


def node_count(violations: list[dict]) -> int:
    return sum(len(v["nodes"]) for v in violations)


def describe(violations: list[dict], limit: int = 6) -> str:
    """Each violation: rule, impact, how many, its summary, and the first few targets with axe's message."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])}): {v['help']}")
        for node in v["nodes"][:limit]:
            target = " >> ".join(str(t) for t in node["target"])
            message = (node.get("failureSummary") or "").replace("\n", " ")[:240]
            lines.append(f"    {target}: {message}")
        if len(v["nodes"]) > limit:
            lines.append(f"    ... and {len(v['nodes']) - limit} more")
    return "\n".join(lines)


def open_class_board(page, base_url: str, query: str) -> None:
    """Open a class on the console (the teacher key's screen, then the board), as a teacher does."""
    from tests.browser.harness import wait_until_idle

    page.goto(f"{base_url}/console?{query}")
    wait_until_idle(page)
    page.get_by_role("button", name="Open a class").click()
    page.get_by_role("button", name="I have written it down").click()
    page.locator(".st-key-class_invite_code [data-testid='stText']").wait_for()
    wait_until_idle(page)
