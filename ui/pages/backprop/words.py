"""The Backpropagation page's words: what each step of the backward pass does, the three levers of one output,
the biggest gradients, and what the last step did (all computed from the numbers, none hoped)."""
from __future__ import annotations

import numpy as np

from figures.images import enlarge, tile
from figures.numbers import signed_number
from nn_core.backprop import Gradients
from nn_core.network import ForwardPass, Network, layer_symbol
from ui import loaders, state
from ui.level import simple
from ui.pages.backprop.scratch import BATCH, Score, Scratch, Step, label_of

BIGGEST = 5                             # lines of "the biggest gradients"


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
