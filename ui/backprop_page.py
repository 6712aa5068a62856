"""The Backpropagation page's state and words: the training example, a scratch copy that steps change,
the copy's scores after every step, and the sentences that say what happened (all computed, none hoped).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from figures.images import enlarge, tile
from figures.numbers import signed_number
from nn_core.backprop import Gradients, gradient_step
from nn_core.evaluate import evaluate, output_activations
from nn_core.network import ForwardPass, Network, forward, layer_names, layer_symbol
from ui import loaders, presenter, state
from ui.level import simple

__all__ = ["signed_number"]  # re-exported: other modules format gradients with it

# -- this page's own session keys (to be moved into ui/state.py) ----------------------
EXAMPLE = "backprop_example"            # the training digit learned from (its index), or None: the default
EXAMPLE_BOX = "backprop_example_box"    # the number box showing it (a widget; its value is copied to EXAMPLE)
LEVER_DIGIT = "backprop_lever_digit"    # the output neuron whose three levers are shown
LEVER_EXAMPLE = "backprop_lever_example"  # the example that choice was made for (a new example: its right answer)
PLAYING = "backprop_playing"            # "Play backwards" is running

RATES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
DEFAULT_RATE = 0.1
BATCH = 10                              # examples in the mini-batch step
PLAY_SECONDS = 0.9                      # between animation steps (as on Inside)
BIGGEST = 5                             # lines of "the biggest gradients"


# -- the copy and its scores -------------------------------------------------------------
@dataclass(frozen=True)
class Score:
    """How a network does on the embedded digits."""

    test_accuracy: float        # on the 1,000 unseen test digits, 0..1
    train_cost: float           # the mean cost over the 4,000 training digits
    train_wrong: np.ndarray     # the training digits it gets wrong (indices)


@dataclass(frozen=True)
class Step:
    """One gradient-descent step taken on the copy."""

    kind: str                   # "example" or "batch"
    rate: float
    digits: tuple[int, ...]     # the training digits it learned from, the example first
    right_before: float         # the example's output for its right digit, before and after
    right_after: float
    before: Score
    after: Score
    batch_instead: Score | None = None  # for a one-example step: what the mini-batch button would have given,
    right_instead: float | None = None  # and the example's output for its right digit after that step
    others_sure: int = 0                # how many of the mini-batch's other digits had an output above 0.9 for their right digit


@dataclass(frozen=True)
class Scratch:
    """A copy of the model in use that the steps change, with the trained network's score."""

    owner: str                  # state.model_key() of the model it was copied from
    network: Network
    trained: Score
    steps: tuple[Step, ...] = ()

    @property
    def score(self) -> Score:
        return self.steps[-1].after if self.steps else self.trained


def score(network: Network) -> Score:
    """Test accuracy, mean training cost and the training digits it gets wrong: one forward pass of 5,000 digits."""
    train, test = loaders.embedded()
    outputs = output_activations(network, train)
    labels = train.labels.astype(np.intp)
    with np.errstate(divide="ignore"):
        cost = network.cost.mean(outputs, labels)
    wrong = np.flatnonzero(np.argmax(outputs, axis=1) != labels)
    return Score(evaluate(network, test).accuracy, cost, wrong)


def trained_network() -> Network:
    return state.current_model().network


def scratch() -> Scratch:
    """The page's copy of the model in use (a fresh one when the model changed or the steps were undone)."""
    current = st.session_state.get(state.BACKPROP_NET)
    if not isinstance(current, Scratch) or current.owner != state.model_key():
        network = trained_network().copy()
        current = Scratch(state.model_key(), network, score(network))
        st.session_state[state.BACKPROP_NET] = current
    return current


def reset() -> None:
    st.session_state[state.BACKPROP_NET] = None


def set_page_defaults(layer_count: int) -> None:
    """A rate not on the slider becomes the default η = 0.1; the steps open at "← output"."""
    if st.session_state.get(state.BACKPROP_RATE) not in RATES:
        st.session_state[state.BACKPROP_RATE] = DEFAULT_RATE
    playing_starts = st.session_state.get(PLAYING) and st.session_state.get(state.BACKPROP_STEP) is None
    if st.session_state.get(state.BACKPROP_STEP) not in step_options(layer_count) and not playing_starts:
        st.session_state[state.BACKPROP_STEP] = layer_count


