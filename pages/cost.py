"""Placeholder: written next."""
import streamlit as st

from ui.frame import require_app_frame

require_app_frame()  # before anything is drawn (see ui/frame.py)
st.title("cost")
