"""The Gradient-descent page's words: fixed text, and sentences filled in from the landscape and walks on screen.

Every number a sentence prints is computed (nn_core.landscape, for the landscape and start on screen):
the lowest point, the verdicts, and which learning rates were tried and did what. Advice to go larger
comes only from a rate tried from this start, below the one that overshoots.

At the simple level (``simple=True``) the same sentences say in words what the full level writes as
∇C, |∇C| and −ln a_y: "the slope", "the steepness", "the network's own cost".
"""
from __future__ import annotations

import numpy as np

from figures.landscape import Mark
from figures.numbers import number, signed_size, size
from nn_core.landscape import TOO_BIG, Lowest, TinyNeuron, Trial, Verdict, Walk, better_rate, overshoot_rate, steps_to_bottom
from ui.pages.descent.landscapes import Landscape, tiny_landscape

INTRO_COST = ("Learning means making the **cost** small: one number that says how wrong the network is on the "
              "training examples. The cost depends on every weight and bias.")

_LANDSCAPES = """A network has thousands of parameters, so its cost is a landscape in thousands of dimensions. To \
*see* a landscape we need one or two parameters: a tiny neuron that has only two weights, or two parameters of the \
real network with all the others held at their trained values."""

INTRO_RULE = """The **gradient** ∇C is the list of the cost's slopes, one per parameter: how fast C goes up when that \
parameter is nudged up a little. Together they point **uphill**, the steepest way up; minus the gradient points the \
steepest way down. **Gradient descent** stands at a point p (the values of the parameters) and moves against the \
gradient by η times its size:

**p ← p − η ∇C(p)**

So a step is **η × the gradient**: long where the ground is steep, short where it is flat. η, the **learning rate**, \
says how far to go per unit of slope. Then it does the same again from where it landed, and again.

""" + _LANDSCAPES

INTRO_RULE_SIMPLE = """The **gradient** is the list of the cost's slopes, one per parameter: how fast C goes up when \
that parameter is nudged up a little. Together they point **uphill**, the steepest way up; the opposite way is the \
steepest way down. **Gradient descent** stands at a point (the values of the parameters) and moves every parameter \
against its slope, by η times the slope:

**new value = old value − η × slope**

So a step is **η × the gradient**: long where the ground is steep, short where it is flat. η, the **learning rate**, \
says how far to go per unit of slope. Then it does the same again from where it landed, and again.

""" + _LANDSCAPES


def intro_rule(simple: bool = False) -> str:
    """The update rule: p ← p − η ∇C(p) at the full level, in words at the simple level."""
    return INTRO_RULE_SIMPLE if simple else INTRO_RULE


MAP_INTRO = ("Now both parameters move. The gradient is a list of two slopes, one along each axis, and the step "
             "−η ∇C points the steepest way down from where the walk stands. Dark valleys are low cost, bright hills "
             "high. The dashed line is where the curve above was taken.")

MAP_INTRO_SIMPLE = ("Now both parameters move. The gradient is a list of two slopes, one along each axis, and each "
                    "step goes against it, η times each slope: the steepest way down from where the walk stands. Dark "
                    "valleys are low cost, bright hills high. The dashed line is where the curve above was taken.")


def map_intro(simple: bool = False) -> str:
    return MAP_INTRO_SIMPLE if simple else MAP_INTRO


MOMENTUM_INTRO = """Real training often adds **momentum** μ: the bundled networks were trained with μ = 0.9, and \
*Watch it learn* has it in its recipe. The rule, the same one training uses, is

**v ← μ v − η ∇C(p),  p ← p + v**

each step keeps μ of the previous step (μ = 0.8 keeps 80 %) and adds −η ∇C. With μ = 0 it is plain gradient descent. \
Like a heavy ball, it gathers speed where the slope keeps pointing the same way: down a long gentle slope, or along \
the floor of a long, narrow valley, where plain steps stay short. But when the steps are already big, the extra speed \
carries it past the bottom: it swings back and forth, or is thrown out. Both walks below start at the same point with \
the same η."""


