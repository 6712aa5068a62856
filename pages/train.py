"""Watch gradient descent learn, live: the cost falling as the weights change."""
import streamlit as st

from figures.images import enlarge, template_mosaic
from figures.training import confusion_figure, loss_figure
from nn_core.training import TRAIN_EVAL_SIZE, TrainingState
from ui import charts, classroom, datasets, glossary, lesson, lesson_order, page_settings, presenter, state, training
from ui.frame import require_app_frame
from ui.guard import guarded
from ui.level import simple

require_app_frame()  # before anything is drawn (see ui/frame.py)

st.title("Watch it learn")
glossary.words_row("neuron", "activation", "layer", "weight", "bias", "sigmoid", "softmax", "cost", "gradient",
                   "gradient descent", "learning rate", "epoch", "mini-batch", "backpropagation", "overfitting",
                   "test digits")
presenter.intro("Learning is walking downhill on the **cost**. Each **step** takes a **mini-batch** of a few labelled "
                "training digits, runs them forward, and moves every weight and bias against the gradient of their "
                "average cost, by η (the **learning rate**) times that gradient. After each **epoch** (one pass over all "
                "the training digits) the network is checked on the test digits it never trains on.")
lesson_order.cost_link()

with st.expander("Data, network and recipe", expanded=False):
    datasets.picker()
    training.recipe_form(page_settings.TRAIN)
st.caption("Try a recipe, press Start, and compare the test accuracy it reaches:")
training.recipe_experiments()

current = training.trainer()
running = bool(st.session_state.get(state.TRAIN_RUNNING)) and not current.finished
recipe = st.session_state.get(state.RECIPE) or training.DEFAULT_RECIPE
st.markdown(training.update_rule(recipe.config))
st.caption(f"Network {current.network.describe()} · learning rate {recipe.config.learning_rate:g}, mini-batches of "
           f"{recipe.config.batch_size}, {recipe.config.epochs} epochs · trains on {len(current.train):,} labelled "
           f"digits, tests on {len(current.test):,} unseen ones · data: {training.data_name(current.train)}.")

with st.container(horizontal=True, vertical_alignment="bottom"):
    st.button("Pause" if running else ("Continue" if current.steps_done else "Start"), key="train_toggle",
              on_click=training.toggle_running, icon=":material/pause:" if running else ":material/play_arrow:",
              type="primary", disabled=current.finished)
    st.button("One step", key="train_step", on_click=training.one_step, disabled=current.finished,
              help="One mini-batch: one small move downhill")
    st.button("One epoch", key="train_epoch", on_click=training.one_epoch, disabled=current.finished)
    st.button("Reset", key="train_reset", on_click=training.rebuild, icon=":material/restart_alt:",
              help="Back to the starting weights" + ("" if simple() else " (same seed, same start)"))
    st.segmented_control("Speed", list(training.SPEEDS), key=state.TRAIN_SPEED, required=True,
                         help="Slow motion: one step at a time, four a second")


