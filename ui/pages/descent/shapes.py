"""The Gradient-descent page's words for its two landscapes of other shapes, beside words.py's:

- terraces: the tiny neuron with σ replaced by an on/off step. Its cost is flat almost everywhere,
  so gradient descent cannot move (why networks use a smooth σ);
- two valleys: a neuron whose cost has a local minimum beside the lowest point, walked from two
  starts (where a walk starts decides where it ends).

Each function returns None for the ordinary landscapes, whose words are words.py's. Every number
is computed by nn_core.landscape for the landscape, start and η on screen.
"""
from __future__ import annotations

import numpy as np

from figures.landscape import LOCAL_MARK, Mark
from figures.numbers import number
from nn_core.landscape import SETTLED, TOO_BIG, Trial, Verdict, Walk
from ui.level import simple
from ui.pages.descent.landscapes import RATES, Landscape
from ui.pages.descent.words import costs_text, point_text, share, steps_text

WALK_NAMES = ("the red walk", "the pink walk")        # the map's two walks (figures.landscape PLAIN, SECOND)
BALL_NAMES = ("the red ball", "the pink ball")


def _coordinate(value: float) -> str:
    """Two decimals at most, a true minus sign: −1.5, 2, 3.37."""
    return f"{round(float(value), 2) + 0.0:.2f}".rstrip("0").rstrip(".").replace("-", "−")


def _point(point) -> str:
    return "(" + ", ".join(_coordinate(v) for v in point) + ")"


def _values(values) -> str:
    """'0.37 to 0.81'."""
    return f"{min(values):.2f} to {max(values):.2f}"


# -- the opening words ---------------------------------------------------------------------------------------

def about(land: Landscape) -> str | None:
    """Where the landscape comes from and what its shape means."""
    if land.terraces:
        problem = land.problem
        lines = len(land.terraces) // 2
        text = (f"**On/off neurons.** Here σ is replaced by a step: the neuron is off (a = 0) when w1·x1 + w2·x2 is "
                f"0 or below and on (a = 1) when it is above 0, nothing in between. The same {len(problem.y)} points "
                "(x1, x2) and targets y as the σ neuron (switch this off to see it), the same cost "
                "C(w1, w2) = Σ (a − y)². A point's output changes only when w1·x1 + w2·x2 passes 0, and that happens "
                f"on a straight line through (0, 0): the {lines} lines cut the map into {len(land.terraces)} flat "
                "**terraces**. On a terrace C is the same everywhere; at its edge C jumps.")
        if not simple():
            text += (" C depends only on the direction of (w1, w2), not on its length. The step's derivative is 0 "
                     "wherever it exists, so ∇C = 0 everywhere except on those lines, where C jumps and has no "
                     "derivative at all.")
        return text
    if land.starts:
        problem, (lower, higher) = land.problem, land.bottoms[:2]
        way = {True: "up", False: "down"}
        return (f"**Two valleys.** This neuron has one weight and one bias, a = σ(w·x + b). It is fitted to "
                f"{len(problem.y)} points (x, y) that are low in the middle and high at both ends (the picture), with "
                "the cost C(w, b) = Σ (a − y)². But a sigmoid can only go up (w above 0: on for large x) or down "
                f"(w below 0: on for small x), so the neuron must choose an end. Going {way[lower.point[0] > 0]}, it gets "
                f"{_misses(problem, lower)} badly wrong; going {way[higher.point[0] > 0]}, {_misses(problem, higher)}. "
                "Each choice is a "
                f"valley of the cost. The lower one, C = {costs_text(lower.cost)}, is the lowest point of the map: the "
                f"**global minimum**. The other, C = {costs_text(higher.cost)}, is a **local minimum**: lower than "
                "every point around it, but not the lowest.")
    return None


