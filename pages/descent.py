"""Gradient descent in pictures: the cost along one parameter (a curve), over two (a map), and with momentum."""
import numpy as np
import streamlit as st

from figures.landscape import MOMENTUM, PLAIN, SECOND, Progress, WalkTrace, landscape_figure, progress_figure
from figures.landscape_1d import Ball, curve_figure, fits_figure
from nn_core.landscape import descend, walk_verdict
from nn_core.questions import Walk
from ui import charts, navigation, page_words, presenter, state
from ui.fragments import page_fragment
from ui.lesson.veil import hide_result, veiled
from ui.level import simple
from ui.pages.descent import controls, shapes
from ui.pages.descent import words as descent_words
from ui.pages.descent.landscapes import MAX_STEPS, tiny_landscape, trials_from, tried, valley_after, valleys_reached
from ui.patches.frame import require_app_frame

require_app_frame()  # before anything is drawn (see ui/patches/frame.py)

page_words.title("Gradient descent", "neuron", "weight", "bias", "sigmoid", "cost", "gradient", "gradient descent",
                 "learning rate")
page_words.intro(descent_words.INTRO_COST, descent_words.intro_rule(simple()))   # under the ball's curve

land = controls.choose_landscape()
controls.linked_preset(land)
st.subheader("1. One parameter: a ball on a curve")
curve_box = st.container()   # the ball's curve (drawn into it further down, by the walk's fragment); its controls under it
left, middle, right = st.columns(3)
with left:
    rate = controls.rate_slider()
start = controls.start_sliders(land, (middle, right))
controls.preset_buttons(land)

st.session_state[state.DESCENT_SEEN] = Walk(land.problem, start, rate, land.curve)   # what the lesson's question measures
trials, curve_trials = trials_from(land.key, start, land)   # every η on the slider, tried from this start
walk, verdict = tried(trials, rate)
curve_walk, curve_verdict = tried(curve_trials, rate)
if land.starts:   # two valleys: a second walk from a second start, and the valley each walk rolls into
    second, second_curve = trials_from(land.key, land.starts[1], land)
    walk2, verdict2 = tried(second, rate)
    curve_walk2, curve_verdict2 = tried(second_curve, rate)
    went = (valleys_reached(land.key, start, land), valleys_reached(land.key, land.starts[1], land))
    rolled = tuple(valleys_reached(land.key, (s[land.curve.axis],), land, on_curve=True)
                   for s in (start, land.starts[1]))

page_words.after_figure()
if not presenter.on():
    navigation.cost_link()
fits = shapes.fits(land)   # two valleys: the points and the neuron at each valley's bottom, beside the words
if fits is None:
    st.markdown(shapes.about(land) or descent_words.about(land, simple()))
else:
    about_column, fits_column = st.columns([3, 2], vertical_alignment="center")
    about_column.markdown(shapes.about(land))
    with fits_column:
        charts.show(fits_figure(*fits, ("the lower valley's neuron", "the other valley's")), key="descent_fits")
st.markdown(shapes.curve_intro(land) or descent_words.curve_intro(land, trials, curve_trials))

st.subheader("2. Two parameters: a map")
st.markdown(descent_words.map_intro(simple()))
map_box = st.container()

with_momentum = not simple() and not land.terraces   # the heavy ball is for the full level; on terraces it cannot move
if land.terraces and not simple():
    st.subheader("3. Momentum: a heavy ball")
    st.markdown(shapes.step_momentum())
if with_momentum:
    st.subheader("3. Momentum: a heavy ball")
    st.markdown(descent_words.MOMENTUM_INTRO)
    mu_column, button_column = st.columns([1, 2], vertical_alignment="bottom")
    with mu_column:
        momentum = controls.momentum_slider()
    with button_column:
        controls.momentum_buttons(land)
else:
    momentum = 0.0
heavy = descend(land.problem, start, rate, MAX_STEPS, momentum) if momentum else walk
heavy_verdict = walk_verdict(heavy, land.problem, land.lowest, land.view) if momentum else verdict
momentum_box = st.container()
lowest = land.lowest
marks = shapes.marks(land) or descent_words.marks(land)


def distances(path: np.ndarray):
    return None if lowest.point is None or land.starts else np.linalg.norm(path - lowest.point, axis=1)


