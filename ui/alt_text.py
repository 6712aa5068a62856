"""The words that name each picture for someone who cannot see it: st.image's ``alt`` (read by a screen reader).

Each says what the picture shows, and where the page knows it, what the network in use reads in it ("test digit
#3, a 0; the network reads 0"), computed by its forward pass: the brightest output neuron, never a guess.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from nn_core.network import Network, forward
from ui.words import a_digit


def readings(network: Network, pixels: np.ndarray) -> list[int]:
    """The digit the network reads in each picture: the output neuron with the brightest activation."""
    inputs = np.asarray(pixels, dtype=np.float32).reshape(-1, 784)
    return [int(d) for d in np.argmax(forward(network, inputs).output, axis=1)]


def digit(what: str, label: int | None = None, read: int | None = None) -> str:
    """'test digit #3, a 0; the network reads 0': what the picture is, its label, the network's answer."""
    words = what if label is None else f"{what}, {a_digit(int(label))}"
    return words if read is None else f"{words}; the network reads {int(read)}"


def digits(what: str, numbers: Sequence[int], labels: Sequence[int], reads: Sequence[int] | None = None) -> list[str]:
    """One name per picture of a row of numbered digits ('training digit #12, a 5', ...)."""
    reads = [None] * len(numbers) if reads is None else reads
    return [digit(f"{what} #{int(n)}", label, read) for n, label, read in zip(numbers, labels, reads)]


def class_average(label: int) -> str:
    return f"the average of every training digit labelled {label}: a blurry {label}"


def templates(shown: int, neurons: int, positive: str, negative: str) -> str:
    """The first layer's weights drawn as pictures, one per hidden-1 neuron (the first ``shown`` of ``neurons``)."""
    which = f"each of the {neurons} neurons" if shown >= neurons else f"the first {shown} of its {neurons} neurons"
    return (f"the weights into {which} of hidden layer 1, each drawn as a 28 by 28 picture: "
            f"{positive} where a lit pixel pushes that neuron up, {negative} where it pushes it down")


def template(neuron: int, positive: str, negative: str) -> str:
    return (f"neuron {neuron}'s template: its 784 weights as a 28 by 28 picture, {positive} where a lit pixel "
            f"pushes it up, {negative} where it pushes it down")


def mini_batch(numbers: Sequence[int], labels: Sequence[int]) -> str:
    """The backprop page's strip of a mini-batch's training digits, side by side."""
    named = ", ".join(f"#{int(n)} ({a_digit(int(label))})" for n, label in zip(numbers, labels))
    return f"the mini-batch's {len(numbers)} training digits side by side: {named}"


def qr_code(link: str) -> str:
    return f"QR code: scanning it opens {link}"


def shown_input(description: str | None, read: int) -> str:
    """The digit every page is looking at, as its description names it ('test digit #12 (a 7)', markdown-safe:
    its escapes are dropped here, a screen reader reads plain text), and the network's answer."""
    what = "a blank image" if description is None else re.sub(r"\\(.)", r"\1", description)
    return digit(what, read=read)
