"""Inside the network: the signal flowing from the pixels to the answer, layer by layer."""
import streamlit as st

from figures.images import enlarge
from nn_core.explain import neuron_story
from nn_core.network import forward
from ui import glossary, lesson, lesson_order, live_network, network_view, presenter, state
from ui.frame import require_app_frame
from ui.guard import guarded
from ui.neuron_closeup import show_neuron

require_app_frame()  # before anything is drawn (see ui/frame.py)

st.title("Inside the network")
glossary.words_row("neuron", "activation", "layer", "weight", "bias", "sigmoid", "softmax", "test digits")
model = state.current_model()
network = model.network
digit = state.current_input()
pixels = state.current_pixels()
result = forward(network, pixels)
layers = network.layer_count
looking = (f"Looking at **{digit.description}**. The network answers **{result.prediction}**." if digit else
           "No digit yet: the network below sees a blank image. Draw or pick one first.")
if presenter.on():   # the figure shows the digit itself: the words wait below it
    presenter.intro(looking, network_view.layer_rule(network))
else:
    st.write(network_view.layer_rule(network))
    picture, summary = st.columns([1, 6], vertical_alignment="center")
    picture.image(enlarge(pixels.reshape(28, 28), 84))
    (summary.markdown if digit else summary.info)(looking)
    summary.page_link("pages/draw.py", label="Change the digit", icon=":material/draw:")

LIVE_KEY = state.INSIDE_LIVE
options = list(range(layers + 1)) + ["all"]
if st.session_state.get(state.FLOW_STEP) not in options:
    st.session_state[state.FLOW_STEP] = "all"


@st.fragment
@guarded
def flow() -> None:
    """The live view (the flow plays in the browser), then the neuron chosen in it or in the boxes below."""
    step = st.session_state[state.FLOW_STEP]
    data = live_network.base_data(network, pixels, label=digit.label if digit else None,
                                  description=digit.description if digit else "A blank image",
                                  panels=live_network.Panels(flow=True, head=False),
                                  input_edges=st.session_state[state.INPUT_EDGES], key=LIVE_KEY)
    data.update(step=None if step == "all" else step, selected=st.session_state.get(state.SELECTED_NEURON),
                selectable=True, play_seconds=network_view.PLAY_SECONDS)
    data["texts"]["steps"] = [network_view.step_label(layers)(option) for option in options]
    live_network.show(data, key=LIVE_KEY, on_step=lambda: network_view.step_chosen(LIVE_KEY, layers),
                      on_select=lambda: network_view.neuron_clicked(LIVE_KEY, network.sizes),
                      on_edges=lambda: network_view.edges_chosen(LIVE_KEY))
    presenter.intro_after_figure()
    st.markdown("##### A neuron up close")
    st.caption("Click a neuron in the picture, or choose one here.")
    chosen = network_view.neuron_choice(network.sizes)
    if chosen is not None:
        show_neuron(model, neuron_story(network, result, *chosen))
    lesson.notice_progress()   # the lesson's card is outside this fragment


flow()
lesson_order.show_next("inside")