def _misses(problem, bottom) -> str:
    """'the point at x = −2 (a = 0.00 where y = 0.8)': the points the neuron at ``bottom`` gets badly wrong."""
    outputs = problem.output(*bottom.point)
    missed = np.flatnonzero(np.abs(outputs - problem.y) > 0.5)
    where = " and ".join(f"x = {_coordinate(problem.x[i])}" for i in missed)
    got = " and ".join(f"{outputs[i]:.2f}" for i in missed)
    targets = sorted({float(problem.y[i]) for i in missed})
    wanted = " and ".join(f"{target:g}" for target in targets)
    points = "the point" if len(missed) == 1 else "the points"
    return f"{points} at {where} (a = {got} where y = {wanted})"


def fits(land: Landscape) -> tuple[np.ndarray, np.ndarray, tuple[tuple[float, float], ...]] | None:
    """The two-valley neuron's points and the neuron at each valley bottom, (w, b): for its picture."""
    if not land.starts:
        return None
    return land.problem.x, land.problem.y, tuple(tuple(float(v) for v in bottom.point) for bottom in land.bottoms)


# -- the curve ------------------------------------------------------------------------------------------------

def curve_intro(land: Landscape) -> str | None:
    name, other, held = land.curve.names[0], land.problem.names[1 - land.curve.axis], _coordinate(land.curve.held)
    if land.terraces:
        return (f"Hold {other} at {held} (where the σ neuron's curve is taken too) and only {name} is left: with a step "
                f"instead of σ the curve is a **staircase**. Every stair is flat: there the slope dC/d{name} is 0, so "
                "the step −η × slope is 0, whatever η is. The ball starts at the start's "
                f"{name} (slider above).")
    if land.starts:
        return (f"Hold {other} at {held} and only {name} is left: the cost becomes a curve with two dips. Two balls start "
                f"on it, each at the {name} of one of the two starts on the map below (the red one at your start's "
                f"{name}, slider above), and gradient descent moves each by −η × slope, one step at a time, with the "
                "same η.")
    return None


def step_curve_words(land: Landscape, walk: Walk, rate: float) -> str:
    """The ball on the staircase: it never moves, and where the lowest stair is."""
    name = land.curve.symbols[0]
    value, cost = float(walk.path[-1, 0]), float(walk.costs[-1])
    steps = len(walk.costs) - 1
    stairs = land.problem.stairs(land.curve.axis, land.curve.held)
    low, high, lowest = min(stairs, key=lambda stair: stair[2])
    here = f"still at {name} = {number(value)}" if steps else f"at {name} = {number(value)}"
    point = [land.curve.held, land.curve.held]
    point[land.curve.axis] = value
    if land.problem.on_edge(*point):
        text = (f"After {steps_text(steps)} the ball is {here}, at cost C = {costs_text(cost)}. It stands exactly on "
                "the edge of a stair, where C jumps and has no slope at all; the computer uses the step's slope there "
                f"too, 0, so every step was −{rate:g} × 0 = 0.")
    else:
        text = (f"After {steps_text(steps)} the ball is {here}, at cost C = {costs_text(cost)}: the slope under it is "
                f"dC/d{name} = 0, so every step was −η × slope = −{rate:g} × 0 = 0.")
    if low <= value <= high:
        return text + " It happens to start on the lowest stair."
    return (text + f" The lowest stair, C = {costs_text(lowest)}, runs from {name} = {_end(low)} to {_end(high)}; "
            "but a slope of 0 cannot tell the ball which way it is.")


def _end(value: float) -> str:
    return "−∞" if value == -np.inf else "∞" if value == np.inf else number(value)


def curve_marks(land: Landscape) -> tuple[Mark, ...] | None:
    """Both dips of a two-valley curve (None for the other landscapes)."""
    if land.terraces:
        return ()
    if not land.starts:
        return None
    lower, *others = land.curve_bottoms
    return (Mark(float(lower.point[0]), lower.cost, "the lower dip", "diamond"),
            *(Mark(float(b.point[0]), b.cost, "the other dip (a local minimum)", "diamond", LOCAL_MARK) for b in others))


