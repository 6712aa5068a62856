"""The worksheet: the lesson's steps and questions, with room for a prediction and the measured answer; printable."""
import streamlit as st

from ui.lesson import worksheet
from ui.lesson.file import lesson
from ui.live import printing
from ui.patches.frame import require_app_frame
from ui.plain import plain

require_app_frame()  # before anything is drawn (see ui/patches/frame.py)

found = lesson()
st.title("Worksheet" if isinstance(found, str) else f"Worksheet: {found.title.lower()}")
if isinstance(found, str):
    st.error(f"The worksheet is made from the lesson file, which cannot be used: {plain(found, 800)}", icon=":material/error:")
else:
    printing.print_button("Print the worksheet (two sides of A4)")
    worksheet.sheet(found)
