"""The Data page's parts: the average digit of each class, worked out once per data set and shared by every visitor.

The average of class d is the mean image (1/N_d) Σ x over its N_d training images x (28x28, 0..1): for the full
MNIST (60,000 digits) that is a pass over 47 MB, which every visitor of the Data page used to pay.
"""
from __future__ import annotations

import weakref

import numpy as np
import streamlit as st

from figures.images import enlarge
from nn_core.data import DigitSet
from ui.cache_keys import digest

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