# -- the example: always a training digit ---------------------------------------------------
@dataclass(frozen=True)
class Example:
    index: int                  # which training digit
    pixels: np.ndarray          # (784,) float32 in 0..1
    label: int


def example_index(copy: Scratch) -> int:
    """The chosen training digit, or by default the first one the trained network gets wrong."""
    train, _ = loaders.embedded()
    chosen = st.session_state.get(EXAMPLE)
    if isinstance(chosen, int) and 0 <= chosen < len(train):
        return chosen
    return int(copy.trained.train_wrong[0]) if len(copy.trained.train_wrong) else 0


def label_of(index: int) -> int:
    """The right answer of training digit ``index``."""
    return int(loaders.embedded()[0].labels[index])


def example(index: int) -> Example:
    train, _ = loaders.embedded()
    return Example(index, train.inputs[index].copy(), int(train.labels[index]))


def _choose(index: int) -> None:
    st.session_state[EXAMPLE] = index
    st.session_state[EXAMPLE_BOX] = index


def _box_changed() -> None:
    value = st.session_state.get(EXAMPLE_BOX)
    if isinstance(value, int):
        _choose(value)


def pick_mistake() -> None:
    """The next training digit (after the one shown) that the network on this page gets wrong."""
    copy = scratch()
    wrong = copy.score.train_wrong
    if len(wrong):
        after = example_index(copy)
        _choose(int(next((i for i in wrong if i > after), wrong[0])))


def example_picker(copy: Scratch) -> Example:
    """The example's picture, what the network says, a number box and "Show me one it gets wrong"."""
    train, _ = loaders.embedded()
    chosen = example(example_index(copy))
    st.session_state[EXAMPLE_BOX] = chosen.index
    output = forward(copy.network, chosen.pixels).output
    guess = int(np.argmax(output))
    picture, words = st.columns([1, 5], vertical_alignment="center")
    picture.image(enlarge(chosen.pixels.reshape(28, 28), 84))
    with words:
        verdict = "right" if guess == chosen.label else "wrong"
        st.markdown(f"Example: **training digit #{chosen.index} (a {chosen.label})**. The network on this page says "
                    f"**{guess}** ({verdict}); its output for {chosen.label} is {output[chosen.label]:.3f}.")
        with st.container(horizontal=True, vertical_alignment="bottom"):
            st.number_input("Training digit #", 0, len(train) - 1, step=1, key=EXAMPLE_BOX, on_change=_box_changed,
                            width=180, help=f"Any of the {len(train):,} training digits")
            st.button("Show me one it gets wrong", key="backprop_mistake", on_click=pick_mistake,
                      icon=":material/error:", disabled=len(copy.score.train_wrong) == 0)
        presenter.note(f"Backpropagation learns from labelled **training** digits only. The {len(loaders.embedded()[1]):,} "
                   "test digits must stay unseen, so that the test accuracy below honestly measures digits the "
                   "network never learned from. That is why this page does not use the digit you drew or picked on "
                   "the other pages (often a test digit).")
    return chosen


# -- the backward pass, step by step ---------------------------------------------------------
def step_options(layer_count: int) -> list:
    return list(range(layer_count, -1, -1)) + ["all"]


def step_label(layer_count: int):
    names = [f"{n} (pixels)" if n == "input" else n for n in layer_names(layer_count)]
    return lambda option: "the whole network" if option == "all" else f"← {names[option]}"


def start_playing() -> None:
    """The first tick shows the output alone (``advance_animation`` starts there)."""
    st.session_state[PLAYING] = True
    st.session_state[state.BACKPROP_STEP] = None


def stop_playing() -> None:
    st.session_state[PLAYING] = False


def advance_animation(layer_count: int) -> None:
    """One tick: the error moves one layer back; at the pixels the animation stops."""
    step = st.session_state.get(state.BACKPROP_STEP)
    step = layer_count if not isinstance(step, int) else max(step - 1, 0)
    st.session_state[state.BACKPROP_STEP] = step
    if step == 0:
        st.session_state[PLAYING] = False


def wishes(gradients: Gradients, result: ForwardPass, label: int) -> list[np.ndarray]:
    """−∂C/∂a⁽ˡ⁾ for the pixels and hidden layers, and y − a at the outputs."""
    wanted = np.eye(len(result.output))[label]
    return [-g for g in gradients.activation_gradients] + [wanted - result.output]


