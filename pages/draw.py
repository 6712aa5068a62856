"""Draw a digit (or pick or upload one) and see what the network says."""
import numpy as np
import streamlit as st

from figures.images import enlarge, framed, thumbnail
from figures.outputs import output_bars
from nn_core.network import forward
from ui import charts, draw_page, lesson_order, state
from ui.frame import require_app_frame
from ui.words import confidence_words

require_app_frame()  # before anything is drawn (see ui/frame.py)

st.title("Draw a digit")
st.write("The network reads your digit as 784 numbers, one per pixel of a 28x28 grid. Each of its 10 output "
         "neurons lights up a little or a lot; the brightest one is its answer. Draw a digit and watch the answer "
         "change while you draw.")

BARS_CAPTION = "Each bar is one output neuron's activation: how strongly the network thinks it is that digit. "
SURE_CAPTION = "Being sure is not the same as being right: try a scribble, or a digit written sloppily."

source = draw_page.source_picker()
model = state.current_model()
adds_up = "The ten add up to 1, like probabilities. " if model.network.cost.probabilities else ""
if source == "draw":
    digit = draw_page.drawing_pad()
    st.caption("While you draw, your browser reads the pad the way the server does (crop to the ink, scale to "
               "20 px, centre) and runs the network itself, many times a second. When you lift the pen, the "
               "drawing goes to the server once: it reads the drawing again and gives the answer every page uses.")
    if digit is not None:
        st.caption(BARS_CAPTION + adds_up + SURE_CAPTION)
        st.page_link("pages/inside.py", label="See how it got there: inside the network →", icon=":material/hub:")
    elif state.current_input() is not None:
        st.caption(f"The other pages still show {state.current_input().description} until you draw.")
else:
    left, right = st.columns([1, 1], gap="large")
    with left:
        if source == "test":
            draw_page.test_digit_controls()
        else:
            draw_page.upload_controls()
    digit = state.current_input()
    with right:
        if digit is None:
            st.info("Upload a picture of one handwritten digit: the network answers as soon as it is read.")
        else:
            result = forward(model.network, digit.pixels)
            output = result.output
            answer = int(np.argmax(output))
            st.markdown(f"<div style='font-size:4.5rem;font-weight:700;line-height:1' aria-label='answer'>{answer}</div>",
                        unsafe_allow_html=True)
            st.markdown(f"**The network says {answer}** — {confidence_words(output, model.network.cost.probabilities)}.")
            if digit.label is not None:
                verdict = (":material/check_circle: right" if answer == digit.label
                           else f":material/cancel: wrong: it is a {digit.label}")
                st.caption(f"{digit.description[0].upper()}{digit.description[1:]}: {verdict}.")
            charts.show(output_bars(output, digit.label, state.palette()), key="output_bars")
            st.caption(BARS_CAPTION + adds_up + SURE_CAPTION)
            st.page_link("pages/inside.py", label="See how it got there: inside the network →", icon=":material/hub:")

if digit is not None:
    st.subheader("How the network reads it")
    reading = digit.reading
    if reading is None:
        st.image(enlarge(digit.pixels.reshape(28, 28), 140), caption="already 28x28: what the network sees", width=140)
    else:
        size = digit.size or (reading.ink.shape[1], reading.ink.shape[0])
        columns = st.columns(4)
        steps = [
            (thumbnail(reading.ink, 140), f"1. the {digit.source} ({'x'.join(map(str, size))})"),
            (thumbnail(reading.cropped, 140), "2. cropped to the ink"),
            (framed(reading.scaled, 140, frame=20), "3. scaled: longest side 20 px"),
            (enlarge(reading.centred, 140), "4. centred in 28x28 by its centre of mass: the 784 inputs"),
        ]
        for column, (image, caption) in zip(columns, steps):
            column.image(image, caption=caption, width=140)
        st.caption("This is how the MNIST digits the network learned from were prepared, so your drawing is "
                   "made to look like them: any size, anywhere in the picture.")
lesson_order.show_next("draw")
