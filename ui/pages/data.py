"""The Data page's parts: the average digit of each class, worked out once per data set and shared by every visitor.

The average of class d is the mean image (1/N_d) Σ x over its N_d training images x (28x28, 0..1): for the full
MNIST (60,000 digits) that is a pass over 47 MB, which every visitor of the Data page used to pay.
"""
from __future__ import annotations

import weakref

import numpy as np
import streamlit as st

from figures.images import enlarge
from nn_core.data import DigitSet, load_embedded_challenge
from ui import loaders, state
from ui.cache_keys import digest
from ui.level import simple

SIZE = 84   # px on the page

_KEYS: dict[int, tuple[weakref.ref, str]] = {}


def set_key(digits: DigitSet) -> str:
    """A digest of a set's images and labels, worked out once per set object.

    The sets come from shared caches and live for many runs; a weak reference tells this object apart
    from a later one that happens to get the same id().
    """
    known = _KEYS.get(id(digits))
    if known is not None and known[0]() is digits:
        return known[1]
    key = f"{len(digits)}|{digest(digits.labels)}|{digest(digits.images)}"
    number = id(digits)
    _KEYS[number] = (weakref.ref(digits, lambda _: _KEYS.pop(number, None)), key)
    return key


def class_averages_of(digits: DigitSet, size: int = SIZE) -> list[np.ndarray]:
    """The mean image of each class 0-9, enlarged to ``size`` px (uint8); black for a class with no digits."""
    return [enlarge(digits.images[digits.labels == d].mean(axis=0) / 255.0, size) if np.any(digits.labels == d)
            else np.zeros((size, size), np.uint8) for d in range(10)]


@st.cache_resource(show_spinner=False, max_entries=8)
def _shared(key: str, _digits: DigitSet, size: int) -> tuple[np.ndarray, ...]:
    images = tuple(class_averages_of(_digits, size))
    for image in images:
        image.setflags(write=False)   # shared by every session
    return images


def class_averages(digits: DigitSet, size: int = SIZE) -> list[np.ndarray]:
    """``class_averages_of(digits)``, computed once per data set for the whole server (read-only arrays)."""
    return list(_shared(set_key(digits), digits, size))


def class_parts(train: DigitSet) -> None:
    """In a class, on the embedded digits: the three parts the class's challenge uses, and what each is for."""
    if st.session_state.get(state.CLASS_SEAT) is None or train is not loaders.embedded()[0]:
        return
    learn, validation, test = load_embedded_challenge()
    st.subheader("In your class: three parts")
    st.write(f"For the class's challenge the {len(train):,} training digits are split once more: {len(learn):,} to learn "
             f"from, and {len(validation)} kept aside to compare the class's models (the **validation** digits). Every "
             f"run in the class learns from the same {len(learn):,}, and the board ranks the runs on the {len(validation)} "
             f"none of them learned from. The {len(test):,} test digits take no part in choosing the best: they stay "
             "for the honest final check of how well a network reads handwriting it has never seen.")
    if not simple():
        st.caption("Validation digits are for choosing between models (recipes, seeds, when to stop). Choosing makes "
                   "the winner's validation score optimistic, the best of many noisy scores; the test digits, used in no "
                   "choice, keep an unbiased estimate of the chosen model's accuracy on new digits.")
