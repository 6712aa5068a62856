"""The Backpropagation page's state: the right answer, a scratch copy of the network, the words."""
from __future__ import annotations

import numpy as np
import streamlit as st

from nn_core.backprop import backprop
from nn_core.network import Network
from ui import state


def trained_network() -> Network:
    return state.current_model().network


def scratch_network() -> Network:
    """A copy of the model in use that "one step" changes (fresh when the model changes)."""
    owner, network, steps = st.session_state.get(state.BACKPROP_NET) or (None, None, 0)
    if network is None or owner != state.model_key():
        network = trained_network().copy()
        st.session_state[state.BACKPROP_NET] = (state.model_key(), network, 0)
    return network


def steps_taken() -> int:
    entry = st.session_state.get(state.BACKPROP_NET)
    return entry[2] if entry and entry[0] == state.model_key() else 0


def take_step(pixels: np.ndarray, label: int) -> None:
    """w <- w - eta dC/dw for this one example (float64 maths, stored in the network's type)."""
    network = scratch_network()
    gradient = backprop(network.astype(np.float64), pixels.astype(np.float64), label).flat
    network.params -= (st.session_state[state.BACKPROP_RATE] * gradient).astype(network.dtype)
    owner, _, steps = st.session_state[state.BACKPROP_NET]
    st.session_state[state.BACKPROP_NET] = (owner, network, steps + 1)


def pick_mistake() -> None:
    """Make the current input a test digit the model in use gets wrong (the next one, each press)."""
    from nn_core.evaluate import output_activations
    from ui import loaders

    _, test = loaders.embedded()
    wrong = np.flatnonzero(np.argmax(output_activations(trained_network(), test), axis=1) != test.labels)
    if len(wrong) == 0:
        return
    after = st.session_state.get(state.TEST_INDEX, -1)
    index = int(next((i for i in wrong if i > after), wrong[0]))
    st.session_state[state.TEST_INDEX] = index
    state.set_input(state.test_digit(index))


def reset() -> None:
    st.session_state[state.BACKPROP_NET] = None


def label_choice(digit, prediction: int) -> int:
    """The right answer: the test digit's label, or what the learner says they drew."""
    if digit is not None and digit.label is not None:
        st.markdown(f"Example: **{digit.description}**. The right answer is **{digit.label}**.")
        return int(digit.label)
    what = digit.description if digit is not None else "a blank image"
    if st.session_state.get(state.BACKPROP_LABEL) is None:
        st.session_state[state.BACKPROP_LABEL] = int(prediction)
    st.selectbox(f"Example: {what}. Which digit is it meant to be?", list(range(10)), key=state.BACKPROP_LABEL,
                 help="Backpropagation needs the right answer: it learns from labelled examples")
    return int(st.session_state[state.BACKPROP_LABEL])


def explain(step: int | None, network: Network) -> str:
    """What is happening at this step of the backward pass, with the formula."""
    layers, names, cost = network.layer_count, network.layer_names(), network.cost
    if step is None:
        return ("Every arrow of the forward pass, run backwards. For each weight, ∂C/∂w = δ × the activation "
                "feeding it: a weight changes most where the signal through it was strong and its neuron's "
                "error is large.")
    if step == layers:
        if cost.probabilities:
            return ("**Output.** Each output's wish is y − a: the right digit should rise towards 1, the others fall "
                    "towards 0. With softmax and the cross-entropy cost this is exactly −δ, where the error "
                    "δ = ∂C/∂z = a − y belongs to the output's weighted sum z.")
        return ("**Output.** Each output's wish is y − a: the right digit should rise towards 1, the others fall "
                "towards 0. For the quadratic cost C = ½‖a − y‖², y − a = −∂C/∂a, and the error of the weighted "
                "sum is δ = ∂C/∂z = (a − y) σ′(z).")
    if step == 0:
        return ("**Back at the pixels.** −∂C/∂(pixel) shows which pixels, if brighter (blue) or darker (red), "
                "would make the right answer more likely. The pixels are not learned; the weights are.")
    slope = network.activation.slope
    return (f"**{names[step].capitalize()}.** Each neuron's wish is the sum of the next layer's errors, weighted "
            f"by the weights that connect them: ∂C/∂a = Wᵀ δ. Its own error is δ = ∂C/∂a × {slope}, and the "
            f"weights into the next layer get ∂C/∂w = δ_next × a.")


def biggest_gradients(weight_gradients, names: list[str], top: int = 5) -> str:
    """The weights that most want to change, in words."""
    rows = []
    for layer, gradient in enumerate(weight_gradients, start=1):
        flat = np.argsort(-np.abs(gradient), axis=None)[:top]
        for index in flat:
            target, source = np.unravel_index(index, gradient.shape)
            rows.append((abs(gradient[target, source]), layer, int(target), int(source), float(gradient[target, source])))
    rows.sort(reverse=True)
    lines = []
    for _, layer, target, source, value in rows[:top]:
        origin = f"pixel ({source // 28}, {source % 28})" if layer == 1 else f"{names[layer - 1]} neuron {source}"
        direction = "decrease" if value > 0 else "increase"
        lines.append(f"- from {origin} to {names[layer]} neuron {target}: ∂C/∂w = {signed_number(value)}, "
                     f"so {direction} it")
    if rows and rows[0][0] < 1e-3:
        lines.append("\nAll of them are tiny: the network is already sure of the right answer, so the cost "
                     "hardly changes whichever way a weight moves.")
    return "\n".join(lines)


def signed_number(value: float) -> str:
    """+0.0312 or −2.4 × 10⁻⁶: four significant figures however small (a gradient can be 10⁻⁹)."""
    if value == 0 or abs(value) >= 1e-3:
        return f"{value:+.4f}".replace("-", "−")
    mantissa, exponent = f"{value:+.2e}".split("e")
    superscript = str(int(exponent)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{mantissa.replace('-', '−')} × 10{superscript}"
