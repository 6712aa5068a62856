"""The Backpropagation page's words: what each step of the backward pass does, the three levers of one output,
the biggest gradients, and what the last step did (all computed from the numbers, none hoped).

Two levels: the simple one speaks of pushes, wishes and levers without derivatives; the full one adds ∂, δ and W.
Each level has one cost: 3Blue1Brown's C = Σ (a − y)² at the simple level, the network's own cost at the full one.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from figures.images import enlarge, tile
from figures.numbers import bar_label, signed_number
from nn_core.backprop import UNSURE, Gradients, wish_shares
from nn_core.costs import sum_of_squares
from nn_core.network import ForwardPass, Network, layer_symbol
from ui import loaders, state
from ui.level import simple
from ui.pages.backprop.scratch import BATCH, WALK, Score, Scratch, Step, label_of

BIGGEST = 5                             # lines of "the biggest gradients"
SQUARES = "Σ (a − y)²"                  # the simple level's cost, 3Blue1Brown's
BARELY = 0.05                           # a walk that changes the average cost by less than this fraction hardly moved


# -- what the picture and the bars show ---------------------------------------------------------
def output_wishes(result: ForwardPass, label: int) -> np.ndarray:
    """y − a for the ten outputs: what the bars show."""
    return np.eye(len(result.output))[label] - result.output


def pushes(gradients: Gradients) -> list[np.ndarray]:
    """What the picture draws: the pixels' wish −∂C/∂a⁽⁰⁾, then the push −δ⁽ˡ⁾ = −∂C/∂z⁽ˡ⁾ on every layer's z.

    The push is what the weights and bias into a neuron receive (∂C/∂w = δ a, ∂C/∂b = δ); for softmax outputs
    with the cross-entropy it equals y − a.
    """
    return [-np.asarray(gradients.activation_gradients[0], dtype=np.float64)] + [
        -np.asarray(d, dtype=np.float64) for d in gradients.deltas]


def slopes(network: Network, result: ForwardPass) -> list[np.ndarray]:
    """σ′(z⁽ˡ⁾) of every hidden layer l = 1 .. L − 1 (index l − 1): how steeply each neuron's activation responds."""
    return [network.activation.derivative(np.asarray(z, dtype=np.float64), np.asarray(a, dtype=np.float64))
            for z, a in zip(result.zs[:-1], result.activations[1:-1])]


def push_details(network: Network, result: ForwardPass, gradients: Gradients) -> list[list[str] | None]:
    """The full level's hover line for each hidden neuron: its wish −∂C/∂a times its slope gives the push drawn."""
    prime = network.activation.slope.split(" = ")[0]
    details: list[list[str] | None] = [None]
    for wish, slope in zip(gradients.activation_gradients[1:], slopes(network, result)):
        details.append([f"= wish × slope: −∂C/∂a = {signed_number(-float(w))} times {prime} = {s:.3f}"
                        for w, s in zip(wish, slope)])
    return details + [None]


def output_quantity(network: Network) -> str:
    """What the outputs' pushes are, in the picture: y − a for softmax with the cross-entropy."""
    same = network.cost.wish_of.startswith("weighted sum")    # the cost's wish y − a is already the push on z
    if simple():
        return "y − a" if same else "y − a, times the slope of σ"
    return network.cost.output_wish if same else "−∂C/∂z = (y − a) σ′(z)"


def wish_target(network: Network) -> str:
    """What the outputs' wish y − a is the wish of (the cost record says)."""
    return network.cost.wish_of


def _sup(layer: int) -> str:
    return layer_symbol(layer)[1:]  # "⁽²⁾"


# -- the one cost of each level -------------------------------------------------------------------
def shown_cost(score: Score) -> float:
    """The average training cost this level shows: Σ (a − y)² (simple) or the network's own cost (full)."""
    return score.train_squares if simple() else score.train_cost


def cost_heading(network: Network) -> str:
    """The name of the average training cost this level shows, for a table's column or a chart's title."""
    formula = SQUARES if simple() else network.cost.formula.split(" = ", 1)[-1]
    return f"average cost {formula}, 4,000 training digits"


def cost_chart_title(network: Network) -> str:
    """The walk chart's title for the average training cost: the level's cost, named, in two lines."""
    return cost_heading(network).replace(", ", "<br>over the ")


