"""The app's frame: page config, session state, the shared sidebar, and navigation.

Run with `make run` (or `streamlit run app.py`). Every page is a script in pages/; each
works when opened directly by its URL, because this frame runs first.
"""
import sys
from pathlib import Path

import streamlit as st

from ui.patches import allocator

allocator.tune()  # before the visitors' threads allocate (see ui/patches/allocator.py)

# Every visitor's script runs on a thread of this one process. Handing the interpreter lock
# over every millisecond (instead of every 5 ms) keeps a slider answering quickly while
# another visitor's network trains.
sys.setswitchinterval(0.001)

from ui import activity, glossary, guard, navigation, presenter, session, sidebar, state  # noqa: E402
from ui.classroom import student  # noqa: E402
from ui.lesson import card, progress  # noqa: E402
from ui.links import tables  # noqa: E402
from ui.live import preload, screen  # noqa: E402
from ui.patches import callbacks, readable, uploads, widget_values  # noqa: E402

widget_values.install()  # before any widget reads a value a browser sent
uploads.install()  # uploads nobody asked for are refused (see ui/patches/uploads.py)
callbacks.install()  # a callback runs to its end (see ui/patches/callbacks.py)

# Every screen: rows of choices (segmented controls) wrap instead of scrolling sideways, page links
# wrap instead of being cut off mid-word (Streamlit keeps both on one line), and columns stack when
# the page's own column is narrow.
BASE_CSS = """<style>
[data-testid='stButtonGroup'] > div { flex-wrap: wrap; }
[data-testid='stPageLink'] a, [data-testid='stPageLink'] a * { white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; }
[data-testid='stPageLink'] a { height: auto !important; }
/* columns one under the other once the page's column is narrow: a phone, or a portrait tablet with the
   sidebar open (Streamlit stacks them only below a 640 px window, whatever the sidebar takes) */
[data-testid='stMainBlockContainer'] { container-type: inline-size; }
@container (max-width: 600px) {
  [data-testid='stHorizontalBlock']:has(> [data-testid='stColumn']) { flex-direction: column; flex-wrap: nowrap; }
  [data-testid='stHorizontalBlock'] > [data-testid='stColumn'] { width: 100% !important; flex: 1 1 auto !important;
    min-width: 0; }
}
</style>"""

# Projector mode: larger text everywhere, and labels that wrap at word breaks instead of being
# cut off with "…" (Streamlit truncates metric labels, buttons and segmented controls to fit).
LARGE_TEXT_CSS = """<style>
html { font-size: 19px; }
[data-testid='stSidebar'][data-collapsed='false'] { min-width: 320px; }  /* folded, it must fold away entirely */
[data-testid='stMetricLabel'] *, [data-testid='stMetricValue'] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; }
[data-testid='stMetricValue'] { font-size: 1.9rem; }
button, button * { white-space: nowrap; text-overflow: clip !important; }
button { min-width: fit-content !important; flex-shrink: 0 !important; }
@media (max-width: 640px) {  /* a phone: a long label wraps inside its button rather than run off the screen */
  button, button * { white-space: normal !important; }
  button { min-width: 0 !important; flex-shrink: 1 !important; max-width: 100%; }
}
[data-testid='stWidgetLabel'] * { word-break: normal !important; overflow-wrap: normal !important; }
[data-testid='stHorizontalBlock'], .stHorizontalBlock { flex-wrap: wrap; }
</style>"""


def draw(page) -> None:
    """Everything a full run draws, once the session and the link are taken in."""
    with guard.kindly("the class"):
        student.catch_up()  # in a class: what the teacher changed since this page last looked (the class bell reruns it)
    progress.follow(page.url_path)  # Back, Next, a jump in the lesson or the teacher's move opens the step's page
    class_slot = student.follow_slot()  # in a class: the class line, first on every page (filled after the page)
    st.html(BASE_CSS + readable.READABLE_CSS)  # (readable: what Streamlit draws too faint, see ui/patches/readable.py)
    if st.session_state[state.LARGE_TEXT]:
        st.html(LARGE_TEXT_CSS)
    with guard.kindly("the sidebar"):
        sidebar.show()
    tables.write_link()
    slot = card.card_slot()  # the lesson's card, docked above the page (filled after it, so it sees what the page did)
    with guard.kindly(page.url_path or "home"):
        page.run()
        glossary.held_row()   # the presenter layout writes the page's words row after the page
    with guard.kindly("the lesson"):
        card.fill(slot, page.url_path)
    with guard.kindly("the class"):
        student.follow_class(class_slot)   # in a class: revealed answers go to the class; the teacher's moves reach this page
        student.keep_seat()      # ... and the seat survives a reload of the tab or a restart of the server
    tables.write_link()
    screen.watch()  # the browser says if this is a narrow screen (for the figures the server draws)
    preload.charts_when_idle()  # the chart library loads while the visitor reads the first page (ui/live/preload.py)
    progress.arrived(page.url_path)  # a move to a step is over once its page is drawn whole


def run() -> None:
    """One full run: the session and the link taken in, the page chosen, then everything drawn."""
    # The tab's icon is a file of ours: a material icon here makes the browser fetch it from Google's font server.
    st.set_page_config(page_title="Neural network explainer", page_icon=str(Path(__file__).parent / "assets" / "icon.png"),
                       layout="wide")
    session.init()
    session.keep_widget_values()  # before any page draws its widgets
    page = st.navigation(navigation.st_pages(Path(__file__).parent))
    for problem in tables.apply_link(page.url_path):  # a shared link's settings (and its page's), on the first run
        st.toast(f"Part of the link could not be used and was ignored: {problem}", icon=":material/link_off:")
    presenter.applied_page_config()  # the presenter layout folds the sidebar (and brings large text)
    activity.note_interaction()  # a full run: someone is using the page
    state.note_page(page.url_path)
    draw(page)


# A run the class bell started waits for its turn before it does anything at all (thirty pages starting together
# would share the interpreter until each reached its turn): the room's own clicks go first (ui/classroom/turns.py).
with student.bell_turn():
    run()