def wish_target(network: Network) -> str:
    """What the outputs' wish y − a is the wish of (the cost record says)."""
    return network.cost.wish_of


def _sup(layer: int) -> str:
    return layer_symbol(layer)[1:]  # "⁽²⁾"


def explain_in_words(step: int | None, network: Network) -> str:
    """The simple level's words for this step of the backward pass (no derivatives, no matrices)."""
    layers, names, palette = network.layer_count, network.layer_names(), state.palette()
    if step is None:
        return ("Every arrow of the forward pass, run backwards. A weight should change most where the signal through "
                "it was strong and the neuron it feeds is far from what it should be.")
    if step == layers:
        return ("**Output.** Each output's wish is y − a: the right digit's output should rise towards 1 (y = 1), "
                "the others fall towards 0 (y = 0). The further an output is from its target, the bigger its wish.")
    if step == 0:
        return (f"**Back at the pixels.** Their wish shows which pixels, if brighter ({palette.positive_name}) or darker "
                f"({palette.negative_name}), would lower the cost. The pixels are not learned (they are the example); "
                f"the weights into {names[1]} are.")
    return (f"**{names[step].capitalize()}.** Each neuron's wish adds up the wishes of the neurons it feeds, each "
            "multiplied by the weight that connects them: a neuron that feeds a wishful neuron through a large weight "
            "is asked to change a lot. How much it can change also depends on how steep its sigmoid is right now.")


def explain(step: int | None, network: Network) -> str:
    """What is happening at this step of the backward pass, with the formula (signs as drawn)."""
    if simple():
        return explain_in_words(step, network)
    layers, names, cost = network.layer_count, network.layer_names(), network.cost
    palette = state.palette()
    if step is None:
        return ("Every arrow of the forward pass, run backwards. For each weight, ∂C/∂w = δ × a: the error δ of the "
                "neuron it feeds times the activation a feeding it. A weight changes most where the signal through "
                "it was strong and its neuron's error is large.")
    if step == layers:
        return (f"**Output.** Each output's wish is y − a: the right digit's output should rise towards 1 (y = 1), "
                f"the others fall towards 0 (y = 0). For this cost ({cost.formula}) the wish is {cost.output_wish}, "
                f"a wish for each output's {wish_target(network)}, and the error of its weighted sum is "
                f"{cost.output_delta}.")
    nxt = _sup(step + 1)
    if step == 0:
        return (f"**Back at the pixels.** Their wish −∂C/∂a⁽⁰⁾ = −(W{nxt})ᵀ δ{nxt} shows which pixels, if brighter "
                f"({palette.positive_name}) or darker ({palette.negative_name}), would lower the cost. The pixels "
                f"are not learned (they are the example); the weights into {names[1]} are: "
                f"∂C/∂w = δ{nxt} × a⁽⁰⁾ for each of them.")
    here = _sup(step)
    slope = network.activation.slope
    derivative = slope.split(" = ")[0].replace("(z)", f"(z{here})")
    into = "the output layer" if step + 1 == layers else names[step + 1]
    return (f"**{names[step].capitalize()}.** Each neuron's wish, −∂C/∂a{here} = −(W{nxt})ᵀ δ{nxt}, collects the "
            f"wishes −δ{nxt} of the next layer's weighted sums, weighted by the weights that connect them. Its own "
            f"error is δ{here} = ∂C/∂a{here} × {derivative}, neuron by neuron ({slope} for this activation), and "
            f"the weights into {into} get ∂C/∂w = δ{nxt} × a{here}.")


# -- three levers for one output (3Blue1Brown, chapter 3) -------------------------------------
def lever_choice(chosen: Example) -> int:
    """The output neuron whose levers are shown: the right answer, until the learner picks another."""
    label = chosen.label
    if st.session_state.get(LEVER_EXAMPLE) != chosen.index or st.session_state.get(LEVER_DIGIT) not in range(10):
        st.session_state[LEVER_DIGIT] = label
        st.session_state[LEVER_EXAMPLE] = chosen.index
    return st.selectbox("Output neuron", list(range(10)), key=LEVER_DIGIT, width=260,
                        format_func=lambda d: f"digit {d}" + (" (the right answer)" if d == label else ""))


