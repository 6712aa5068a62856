"""Turn the knobs: change biases and weights of the real network and see what changes downstream."""
import numpy as np
import streamlit as st

from figures.accuracy import per_digit_figure
from figures.images import enlarge
from figures.neuron_closeup import contributions_figure, template_figure
from figures.outputs import output_bars
from nn_core.network import forward
from ui import charts, knobs, lesson_order, network_view, state
from ui.frame import require_app_frame
from ui.scores import test_scores

require_app_frame()  # before anything is drawn (see ui/frame.py)

st.title("Turn the knobs")
st.write("Learning means finding good weights and biases. Here you can change them by hand: raise a bias and "
         "its neuron fires more easily; cut a neuron's weights and it stops seeing its inputs. Your changes stay "
         "in this browser tab: nobody else's network changes, and “Reset” puts the trained values back.")

edits = knobs.current_edits()
network = edits.network
digit = state.current_input()
pixels = state.current_pixels()
result = forward(network, pixels)
trained = forward(edits.trained, pixels)  # one pass feeds the bars' outlines and the neuron's trained a
trained_output = trained.output
changed = tuple(edits.changed_neurons())

with st.expander("Experiments to try", expanded=True):
    knobs.experiments_panel()

controls, view = st.columns([4, 7], gap="large")
with controls:
    layer = knobs.layer_picker(edits)
    knobs.bias_sliders(edits, layer, np.asarray(result.activations[layer]))
with view:
    picture, words = st.columns([1, 4], vertical_alignment="center")
    picture.image(enlarge(pixels.reshape(28, 28), 70))
    answer, trained_answer = int(np.argmax(result.output)), int(np.argmax(trained_output))
    verdict = "the same as trained" if answer == trained_answer else f"trained, it said {trained_answer}"
    words.markdown(f"**{digit.description if digit else 'A blank image'}**: the network now answers **{answer}** "
                   f"({verdict}).")
    figure = network_view.cached_network_figure(knobs.edits_key(edits), network, result, None, 6, None, changed,
                                                numbered=layer)
    charts.show(figure, key="knobs_network")
    st.caption("◇ magenta diamonds mark the neurons you changed. The layer whose biases the sliders show has its "
               "neurons numbered.")
    charts.show(output_bars(result.output, digit.label if digit else None, state.palette(), height=220,
                                reference=trained_output if edits.is_edited else None),
                    key="knobs_outputs")

scores = test_scores(edits)
st.subheader("On the 1,000 unseen test digits")
left, right = st.columns([1, 3])
left.metric("Test accuracy", f"{scores.accuracy:.1%}", delta=f"{(scores.accuracy - scores.trained_accuracy) * 100:+.1f} points"
            if edits.is_edited else None)
left.caption(f"Trained: {scores.trained_accuracy:.1%}. Recomputed on every change.")
with right:
    charts.show(per_digit_figure(scores.trained_per_digit, scores.per_digit, state.palette()), key="knobs_per_digit")
    colours = state.palette()
    st.caption(f"Outlines: the trained network. Bars: now; {colours.negative_name} where a digit lost more than 5 "
               f"points, {colours.positive_name} where it gained more than 5, grey otherwise.")

st.subheader("Weights of one neuron")
editor, detail = st.columns([2, 3], gap="large")
with editor:
    neuron, source = knobs.weight_editor(edits, layer)
with detail:
    weights = network.weights[layer - 1][neuron]
    incoming = result.activations[layer - 1]
    key = (layer, charts.digest(weights), charts.digest(incoming), state.palette().name)
    if layer == 1:
        charts.show(charts.remembered(("template",) + key, lambda: template_figure(weights, incoming, state.palette())),
                    key="knobs_template")
    else:
        charts.show(charts.remembered(("contributions",) + key,
                                      lambda: contributions_figure(weights, incoming, "neuron", state.palette())),
                    key="knobs_contributions")
    a = float(result.activations[layer][neuron])
    st.markdown(f"Its activation for this digit: **a = {a:.3f}** (trained: "
                f"{float(trained.activations[layer][neuron]):.3f}).")

if edits.is_edited:
    st.button("Use this edited network on every page", key="knobs_use_everywhere", on_click=knobs.use_everywhere,
              args=(edits,), icon=":material/publish:")

st.write(f"Tuning {network.params.size:,} knobs by hand to make the network better is hopeless. The computer does it "
         "instead: it measures how wrong the network is on labelled examples (the cost) and follows the slope "
         "downhill. First, the labelled examples.")
lesson_order.cost_link()
lesson_order.show_next("knobs")