def _coordinate(value: float) -> str:
    """Two decimals at most, a true minus sign: −1.5, 2, 1.13."""
    text = f"{round(float(value), 2) + 0.0:.2f}".rstrip("0").rstrip(".")
    return text.replace("-", "−")


def _short(value: float) -> str:
    return f"{value:g}".replace("-", "−")


def _point(point) -> str:
    return "(" + ", ".join(_coordinate(v) for v in point) + ")"


def _on_map(land, point) -> bool:
    return all(low <= v <= high for v, (low, high) in zip(point, land.view))


def tiny_curvature() -> float:
    """The sharpest curvature at the tiny neuron's lowest point (what makes η ≈ 1 a good rate there)."""
    return tiny_landscape().curvature


def about(land, simple: bool = False) -> str:
    """Where this landscape comes from: what is fitted, with which cost, and why its good η are what they are."""
    if isinstance(land.problem, TinyNeuron):
        w1, w2 = land.problem.target_weights
        return (f"**The tiny neuron** has two weights and no bias: a = σ(w1·x1 + w2·x2). It is fitted to "
                f"{len(land.problem.y)} fixed points (x1, x2); each point's target y is what the neuron with "
                f"w1 = {_short(w1)} and w2 = {_short(w2)} outputs, so the cost is exactly 0 there. Its cost adds up the "
                f"{len(land.problem.y)} squared misses, C(w1, w2) = Σ (a − y)², the quadratic cost. Adding them (not "
                f"averaging) makes every slope {len(land.problem.y)} times steeper than their average's, so the good "
                f"learning rates here are {_span(land.good_rates)} rather than "
                f"{_span([len(land.problem.y) * r for r in land.good_rates])}.")
    about = land.about
    presets = land.presets
    text = (f"**The real network** ({about['model']}, the model chosen in the sidebar) has {about['parameters']:,} "
            f"parameters. Here all of them keep their trained values except two of output neuron {about['target']} "
            f"(the one for digit {about['target']}): its weight w from neuron #{about['source']} of {about['hidden']}, "
            f"and its bias b. " + (
                "The cost is the one this network was trained with: not Σ (a − y)² but a cousin of it that punishes "
                "confident mistakes even more (the full level has its formula), averaged over "
                f"{about['examples']} training digits." if simple else
                f"The cost is the one it was trained with, cross-entropy {about['cost']} (a_y: the "
                f"probability it gives the right digit), averaged over {about['examples']} training digits."))
    if land.curvature is not None and land.good_rates:
        overshoot = (f"η = {presets['overshoot']:g} overshoots" if presets["overshoot"] is not None
                     else "no η on the slider overshoots")
        text += (f" Whether η is big depends on how steep the landscape is: this slice's sharpest curvature at its "
                 f"lowest point is {land.curvature:.2g}, against {tiny_curvature():.2g} in the tiny neuron's valley, "
                 f"so here the good learning rates are {_span(land.good_rates)}, and {overshoot}. On *Watch it learn* "
                 "every weight and bias moves at once, and there η = 100 is far too big for the usual recipe.")
    return text


def _span(rates) -> str:
    """'1 to 5', or '30' for a single rate."""
    return f"{min(rates):g} to {max(rates):g}" if len(rates) > 1 else f"{rates[0]:g}"


