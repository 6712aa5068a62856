"""The app's frame: page config, session state, the shared sidebar, and navigation.

Run with `make run` (or `streamlit run app.py`). Every page is a script in pages/; each
works when opened directly by its URL, because this frame runs first.
"""
import sys

import streamlit as st

from ui import allocator

allocator.tune()  # before the visitors' threads allocate (see ui/allocator.py)

# Every visitor's script runs on a thread of this one process. Handing the interpreter lock
# over every millisecond (instead of every 5 ms) keeps a slider answering quickly while
# another visitor's network trains.
sys.setswitchinterval(0.001)

st.set_page_config(page_title="Neural network explainer", page_icon=":material/psychology:", layout="wide")

from ui import activity, guard, lesson_order, sidebar, state, urls, widget_values  # noqa: E402  (after set_page_config)

widget_values.install()  # before any widget reads a value a browser sent

PAGES = [st.Page(page.script, title=page.title, icon=page.icon, default=not page.url_path,
                 **({"url_path": page.url_path} if page.url_path else {})) for page in lesson_order.PAGES]

# Projector mode: larger text everywhere, and labels that wrap at word breaks instead of being
# cut off with "…" (Streamlit truncates metric labels, buttons and segmented controls to fit).
LARGE_TEXT_CSS = """<style>
html { font-size: 19px; }
[data-testid='stSidebar'] { min-width: 320px; }
[data-testid='stMetricLabel'] *, [data-testid='stMetricValue'] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; }
[data-testid='stMetricValue'] { font-size: 1.9rem; }
[data-testid='stButtonGroup'] > div { flex-wrap: wrap; }
button, button * { white-space: nowrap; text-overflow: clip !important; }
button { min-width: fit-content !important; flex-shrink: 0 !important; }
[data-testid='stWidgetLabel'] * { word-break: normal !important; overflow-wrap: normal !important; }
[data-testid='stHorizontalBlock'], .stHorizontalBlock { flex-wrap: wrap; }
</style>"""

state.init()
state.keep_widget_values()  # before any page draws its widgets
for problem in urls.apply_link():  # a shared link's settings, on the session's first run
    st.toast(f"Part of the link could not be used and was ignored: {problem}", icon=":material/link_off:")
activity.note_interaction(state.session_id())  # a full run: someone is using the page
page = st.navigation(PAGES)
state.note_page(page.url_path)
if st.session_state[state.LARGE_TEXT]:
    st.html(LARGE_TEXT_CSS)
with guard.kindly("the sidebar"):
    sidebar.show()
urls.write_link()
with guard.kindly(page.url_path or "home"):
    page.run()
urls.write_link()
