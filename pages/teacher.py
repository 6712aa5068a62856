"""For teachers: how to run the lesson, and the answer key measured on the bundled model; printable."""
import streamlit as st

from ui.lesson import teacher_kit, worksheet
from ui.lesson.file import lesson
from ui.live import printing
from ui.patches.frame import require_app_frame
from ui.plain import plain

require_app_frame()  # before anything is drawn (see ui/patches/frame.py)

st.title("For teachers: the lesson and its key")
found = lesson()
if isinstance(found, str):
    st.error(f"The lesson file cannot be used: {plain(found, 800)}", icon=":material/error:")
else:
    teacher_kit.how_to_run()
    printing.print_button("Print the key")
    with st.container(key="answer_key"):
        st.subheader(f"{found.title}: the key")
        teacher_kit.key(found)
    with st.container(key="worksheet_key"):
        st.subheader("The worksheet's questions: the key")
        teacher_kit.worksheet_key(worksheet.numbers())
    teacher_kit.words(found)