def curve_intro(land, trials: list[Trial], curve_trials: list[Trial]) -> str:
    """The curve: which parameter it follows, how the ball moves, and which η reach the bottom on it and on the map.

    Both are measured from the start on screen. The curve follows the parameter along which the cost bends more
    sharply, so the η that is too big is often much the same; but the map also has a gentler direction, where
    small η creep.
    """
    name, other, symbol = land.curve.names[0], land.problem.names[1 - land.curve.axis], land.curve.symbols[0]
    why = ("its value at the lowest point of the map" if land.lowest.point is not None else
           "its trained value" if land.problem.trained is not None else "the middle of the map")
    return (f"Hold {other} at {_coordinate(land.curve.held)} ({why}) and only {name} is left: the cost becomes a curve, "
            "and gradient descent moves a ball along it, one step at a time. At each step it reads the slope "
            f"dC/d{symbol} where the ball is (the short tangent line) and moves it by −η × slope: downhill, far where "
            f"the curve is steep, a little where it is flat. It starts at the start's {symbol} (slider above), with the "
            f"same η. (This curve follows {symbol}, the parameter along which the cost bends more sharply. "
            f"{_same_rates(trials, curve_trials)})")


def _same_rates(trials: list[Trial], curve_trials: list[Trial]) -> str:
    """Which η reach the bottom from this start on the curve and on the map, and why they differ (measured)."""
    on_curve = [t.rate for t in curve_trials if t.verdict.kind == "settles"]
    on_map = [t.rate for t in trials if t.verdict.kind == "settles"]
    rates = [t.rate for t in trials]
    if on_curve == on_map:
        return f"From this start the ball and the walk on the map below reach the bottom {_for(on_map, rates)}."
    text = (f"From this start the ball reaches the bottom {_for(on_curve, rates)}, the walk on the map below "
            f"{_for(on_map, rates)}")
    if on_curve and on_map and min(on_map) > min(on_curve):
        text += (": on the map the walk must also go along the gentler direction, where the same η makes only small "
                 "steps")
    return text + "."


def _for(chosen: list[float], rates: list[float]) -> str:
    """'for η = 2 to 100', or 'for no η on the slider'."""
    return f"for η = {_runs(chosen, rates)}" if chosen else "for no η on the slider"


def _runs(chosen: list[float], rates: list[float]) -> str:
    """'2 to 100', or '0.3 to 2, 5 and 30': the chosen rates as runs of neighbours on the slider."""
    runs: list[list[float]] = []
    for rate in rates:
        if rate in chosen:
            if runs and rates.index(runs[-1][-1]) == rates.index(rate) - 1:
                runs[-1].append(rate)
            else:
                runs.append([rate])
    parts = [f"{run[0]:g}" if len(run) == 1 else f"{run[0]:g} to {run[-1]:g}" for run in runs]
    return " and ".join(filter(None, [", ".join(parts[:-1]), parts[-1]])) if parts else ""


def marks(land) -> tuple[Mark, ...]:
    """The lowest point (if it is on the map) and, for the real network, the trained values."""
    found = []
    if land.lowest.point is not None and _on_map(land, land.lowest.point):
        found.append(Mark(*land.lowest.point, f"lowest point (C = {land.lowest.cost:.4f})", "diamond"))
    if land.problem.trained is not None:
        cost = float(land.problem.cost(*land.problem.trained))
        found.append(Mark(*land.problem.trained, f"trained values (C = {cost:.4f})", "x"))
    return tuple(found)


def curve_marks(land) -> tuple[Mark, ...]:
    point = land.curve_lowest.point
    if point is None or not (land.curve_values[0] <= point[0] <= land.curve_values[-1]):
        return ()
    return (Mark(float(point[0]), land.curve_lowest.cost, "lowest point", "diamond"),)


