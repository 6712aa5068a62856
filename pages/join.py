"""Join a class: the code from the board, a nickname if you like; then your page follows your teacher."""
import streamlit as st

from ui import state
from ui.classroom import joining, shared
from ui.patches.frame import require_app_frame
from ui.plain import plain

require_app_frame()  # before anything is drawn (see ui/patches/frame.py)

st.title("Join a class")
shared.require_store()
joining.check_linked_code()   # a code from a link (the QR code) that no class can have: said at once
shared.show_message()
mine = joining.seat()
if mine is None:
    st.markdown("Type the class code your teacher shows on the board. A nickname is optional; no account and "
                "no personal details are asked for.")
    with st.form("class_join", border=True, enter_to_submit=True):
        st.text_input("Class code", max_chars=12, placeholder="e.g. K7Q2MX", key=state.CLASS_JOIN_CODE)
        st.text_input("Nickname (optional)", max_chars=24, key=state.CLASS_JOIN_NICKNAME)
        # a callback, not `if st.form_submit_button(...)`: it runs before the page, so a rerun that overtakes
        # this one on a busy server (a phone's first page asks for one) cannot lose the press
        st.form_submit_button("Join", type="primary", icon=":material/login:", key="class_join_submit",
                              on_click=joining.join_from_form)
else:
    st.success(f"You are in class **{mine.code}** as {plain(mine.nickname)}.", icon=":material/groups:")
    st.caption("Every tab of this browser is in the class with you. On a shared computer, press **Leave the class** "
               "when you finish, so the next person is not. Leaving deletes your seat and what you gave the class.")
    st.button("Leave the class", key="class_leave", on_click=joining.leave, icon=":material/logout:")
st.subheader("What your teacher sees")
st.markdown(
    "- your nickname (or 'Student 7' without one), in the list of who has joined and on the challenge's board;\n"
    "- where everyone is in the lesson: your teacher can move the whole class to a step, and your page follows;\n"
    "- your answers to the lesson's questions, when you press **Reveal** (your guess and what the network measured);\n"
    "- drawings you choose to give on the **Draw a digit** page, as 28x28 digits with the label you chose;\n"
    "- models you enter in the challenge on **Watch it learn**, with the accuracy the app measures.\n\n"
    "Nothing else leaves your page, and you see nothing of anyone else's. Your teacher can also undo everyone's "
    "hand edits on **Turn the knobs**. Everything is deleted when the class closes (at the latest after its time, "
    "usually 24 hours).")
