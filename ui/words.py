"""Plain-words descriptions of what the network says (pure functions, easy to test)."""
from __future__ import annotations

import numpy as np


def article(number: int) -> str:
    """'an' before a number said with a vowel sound (8, 11, 18, 80-89, 800-899, ...), 'a' before the others."""
    spoken = str(abs(int(number)))
    eleven_or_eighteen = len(spoken) % 3 == 2 and spoken[:2] in ("11", "18")
    return "an" if spoken[0] == "8" or eleven_or_eighteen else "a"


def a_digit(number: int) -> str:
    """'a 7', 'an 8': a digit (or number) named with its article."""
    return f"{article(number)} {number}"


def confidence_words(output: np.ndarray, softmax: bool = True) -> str:
    """'very sure it is a 7', or 'unsure: probably an 8, though it could be a 0' from the output activations."""
    output = np.asarray(output, dtype=np.float64)
    order = np.argsort(output)[::-1]
    best, second = int(order[0]), int(order[1])
    share = output / output.sum() if not softmax and output.sum() > 0 else output
    top, runner_up = share[best], share[second]
    if top >= 0.9:
        sentence = f"very sure it is {a_digit(best)}"
    elif top >= 0.7:
        sentence = f"fairly sure it is {a_digit(best)}"
    elif top >= 0.4:
        sentence = f"unsure: probably {a_digit(best)}"
    else:
        sentence = f"guessing: {a_digit(best)}?"
    if runner_up >= 0.1:
        sentence += f", though it could be {a_digit(second)}"
    return sentence


def activation_words(a: float, low: float = 0.2, high: float = 0.8) -> str:
    """How lit up a neuron is, in words (tanh neurons can also be negative)."""
    if a <= -high:
        return "strongly negative"
    if a < -low:
        return "partly negative"
    if a >= high:
        return "strongly active"
    if a > low:
        return "partly active"
    return "nearly silent"