def map_caption(land) -> str:
    """What the marks on the map are, and why the trained values are not the lowest point."""
    lowest = land.lowest
    judged = ("A walk is judged by cost: it has reached the bottom once it has come 99 % of the way down from its "
              "start's cost to the lowest cost.")
    if lowest.point is None:
        where = ("This slice has no lowest point near the map: the cost keeps falling, ever more slowly, far beyond "
                 f"its edge (down towards C = {lowest.cost:.4f}).")
    elif _on_map(land, lowest.point):
        where = f"◆ marks the lowest point, {_point(lowest.point)}, where C = {lowest.cost:.4f}."
    else:
        where = f"The lowest point of this slice is off the map, at {_point(lowest.point)} (C = {lowest.cost:.4f})."
    if land.problem.trained is None:
        return f"{where} {judged}"
    trained_cost = float(land.problem.cost(*land.problem.trained))
    above = trained_cost - lowest.cost
    closeness = ("close to the lowest cost of this slice but not at it" if above < 0.05 * max(lowest.cost, 1e-9)
                 else "well above the lowest cost of this slice")
    distance = ("" if lowest.point is None else
                f", {np.linalg.norm(np.array(land.problem.trained) - lowest.point):.2f} away from the lowest point")
    return (f"{where} ✕ marks where training left these two parameters, {_point(land.problem.trained)}, where "
            f"C = {trained_cost:.4f}{distance}. Training moved all {land.about['parameters']:,} parameters together, "
            "a mini-batch at a time (for the bundled networks, on randomly distorted copies of the training digits), "
            f"not these two on these {land.about['examples']} digits; so its values are {closeness}. {judged}")


def stability(land) -> str:
    if land.curvature is None:
        return ("Near a lowest point a landscape is almost a bowl, and plain gradient descent settles there only if "
                "η < 2/λ_max, where λ_max is the sharpest curvature (the largest eigenvalue of the Hessian, the matrix "
                "of second derivatives). This slice has no lowest point near the map, so there is no such limit to "
                "quote. The page does not predict what an η does: it tries every η on the slider from your start "
                "(100 steps each) and reports what happened.")
    limit = 2 / land.curvature
    return (f"Near its lowest point p* a landscape is almost a bowl, C ≈ C* + ½ (p − p*)ᵀ H (p − p*), where H is the "
            f"Hessian, the matrix of second derivatives. Plain gradient descent then gets closer to the bottom at "
            f"every step only if η < 2/λ_max, where λ_max is H's largest eigenvalue, the sharpest curvature: here "
            f"λ_max = {land.curvature:.3g}, so η < {limit:.3g}. Above that, each step near the bottom lands further "
            "away on the other side, along that sharpest direction. With momentum μ the limit is η < 2(1 + μ)/λ_max. "
            "Far from the bottom the curvature is different, so the page does not predict what an η does: it tries "
            "every η on the slider from your start (100 steps each) and reports what happened.")


# -- a walk, in words ---------------------------------------------------------------------------------

def point_text(point, names: tuple[str, ...] | None = None) -> str:
    """'(−2.59, 1.13)' on a map; 'w1 = −131.48' on a curve (when ``names`` is given)."""
    if len(point) == 1 and names:
        return f"{names[0]} = {number(point[0])}"
    return "(" + ", ".join(number(v) for v in point) + ")"


def share(value: float) -> str:
    return f"{100 * value:.0f}\u00a0%"