def valleys_curve_words(land: Landscape, walks: tuple[Walk, Walk], verdicts: tuple[Verdict, Verdict],
                        ends: tuple[int, int], began: tuple[int, int], rate: float) -> str:
    """Where each of the two balls ends up on the curve with two dips (``began``: the dip each start lies in)."""
    name = land.curve.symbols[0]

    def where(point) -> str:
        return f"{name} = {number(point[0])}"

    lines = [f"- **{BALL_NAMES[i].capitalize()}**, from {name} = {_coordinate(walk.path[0, 0])}: "
             f"{_outcome(walk, verdict, land.curve_bottoms, end, 'dip', where, rate, first)}."
             for i, (walk, verdict, end, first) in enumerate(zip(walks, verdicts, ends, began))]
    return "\n".join(lines) + "\n\n" + _moral(verdicts, ends, "ball", "dip", f"dC/d{name} = 0")


# -- the map --------------------------------------------------------------------------------------------------

def marks(land: Landscape) -> tuple[Mark, ...] | None:
    """The on/off neuron: where σ fits exactly. Two valleys: both bottoms. None for the other landscapes."""
    if land.terraces:
        target = land.problem.target_weights
        cost = float(land.problem.cost(*target))
        return (Mark(*target, f"where σ fits exactly (here C = {cost:.4f})", "diamond"),)
    if not land.starts:
        return None
    lower, *others = land.bottoms
    return (Mark(*lower.point, f"lowest point (C = {lower.cost:.4f})", "diamond"),
            *(Mark(*b.point, f"a local minimum (C = {b.cost:.4f})", "diamond", LOCAL_MARK) for b in others))


def map_caption(land: Landscape) -> str | None:
    if land.terraces:
        target = land.problem.target_weights
        cost = float(land.problem.cost(*target))
        lowest = min(land.terraces)
        where = ("lies on the lowest terrace" if np.isclose(cost, lowest) else
                 f"lies on a terrace at C = {cost:.4f} (the lowest is at C = {lowest:.4f})")
        return (f"Each flat patch is a terrace, with one cost all over it; its edges are the lines where w1·x1 + w2·x2 = 0 "
                f"for one of the points. ◆ marks {_point(target)}, where the σ neuron fits every point exactly (C = 0). "
                f"For the on/off neuron it {where}, C = {cost:.4f}, not 0: an on/off neuron can only answer 0 or 1, "
                f"never targets in between like these ({_values(land.problem.y)}).")
    if land.starts:
        lower, *others = land.bottoms
        rest = "; ".join(f"the grey ◆ the bottom of the other valley, {_point(b.point)}, where C = {b.cost:.4f}: a "
                         "local minimum" for b in others)
        return (f"The white ◆ marks the lowest point, {_point(lower.point)}, where C = {lower.cost:.4f}; {rest}. "
                "Between the valleys runs a ridge. The square is the second start.")
    return None


def step_map_words(land: Landscape, walk: Walk, rate: float, smooth: Trial) -> str:
    """The walk on the terraces (it cannot move), against the σ neuron's walk from the same start (``smooth``)."""
    steps = len(walk.costs) - 1
    slopes = "both slopes under it are 0" if simple() else "∇C = (0, 0) under it"
    if land.problem.on_edge(*walk.path[0]):
        slopes = ("it starts exactly on the edge of a terrace, where C jumps and has no slope at all; the computer "
                  "uses the step's slope there too, 0")
    text = (f"With η = {rate:g} the walk **does not move**: {slopes}, so each step, η × the slope, is 0 long. After "
            f"{steps_text(steps)} it is still at {point_text(walk.path[-1])}, at cost {costs_text(walk.costs[-1])}; the "
            f"lowest terrace has C = {costs_text(min(land.terraces))}. No learning rate helps: η × 0 = 0. The slopes "
            "are 0 everywhere except on the terraces' edges, where C jumps.")
    return text + "\n\n" + _smooth_words(smooth, rate)


