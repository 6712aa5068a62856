"""Which labelled digits the Data and Train pages use: the embedded 5,000, full MNIST, or your own."""
from __future__ import annotations

import numpy as np
import streamlit as st

from nn_core.data import DigitSet
from nn_core.errors import NNCoreError
from ui import loaders, state
from ui.cache_keys import digest
from ui.level import simple
from ui.plain import plain

CHOICES = {"embedded": "embedded MNIST (4,000 + 1,000)", "mnist": "full MNIST (60,000 + 10,000)",
           "mine": "your own data set (.npz)"}


@st.cache_resource(show_spinner="Reading the full MNIST ...")
def _full_mnist() -> tuple[DigitSet, DigitSet] | None:
    """The downloaded MNIST, or None when it is not in the cache (checked once per server)."""
    from nn_core.download import load_mnist

    try:
        return load_mnist()
    except NNCoreError:
        return None


def available() -> list[str]:
    options = ["embedded"]
    if _full_mnist() is not None:
        options.append("mnist")
    return options + ["mine"]


def current() -> tuple[DigitSet, DigitSet]:
    """(training, test) digits of the current choice (the embedded ones if that choice is unusable)."""
    choice = st.session_state.get(state.DATA_CHOICE, "embedded")
    if choice == "mnist" and _full_mnist() is not None:
        return _full_mnist()
    if choice == "mine" and st.session_state.get(state.USER_DATA) is not None:
        return st.session_state[state.USER_DATA]
    return loaders.embedded()


def picker() -> tuple[DigitSet, DigitSet]:
    """Choose the data; returns (training, test). Uploading a bad file says why and changes nothing."""
    options = [option for option in available() if option != "mine" or not simple()]   # no uploads at the simple level
    if st.session_state.get(state.DATA_CHOICE) not in options:
        st.session_state[state.DATA_CHOICE] = "embedded"
    missing = ("" if "mnist" in options else " The full MNIST (70,000 digits) is not on this computer; once it is "
               "downloaded (`python -m nn_core download-mnist`), it is offered here too.")
    st.radio("Labelled digits", options, format_func=CHOICES.get, key=state.DATA_CHOICE, horizontal=True,
             help="The embedded 5,000 come with the app: 500 of each digit from MNIST." + missing)
    if st.session_state[state.DATA_CHOICE] == "mine":
        _upload()
    return current()


def _upload() -> None:
    upload = st.file_uploader("An .npz with `images` (N, 28, 28) uint8 and `labels` (N,) 0-9", type=["npz"],
                              key=state.generation_key(state.DATA_UPLOAD))
    if upload is None:
        if st.session_state.get(state.USER_DATA) is None:
            st.info("Upload a data set to use it; until then the embedded digits are used.")
        return
    marker = (upload.name, upload.size, upload.file_id)
    if st.session_state.get(state.LAST_DATA_UPLOAD) != marker:
        st.session_state[state.LAST_DATA_UPLOAD] = marker
        try:
            data = upload.getvalue()
            st.session_state[state.USER_DATA] = loaders.uploaded_digits(digest(np.frombuffer(data, np.uint8)), data,
                                                                        upload.name)
            st.session_state[state.DATA_PROBLEM] = None
        except NNCoreError as exc:
            st.session_state[state.DATA_PROBLEM] = f"{plain(upload.name)} cannot be used: {plain(exc, 300)}."
    if st.session_state.get(state.DATA_PROBLEM):
        kept = "your earlier data set is kept" if st.session_state.get(state.USER_DATA) else "the embedded digits are used"
        st.error(f"{st.session_state[state.DATA_PROBLEM]} Nothing changed: {kept}.")
    elif st.session_state.get(state.USER_DATA) is not None:
        train, test = st.session_state[state.USER_DATA]
        st.success(f"Using {plain(upload.name)}: {len(train):,} training and {len(test):,} test digits "
                   "(a stratified 80/20 split).")