def example_cost(network: Network, result: ForwardPass, gradients: Gradients, label: int) -> str:
    """'Cost for this example: C = …', the level's cost, named."""
    if simple():
        squares = float(sum_of_squares(np.asarray(result.output, dtype=np.float64)[None], np.array([label]))[0])
        return f"Cost for this example: **C = {SQUARES} = {squares:.3f}**"
    return (f"Cost for this example: **{network.cost.formula} = {cost_text(gradients.cost)}** ({network.cost.name}, "
            f"the cost this network is trained on)")


def plain(value: float) -> str:
    """A signed number for the simple level, without powers of ten: '+1.95', '−0.093', '+0.0004', or '≈ 0'."""
    if value == 0:
        return "0"
    if abs(value) >= 1:
        return bar_label(value) if abs(value) < 100 else f"{value:+,.0f}".replace("-", "−")
    if abs(value) >= 0.01:
        return f"{value:+.3f}".replace("-", "−")
    return "≈ 0" if abs(value) < 5e-5 else bar_label(value)


# -- the backward pass, step by step ------------------------------------------------------------
def explain_in_words(step: int | None, network: Network) -> str:
    """The simple level's words for this step of the backward pass (no derivatives, no matrices)."""
    layers, names, palette = network.layer_count, network.layer_names(), state.palette()
    if step is None:
        return ("Every arrow of the forward pass, run backwards. A weight should change most where the signal through "
                "it was strong and the neuron it feeds is pushed hard.")
    if step == layers:
        same = ("here it is the same number, y − a" if network.cost.wish_of.startswith("weighted sum") else
                "here it is y − a times how steeply the output's σ responds")
        return ("**Output.** Each output's wish is y − a: the right digit's output should rise towards 1 (y = 1), "
                "the others fall towards 0 (y = 0). The further an output is from its target, the bigger its wish. "
                f"The circles show the push on each output's z = Σ w·a + b (weighted sum plus bias); {same}.")
    if step == 0:
        return (f"**Back at the pixels.** Their wish shows which pixels, if brighter ({palette.positive_name}) or darker "
                f"({palette.negative_name}), would lower the cost. The pixels are not learned (they are the example); "
                f"the weights into {names[1]} are.")
    return (f"**{names[step].capitalize()}.** Each neuron's wish adds up the pulls of the neurons it feeds, each "
            "the weight that connects them times that neuron's push: a neuron that feeds a hard-pushed neuron through "
            "a large weight is asked to change a lot. The circles show the push on its own z: its wish times how "
            "steeply its activation responds right now. "
            + ("A neuron that is fully on or fully off barely responds, so its push is small, however big its wish."
               if network.activation.high is not None else
               "A neuron that is off does not respond at all, so its push is 0, however big its wish."))


def explain(step: int | None, network: Network) -> str:
    """What is happening at this step of the backward pass, with the formula (signs as drawn)."""
    if simple():
        return explain_in_words(step, network)
    layers, names, cost = network.layer_count, network.layer_names(), network.cost
    palette = state.palette()
    if step is None:
        return ("Every arrow of the forward pass, run backwards. For each weight, ∂C/∂w = δ × a: the error δ of the "
                "neuron it feeds times the activation a feeding it. A weight changes most where the signal through "
                "it was strong and its neuron's error is large. The circles show −δ, the push on each z.")
    if step == layers:
        return (f"**Output.** Each output's wish is y − a: the right digit's output should rise towards 1 (y = 1), "
                f"the others fall towards 0 (y = 0). For this cost ({cost.formula}) the wish is {cost.output_wish}, "
                f"a wish for each output's {wish_target(network)}, and the error of its weighted sum is "
                f"{cost.output_delta}. The circles show the push −δ.")
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
            f"error is δ{here} = ∂C/∂a{here} × {derivative}, neuron by neuron ({slope} for this activation): the "
            f"circles show −δ{here} (hover for the wish and the slope), and the weights into {into} get "
            f"∂C/∂w = δ{nxt} × a{here}.")


# -- three levers for one output (3Blue1Brown, chapter 3) -------------------------------------
@dataclass(frozen=True)
class Levers:
    """The numbers of one output's three levers, and of the previous layer's neuron with the largest wish."""

    digit: int                  # the output j
    push: float                 # −δ_j: the push on its z
    rate: float                 # η
    activations: np.ndarray     # a_k of the previous layer
    weights: np.ndarray         # w_jk
    weight_changes: np.ndarray  # −η δ_j a_k: what one step does to each weight into output j
    pulls: np.ndarray           # −w_jk δ_j: output j's pull on each previous neuron k
    neuron: int                 # k*: the previous layer's neuron with the largest |wish|
    neuron_pulls: np.ndarray    # −w_jk* δ_j from every output j: the pulls on k* (they add up to its wish)
    neuron_wish: float          # −∂C/∂a_k*
    neuron_slope: float         # σ′(z_k*)
    neuron_push: float          # −δ_k* = wish × slope