def levers(network: Network, result: ForwardPass, gradients: Gradients, digit: int, label: int, rate: float,
           shown: int = 3) -> str:
    """The three ways to move output ``digit``'s weighted sum, each with the numbers backprop gives it."""
    layers = network.layer_count
    previous = network.layer_names()[layers - 1]
    delta = float(gradients.deltas[-1][digit])
    bias_gradient = float(gradients.biases[-1][digit])
    weights = network.weights[-1][digit].astype(np.float64)
    a = np.asarray(result.activations[layers - 1], dtype=np.float64)
    weight_gradients = np.asarray(gradients.weights[-1][digit], dtype=np.float64)
    way, verb = ("up", "raise") if delta < 0 else ("down", "lower")
    who = f"digit {digit}" + (", the right answer" if digit == label else "")
    lines = [f"Output {digit} ({who}): its weighted sum z should go **{way}**, −∂C/∂z = −δ = "
             f"{signed_number(-delta)}. Three levers {verb} it:", ""]
    lines.append(f"1. **{verb.capitalize()} its bias b.** ∂C/∂b = δ = {signed_number(bias_gradient)}, so a step "
                 f"with η = {rate:g} changes b by −η δ = {signed_number(-rate * bias_gradient)}.")
    lines.append(f"2. **Change each weight w in proportion to the activation a feeding it**: ∂C/∂w = δ × a. The "
                 f"weights from the most active {previous} neurons change most; a neuron that is off (a = 0) gives "
                 f"this lever nothing. The biggest:")
    for k in np.argsort(-np.abs(weight_gradients), kind="stable")[:shown]:
        lines.append(f"    - from {previous} neuron {k} (a = {a[k]:.3f}): ∂C/∂w = {signed_number(weight_gradients[k])}, "
                     f"so a step changes w by {signed_number(-rate * weight_gradients[k])}")
    shares = -weights * delta
    total = -np.asarray(gradients.activation_gradients[-1], dtype=np.float64)
    lines.append(f"3. **Change each {previous} activation in proportion to the weight w leading from it**: this "
                 f"output would like {previous} neuron k to move by −w δ, its share of that neuron's wish. The "
                 f"biggest:")
    for k in np.argsort(-np.abs(shares), kind="stable")[:shown]:
        w = f"{weights[k]:+.2f}".replace("-", "−")
        lines.append(f"    - {previous} neuron {k} (w = {w}): this output's share −w δ = {signed_number(shares[k])}; "
                     f"the ten outputs' shares together, −∂C/∂a = {signed_number(total[k])}")
    lines += ["", f"Activations cannot be set directly: they change only through their own weights and biases. So "
              f"backpropagation adds up the ten outputs' shares into each {previous} neuron's wish, "
              f"−∂C/∂a = −Wᵀδ, and pulls the same three levers one layer further back."]
    return "\n".join(lines)


# -- the biggest gradients ------------------------------------------------------------------
def _origin(layer: int, sources: list[int], names: list[str]) -> str:
    if layer == 1:
        cells = [f"({s // 28}, {s % 28})" for s in sources]
        return ("pixel " if len(cells) == 1 else "pixels ") + _joined(cells)
    return f"{names[layer - 1]} neuron{'s' if len(sources) > 1 else ''} " + _joined([str(s) for s in sources])


def _joined(items: list[str], most: int = 6) -> str:
    if len(items) > most:
        return ", ".join(items[:most]) + f" and {len(items) - most} more"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _alike(row: np.ndarray, value: float) -> np.ndarray:
    """The sources in ``row`` whose gradient is within 2 % of ``value`` (same sign), biggest first."""
    close = (np.abs(row - value) <= 0.02 * abs(value)) & (np.sign(row) == np.sign(value))
    members = np.flatnonzero(close)
    return members[np.argsort(-np.abs(row[members]), kind="stable")]