def _smooth_words(smooth: Trial, rate: float) -> str:
    """What the σ neuron's walk does from the same start, and why σ makes the difference."""
    kind = smooth.verdict.kind
    if kind == "settles":
        did = f"reaches the bottom in {steps_text(smooth.reached)}"
    elif kind == "creeps":
        did = f"moves {share(smooth.verdict.covered)} of the way down in {steps_text(smooth.verdict.steps)}"
    else:
        did = f"moves, though η = {rate:g} is too big for it there"
    return (f"With σ (switch *on/off neurons* off) the same walk from the same start {did}. σ changes smoothly, so a "
            "small change of a weight changes the outputs a little, the cost changes a little, and the slope says which "
            "way is down. An on/off neuron does not change at all, until it suddenly flips. That is why a network's "
            "neurons use σ (or another function whose slope is not 0 everywhere), not an on/off switch.")


def valleys_map_words(land: Landscape, walks: tuple[Walk, Walk], verdicts: tuple[Verdict, Verdict],
                      ends: tuple[int, int], began: tuple[int, int], rate: float) -> str:
    """Where each of the two walks ends up (``began``: the valley each start lies in), and what a local minimum is."""
    lines = [f"- **{WALK_NAMES[i].capitalize()}**, from {_point(walk.path[0])}: "
             f"{_outcome(walk, verdict, land.bottoms, end, 'valley', point_text, rate, first)}."
             for i, (walk, verdict, end, first) in enumerate(zip(walks, verdicts, ends, began))]
    return f"Both walks use η = {rate:g}.\n\n" + "\n".join(lines) + "\n\n" + _moral(verdicts, ends, "walk", "valley", "∇C = 0")


def _outcome(walk: Walk, verdict: Verdict, bottoms, end: int, valley: str, where, rate: float,
             began: int | None = None) -> str:
    """What one walk did among valleys (``valley``: 'valley' on the map, 'dip' on the curve); ``end``: the valley it
    rolls into, ``began``: the one its start lies in (if known)."""
    kind, steps = verdict.kind, verdict.steps
    if kind == "flies off":
        return f"its steps are so long that it flies off ({where(walk.path[-1])}): far too big a learning rate"
    if kind in ("thrown off", "plateau"):
        return (f"a step jumps right over the {valley}s and throws it onto a flat plateau at {where(walk.path[-1])}, "
                f"where it is stranded at cost {costs_text(walk.costs[-1])}: far too big a learning rate")
    if kind == "overshoots":
        return (f"it jumps back and forth across a {valley}: its steps are too long, and the cost went up on "
                f"{verdict.rises} of {steps} steps. After {steps_text(steps)} it is at cost {costs_text(walk.costs[-1])}")
    bottom = bottoms[end]
    which = f"the lower {valley}" if end == 0 else f"the other {valley}"
    what = (f"the lowest point of the {'map' if valley == 'valley' else 'curve'}" if end == 0 else
            "a **local minimum**")
    over = (" (its long steps carried it over the ridge)" if began is not None and began != end else "")
    drop = float(walk.costs[0] - bottom.cost)
    covered = 1.0 if drop <= 0 else float((walk.costs[0] - walk.costs[-1]) / drop)
    if covered >= SETTLED:
        reached = steps_to_valley(walk, bottom.cost)
        return (f"it ends in {which}{over} after {steps_text(reached)}, at {where(walk.path[-1])}, where "
                f"C = {costs_text(walk.costs[-1])}. The bottom of that {valley}, C = {costs_text(bottom.cost)}, is "
                f"{what}")
    return (f"it is on its way down into {which}{over}: after {steps_text(steps)} it is at cost "
            f"{costs_text(walk.costs[-1])}, {share(max(covered, 0.0))} of the way down to its bottom "
            f"(C = {costs_text(bottom.cost)}, {what})")


def steps_to_valley(walk: Walk, bottom_cost: float) -> int:
    """The first step at which the walk has come SETTLED of the way down to a valley's bottom (by cost)."""
    drop = walk.costs[0] - bottom_cost
    there = np.flatnonzero(walk.costs - bottom_cost <= (1 - SETTLED) * max(drop, 0.0))
    return int(there[0]) if len(there) else len(walk.costs) - 1