def lever_numbers(network: Network, result: ForwardPass, gradients: Gradients, digit: int, rate: float) -> Levers:
    """Every number the levers' words print, straight from nn_core's backpropagation."""
    layers = network.layer_count
    delta = np.asarray(gradients.deltas[-1], dtype=np.float64)
    shares = wish_shares(network.weights[-1], delta)                  # (outputs, previous)
    a = np.asarray(result.activations[layers - 1], dtype=np.float64)
    wish = -np.asarray(gradients.activation_gradients[-1], dtype=np.float64)
    k = int(np.argmax(np.abs(wish)))
    slope = float(slopes(network, result)[-1][k]) if layers > 1 else 1.0
    push = -float(np.asarray(gradients.deltas[-2], dtype=np.float64)[k]) if layers > 1 else float(wish[k])
    return Levers(digit, -float(delta[digit]), rate, a, network.weights[-1][digit].astype(np.float64),
                  -rate * np.asarray(gradients.weights[-1][digit], dtype=np.float64), shares[digit], k, shares[:, k],
                  float(wish[k]), slope, push)


def _way(value: float, up: str = "rise", down: str = "fall") -> str:
    return up if value > 0 else down if value < 0 else "stay"


def _fire_together(n: Levers, previous: str, write) -> str:
    """``write`` prints the size of the weight's change (unsigned: the sentence says which way)."""
    """3Blue1Brown's 'neurons that fire together wire together', tied to the brightest neuron's weight."""
    k = int(np.argmax(n.activations))
    if n.activations[k] <= 0:
        return ""
    change = float(n.weight_changes[k])
    wanted = "should fire" if n.push > 0 else "should stay quiet"
    grows = "grows the most" if n.push > 0 else "falls the most"
    reverse = "" if n.push > 0 else ", in reverse"
    return (f"*Neurons that fire together wire together*{reverse}: {previous} neuron {k} fires (activation "
            f"{n.activations[k]:.2f}) while output {n.digit} {wanted}, so the weight between them {grows}, by "
            f"{write(abs(change))}.")


def _indented(paragraph: str) -> list[str]:
    """A paragraph that continues the numbered lever above it (after its sub-list)."""
    return ["", "   " + paragraph, ""] if paragraph else []


def _added_up(n: Levers, previous: str, write, shown: int = 3) -> str:
    """Every output's pull on one neuron of the layer before, added up into its wish."""
    order = np.argsort(-np.abs(n.neuron_pulls), kind="stable")
    top, rest = order[:shown], order[shown:]
    parts = [f"{write(float(n.neuron_pulls[j]))} from output {j}" for j in top]
    if len(rest):
        parts.append(f"{write(float(np.sum(n.neuron_pulls[rest])))} from the other {len(rest)} together")
    return (f"**Every output pulls at once.** {previous.capitalize()} neuron {n.neuron} hears all "
            f"{len(n.neuron_pulls)} outputs: "
            + ", ".join(parts) + f". In all {write(n.neuron_wish)}, so it is asked to **{_way(n.neuron_wish)}**.")


def _slope(slope: float) -> str:
    return "0" if slope == 0 else f"{slope:.3f}"


def _responds(slope: float) -> str:
    """Why a push is (nearly) nothing although the wish is not: the neuron does not respond now."""
    if slope == 0:
        return ": it does not respond at all right now, so it passes nothing back"
    return ": it barely responds right now, so it passes little back" if slope < 0.01 else ""