def biggest_gradients(weight_gradients, activations, names: list[str], top: int = BIGGEST) -> str:
    """The weights that most want to change, in words.

    Gradients into one neuron that are (nearly) equal share a line, with the reason: ∂C/∂w = δ × a
    has the same δ for every weight into that neuron, so sources with the same activation a
    (saturated neurons, a ≈ 1; pixels of full ink) get the same gradient.
    """
    candidates = []
    for layer, gradient in enumerate(weight_gradients, start=1):
        for index in np.argsort(-np.abs(gradient), axis=None)[:8 * top]:
            target, source = np.unravel_index(index, gradient.shape)
            candidates.append((abs(float(gradient[target, source])), layer, int(target), int(source)))
    candidates.sort(key=lambda c: -c[0])
    lines, covered = [], set()
    for _, layer, target, source in candidates:
        if (layer, target, source) in covered:
            continue
        row = np.asarray(weight_gradients[layer - 1][target], dtype=np.float64)
        members = [int(k) for k in _alike(row, float(row[source]))]
        covered.update((layer, target, k) for k in members)
        values = row[members]
        high, low = signed_number(float(values[0])), signed_number(float(values[-1]))
        several = len(members) > 1
        direction = "decrease" if values[0] > 0 else "increase"
        shown = (f"{high}{' each' if several else ''}" if high == low
                 else f"{low} to {high}" if values[0] > 0 else f"{high} to {low}")
        line = (f"- from {_origin(layer, members, names)} to {names[layer]} neuron {target}: ∂C/∂w = {shown}, "
                f"so {direction} {'them' if several else 'it'}")
        if several:
            a = np.asarray(activations[layer - 1], dtype=np.float64)[members]
            smallest, largest = f"{a.min():.3f}", f"{a.max():.3f}"
            same = smallest if smallest == largest else f"{smallest} to {largest}"
            line += (f". {'Equal' if np.ptp(values) == 0 else 'Nearly equal'} because ∂C/∂w = δ × a, with the same δ for "
                     f"every weight into that neuron, and these {'pixels' if layer == 1 else 'neurons'} all have "
                     f"a = {same}" + (" (fully on)" if a.min() >= 0.99 else ""))
        lines.append(line)
        if len(lines) == top:
            break
    if candidates and candidates[0][0] < 1e-3:
        lines.append("\nAll of them are tiny: the network is already sure of the right answer, so the cost "
                     "hardly changes whichever way a weight moves.")
    return "\n".join(lines)


# -- taking a step ---------------------------------------------------------------------------
def mini_batch(index: int, steps_taken: int) -> np.ndarray:
    """This training digit and BATCH − 1 others, chosen at random (a new choice for every step)."""
    train, _ = loaders.embedded()
    rng = np.random.default_rng([index, steps_taken])
    others = rng.choice(np.delete(np.arange(len(train)), index), BATCH - 1, replace=False)
    return np.r_[index, others]


def take_step(kind: str, index: int) -> None:
    """One step of gradient descent on the copy: on this example alone, or on a mini-batch of BATCH."""
    train, _ = loaders.embedded()
    copy = scratch()
    network = copy.network
    rate = float(st.session_state[state.BACKPROP_RATE])
    batch = mini_batch(index, len(copy.steps))
    label = int(train.labels[index])
    instead = right_instead = None
    if kind == "example":
        other = network.copy()
        gradient_step(other, train.inputs[batch], train.labels[batch].astype(np.intp), rate)
        instead, right_instead = score(other), float(forward(other, train.inputs[index]).output[label])
    digits = np.array([index]) if kind == "example" else batch
    right_before = float(forward(network, train.inputs[index]).output[label])
    others = digits[1:]
    others_sure = int(np.sum(forward(network, train.inputs[others]).output[np.arange(len(others)), train.labels[others]] > 0.9))
    gradient_step(network, train.inputs[digits], train.labels[digits].astype(np.intp), rate)
    right_after = float(forward(network, train.inputs[index]).output[label])
    step = Step(kind, rate, tuple(int(d) for d in digits), right_before, right_after, copy.score, score(network),
                instead, right_instead, others_sure)
    st.session_state[state.BACKPROP_NET] = Scratch(copy.owner, network, copy.trained, copy.steps + (step,))


def percent(x: float) -> str:
    return f"{100 * x:.1f} %"


def cost_text(c: float) -> str:
    if not np.isfinite(c):
        return "infinite"
    return f"{c:.3f}" if c < 100 else f"{c:,.0f}"


def _change(before: float, after: float, written) -> str:
    """'fell from 95.3 % to 63.3 %', 'rose from …', or 'stayed at …' when the two print the same."""
    old, new = written(before), written(after)
    if old == new:
        return f"stayed at {new}"
    return f"{'rose' if after > before else 'fell'} from {old} to {new}"


def _learned_from(step: Step) -> str:
    if step.kind == "example":
        return f"training digit #{step.digits[0]}"
    return f"a mini-batch of {len(step.digits)} (#{step.digits[0]} and {len(step.digits) - 1} others)"