def describe(walk: Walk, verdict: Verdict, rate: float, lowest: Lowest, trials: list[Trial], where: str = "walk",
             picture: str = "map", names: tuple[str, ...] | None = None, simple: bool = False) -> str:
    """What a plain gradient-descent walk did, in words, measured against the lowest point (by cost).

    Advice to go larger comes only from ``better_rate``: a rate tried from this start, below the
    one that overshoots. The size of the gradient, |∇C|, is "the steepness" at the simple level.
    """
    steepness = "the steepness" if simple else "|∇C|"
    costs, steps = walk.costs, verdict.steps
    first_step = rate * float(np.linalg.norm(walk.slopes[0]))
    bottom = (f"the lowest point has C = {costs_text(lowest.cost)}" if lowest.point is not None else
              f"this slice has no lowest point nearby; its cost falls towards C = {costs_text(lowest.cost)}")
    span = f"cost {costs_text(costs[0])} → {costs_text(costs[-1])}; {bottom}"
    kind = verdict.kind
    if kind == "flies off":
        where_now = "its parameters grew past a million" if walk.diverged else f"it is now at {point_text(walk.path[-1], names)}"
        return (f"With η = {rate:g} the steps are so long that the {where} flies off the {picture} ({where_now}, "
                f"cost {costs_text(costs[-1])}): far too big a learning rate.")
    if kind in ("thrown off", "plateau"):
        place = f"off the {picture} onto a flat plateau" if kind == "thrown off" else "onto a flat plateau"
        slope = float(np.linalg.norm(walk.slopes[-1]))
        flat = (f"the ground is flat ({steepness} = 0 to the computer's precision)" if slope == 0 else
                f"the slope is almost zero ({steepness} = {size(slope)})")
        return (f"With η = {rate:g} a step jumps right over the valley and throws the {where} {place} at "
                f"{point_text(walk.path[-1], names)}, where {flat}: "
                f"it is stranded there at cost {costs_text(costs[-1])} ({bottom}). Far too big a learning rate.")
    if kind == "overshoots":
        smaller = _best_smaller(trials, rate)
        advice = (f" η = {smaller.rate:g} reaches the bottom from this start in {steps_text(smaller.reached)}."
                  if smaller else "")
        away = "" if verdict.distance is None else f", still {size(verdict.distance)} from the lowest point"
        return (f"With η = {rate:g} the {where} overshoots: its steps are so long that it jumps across the valley, "
                f"and the cost went *up* on {verdict.rises} of {steps} steps. After {steps} steps it is at cost "
                f"{costs_text(costs[-1])}{away} ({bottom}). Too big a learning rate.{advice}")
    if kind == "settles":
        reached = _steps_to_bottom(walk, lowest)
        how = ("downhill every step" if verdict.rises == 0 else
               f"mostly downhill (the cost went up on {verdict.rises} of {steps} steps, where it jumped past the "
               "valley floor)" if verdict.rises < 3 else
               f"mostly downhill (the cost went up on {verdict.rises} of {steps} steps: it zig-zags across the valley)")
        return (f"With η = {rate:g} the {where} goes {how} and reaches the bottom in {steps_text(reached)} "
                f"(within 1 % of the lowest cost): {span}.")
    # creeps
    better = better_rate(trials, rate)
    too_big = overshoot_rate(trials)
    if better is not None:
        gets = (f"reaches the bottom in {steps_text(better.reached)}" if better.reached is not None
                else f"gets down to C = {costs_text(better.end_cost)}")
        advice = f" A larger learning rate gets there sooner: η = {better.rate:g} {gets} from this start."
    elif too_big is not None:
        advice = f" A larger learning rate would not help from here: η = {too_big:g} already overshoots."
    else:
        advice = ""
    last_step = rate * float(np.linalg.norm(walk.slopes[-1]))
    if verdict.covered < 0.5:
        return (f"With η = {rate:g} the {where} is creeping: after {steps} steps it has come only "
                f"{share(verdict.covered)} of the way down ({span}). Each step is η × the slope: the first is only "
                f"η × {steepness} = {rate:g} × {size(first_step / rate)} = {size(first_step)} long.{advice}")
    shrank = (f" Its steps shrank from {size(first_step)} to {size(last_step)} as the ground flattened."
              if last_step < first_step else "")
    return (f"With η = {rate:g} the {where} is on its way but not there yet: after {steps} steps it has come "
            f"{share(verdict.covered)} of the way down ({span}).{shrank}{advice}")


def _best_smaller(trials: list[Trial], rate: float) -> Trial | None:
    """The smaller rate tried that reaches the bottom first, downhill every step if one does (None if none does)."""
    reaching = [t for t in trials if t.rate < rate and t.verdict.kind == "settles" and t.reached is not None]
    smooth = [t for t in reaching if t.verdict.rises == 0]
    return min(smooth or reaching, key=lambda t: (t.reached, -t.rate), default=None)