def levers_in_words(network: Network, n: Levers, label: int, shown: int = 3) -> str:
    """The simple level's three levers, with the live numbers and no derivatives."""
    previous = network.layer_names()[network.layer_count - 1]
    who = " (the right answer)" if n.digit == label else ""
    bar = " (its bar above)" if network.cost.wish_of.startswith("weighted sum") else ""
    verb = _way(n.push, "raise", "lower")
    lines = [f"Output {n.digit}{who} should go **{_way(n.push, 'up', 'down')}**: the push on its z = Σ w·a + b is "
             f"{plain(n.push)}{bar}. Three levers {verb} z:", ""]
    lines.append(f"1. **{verb.capitalize()} its bias.** One step with η = {n.rate:g} changes it by η × the push = "
                 f"{plain(n.rate * n.push)}.")
    lines.append(f"2. **Change its weights, most where the neuron feeding them is bright.** Each weight from {previous} "
                 f"changes by η × the push × the activation feeding it, so a weight from a neuron that is off barely "
                 f"changes. With η = {n.rate:g}:")
    for k in np.argsort(-np.abs(n.weight_changes), kind="stable")[:shown]:
        change = float(n.weight_changes[k])
        lines.append(f"    - from {previous} neuron {k} (activation {n.activations[k]:.2f}): "
                     f"{_way(change, 'rises', 'falls')} by {plain(abs(change)).lstrip('+')}")
    lines += _indented(_fire_together(n, previous, lambda v: plain(v).lstrip("+")))
    lines.append(f"3. **Change the {previous} activations, in proportion to the weights.** Output {n.digit} pulls on "
                 f"each {previous} neuron with strength weight × push. The strongest pulls:")
    for k in np.argsort(-np.abs(n.pulls), kind="stable")[:shown]:
        lines.append(f"    - on neuron {k} (weight {bar_label(float(n.weights[k]))}): {plain(float(n.pulls[k]))}, "
                     f"asking it to {_way(float(n.pulls[k]))}")
    lines += ["", _added_up(n, previous, plain) + " But an activation cannot be set directly: it changes only through "
              f"its weights, its bias and the activations feeding it. So its wish becomes the push on its own z, the "
              f"wish times how steeply its "
              f"activation responds right now ({_slope(n.neuron_slope)}{_responds(n.neuron_slope)}): "
              f"{plain(n.neuron_push)}. Then the same three "
              f"levers are pulled one layer further back, and so on to the first weights. That is backpropagation."]
    return "\n".join(lines)


def levers(network: Network, result: ForwardPass, gradients: Gradients, digit: int, label: int, rate: float,
           shown: int = 3) -> str:
    """The three ways to move output ``digit``'s z, each with the numbers backprop gives it (both levels)."""
    n = lever_numbers(network, result, gradients, digit, rate)
    if simple():
        return levers_in_words(network, n, label, shown)
    previous = network.layer_names()[network.layer_count - 1]
    delta = -n.push
    way, verb = ("up", "raise") if n.push > 0 else ("down", "lower")
    who = f"digit {digit}" + (", the right answer" if digit == label else "")
    lines = [f"Output {digit} ({who}): its z = Σ w·a + b should go **{way}**, −∂C/∂z = −δ = "
             f"{signed_number(-delta)}. Three levers {verb} it:", ""]
    lines.append(f"1. **{verb.capitalize()} its bias b.** ∂C/∂b = δ = {signed_number(delta)}, so a step "
                 f"with η = {rate:g} changes b by −η δ = {signed_number(-rate * delta)}.")
    lines.append(f"2. **Change each weight w in proportion to the activation a feeding it**: ∂C/∂w = δ × a. The "
                 f"weights from the most active {previous} neurons change most; a neuron that is off (a = 0) gives "
                 f"this lever nothing. The biggest:")
    for k in np.argsort(-np.abs(n.weight_changes), kind="stable")[:shown]:
        lines.append(f"    - from {previous} neuron {k} (a = {n.activations[k]:.3f}): ∂C/∂w = "
                     f"{signed_number(delta * n.activations[k])}, so a step changes w by "
                     f"{signed_number(float(n.weight_changes[k]))}")
    lines += _indented(_fire_together(n, previous, lambda v: signed_number(v).lstrip("+")))
    wish = -np.asarray(gradients.activation_gradients[-1], dtype=np.float64)
    lines.append(f"3. **Change each {previous} activation in proportion to the weight w leading from it**: this "
                 f"output pulls on {previous} neuron k with strength −w δ (a rate: how fast C falls, through this "
                 f"output, per unit that a_k rises), its share of that neuron's wish. The biggest:")
    for k in np.argsort(-np.abs(n.pulls), kind="stable")[:shown]:
        w = f"{n.weights[k]:+.2f}".replace("-", "−")
        lines.append(f"    - {previous} neuron {k} (w = {w}): this output's share −w δ = {signed_number(n.pulls[k])}; "
                     f"the ten outputs' shares together, −∂C/∂a = {signed_number(wish[k])}")
    lines += ["", _added_up(n, previous, signed_number) + f" Activations cannot be set directly: they change only "
              f"through their weights, their biases and the activations feeding them. So backpropagation adds up the "
              f"outputs' shares into each "
              f"{previous} neuron's wish, −∂C/∂a = −Wᵀδ, turns it into that neuron's push −δ = −∂C/∂a × "
              f"{network.activation.slope.split(' = ')[0]} (here {signed_number(n.neuron_wish)} × "
              f"{n.neuron_slope:.4g} = {signed_number(n.neuron_push) if n.neuron_push else 0}), and pulls the same "
              f"three levers one layer further back."]
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


