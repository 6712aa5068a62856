"""Draw a digit (or pick or upload one) and see what the network says."""
import numpy as np
import streamlit as st

from figures.outputs import output_bars
from nn_core.network import forward
from ui import alt_text, charts, navigation, page_words, state
from ui.classroom import student
from ui.fragments import page_fragment
from ui.lesson.veil import HIDDEN, veiled
from ui.pages.draw import inputs
from ui.patches.frame import require_app_frame
from ui.words import a_digit, confidence_words

require_app_frame()  # before anything is drawn (see ui/patches/frame.py)

page_words.title("Draw a digit", "neuron", "activation", "layer", "bias", "sigmoid", "test digits")
page_words.intro("The network reads your digit as 784 numbers, one per pixel of a 28x28 grid. Each of its 10 output "
                 "neurons lights up a little or a lot; the brightest one is its answer. Draw a digit and watch the answer "
                 "change while you draw.")


@page_fragment(full_run=True)
def drawing_part() -> None:
    """A drawing sent by the pad reruns only this: the pad, its answer, the reading steps, and in a class the
    button that gives the drawing to the class (never given by itself)."""
    inputs.drawing_part()
    student.give_drawing_controls(state.current_input())


source = inputs.source_picker()
if source == state.DRAWING:
    drawing_part()   # the pad, its live answer and the reading steps
    page_words.after_figure()
else:
    model = state.current_model()
    left, right = st.columns([1, 1], gap="large")
    with left:
        if source == state.TEST_DIGIT:
            inputs.test_digit_controls()
        elif source == state.NOISE:
            inputs.noise_controls()
        else:
            inputs.upload_controls()
    digit = state.current_input()
    with right:
        if digit is None:
            st.info("Upload a picture of one handwritten digit: the network answers as soon as it is read.")
        elif veiled("network_answer"):   # the lesson asks to predict it: predict, then reveal
            st.info(f"The network's answer and its output bars: {HIDDEN}.", icon=":material/visibility_off:")
        else:
            output = forward(model.network, digit.pixels).output
            answer = int(np.argmax(output))
            st.markdown(f"<div style='font-size:4.5rem;font-weight:700;line-height:1'>{answer}</div>",
                        unsafe_allow_html=True)
            st.markdown(f"**The network says {answer}** — {confidence_words(output, model.network.cost.probabilities)}.")
            if digit.noise_seed is not None:
                st.markdown(inputs.noise_words(output, model.network))
            if digit.label is not None:
                verdict = (":material/check_circle: right" if answer == digit.label
                           else f":material/cancel: wrong: it is {a_digit(digit.label)}")
                st.caption(f"{digit.description[0].upper()}{digit.description[1:]}: {verdict}.")
            charts.show(charts.shared(output_bars, output, digit.label, state.palette()), key="output_bars",
                        alt=alt_text.output_bars(output, digit.label))
            st.caption(inputs.bars_caption(model.network))
            st.page_link("pages/inside.py", label="See how it got there: inside the network →", icon=":material/hub:")
    page_words.after_figure()
    if digit is not None:
        inputs.reading_steps(digit)
navigation.show_next("draw")
