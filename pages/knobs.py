"""Turn the knobs: change biases and weights of the real network and see what changes downstream.

The sliders, the network, the output bars and the test accuracy are one live view drawn in the
browser (ui/live/network.py): they answer while a slider moves, and the change comes back here
once, when the drag ends, where nn_core recomputes what the rest of the page shows.
"""
import numpy as np
import streamlit as st

from figures.neuron_closeup import contributions_figure, template_figure
from nn_core.network import forward
from ui import alt_text, charts, navigation, page_words, presenter, state
from ui.cache_keys import digest
from ui.fragments import page_fragment
from ui.lesson.veil import HIDDEN, veiled
from ui.live import network as live_network
from ui.pages.knobs import controls as knobs
from ui.pages.knobs.experiments import experiments_panel
from ui.patches.frame import require_app_frame
from ui.plain import plain
from ui.scores import test_scores

require_app_frame()  # before anything is drawn (see ui/patches/frame.py)

page_words.title("Turn the knobs", "neuron", "activation", "layer", "weight", "bias", "sigmoid", "cost", "gradient",
                 "test digits")
page_words.intro("Learning means finding good weights and biases. Here you can change them by hand: raise a bias and "
                 "its neuron fires more easily; cut a neuron's weights and it stops seeing its inputs. The picture, the "
                 "answer and the test accuracy follow while you drag. Your changes are yours alone: nobody else's "
                 "network changes, and “Reset” puts the trained values back.")

edits = knobs.current_edits()
digit = state.current_input()
pixels = state.current_pixels()

layer = knobs.layer_picker(edits)
# the live view right under the layer it shows; under it the experiments that turn its knobs, then the weight its
# slider moves (chosen first: the view needs it, so the boxes are filled out of screen order)
live_box, experiments_box = st.container(), st.container()
with st.container(key="knobs_weight_target"):
    neuron, source, source_name = knobs.weight_target(edits, layer)


@page_fragment()
def live_part() -> None:
    """What a release changes: it reruns only this part. A release that changes what the section below
    shows (the chosen neuron's weights, its inputs or its activation) reruns the whole page instead."""
    result = forward(edits.network, pixels)
    scores = test_scores(edits)
    panels = live_network.Panels(bias=True, weights=True, outputs=True, accuracy=not veiled("silenced_worst_digit"))
    data = live_network.base_data(edits.trained, pixels, label=digit.label if digit else None,
                                  description=digit.description if digit else "A blank image", panels=panels,
                                  input_edges=6)
    data = live_network.with_test_digits(data)
    data.update(
        edits=live_network.edits_data(edits), numbered=layer,
        controls=knobs.bias_controls(edits, layer, np.asarray(result.activations[layer])),
        weight_controls=knobs.weight_controls(edits, layer, neuron, source, source_name),
        trained_scores={"accuracy": scores.trained_accuracy, "per_digit": [float(v) for v in scores.trained_per_digit]},
        scores={"accuracy": scores.accuracy, "per_digit": [float(v) for v in scores.per_digit]},
    )
    colours = state.palette()
    data["texts"].update(accuracy_title="On the 1,000 unseen test digits",
                         per_digit=f"Accuracy by true digit. Outlines: the trained network. Bars: now; "
                                   f"{colours.negative_name} where a digit lost more than 5 points, "
                                   f"{colours.positive_name} where it gained more than 5, grey otherwise.")
    live_network.show(data, key=state.KNOBS_LIVE, on_release=knobs.released)
    if not panels.accuracy:
        st.info(f"The test accuracy, overall and by digit: {HIDDEN}.", icon=":material/visibility_off:")
    page_words.after_figure()
    if st.session_state.get(state.KNOBS_REFUSED):
        st.warning(plain(st.session_state[state.KNOBS_REFUSED]), icon=":material/block:")
    knobs.reset_buttons(edits, layer, neuron)
    if edits.is_edited:
        st.button("Use this edited network on every page", key="knobs_use_everywhere", on_click=knobs.use_everywhere,
                  args=(edits,), icon=":material/publish:")
    if st.session_state.pop(state.KNOBS_WEIGHTS_STALE, False):
        st.rerun()


def weights_section() -> None:
    """The chosen neuron's incoming weights as they are now, and its activation for this digit."""
    network = edits.network
    result, trained = forward(network, pixels), forward(edits.trained, pixels)
    colours = state.palette()
    st.subheader("Weights of one neuron")
    unit = "digit" if layer == network.layer_count else "neuron"
    weights = network.weights[layer - 1][neuron]
    incoming = result.activations[layer - 1]
    key = (layer, digest(weights), digest(incoming), colours.name)
    if layer == 1:
        charts.show(charts.remembered(("template",) + key, lambda: template_figure(weights, incoming, colours)),
                    key="knobs_template", alt=alt_text.weights_and_input(f"hidden-1 neuron {neuron}", weights, incoming,
                                                                         colours.positive_name, colours.negative_name))
    else:
        charts.show(charts.remembered(("contributions",) + key,
                                      lambda: contributions_figure(weights, incoming, "neuron", colours)),
                    key="knobs_contributions")
    a = float(result.activations[layer][neuron])
    st.markdown(f"The incoming weights of {unit} {neuron}, as they are now. Its activation for this digit: "
                f"**a = {a:.3f}** (trained: {float(trained.activations[layer][neuron]):.3f}).")


with live_box:
    live_part()
with experiments_box, presenter.aside("Experiments to try"):   # each one turns knobs in the picture above
    experiments_panel()
weights_section()

st.write(f"Tuning {edits.network.params.size:,} knobs by hand to make the network better is hopeless. The computer does it "
         "instead: it measures how wrong the network is on labelled examples (the cost) and follows the slope "
         "downhill. First, the labelled examples.")
navigation.cost_link()
navigation.show_next("knobs")