@page_fragment(run_every=controls.PLAY_SECONDS if st.session_state.get(state.DESCENT_PLAYING) else None)
def animated() -> None:
    steps = max(len(walk.path), len(curve_walk.path), len(heavy.path),
                *((len(walk2.path), len(curve_walk2.path)) if land.starts else ())) - 1
    if st.session_state.get(state.DESCENT_PLAYING):
        shown = controls.next_shown(steps)
        st.session_state[state.DESCENT_SHOWN] = shown
        if shown >= steps:
            st.session_state[state.DESCENT_PLAYING] = False
            st.rerun()
    shown = min(st.session_state.get(state.DESCENT_SHOWN, steps), steps)
    p1, p2, grid = land.grid
    with curve_box:
        figure, words = st.columns([3, 2], gap="large")
        # while it walks, the tangent follows the ball; once it has walked, it shows the first step
        k = min(shown, len(curve_walk.path) - 1) if st.session_state.get(state.DESCENT_PLAYING) else 0
        next_value = curve_walk.path[k + 1, 0] if k + 1 < len(curve_walk.path) and not veiled("first_curve_step") else None
        others = ((Ball(curve_walk2.path[:, 0], curve_walk2.costs, "the pink ball", SECOND),) if land.starts else ())
        curve_marks = shapes.curve_marks(land)
        with figure:
            charts.show(charts.shared(curve_figure, land.curve_values, land.curve_costs, curve_walk.path[:, 0], curve_walk.costs,
                                     land.curve.names[0], shown, k, float(curve_walk.slopes[k, 0]), next_value,
                                     descent_words.curve_marks(land) if curve_marks is None else curve_marks,
                                     symbol=land.curve.symbols[0], others=others,
                                     path_name="the red ball" if land.starts else "gradient descent"),
                        key="descent_curve")
        with words:
            if land.terraces:
                st.markdown(shapes.step_curve_words(land, curve_walk, rate))
            elif land.starts:
                st.markdown(hide_result("first_curve_step", descent_words.curve_step_words(land, curve_walk, k, rate)
                                        .replace("the ball", "the red ball")))
                st.markdown("**Where they end up:**\n\n" + shapes.valleys_curve_words(
                    land, (curve_walk, curve_walk2), (curve_verdict, curve_verdict2),
                    tuple(r.ends[rate] for r in rolled), tuple(r.start for r in rolled), rate))
            else:
                st.markdown(hide_result("first_curve_step", descent_words.curve_step_words(land, curve_walk, k, rate)))
                st.markdown("**Where it ends up:** " + descent_words.describe(
                    curve_walk, curve_verdict, rate, land.curve_lowest, curve_trials, "ball", "picture",
                    land.curve.symbols, simple()))
    with map_box:
        picture, words = st.columns([7, 4], gap="medium")
        both = ((WalkTrace(walk2.path, "the pink walk", SECOND, start="second start"),) if land.starts else ())
        with picture:
            charts.show(charts.shared(landscape_figure, p1, p2, grid, walk.path, land.problem.names, shown, marks=marks,
                                         guide=(land.curve.axis, land.curve.held), walks=both,
                                         path_name="the red walk" if land.starts else "gradient descent"),
                        key="landscape")
        with words:
            progress = (Progress("the red walk", walk.costs, None, PLAIN), Progress("the pink walk", walk2.costs, None, SECOND)
                        ) if land.starts else (Progress("gradient descent", walk.costs, distances(walk.path), PLAIN),)
            charts.show(charts.shared(progress_figure, progress, shown, lowest.cost), key="cost_per_step")
            if land.terraces:
                st.markdown(shapes.step_map_words(land, walk, rate, tried_smooth(start, rate)))
            elif land.starts:
                st.markdown(shapes.valleys_map_words(land, (walk, walk2), (verdict, verdict2),
                                                     tuple(w.ends[rate] for w in went), tuple(w.start for w in went), rate))
            else:
                st.markdown(descent_words.describe(walk, verdict, rate, lowest, trials, simple=simple()))
        st.caption(shapes.map_caption(land) or descent_words.map_caption(land))
    if not with_momentum:
        return
    with momentum_box:
        picture, words = st.columns([7, 4], gap="medium")
        with picture:
            charts.show(charts.shared(landscape_figure, p1, p2, grid, walk.path, land.problem.names, shown, marks=marks,
                                         walks=(WalkTrace(heavy.path, f"with momentum μ = {momentum:g}", MOMENTUM),),
                                         path_name="plain (μ = 0)"), key="descent_momentum_map")
        with words:
            charts.show(charts.shared(progress_figure, (Progress("plain (μ = 0)", walk.costs, distances(walk.path), PLAIN),
                                         Progress(f"momentum μ = {momentum:g}", heavy.costs, distances(heavy.path),
                                                  MOMENTUM)), shown, lowest.cost), key="descent_momentum_costs")
            if land.starts:
                st.markdown(shapes.valleys_momentum_words(
                    walk, verdict, went[0].ends[rate], heavy, heavy_verdict,
                    valley_after(land.key, tuple(heavy.path[-1]), land), went[0].start, land, rate, momentum))
            else:
                st.markdown(descent_words.momentum_words(walk, verdict, heavy, heavy_verdict, rate, momentum, lowest))


def tried_smooth(start, rate):
    """The σ neuron's walk from the same start with the same η (what the on/off neuron is compared with)."""
    smooth = tiny_landscape()
    return next(t for t in trials_from(smooth.key, start, smooth)[0] if t.rate == rate)


animated()
if not simple():   # Hessians and eigenvalues: not for a first lesson
    with st.expander("For the mathematician: when is η too big?"):
        st.markdown(shapes.stability(land) or descent_words.stability(land))
navigation.show_next("descent")
