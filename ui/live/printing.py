"""Printing a page from the browser: a Print button and the print stylesheet.

Streamlit lays the app out in a scrolling box one screen high, so a plain print gives one screen
of the page with the sidebar beside it. On paper the stylesheet drops the app's frame (sidebar,
header, toolbar), the lesson card, the glossary row, links and buttons, lets the page run over as
many sheets as it needs, and keeps each question on one sheet.
"""
from __future__ import annotations

import streamlit as st

from ui.live.component import component

PRINT_CSS = """<style>
@media print {
  @page { size: A4; margin: 14mm 14mm 16mm 14mm; }
  html, body, .stApp, [data-testid='stApp'], [data-testid='stAppViewContainer'], [data-testid='stMain'],
  [data-testid='stMainBlockContainer'] { height: auto !important; min-height: 0 !important; overflow: visible !important;
    position: static !important; background: #fff !important; }
  [data-testid='stMainBlockContainer'] { padding: 0 !important; max-width: none !important; }
  [data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'], [data-testid='stHeader'],
  [data-testid='stToolbar'], [data-testid='stDecoration'], [data-testid='stStatusWidget'], [data-testid='stBottom'],
  .st-key-lesson_card, .st-key-glossary_row, .st-key-print_button, .st-key-screen_only,
  [data-testid='stPageLink'], [data-testid='stButton'] { display: none !important; }
  * { color: #000 !important; box-shadow: none !important; }
  h1 { font-size: 20pt !important; padding-top: 0 !important; }
  [class*='st-key-question-'] { break-inside: avoid; page-break-inside: avoid; }
  .st-key-answer_key { break-before: page; }
}
</style>"""


def print_button(label: str = "Print") -> None:
    """A button that opens the print dialog, and the stylesheet that decides what is printed."""
    st.html(PRINT_CSS)
    # (the button says "Print" from the start: its script, which puts the label in, can run after a screen reader
    # or axe-core has read the page, and a button without words has no name)
    mount = component("nn_print_button", js=("print_button.js",), css=("print_button.css",),
                      html="<button>Print</button>")
    with st.container(key="print_button"):
        mount(key="nn_print", data={"label": label}, height=50)
