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


def class_drawing(meant: int, read: int) -> str:
    """A drawing a student gave the class, with the digit they said they meant."""
    return f"a student's drawing of {a_digit(int(meant))}, the digit they meant; the network reads {int(read)}"


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


# -- charts that are pictures (st.plotly_chart's ``alt``: the chart's name for a screen reader) -----------------------
def output_bars(output: np.ndarray, label: int | None = None) -> str:
    """The ten output activations as bars, and the answer they give."""
    output = np.asarray(output, dtype=np.float64)
    read = int(np.argmax(output))
    words = (f"bars of the {len(output)} output neurons' activations: output {read} is the brightest, "
             f"{output[read]:.2f}, so the network reads {read}")
    return words if label is None else f"{words}; the right answer is {int(label)}"


def cost_bars(output: np.ndarray, label: int) -> str:
    """The cost page's bars: each output a beside its target y, and each squared gap."""
    return (f"for each output neuron its activation a beside its target y (1 for digit {int(label)}, 0 for the "
            f"others), and under them each squared gap (a − y)²; {output_bars(output)}")


def weights_and_input(who: str, weights: np.ndarray, inputs: np.ndarray, positive: str, negative: str) -> str:
    """A first-layer neuron's 784 weights as a 28 by 28 picture, beside each weight times this digit's pixel."""
    product = np.asarray(weights, dtype=np.float64) * np.asarray(inputs, dtype=np.float64)
    up, down = float(product[product > 0].sum()), float(product[product < 0].sum())
    return (f"two 28 by 28 pictures of {who}: on the left its 784 weights, {positive} where a lit pixel pushes it up "
            f"and {negative} where it pushes it down; on the right each weight times this digit's pixel. The lit pixels "
            f"on {positive} weights add {up:.2f} to its weighted sum, those on {negative} weights {down:.2f}")


def confusion(matrix: np.ndarray, row_title: str = "true digit") -> str:
    """A confusion matrix: how often each digit was read as each answer."""
    matrix = np.asarray(matrix)
    right, total = int(np.trace(matrix)), int(matrix.sum())
    words = (f"a 10 by 10 grid: each row a {row_title}, each column the network's answer, each square how often; "
             f"{right} of {total} are on the diagonal, read right")
    wrong = matrix - np.diag(np.diag(matrix))
    if wrong.sum():
        true, answer = np.unravel_index(int(np.argmax(wrong)), wrong.shape)
        words += f"; the most common mistake: {int(true)} read as {int(answer)}, {int(wrong[true, answer])} times"
    return words


def class_counts(train: np.ndarray, test: np.ndarray) -> str:
    return (f"bars of how many digits of each kind, 0 to 9: {int(np.sum(train)):,} training digits, "
            f"{int(np.min(train))} to {int(np.max(train))} of each; {int(np.sum(test)):,} test digits, "
            f"{int(np.min(test))} to {int(np.max(test))} of each")
