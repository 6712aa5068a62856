"""The teacher's console: a class code for the board, then the class's progress, answers, handwriting and challenge."""
import streamlit as st

from ui import page_words
from ui.classroom import console as class_console
from ui.classroom import shared
from ui.patches.frame import require_app_frame

require_app_frame()  # before anything is drawn (see ui/patches/frame.py)

page_words.title("Teacher's console", "activation", "test digits")
shared.require_store()
if class_console.signed_in() is None:
    st.markdown("Open a class to get a short **class code** for the board and a **teacher key**, shown once. "
                "Students join on *Join a class*; this console then shows their answers and drawings, lets you move "
                "everyone to a lesson step, and ranks the models they train. Put it on the projector: it shows only "
                "nicknames, counts and drawings, never who wrote which answer.")
    class_console.open_or_sign_in()
else:
    class_console.console()
    with st.container(horizontal=True):
        st.button("Sign out of this console", key="class_sign_out", on_click=class_console.sign_out,
                  icon=":material/logout:")
        class_console.close_part()
