"""Gradient descent in pictures: the cost as a landscape over two parameters, and a walk downhill."""
import streamlit as st

from figures.landscape import cost_per_step_figure, landscape_figure
from ui import charts, descent, state
from ui.frame import require_app_frame

require_app_frame()  # before anything is drawn (see ui/frame.py)

st.title("Gradient descent")
st.write("The cost depends on every weight and bias. Hold all of them fixed but two, and the cost becomes a "
         "landscape you can see: dark valleys are good, bright hills are bad. Gradient descent stands somewhere, "
         "finds the steepest way down (minus the **gradient**) and takes a step of size **η** (the learning rate): "
         "p ← p − η ∇C(p). Then again, and again.")

kind = st.segmented_control("Landscape of", list(descent.PROBLEMS), format_func=descent.PROBLEMS.get,
                            key=state.DESCENT_PROBLEM, required=True)
problem, key = descent.problem_and_key()
view = problem.default_view()

controls, picture = st.columns([2, 3], gap="large")
with controls:
    st.select_slider("Learning rate η", descent.RATES, key=state.DESCENT_RATE)
    start = descent.start_point(problem, view, key)
    st.caption("Try these:")
    descent.preset_buttons(problem, view, key)
    st.button("Walk, step by step", key="descent_play", on_click=descent.start_playing, icon=":material/play_arrow:")

rate = st.session_state[state.DESCENT_RATE]
walk = descent.walk(problem, start, rate)
p1, p2, grid = descent.landscape(key + (view,), problem, *view)


@st.fragment(run_every=descent.PLAY_SECONDS if st.session_state.get(state.DESCENT_PLAYING) else None)
def animated() -> None:
    steps = len(walk.path) - 1
    if st.session_state.get(state.DESCENT_PLAYING):
        shown = min(st.session_state.get(state.DESCENT_SHOWN, 0) + 1, steps)
        st.session_state[state.DESCENT_SHOWN] = shown
        if shown >= steps:
            st.session_state[state.DESCENT_PLAYING] = False
            st.rerun()
    shown = min(st.session_state.get(state.DESCENT_SHOWN, steps), steps)
    with picture:
        charts.show(landscape_figure(p1, p2, grid, walk.path, problem.names, shown, problem.landmark()), key="landscape")
    with controls:
        charts.show(cost_per_step_figure(walk.costs, shown), key="cost_per_step")
        st.markdown(descent.describe(walk, rate, problem, start))


animated()
if kind == "network":
    st.caption(f"Everything else in the network stays at its trained value; the cost is averaged over "
               f"{descent.SAMPLE} training digits. The white cross marks where training left these two parameters.")
