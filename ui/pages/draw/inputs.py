"""The Draw page's ways to give the network a digit: draw it, pick a test digit, upload an image, or feed it
random noise (no digit at all: 3Blue1Brown's critique, a confident answer to nonsense).

Each control sets the session's current input (``ui.state``), which every page shows. The pad
itself is ui/pages/draw/pad.py.
"""
from __future__ import annotations

import numpy as np
import streamlit as st

from figures.images import enlarge, framed, thumbnail
from nn_core.drawing import read_drawing
from nn_core.errors import NNCoreError
from nn_core.imagefile import read_image_with_size
from nn_core.network import Network
from nn_core.noise import MAX_SEED, noise_answers
from ui import alt_text, loaders, state
from ui.level import simple
from ui.pages.draw import pad
from ui.plain import plain

SOURCES = {state.DRAWING: ":material/draw: Draw", state.TEST_DIGIT: ":material/casino: Test digit",
           state.UPLOAD: ":material/upload: Upload an image", state.NOISE: ":material/grain: Random noise"}
NOISE_SURVEY = 200           # noise images (seeds 0, 1, ...) the page sums up what the network answers for
UPLOAD_TYPES = ["png", "jpg", "jpeg", "gif", "bmp", "webp", "tif", "tiff"]


def source_picker() -> str:
    """Choose where the digit comes from."""
    sources = [source for source in SOURCES if source != state.UPLOAD or not simple()]   # no uploads at the simple level
    if st.session_state.get(state.INPUT_SOURCE) not in sources:
        st.session_state[state.INPUT_SOURCE] = state.DRAWING
    choice = st.segmented_control("Where does the digit come from?", sources, format_func=SOURCES.get,
                                  key=state.INPUT_SOURCE, required=True, on_change=_source_changed)
    return choice or state.DRAWING


def _source_changed() -> None:
    if st.session_state.get(state.INPUT_SOURCE) == state.DRAWING:
        pad.restore()   # the pad's drawing, if any, is what every page shows again


def bars_caption(network: Network) -> str:
    return ("Each bar is one output neuron's activation: how strongly the network thinks it is that digit. "
            + ("The ten add up to 1, like probabilities. " if network.cost.probabilities else "")
            + "Being sure is not the same as being right: try a scribble, or a digit written sloppily.")


def drawing_part() -> None:
    """The drawing pad with its live answer, and what follows from the drawing.

    pages/draw.py runs it as a fragment standing in for a full run: a drawing sent by the pad reruns only
    this part (measured: nn_core's answer on screen ~80 ms sooner than after a whole-page run).
    """
    network = state.current_model().network
    pad.show(network)
    digit = pad.drawing_shown()
    with st.expander("How this works", icon=":material/info:"):
        st.caption("While you draw, your drawing is read many times a second the way the training digits were "
                   "prepared (cropped to the ink, scaled to fit a 20 × 20 box, centred in a 28 × 28 square), and the network "
                   "answers each time. When you lift the pen, the finished drawing is read once more, the same way, "
                   "and every page uses that reading.")
    if digit is not None:
        st.caption(bars_caption(network))
        st.page_link("pages/inside.py", label="See how it got there: inside the network →", icon=":material/hub:")
        reading_steps(digit)
    elif state.current_input() is not None:
        st.caption(f"The other pages still show {state.current_input().description} until you draw.")


def reading_steps(digit: state.InputDigit) -> None:
    """How the network reads the digit: the steps from the picture to its 784 inputs."""
    st.subheader("How the network reads it")
    reading = digit.reading
    read = alt_text.readings(state.current_model().network, digit.pixels)[0]
    if reading is None:
        st.image(enlarge(digit.pixels.reshape(28, 28), 140), caption="already 28x28: what the network sees", width=140,
                 alt=alt_text.shown_input(digit.description, read))
        return
    size = digit.size or (reading.ink.shape[1], reading.ink.shape[0])
    steps = [
        (thumbnail(reading.ink, 140), f"1. the {digit.source} ({'x'.join(map(str, size))})"),
        (thumbnail(reading.cropped, 140), "2. cropped to the ink"),
        (framed(reading.scaled, 140, frame=20), "3. scaled: longest side 20 px"),
        (enlarge(reading.centred, 140), "4. centred in 28x28 by its centre of mass: the 784 inputs"),
    ]
    alts = [f"the {digit.source} as it came, {'x'.join(map(str, size))} pixels", "the same, cropped to the ink",
            "the ink scaled so its longest side is 20 pixels",
            alt_text.digit("the 28 by 28 picture the network gets as its 784 inputs", read=read)]
    for column, (image, caption), alt in zip(st.columns(4), steps, alts):
        column.image(image, caption=caption, width=140, alt=alt)
    st.caption("This is how the MNIST digits the network learned from were prepared, so your drawing is "
               "made to look like them: any size, anywhere in the picture.")


def _random_test_digit() -> None:
    _, test = loaders.embedded()
    st.session_state[state.TEST_INDEX] = int(np.random.default_rng().integers(len(test)))   # the box below shows it


