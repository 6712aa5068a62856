"""Every value a settings table accepts is one its page's widget can show (review 2026-12-06, F6).

A table's bounds and its widget's bounds must be one source: ``/descent?mu=0.99`` was accepted by the table
(0 to 0.99) and refused by the momentum slider (0 to 0.95), which broke the page for the whole session. Here
each page is opened from a link holding every row's lowest value, then its highest, then its middle one (a
table's ``values``), and the page must run without an error and its widget show the value the link gave.
"""
import pytest

from tests.app.test_links_and_display import open_link
from tests.app.test_page_links import CORRECTED, script
from ui.links.kinds import Choice, Number
from ui.links.tables import TABLES

WIDGET_TYPES = ("slider", "select_slider", "number_input", "selectbox", "radio", "toggle", "checkbox",
                "button_group", "text_input")
ENDS = ("low", "high", "middle")


def end_value(kind, end: str):
    """The lowest, highest or middle value ``kind`` accepts (a choice's first, last or middle option)."""
    if isinstance(kind, Number):
        middle = (kind.low + kind.high) / 2
        return {"low": kind.low, "high": kind.high, "middle": int(middle) if kind.whole else middle}[end]
    values = kind.values
    return {"low": values[0], "high": values[-1], "middle": values[len(values) // 2]}[end]


def link_of(table, end: str) -> dict[str, tuple[str, object]]:
    """Link name -> (its text, the value it means) for every row of ``table`` at ``end`` of its values."""
    chosen = {}
    for row in table.rows:
        if row.url and isinstance(row.kind, Choice | Number) and row.kind.values:
            value = end_value(row.kind, end)
            text = row.kind.write(value)
            chosen[row.url] = (text, row.kind.parse(text))   # (as the link writes it: 500, not 500.00005)
    return chosen


def widgets_by_key(at) -> dict:
    return {widget.key: widget for kind in WIDGET_TYPES for widget in at.get(kind) if getattr(widget, "key", None)}


CASES = [(table, end) for table in TABLES if link_of(table, "low") for end in ENDS]


@pytest.mark.parametrize("table, end", CASES, ids=[f"{table.page}:{end}" for table, end in CASES])
def test_every_table_value_opens_its_page_and_its_widget_shows_it(table, end):
    chosen = link_of(table, end)
    maths = {} if "level" in chosen else {"level": "full"}   # the full level shows every widget
    at = open_link(script(table), **maths, **{name: text for name, (text, _) in chosen.items()})
    broken = [e.value for e in at.error if "could not be shown" in e.value]
    assert not at.exception and not broken, (chosen, at.exception, broken)
    shown = widgets_by_key(at)
    for row in table.rows:
        if row.url not in chosen or row.key in CORRECTED or row.key not in shown:
            continue
        value = shown[row.key].value
        wanted = chosen[row.url][1]
        assert value == wanted or value == [wanted], (row.url, chosen[row.url], value)
