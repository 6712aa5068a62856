"""One neuron: a function of its inputs. Weighted sum, plus bias, squashed into 0..1."""
import streamlit as st

from ui import navigation, page_words
from ui.pages.neuron import controls, live
from ui.patches.frame import require_app_frame

require_app_frame()  # before anything is drawn (see ui/patches/frame.py)

page_words.title("One neuron", "neuron", "activation", "layer", "weight", "bias", "sigmoid")
page_words.intro("A neuron is just a function: it multiplies each input activation by a weight, adds them up "
                 "(the **weighted sum** Σ w·a), adds its **bias** b, and squashes the result with an **activation "
                 "function**: a = σ(w₁a₁ + w₂a₂ + w₃a₃ + w₄a₄ + b). Move the sliders and watch each step.")

activation = controls.activation_and_presets()
inputs, weights, bias = controls.current_values()
live.show(inputs, weights, bias, activation)  # the sliders and the pictures, redrawn in the browser as they move
page_words.after_figure()
st.markdown(controls.squashing_words(activation))
navigation.show_next("neuron")