def test_digit_controls() -> None:
    """Pick one of the 1,000 unseen test digits, by number or at random."""
    _, test = loaders.embedded()
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    left.number_input(f"Test digit number (0 to {len(test) - 1})", 0, len(test) - 1, step=1, key=state.TEST_INDEX)
    right.button("Random", icon=":material/casino:", on_click=_random_test_digit, key="random_test_digit")
    index = st.session_state[state.TEST_INDEX]
    current = state.current_input()
    if current is None or current.test_index != index:   # (the box was drawn: its key cannot be set now)
        state.set_input(state.test_digit(index))
    st.caption("These 1,000 digits were never shown to the network while it learned: they are how we "
               "check it on handwriting it has not seen.")


def _new_noise() -> None:
    state.show_noise(int(np.random.default_rng().integers(MAX_SEED + 1)))   # a new seed per press, kept in the link


def noise_controls() -> None:
    """Random noise: 784 random pixels, new ones at each press (its number, in the page's link, makes it again)."""
    current = state.current_input()
    if current is None or current.noise_seed is None:   # just chosen: the last noise again, or new noise
        seed = st.session_state.get(state.NOISE_SEED)
        seed = int(np.random.default_rng().integers(MAX_SEED + 1)) if seed is None else seed
        st.session_state[state.NOISE_SEED] = seed
        state.set_input(state.noise(seed))   # (the source box was drawn: its key cannot be set now)
        current = state.current_input()
    st.button("Feed it new random noise", icon=":material/grain:", on_click=_new_noise, key="new_noise")
    st.image(enlarge(current.pixels.reshape(28, 28), 196), width=196,
             caption=f"Noise #{current.noise_seed}: 784 pixels, each a random brightness from 0 to 1",
             alt=alt_text.digit(f"random noise #{current.noise_seed}, no digit at all",
                                read=alt_text.readings(state.current_model().network, current.pixels)[0]))
    st.caption("No digit at all. Each press makes new noise; its number is in the page's link, so the same noise "
               "can be shown again.")


@st.cache_resource(show_spinner=False, max_entries=8)
def _noise_survey(model_key: str, _network: Network) -> tuple[np.ndarray, np.ndarray]:
    return noise_answers(_network, range(NOISE_SURVEY))


def noise_words(output: np.ndarray, network: Network) -> str:
    """The network's answer to noise, why it gives one at all, and what it answers for many noise images."""
    answer, top = int(np.argmax(output)), float(np.max(output))
    sure = (", and it is very sure" if top >= 0.9 else ", and it is fairly sure" if top >= 0.7 else
            ": not sure, but it still picks a digit")
    why = ("its ten outputs always add up to 1, so one of them always wins" if network.cost.probabilities else
           "the largest of its ten outputs always wins")
    answers, tops = _noise_survey(state.model_key(), network)
    common = int(np.bincount(answers, minlength=10).argmax())
    return (f"**This is no digit**, just random pixels, yet the network answers **{answer}**: its output for {answer} "
            f"is {top:.2f}{sure}. It cannot say “none of these”: {why}. It was only ever shown digits, so nothing "
            f"taught it what is *not* a digit.\n\nOver {NOISE_SURVEY} noise images (numbers 0 to {NOISE_SURVEY - 1}) it "
            f"answered {common} for {int(np.sum(answers == common))} of them; its output for its answer was above 0.9 "
            f"for {int(np.sum(tops > 0.9))} of them.")


def upload_controls() -> None:
    """Upload a picture of a handwritten digit (any size; dark on light or light on dark)."""
    upload = st.file_uploader("A picture of one handwritten digit", type=UPLOAD_TYPES,
                              key=state.generation_key(state.UPLOAD_WIDGET),
                              help="PNG or JPEG works best. Dark ink on light paper is fine: it is inverted.")
    if upload is None:
        st.session_state[state.UPLOAD_PROBLEM] = None
        return
    marker = (upload.name, upload.size, upload.file_id)
    if st.session_state.get(state.LAST_UPLOAD) != marker:  # a new file: read it once
        st.session_state[state.LAST_UPLOAD] = marker
        st.session_state[state.UPLOAD_PROBLEM] = _read_upload(upload.name, upload.getvalue())
    if st.session_state[state.UPLOAD_PROBLEM]:
        st.error(st.session_state[state.UPLOAD_PROBLEM])


def _read_upload(name: str, data: bytes) -> str | None:
    """Make the uploaded image the current input; or say why not (the current input is kept)."""
    try:
        image, size = read_image_with_size(data)
        reading = read_drawing(image)
    except NNCoreError as exc:
        return f"Could not read {plain(name)}: {plain(exc, 300)}. Your current digit is kept."
    if reading.empty:
        return f"No digit found in {plain(name)}: it looks blank. Your current digit is kept."
    state.set_input(state.InputDigit(reading.inputs.copy(), state.UPLOAD, f"your image {plain(name)}", None, reading,
                                     size=size))
    return None
