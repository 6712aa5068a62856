"""The teacher's console: a class code for the board, then the class's progress, answers, handwriting and challenge.

Three screens, one after the other: open a class (or sign in to one), the teacher key once, the console
(in the projector view: the presenter layout, for the room to see).
"""
import streamlit as st

from ui import page_words, presenter
from ui.classroom import console as class_console
from ui.classroom import shared
from ui.patches.frame import require_app_frame

require_app_frame()  # before anything is drawn (see ui/patches/frame.py)

projected = presenter.on() and class_console.signed_in() is not None and not class_console.key_waiting()
page_words.title("Join the class" if projected else "Teacher's console", "activation", "test digits")
shared.require_store()
if class_console.signed_in() is None:
    st.markdown("Open a class to get a short **class code** for the board and a **teacher key**, shown once. "
                "Students join on *Join a class*; this console then shows their answers and drawings, lets you move "
                "everyone to a lesson step, and ranks the models they train. Put it on the projector: it shows only "
                "nicknames, counts and drawings, never who wrote which answer.")
    class_console.open_or_sign_in()
elif class_console.key_waiting():
    class_console.key_screen()     # the key, once, before the console: never on the same screen
else:
    class_console.console()
    with st.container(horizontal=True, key="class_teacher_buttons"):
        if projected:
            st.button("Leave the projector view", key="class_projector_off", icon=":material/close_fullscreen:",
                      on_click=class_console.projector_view, args=(False,))
        st.button("Sign out of this console", key="class_sign_out", on_click=class_console.sign_out,
                  icon=":material/logout:")
        class_console.close_part()
