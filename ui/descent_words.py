"""The Gradient-descent page's explanations: fixed text, and sentences filled in from the landscape on screen."""
from __future__ import annotations

import numpy as np

from figures.landscape import Mark
from nn_core.landscape import TinyNeuron

INTRO_COST = ("Learning means making the **cost** small: one number that says how wrong the network is on the "
              "training examples. The cost depends on every weight and bias.")

INTRO_RULE = """The **gradient** ∇C is the list of the cost's slopes, one per parameter: how fast C goes up when that \
parameter is nudged up a little. Together they point **uphill**, the steepest way up; minus the gradient points the \
steepest way down. **Gradient descent** stands at a point p (the values of the parameters) and moves against the \
gradient by η times its size:

**p ← p − η ∇C(p)**

So a step is **η × the gradient**: long where the ground is steep, short where it is flat. η, the **learning rate**, \
says how far to go per unit of slope. Then it does the same again from where it landed, and again.

A network has thousands of parameters, so its cost is a landscape in thousands of dimensions. To *see* a landscape we \
need one or two parameters: a tiny neuron that has only two weights, or two parameters of the real network with all \
the others held at their trained values."""

MAP_INTRO = ("Now both parameters move. The gradient is a list of two slopes, one along each axis, and the step "
             "−η ∇C points the steepest way down from where the walk stands. Dark valleys are low cost, bright hills "
             "high. The dashed line is where the curve above was taken.")

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
    from ui.descent import landscape

    return landscape(("tiny",), TinyNeuron(), ()).curvature


def about(land) -> str:
    """Where this landscape comes from: what is fitted, with which cost, and why its good η are what they are."""
    if isinstance(land.problem, TinyNeuron):
        w1, w2 = land.problem.target_weights
        return (f"**The tiny neuron** has two weights and no bias: a = σ(w1·x1 + w2·x2). It is fitted to "
                f"{len(land.problem.y)} fixed points (x1, x2); each point's target y is what the neuron with "
                f"w1 = {_short(w1)} and w2 = {_short(w2)} outputs, so the cost is exactly 0 there. Its cost adds up the "
                f"{len(land.problem.y)} squared misses, C(w1, w2) = Σ (a − y)², the quadratic cost. Adding them (not "
                f"averaging) makes this landscape steep enough that good learning rates here ({_span(land.good_rates)}) "
                "are of the same size as on the other pages.")
    about = land.about
    presets = land.presets
    text = (f"**The real network** ({about['model']}, the model chosen in the sidebar) has {about['parameters']:,} "
            f"parameters. Here all of them keep their trained values except two of output neuron {about['target']} "
            f"(the one for digit {about['target']}): its weight w from neuron #{about['source']} of {about['hidden']}, "
            f"and its bias b. The cost is the one it was trained with, cross-entropy {about['cost']} (a_y: the "
            f"probability it gives the right digit), averaged over {about['examples']} training digits.")
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


def curve_intro(land) -> str:
    name, other, symbol = land.curve.names[0], land.problem.names[1 - land.curve.axis], land.curve.symbols[0]
    why = ("its value at the lowest point of the map" if land.lowest.point is not None else
           "its trained value" if land.problem.trained is not None else "the middle of the map")
    return (f"Hold {other} at {_coordinate(land.curve.held)} ({why}) and only {name} is left: the cost becomes a curve, "
            "and gradient descent moves a ball along it, one step at a time. At each step it reads the slope "
            f"dC/d{symbol} where the ball is (the short tangent line) and moves it by −η × slope: downhill, far where "
            f"the curve is steep, a little where it is flat. It starts at the start's {symbol} (slider above), with the "
            f"same η. (This curve follows {symbol}, the parameter along which the cost bends more sharply, so η behaves "
            "on it much as on the map.)")


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
