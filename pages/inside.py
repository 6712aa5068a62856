"""Inside the network: the signal flowing from the pixels to the answer, layer by layer."""
import streamlit as st

from nn_core.explain import neuron_story
from nn_core.network import forward
from ui import navigation, page_words, presenter, state
from ui.fragments import page_fragment
from ui.live import network as live_network
from ui.pages.inside import flow as network_view
from ui.pages.inside import matrix
from ui.pages.inside.closeup import show_neuron
from ui.patches.frame import require_app_frame

require_app_frame()  # before anything is drawn (see ui/patches/frame.py)

page_words.title("Inside the network", "neuron", "activation", "layer", "weight", "bias", "sigmoid", "softmax",
                 "test digits")
model = state.current_model()
network = model.network
digit = state.current_input()
pixels = state.current_pixels()
result = forward(network, pixels)
layers = network.layer_count
looking = (f"Looking at **{digit.description}**. The network answers **{result.prediction}**." if digit else
           "No digit yet: the network below sees a blank image. Draw or pick one first.")
if presenter.on():   # the figure shows the digit itself: the words wait below it
    page_words.intro(looking, network_view.layer_rule(network))
else:   # one line above the figure: which digit it looks at; the rule of the layers under it
    page_words.intro(network_view.layer_rule(network))
    with st.container(horizontal=True, vertical_alignment="center"):
        (st.markdown if digit else st.info)(looking)
        st.page_link("pages/draw.py", label="Change the digit", icon=":material/draw:")

options = list(range(layers + 1)) + ["all"]
if st.session_state.get(state.FLOW_STEP) not in options:
    st.session_state[state.FLOW_STEP] = "all"


@page_fragment()
def flow() -> None:
    """The live view (the flow plays in the browser), then the neuron chosen in it or in the boxes below."""
    step = st.session_state[state.FLOW_STEP]
    data = live_network.base_data(network, pixels, label=digit.label if digit else None,
                                  description=digit.description if digit else "A blank image",
                                  panels=live_network.Panels(flow=True, head=False),
                                  input_edges=st.session_state[state.INPUT_EDGES])
    data.update(step=None if step == "all" else step, selected=st.session_state.get(state.SELECTED_NEURON),
                selectable=True, play_seconds=network_view.PLAY_SECONDS)
    data["texts"]["steps"] = [network_view.step_label(layers)(option) for option in options]
    live_network.show(data, key=state.INSIDE_LIVE, on_step=lambda: network_view.step_chosen(state.INSIDE_LIVE, layers),
                      on_select=lambda: network_view.neuron_clicked(state.INSIDE_LIVE, network.sizes),
                      on_edges=lambda: network_view.edges_chosen(state.INSIDE_LIVE))
    page_words.after_figure()
    st.markdown("##### A neuron up close")
    st.caption("Click a neuron in the picture, or choose one here.")
    chosen = network_view.neuron_choice(network.sizes)
    if chosen is not None:
        show_neuron(model, neuron_story(network, result, *chosen))


flow()
matrix.show(network, result)   # the full level: the first layer as a matrix times a column
navigation.show_next("inside")