# -- taking steps -------------------------------------------------------------------------------
def step_intro(network: Network) -> str:
    """What the three buttons do, and what the table measures after each."""
    if network.cost.probabilities and simple():    # softmax with −ln a_y: a smaller cost is a larger a_y
        small = "A small enough step raises this digit's output for the right answer."
    elif simple():
        small = "A small enough step brings this digit's outputs closer to the right answer."
    else:
        small = "A small enough step lowers this example's cost C."
    return (f"Gradient descent moves every weight and bias by −η × its slope, its part of the gradient (η is the "
            f"learning rate). {small} "
            "What it does to the other digits is another matter, so after every step the table measures the copy on "
            "the 1,000 unseen test digits and on all 4,000 training digits.\n\n"
            f"- **One step on this example**, at η.\n"
            f"- **One step on a mini-batch of {BATCH}**, at η: this digit and {BATCH - 1} others that pull. Their "
            f"{BATCH} gradients are averaged, so each digit pulls with η/{BATCH}; the page compares it with a step on "
            f"this digit alone at η/{BATCH}, to show what the others add.\n"
            f"- **{WALK} steps of {BATCH}**: {WALK} mini-batch steps at η, each on {BATCH} training digits picked at "
            f"random, measured after every step: the walk of real training. Try it after a big step on this example "
            f"(η = 1) has wrecked the network.")


def batch_help() -> str:
    return (f"This training digit and {BATCH - 1} others the network on this page reads wrong or is unsure of (its "
            f"output for their right digit is below {UNSURE:g}), so that they pull. The step uses the average of their "
            f"{BATCH} gradients. For the same network and example the choice is always the same")


def walk_help() -> str:
    return (f"{WALK} steps, each on a mini-batch of {BATCH} training digits chosen at random: one shuffle of the 4,000, "
            f"cut into mini-batches, as real training does. Test accuracy and the average training cost are measured "
            f"after every step")


def percent(x: float) -> str:
    return f"{100 * x:.1f} %"


def cost_text(c: float) -> str:
    """An average cost as the tables print it: four decimals below 1, so a step's small effects show."""
    if np.isnan(c):
        return "not a number"
    if not np.isfinite(c):
        return "infinite"
    return f"{c:.4f}" if c < 1 else f"{c:.3f}" if c < 100 else f"{c:,.0f}"


def _change(before: float, after: float, written) -> str:
    """'fell from 95.3 % to 63.3 %', 'rose from …', or 'stayed at …' when the two print the same."""
    old, new = written(before), written(after)
    if old == new:
        return f"stayed at {new}"
    return f"{'rose' if after > before else 'fell'} from {old} to {new}"


def _learned_from(step: Step) -> str:
    if step.kind == "example":
        return f"training digit #{step.digits[0]}"
    if step.kind == "walk":
        return f"{WALK} mini-batches of {BATCH} at random ({len(step.digits)} training digits)"
    return f"a mini-batch of {len(step.digits)} (#{step.digits[0]} and {len(step.digits) - 1} that pull)"


def _test_count() -> int:
    return len(loaders.embedded()[1])