def _moral(verdicts: tuple[Verdict, Verdict], ends: tuple[int, int], walker: str, valley: str, flat: str) -> str:
    """What the two outcomes show: different valleys from different starts, or how to see it (``flat``: the slope
    being 0, in symbols, for the full level)."""
    if any(v.kind in TOO_BIG for v in verdicts):
        return "With a smaller η both stay in a valley, and you can see which one."
    if ends[0] != ends[1]:
        slope = "the slope is 0" if simple() else flat
        return (f"Same rule, same η, two starts: two different {valley}s. At the bottom of a {valley} {slope}, so "
                f"gradient descent stops there: it cannot see that a lower {valley} exists somewhere else. **Where a "
                f"{walker} starts decides where it ends.** A real network's cost, over thousands of parameters, has "
                "many valleys; training ends in one of them, not necessarily the lowest, and in practice one that is "
                "low enough is good enough.")
    return (f"Both end in the same {valley} here. Move your start (the sliders above) to the other side of the ridge, "
            f"or change η, and watch where the red {walker} goes.")


# -- momentum and the mathematician's note ---------------------------------------------------------------------

def step_momentum() -> str:
    return ("On terraces momentum cannot help either: v starts at 0 and every −η ∇C is 0, so v stays 0 and the ball "
            "never moves. (Switch *on/off neurons* off to compare momentum with plain gradient descent.)")


def valleys_momentum_words(plain: Walk, plain_verdict: Verdict, plain_end: int, heavy: Walk, heavy_verdict: Verdict,
                           heavy_end: int, began: int, land: Landscape, rate: float, momentum: float) -> str:
    """Plain gradient descent against momentum among two valleys, from the same start with the same η."""
    if momentum == 0:
        return "With μ = 0 the two walks are the same: momentum adds nothing. Move the slider."
    text = (f"With η = {rate:g}: plain gradient descent: "
            f"{_outcome(plain, plain_verdict, land.bottoms, plain_end, 'valley', point_text, rate, began)}. With momentum "
            f"μ = {momentum:g}: "
            f"{_outcome(heavy, heavy_verdict, land.bottoms, heavy_end, 'valley', point_text, rate, began)}.")
    calm = plain_verdict.kind not in TOO_BIG and heavy_verdict.kind not in TOO_BIG and plain_end == began
    if calm and heavy_end < plain_end:
        text += (" Here momentum carried the ball over the ridge into the lower valley: a heavy ball can roll out of a "
                 "shallow valley (and, just as well, out of the lowest one).")
    elif calm and heavy_end > plain_end:
        text += " Here momentum carried the ball over the ridge into the higher valley: speed can take you either way."
    return text


def stability(land: Landscape) -> str | None:
    """For the mathematician: why η < 2/λ_max says nothing on terraces, and differs from valley to valley."""
    if land.terraces:
        return ("The step function's derivative is 0 wherever it exists, so ∇C = 0 everywhere off the lines "
                "w·xᵢ = 0, and on them C jumps and is not differentiable at all. The Hessian is 0 as well, so the "
                "limit η < 2/λ_max has nothing to say. Gradient descent needs slopes that carry information: with σ, "
                "σ′(z) = σ(z)(1 − σ(z)) > 0 for every z, so every weight's nudge shows in the cost.")
    if not land.starts:
        return None
    limits = [2 / curvature for curvature in land.bottom_curvatures]
    named = "; ".join(f"at the {'lowest point' if i == 0 else 'local minimum'} {_point(b.point)}, "
                      f"λ_max = {c:.3g}, so η < {limit:.3g}"
                      for i, (b, c, limit) in enumerate(zip(land.bottoms, land.bottom_curvatures, limits)))
    text = ("Near each valley bottom p* the cost is almost a bowl, and plain gradient descent settles there only if "
            f"η < 2/λ_max, where λ_max is the largest eigenvalue of the Hessian at p*. Each valley has its own: {named}.")
    between = [rate for rate in RATES if min(limits) < rate < max(limits)]
    if between:
        text += (f" A rate between the two, such as η = {between[0]:g}, is too big for one valley and fine for the "
                 "other: where a walk ends depends on η as well as on its start.")
    return text