def steps_text(count: int) -> str:
    return f"{count} step" if count == 1 else f"{count} steps"


def _steps_to_bottom(walk: Walk, lowest: Lowest) -> int:
    reached = steps_to_bottom(walk, lowest)
    return len(walk.costs) - 1 if reached is None else reached


def costs_text(value: float) -> str:
    return f"{float(value):.4f}"


def curve_step_words(land: Landscape, walk: Walk, k: int, rate: float) -> str:
    """The ball at step ``k`` of its walk on the curve: the slope there and the step it takes from there."""
    name = land.curve.symbols[0]
    k = min(k, len(walk.path) - 1)
    value, slope = float(walk.path[k, 0]), float(walk.slopes[k, 0])
    step = -rate * slope
    where = "At the start" if k == 0 else f"After {steps_text(k)}"
    width = float(np.ptp(land.curve_values))
    if abs(step) < 1e-4 * width:
        return (f"{where} the ball is at {name} = {number(value)}, where the slope is almost zero "
                f"(dC/d{name} = {signed_size(slope)}): its steps, −η × slope, are too short to see.")
    direction = ("the curve goes down to the right, so the ball steps right" if slope < 0 else
                 "the curve goes up to the right, so the ball steps left")
    return (f"{where} the ball is at {name} = {number(value)}, where the slope is dC/d{name} = {signed_size(slope)}: "
            f"{direction}. The step is −η × slope = −{rate:g} × ({signed_size(slope)}) = {signed_size(step)}.")


def momentum_words(plain: Walk, plain_verdict: Verdict, heavy: Walk, heavy_verdict: Verdict, rate: float,
                   momentum: float, lowest: Lowest) -> str:
    """Plain gradient descent against momentum, from the same start with the same η, in one or two sentences."""
    if momentum == 0:
        return "With μ = 0 the two walks are the same: momentum adds nothing. Move the slider."

    def outcome(walk: Walk, verdict: Verdict) -> str:
        if verdict.kind == "settles":
            return f"reaches the bottom in {steps_text(_steps_to_bottom(walk, lowest))}"
        if verdict.kind == "creeps":
            return f"has come {share(verdict.covered)} of the way down after {verdict.steps} steps"
        if verdict.kind == "overshoots":
            return f"overshoots (the cost went up on {verdict.rises} of {verdict.steps} steps)"
        if verdict.kind == "plateau":
            return "is thrown onto a flat plateau and stranded there"
        return "is thrown off the map" if verdict.kind == "thrown off" else "flies off the map"

    text = (f"With η = {rate:g}: plain gradient descent {outcome(plain, plain_verdict)}; with momentum μ = {momentum:g} "
            f"the walk {outcome(heavy, heavy_verdict)}.")
    plain_steps = _steps_to_bottom(plain, lowest) if plain_verdict.kind == "settles" else None
    heavy_steps = _steps_to_bottom(heavy, lowest) if heavy_verdict.kind == "settles" else None
    if heavy_steps is not None and (plain_steps is None or heavy_steps < plain_steps):
        text += " Here momentum helps: the ball keeps its speed where the slope keeps pointing the same way."
    elif heavy_verdict.kind in TOO_BIG and plain_verdict.kind not in TOO_BIG:
        text += " Here momentum hurts: the steps were already big, and the extra speed carries the ball past the bottom."
    elif heavy_steps is not None and plain_steps is not None and heavy_steps > plain_steps:
        text += (" Here momentum is slower: the ball rolls past the bottom and has to swing back"
                 f" (the cost went up on {heavy_verdict.rises} steps).")
    elif plain_verdict.kind == heavy_verdict.kind == "creeps":
        if heavy_verdict.covered > plain_verdict.covered + 0.005:
            text += " Momentum got further down in the same number of steps, but neither has reached the bottom."
        elif heavy_verdict.covered < plain_verdict.covered - 0.005:
            text += " Momentum got less far down in the same number of steps."
    return text