def step_verdict(step: Step, network: Network) -> str:
    """What the last button did, in sentences (and a table) computed from the numbers."""
    if step.kind == "batch":
        return batch_verdict(step, network)
    if step.kind == "walk":
        return walk_verdict(step)
    label = label_of(step.digits[0])
    accuracy = _change(step.before.test_accuracy, step.after.test_accuracy, percent)
    cost = _change(shown_cost(step.before), shown_cost(step.after), cost_text)
    right = _change(step.right_before, step.right_after, "{:.3f}".format)
    text = (f"**Last step**: one step on {_learned_from(step)} with η = {step.rate:g}. Training digit "
            f"#{step.digits[0]}'s output for {label} {right}. "
            f"On the {_test_count():,} unseen test digits, accuracy {accuracy}; the average cost over the 4,000 "
            f"training digits {cost}.")
    parts = [text]
    drop = 100 * (step.before.test_accuracy - step.after.test_accuracy)
    if accuracy.startswith("fell") and drop >= 1:
        parts.append(f"A step big enough to fix one example can break the others: test accuracy {accuracy}. Real "
                     f"training averages the gradient over many examples (a mini-batch) and takes small steps.")
    elif cost.startswith("rose") and right.startswith("rose"):
        parts.append("The step helped this digit at the others' expense: the average training cost rose. Real "
                     "training averages the gradient over many examples (a mini-batch).")
    parts.append(f"The mini-batch button shows what the others add: it gives this digit a tenth of the pull "
                 f"(η/{BATCH}) and adds {BATCH - 1} digits that pull too.")
    return "\n\n".join(parts)


def comparison_table(step: Step, network: Network) -> str:
    """The mini-batch step beside this digit alone at η/B, from the same start, as a markdown table."""
    label = label_of(step.digits[0])
    alone = step.alone
    rows = [f"| | training digit #{step.digits[0]}'s output for {label} | test accuracy | {cost_heading(network)} |",
            "|---|---|---|---|",
            f"| before the step | {step.right_before:.3f} | {percent(step.before.test_accuracy)} | "
            f"{cost_text(shown_cost(step.before))} |",
            f"| this digit alone, η/{BATCH} = {alone.rate:g} | {alone.right_after:.3f} | "
            f"{percent(alone.score.test_accuracy)} | {cost_text(shown_cost(alone.score))} |",
            f"| the mini-batch of {len(step.digits)}, η = {step.rate:g} | {step.right_after:.3f} | "
            f"{percent(step.after.test_accuracy)} | {cost_text(shown_cost(step.after))} |"]
    return "\n".join(rows)


def batch_verdict(step: Step, network: Network) -> str:
    """Which did the work, the smaller step on this digit or the other digits' pulls: read off the measured numbers."""
    others, label, alone = len(step.digits) - 1, label_of(step.digits[0]), step.alone
    lead = (f"**Last step**: one step with η = {step.rate:g} on a mini-batch of {len(step.digits)}: this digit and "
            f"{others} that the network reads wrong or is unsure of (output for their right digit below {UNSURE:g}). "
            f"In the average each "
            f"digit pulls with η/{len(step.digits)} × its own gradient, so this digit pulls exactly as hard as in a "
            f"step on it alone at η/{len(step.digits)} = {alone.rate:g}. The difference between the last two rows "
            f"is the work of the other {others}.")
    parts = [lead, comparison_table(step, network)]
    a_right, m_right = f"{alone.right_after:.3f}", f"{step.right_after:.3f}"
    if a_right == m_right:
        effect = "left it where this digit's own pull put it"
    elif step.right_after > alone.right_after:
        effect = "pulled it further up"
    else:
        effect = "held it back" if step.right_after > step.right_before else "pulled it down, below where it started"
    parts.append(f"- **This digit**: its output for {label} is {a_right} after the step on it alone, {m_right} after "
                 f"the mini-batch: the other {others} {effect}.")
    b, a, m = shown_cost(step.before), shown_cost(alone.score), shown_cost(step.after)
    B, A, M = cost_text(b), cost_text(a), cost_text(m)
    if not (np.isfinite(a) and np.isfinite(m)):
        cost = (f"{A} after the step on this digit alone, {M} after the mini-batch. An infinite average means that for "
                f"some training digit the output for its right digit rounds to 0: its cost, −ln 0, is infinite.")
    elif A == M:
        cost = (f"neither step changed it ({B})." if A == B else
                f"the other {others} did not change it ({A} either way): the step on this digit did the work.")
    elif m < a:
        if a < b:
            most = ("the other " + str(others) + " did most of the work") if a - m > b - a else \
                   "the step on this digit did most of the work"
            cost = (f"this digit alone lowered it from {B} to {A}; with the other {others} pulling too it fell to "
                    f"{M}: {most}.")
        else:
            cost = (f"this digit alone did not lower it ({B} → {A}); with the other {others} pulling too it "
                    + (f"fell to {M}: the other {others} did the work." if m < b else f"rose less, to {M}."))
    else:
        cost = (f"{A} with this digit alone, {M} with the other {others} pulling too: here their pulls did harm. "
                f"The ten pulls add up into one step, so a large η makes a long step"
                + ("; try a smaller η." if step.rate > 0.01 else "."))
    parts.append(f"- **The average training cost**: {cost}")
    n = _test_count()
    gained = round((step.after.test_accuracy - alone.score.test_accuracy) * n)
    accuracy = (f"both steps read the same number right ({percent(alone.score.test_accuracy)})" if gained == 0 else
                f"the mini-batch step read {abs(gained)} {'more' if gained > 0 else 'fewer'} right than this digit "
                f"alone ({percent(alone.score.test_accuracy)} → {percent(step.after.test_accuracy)})")
    parts.append(f"- **The {n:,} unseen test digits**: {accuracy}.")
    closing = ""
    if m < a and M != A and m < b and gained >= 0:
        closing = ("\n\nThat is what a mini-batch is for: the pulls of many digits together lowered the cost of the "
                   "training digits as a whole, not just of this one.")
    return "\n\n".join(parts[:2]) + "\n\n" + "\n".join(parts[2:]) + closing