@st.fragment(run_every=training.TICK_SECONDS if running else None)
@guarded
def live() -> None:
    trainer = training.trainer()
    if st.session_state.get(state.TRAIN_RUNNING) and not training.reached_goal(trainer):
        training.tick(trainer)
        training.record_pace(trainer)
    if st.session_state.get(state.TRAIN_RUNNING) and training.reached_goal(trainer):
        training.stop_running()
        st.rerun()  # redraw the whole page: stop the ticks, show the results
    lesson.notice_progress()   # the lesson's card is outside this fragment
    history = trainer.history
    last = history.epochs[-1] if history.epochs else None
    columns = st.columns(4 if simple() else 5)
    columns[0].metric("Epoch", f"{trainer.epoch_progress:.1f} / {trainer.config.epochs}")
    columns[1].metric("Steps", f"{trainer.steps_done:,}")
    measured = (f"Measured after epoch {last.epoch}" if last else "Measured at the end of each epoch") + \
        ", so it can lag the cost curve by up to an epoch."
    columns[2].metric("Train accuracy", f"{last.train_accuracy:.1%}" if last else "—",
                      help=measured + f" On a fixed sample of {TRAIN_EVAL_SIZE:,} training digits.")
    if trainer.steps_done and not st.session_state.get(state.TRAIN_RUNNING) and (last is None or last.step != trainer.steps_done):
        columns[3].metric("Test accuracy (now)", f"{training.test_report(trainer).accuracy:.1%}",
                          help=f"Paused between epochs: measured now, on the {len(trainer.test):,} test digits")
    else:
        columns[3].metric("Test accuracy", f"{last.test_accuracy:.1%}" if last else "—",
                          help=measured + f" On the {len(trainer.test):,} unseen test digits.")
    pace = training.clock_pace() if st.session_state.get(state.TRAIN_RUNNING) else None
    if not simple():
        columns[4].metric("Digits / second", "—" if pace is None else f"{pace:,.0f}",
                          help=f"Training digits learned from per second of clock time, over the last "
                               f"{training.PACE_WINDOW:.0f} s.")
    if last is not None:
        st.caption(f"Accuracies as measured after epoch {last.epoch}.")
    if trainer.status.state.stopped_early:
        st.warning(trainer.status.message, icon=":material/trending_up:")
    elif trainer.status.state is TrainingState.FINISHED:
        st.success(trainer.status.message)
    overfitting = history.overfitting_since()
    charts.show(loss_figure(history.batch_loss, history.epoch_column("step"), history.epoch_column("test_loss"),
                            overfitting.step if overfitting else None), key="loss_chart")
    presenter.intro_after_figure()
    if overfitting is not None:
        st.info(f"**Overfitting.** After epoch {overfitting.epoch} the cost on the unseen test digits went up "
                f"({overfitting.test_loss:.3f} → {history.epochs[-1].test_loss:.3f}) while the training cost kept "
                f"falling ({overfitting.train_loss:.3f} → {history.epochs[-1].train_loss:.3f}): the network is "
                "starting to memorise its training digits instead of learning what all digits share.",
                icon=":material/warning:")


@st.fragment(run_every=2 * training.TICK_SECONDS if running else None)
@guarded
def weights() -> None:
    """The first-layer templates, redrawn twice a second while training (they change slowly)."""
    trainer = training.trainer()
    st.markdown("**First-layer weights**, each hidden-1 neuron's 28x28 template")
    limit = st.session_state[state.WEIGHT_LIMIT] = training.weight_limit(trainer, st.session_state[state.WEIGHT_LIMIT])
    colours = state.palette()
    st.image(template_mosaic(trainer.network.weights[0], limit, colours.negative, colours.positive))
    st.caption(f"{colours.positive_name.capitalize()}: a lit pixel there pushes the neuron up; {colours.negative_name}: "
               f"down. Colour range ±{limit:.2f} (it only widens, so colours stay comparable). One might hope the "
               "templates become strokes and edges; mostly they become blotchy patterns that work without being "
               "easy to name. " + (
                   "Each step adds a little of every training image of the mini-batch to every template, scaled by how "
                   "much that neuron should change." if simple() else
                   "Each step adds −(η/B) × δ × (the image) to every template for each of the B training images in the "
                   "mini-batch: copies of those digits, scaled by how much that neuron should change (δ).") +
               " With a huge learning rate (try η = 100) a few steps stamp whole training digits into the templates.")


live()
weights()

if current.steps_done and not running:
    report = training.test_report(current)
    st.subheader(f"On the {len(current.test):,} unseen test digits: {report.accuracy:.1%} right")
    matrix, mistakes = st.columns([2, 3])
    with matrix:
        charts.show(confusion_figure(report.matrix, state.palette()), key="confusion")
        colours = state.palette()
        st.caption(f"Each row is a true digit, each column an answer: the {colours.answer_name} diagonal is right, "
                   f"{colours.negative_name} squares are confusions.")
    with mistakes:
        shown = report.wrong[:24]
        st.markdown(f"**{len(report.wrong)} mistakes**" + (", the first 24:" if len(report.wrong) > 24 else ":"))
        if len(shown):
            images = [enlarge(current.test.images[i] / 255.0, 56) for i in shown]
            captions = [f"said {report.answers[i]}, is {current.test.labels[i]}" for i in shown]
            st.image(images, caption=captions, width=72)
    with st.container(horizontal=True):
        st.button("Use this model on every page", key="train_use", on_click=training.use_everywhere,
                  icon=":material/publish:")
        training.download_button(current)
    classroom.challenge_controls(current)   # in a class: enter it; the server measures it

if not simple():
    st.subheader("Your model")
    training.model_upload()
lesson_order.show_next("train")
