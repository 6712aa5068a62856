"""The app's frame: page config, session state, the shared sidebar, and navigation.

Run with `make run` (or `streamlit run app.py`). Every page is a script in pages/; each
works when opened directly by its URL, because this frame runs first.
"""
import streamlit as st

st.set_page_config(page_title="Neural network explainer", page_icon=":material/psychology:", layout="wide")

from ui import sidebar, state  # noqa: E402  (after set_page_config)

PAGES = [
    st.Page("pages/home.py", title="What is a neural network?", icon=":material/psychology:", default=True),
    st.Page("pages/draw.py", title="Draw a digit", icon=":material/draw:", url_path="draw"),
    st.Page("pages/inside.py", title="Inside the network", icon=":material/hub:", url_path="inside"),
    st.Page("pages/neuron.py", title="One neuron", icon=":material/radio_button_checked:", url_path="neuron"),
    st.Page("pages/knobs.py", title="Turn the knobs", icon=":material/tune:", url_path="knobs"),
]

state.init()
page = st.navigation(PAGES)
state.note_page(page.url_path)
sidebar.show()
page.run()