def walk_verdict(step: Step) -> str:
    """What the walk of mini-batch steps did, step by step: how often the cost rose, and where it ended."""
    costs = [shown_cost(step.before)] + [shown_cost(s) for s in step.path]
    written = [cost_text(c) for c in costs]
    rises = sum(1 for old, new, a, b in zip(costs, costs[1:], written, written[1:]) if a != b and new > old)
    accuracy = _change(step.before.test_accuracy, step.after.test_accuracy, percent)
    cost = _change(costs[0], costs[-1], cost_text)
    best = max(s.test_accuracy for s in step.path)
    on_the_way = f" (best on the way {percent(best)})" if percent(best) not in (percent(step.after.test_accuracy),
                                                                                  percent(step.before.test_accuracy)) else ""
    text = (f"**Last: {WALK} steps of {BATCH}** with η = {step.rate:g}, each on {BATCH} training digits picked at "
            f"random ({len(step.digits)} in all, none twice). Test accuracy {accuracy}{on_the_way}; the average "
            f"training cost {cost}.")
    start, end = costs[0], costs[-1]
    if np.isfinite(start) and np.isfinite(end) and abs(end - start) <= BARELY * start:
        text += (f" That is a change of less than {BARELY:.0%}: {WALK} mini-batch steps at this η hardly moved it. "
                 f"Try the walk after a big step on this example has wrecked the network.").replace("%", " %")
    elif cost.startswith("fell"):
        text += (f" The cost rose on {rises} of the {WALK} steps, yet the walk as a whole went down: each mini-batch "
                 f"sees only {BATCH} digits, so its step points only roughly downhill for all 4,000. 3Blue1Brown "
                 f"compares it to a drunk man stumbling quickly downhill." if rises else
                 " The cost fell on every step.")
    elif cost.startswith("rose"):
        text += (f" The walk went uphill: the cost rose on {rises} of the {WALK} steps"
                 + ("; try a smaller η." if step.rate > 0.01 else "."))
    return text


def history_table(copy: Scratch, shown: int = 6) -> str:
    """The trained network and the copy after each of the last few button presses, as a markdown table."""
    network = copy.network
    rows = [f"| | learned from | η | test accuracy (1,000 unseen digits) | {cost_heading(network)} |",
            "|---|---|---|---|---|",
            f"| trained network | | | {percent(copy.trained.test_accuracy)} | {cost_text(shown_cost(copy.trained))} |"]
    first = max(0, len(copy.steps) - shown)
    if first:
        rows.append(f"| … {first} earlier step{'s' if first > 1 else ''} | | | | |")
    for number, step in enumerate(copy.steps[first:], start=first + 1):
        rows.append(f"| after step {number} | {_learned_from(step)} | {step.rate:g} | "
                    f"{percent(step.after.test_accuracy)} | {cost_text(shown_cost(step.after))} |")
    return "\n".join(rows)


def batch_strip(digits: tuple[int, ...]) -> np.ndarray:
    """The mini-batch's digits side by side (the example first), as one uint8 image."""
    train, _ = loaders.embedded()
    images = train.images[list(digits)].astype(np.float32) / 255
    return enlarge(np.nan_to_num(tile(images, len(digits), gap=2), nan=0.35), 28 * len(digits) * 2)
