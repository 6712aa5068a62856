"""Labelled data: the training digits the network learns from, and the test digits it never sees."""
import numpy as np
import streamlit as st

from figures.images import enlarge
from figures.training import class_counts_figure
from ui import alt_text, charts, datasets, navigation, page_words, state
from ui.pages.data import class_averages, class_parts
from ui.patches.frame import require_app_frame

require_app_frame()  # before anything is drawn (see ui/patches/frame.py)

PER_PAGE = 48

page_words.title("Training data and test data", "cost", "test digits")   # ("cost": the link to the next page)
st.write("A network learns from **labelled** examples: images of digits together with the digit a person said "
         "each one is. The **training** digits are the only ones it learns from. The **test** digits are kept "
         "apart: it never trains on them, so its score on them says how well it reads handwriting it has never seen.")

train, test = datasets.picker()

st.subheader("How many of each")
charts.show(class_counts_figure(train.class_counts(), test.class_counts()), key="class_counts",
            alt=alt_text.class_counts(train.class_counts(), test.class_counts()))

st.subheader("The average training digit of each class")
averages = class_averages(train)   # once per data set, for every visitor (ui/pages/data.py)
st.image(averages, caption=[f"average {d}" for d in range(10)], width=84, alt=[alt_text.class_average(d) for d in range(10)])
st.caption("Blurry, because every writer's digit is a little different: the network must learn what they share.")

st.subheader("Browse the examples")
left, middle, right = st.columns(3)
part = left.segmented_control("Which", ["training", "test"], key=state.BROWSE_PART, required=True,
                              format_func={"training": "training digits", "test": "test digits"}.get)
digit = middle.selectbox("Digit", ["all"] + list(range(10)), key=state.BROWSE_DIGIT)
digits = train if part == "training" else test
# a fixed shuffle, so "all" shows every kind of digit rather than the zeros first
order = np.random.default_rng(0).permutation(len(digits))
index = order if digit == "all" else order[digits.labels[order] == digit]
pages = max(1, -(-len(index) // PER_PAGE))
if not 1 <= st.session_state.get(state.BROWSE_PAGE, 1) <= pages:
    st.session_state[state.BROWSE_PAGE] = 1
page = right.number_input(f"Page (of {pages})", 1, pages, key=state.BROWSE_PAGE)
shown = index[(page - 1) * PER_PAGE: page * PER_PAGE]
st.image([enlarge(digits.images[i] / 255.0, 56) for i in shown],
         caption=[f"#{i}: {digits.labels[i]}" for i in shown], width=56,
         alt=alt_text.digits(f"{part} digit", shown, digits.labels[shown]))
st.caption(f"{len(index):,} {part} digits" + ("" if digit == "all" else f" labelled {digit}") +
           ". The label under each is what the network is taught (training) or checked against (test).")

st.subheader("Why keep the test digits apart?")
st.write("A network can do well on the digits it learned from by remembering them, without having learned what "
         "a 3 looks like. Only digits it has never seen can tell the difference, so the test digits are never "
         "used for learning: they are how we check that it reads handwriting in general.")
class_parts(train)   # in a class: 3,500 to learn from, 500 to compare the class's models, 1,000 to test
navigation.show_next("data")
