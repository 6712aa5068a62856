"""Inside the network: the signal flowing from the pixels to the answer, layer by layer."""
import streamlit as st

from figures.images import enlarge
from nn_core.explain import neuron_story
from nn_core.network import forward
from ui import charts, lesson_order, network_view, state
from ui.frame import require_app_frame
from ui.guard import guarded
from ui.neuron_closeup import show_neuron

require_app_frame()  # before anything is drawn (see ui/frame.py)

st.title("Inside the network")
model = state.current_model()
network = model.network
st.write(network_view.layer_rule(network))
digit = state.current_input()
pixels = state.current_pixels()
result = forward(network, pixels)
layers = network.layer_count

picture, summary = st.columns([1, 6], vertical_alignment="center")
picture.image(enlarge(pixels.reshape(28, 28), 84))
if digit is None:
    summary.info("No digit yet: the network below sees a blank image. Draw or pick one first.")
else:
    summary.markdown(f"Looking at **{digit.description}**. The network answers **{result.prediction}**.")
summary.page_link("pages/draw.py", label="Change the digit", icon=":material/draw:")

st.button("Play the pass", icon=":material/play_arrow:", on_click=network_view.start_playing, key="play_flow",
          help="Watch the signal travel from the input to the answer, one layer at a time")


@st.fragment(run_every=network_view.PLAY_SECONDS if st.session_state.get(state.PLAYING) else None)
@guarded
def flow() -> None:
    if st.session_state.get(state.PLAYING):
        network_view.advance_animation(layers)
        if not st.session_state[state.PLAYING]:
            st.rerun()  # the last step: stop the timer by redrawing the whole page
    options = list(range(layers + 1)) + ["all"]
    if st.session_state.get(state.FLOW_STEP) not in options:
        st.session_state[state.FLOW_STEP] = "all"
    st.segmented_control("Signal has reached", options, key=state.FLOW_STEP, required=True,
                         format_func=network_view.step_label(layers))
    step = st.session_state[state.FLOW_STEP]
    step = None if step == "all" else step
    selected = st.session_state.get(state.SELECTED_NEURON)
    figure = network_view.cached_network_figure(state.model_key(), network, result, step,
                                                st.session_state[state.INPUT_EDGES], selected)
    event = charts.show(figure, key="network_chart", on_select="rerun", selection_mode="points")
    clicked = network_view.selection_from_event(event)
    if clicked is not None and clicked != st.session_state.get(state.SELECTION_SEEN):
        st.session_state[state.SELECTION_SEEN] = clicked
        st.session_state[state.SELECTED_NEURON] = clicked
        st.rerun(scope="fragment")

    st.slider("Connections drawn from the image into each first-layer neuron", 1, 30, key=state.INPUT_EDGES,
              help="The strongest signals w·a; the image has 784 connections into every first-layer neuron")
    st.markdown("##### A neuron up close")
    st.caption("Click a neuron in the picture, or choose one here.")
    chosen = network_view.neuron_choice(network.sizes)
    if chosen is not None:
        show_neuron(model, neuron_story(network, result, *chosen))


flow()
lesson_order.show_next("inside")