def step_verdict(step: Step, trained: Score) -> str:
    """What the last step did, to its example and to all the other digits, in sentences computed from the numbers.

    ``trained`` is the trained network's score (to tell a repair from a plain improvement).
    """
    label = label_of(step.digits[0])
    accuracy = _change(step.before.test_accuracy, step.after.test_accuracy, percent)
    cost = _change(step.before.train_cost, step.after.train_cost, cost_text)
    right = _change(step.right_before, step.right_after, "{:.3f}".format)
    text = (f"**Last step**: one step on {_learned_from(step)} with η = {step.rate:g}. Training digit "
            f"#{step.digits[0]}'s output for {label} {right}. "
            f"On the 1,000 unseen test digits, accuracy {accuracy}; the average cost over the 4,000 training digits "
            f"{cost}.")
    fell = accuracy.startswith("fell")
    drop = 100 * (step.before.test_accuracy - step.after.test_accuracy)
    parts = [text]
    if step.kind == "example" and fell and drop >= 1:
        parts.append(f"A step big enough to fix one example can break the others: test accuracy {accuracy}. Real "
                     f"training averages the gradient over many examples (a mini-batch) and takes small steps.")
    elif step.kind == "example" and cost.startswith("rose"):
        parts.append("The step helped this digit at the others' expense: the average training cost rose. Real "
                     "training averages the gradient over many examples (a mini-batch).")
    elif step.kind == "batch":
        n = len(step.digits)
        words = (f"The mini-batch step moved every weight by −η × the average of the {n} examples' gradients, so this "
                 f"digit's pull counted for only 1/{n} and the {n - 1} others pulled towards what works for them. ")
        words += (f"{step.others_sure} of those {n - 1} already had an output above 0.9 for their right digit; such a "
                  f"digit pulls little. " if step.others_sure else
                  f"None of those {n - 1} had an output above 0.9 for its right digit, so every one of them pulled. ")
        if fell and drop >= 1:
            words += f"Even so, η = {step.rate:g} was too big a step here: test accuracy {accuracy}. "
        elif accuracy.startswith("rose") and step.before.test_accuracy < trained.test_accuracy:
            part = "all" if step.after.test_accuracy >= trained.test_accuracy else "part"
            words += f"Test accuracy {accuracy}: averaging repaired {part} of the damage. "
        parts.append(words + "Averaged over many examples, the steps follow what is good for the digits in general, "
                             "not for one.")
    other = step.batch_instead
    if other is not None:
        harmless = other.test_accuracy >= step.before.test_accuracy and other.train_cost <= step.before.train_cost
        parts.append(f"The mini-batch button (this digit and {BATCH - 1} others, the same η) would instead have left "
                     f"test accuracy at {percent(other.test_accuracy)} and the average training cost at "
                     f"{cost_text(other.train_cost)}, with this digit's output for {label} at "
                     f"{step.right_instead:.3f}"
                     + (": less progress on this one digit, without lowering the test accuracy or raising the "
                        "average training cost." if harmless and step.right_instead < step.right_after else "."))
    return "\n\n".join(parts)


def history_table(copy: Scratch, shown: int = 6) -> str:
    """The trained network and the copy after each of the last few steps, as a markdown table."""
    rows = ["| | learned from | η | test accuracy (1,000 unseen digits) | average cost, 4,000 training digits |",
            "|---|---|---|---|---|",
            f"| trained network | | | {percent(copy.trained.test_accuracy)} | {cost_text(copy.trained.train_cost)} |"]
    first = max(0, len(copy.steps) - shown)
    if first:
        rows.append(f"| … {first} earlier step{'s' if first > 1 else ''} | | | | |")
    for number, step in enumerate(copy.steps[first:], start=first + 1):
        rows.append(f"| after step {number} | {_learned_from(step)} | {step.rate:g} | "
                    f"{percent(step.after.test_accuracy)} | {cost_text(step.after.train_cost)} |")
    return "\n".join(rows)


def batch_strip(digits: tuple[int, ...]) -> np.ndarray:
    """The mini-batch's digits side by side (the example first), as one uint8 image."""
    train, _ = loaders.embedded()
    images = train.images[list(digits)].astype(np.float32) / 255
    return enlarge(np.nan_to_num(tile(images, len(digits), gap=2), nan=0.35), 28 * len(digits) * 2)
