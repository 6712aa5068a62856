"""Watch gradient descent learn, live: the cost falling as the weights change."""
import streamlit as st

from figures.images import TEMPLATES_SHOWN, enlarge, template_mosaic
from figures.training import confusion_figure, loss_figure
from nn_core.training import TRAIN_EVAL_SIZE, TrainingState
from ui import alt_text, charts, datasets, navigation, page_words, state
from ui.classroom import challenge
from ui.classroom.joining import seat
from ui.fragments import page_fragment
from ui.lesson.veil import HIDDEN, veiled
from ui.level import simple
from ui.links import tables
from ui.pages.train import controls, live, model_files
from ui.pages.train.recipe import current_recipe, data_name, update_rule
from ui.patches.frame import require_app_frame

require_app_frame()  # before anything is drawn (see ui/patches/frame.py)

page_words.title("Watch it learn", "neuron", "activation", "layer", "weight", "bias", "sigmoid", "softmax", "cost",
                 "gradient", "gradient descent", "learning rate", "epoch", "mini-batch", "backpropagation",
                 "overfitting", "test digits")
page_words.intro("Learning is walking downhill on the **cost**. Each **step** takes a **mini-batch** of a few labelled "
                 "training digits, runs them forward, and moves every weight and bias against the gradient of their "
                 "average cost, by η (the **learning rate**) times that gradient. After each **epoch** (one pass over all "
                 "the training digits) the network is checked on the test digits it never trains on.")
# On the first screen: Start/Step/Epoch, then the live cost chart. The recipe that sets them up is drawn first (its
# widgets decide the trainer) but shown under the chart: the boxes below are filled in screen order.
run_box, chart_box, recipe_box = st.container(), st.container(), st.container()
with recipe_box:
    st.caption("Try a recipe, press Start, and compare the test accuracy it reaches:")
    controls.recipe_experiments()
    with st.expander("Data, network and recipe", expanded=False):
        datasets.picker()
        controls.recipe_form(tables.TRAIN)

current = live.trainer()
running = bool(st.session_state.get(state.TRAIN_RUNNING)) and not current.finished
recipe = current_recipe()
with recipe_box:
    st.markdown(update_rule(recipe.config))
    st.caption(f"Network {current.network.describe()} · learning rate {recipe.config.learning_rate:g}, mini-batches "
               f"of {recipe.config.batch_size}, {recipe.config.epochs} epochs · trains on {len(current.train):,} "
               f"labelled digits, tests on {len(current.test):,} unseen ones · data: {data_name(current.train)}.")
    if seat() is not None:
        st.caption(challenge.learning_words(current))
    navigation.cost_link()
with run_box:
    controls.run_buttons(current, running)
    challenge.challenge_controls(current, running)   # in a class: enter this run, beside it; the server measures it


@page_fragment(run_every=live.TICK_SECONDS if running else None)
def progress() -> None:
    trainer = live.trainer()
    if st.session_state.get(state.TRAIN_RUNNING) and not live.reached_goal(trainer):
        live.tick(trainer)
        live.record_pace(trainer)
    if st.session_state.get(state.TRAIN_RUNNING) and live.reached_goal(trainer):
        live.stop_running()
        st.rerun()  # redraw the whole page: stop the ticks, show the results
    history = trainer.history
    last = history.epochs[-1] if history.epochs else None
    row = st.container(horizontal=True, gap="large")   # one row that wraps on a narrow screen (not a stack of five)
    row.metric("Epoch", f"{trainer.epoch_progress:.1f} / {trainer.config.epochs}")
    row.metric("Steps", "?" if veiled("steps_done") else f"{trainer.steps_done:,}")
    measured = (f"Measured after epoch {last.epoch}" if last else "Measured at the end of each epoch") + \
        ", so it can lag the cost curve by up to an epoch."
    row.metric("Train accuracy", f"{last.train_accuracy:.1%}" if last else "—",
               help=measured + f" On a fixed sample of {TRAIN_EVAL_SIZE:,} training digits.")
    if trainer.steps_done and not st.session_state.get(state.TRAIN_RUNNING) and (last is None or last.step != trainer.steps_done):
        row.metric("Test accuracy (now)", f"{model_files.test_report(trainer).accuracy:.1%}",
                   help=f"Paused between epochs: measured now, on the {len(trainer.test):,} test digits")
    else:
        row.metric("Test accuracy", f"{last.test_accuracy:.1%}" if last else "—",
                   help=measured + f" On the {len(trainer.test):,} unseen test digits.")
    pace = live.clock_pace() if st.session_state.get(state.TRAIN_RUNNING) else None
    if not simple():
        row.metric("Digits / second", "—" if pace is None else f"{pace:,.0f}",
                   help=f"Training digits learned from per second of clock time, over the last "
                        f"{live.PACE_WINDOW:.0f} s.")
    if last is not None:
        st.caption(f"Accuracies as measured after epoch {last.epoch}.")
    if trainer.status.state.stopped_early:
        st.warning(f"Training stopped early: when and why is {HIDDEN}." if veiled("steps_done") else
                   trainer.status.message, icon=":material/trending_up:")
    elif trainer.status.state is TrainingState.FINISHED:
        st.success(trainer.status.message)
    overfitting = history.overfitting_since()
    charts.show(loss_figure(history.batch_loss, history.epoch_column("step"), history.epoch_column("test_loss"),
                            overfitting.step if overfitting else None, cost_name=live.cost_name(trainer)),
                key="loss_chart")
    if note := live.cost_note():
        st.caption(note)
    page_words.after_figure()
    if overfitting is not None:
        st.info(f"**Overfitting.** After epoch {overfitting.epoch} the cost on the unseen test digits went up "
                f"({overfitting.test_loss:.3f} → {history.epochs[-1].test_loss:.3f}) while the training cost kept "
                f"falling ({overfitting.train_loss:.3f} → {history.epochs[-1].train_loss:.3f}): the network is "
                "starting to memorise its training digits instead of learning what all digits share.",
                icon=":material/warning:")


@page_fragment(run_every=2 * live.TICK_SECONDS if running else None)
def weights() -> None:
    """The first-layer templates, redrawn twice a second while training (they change slowly)."""
    trainer = live.trainer()
    st.markdown("**First-layer weights**, each hidden-1 neuron's 28x28 template")
    limit = st.session_state[state.WEIGHT_LIMIT] = live.weight_limit(trainer, st.session_state[state.WEIGHT_LIMIT])
    colours = state.palette()
    st.image(template_mosaic(trainer.network.weights[0], limit, colours.negative, colours.positive, max_neurons=TEMPLATES_SHOWN),
             alt=alt_text.templates(min(len(trainer.network.weights[0]), TEMPLATES_SHOWN), len(trainer.network.weights[0]),
                                    colours.positive_name, colours.negative_name))
    st.caption(f"{colours.positive_name.capitalize()}: a lit pixel there pushes the neuron up; {colours.negative_name}: "
               f"down. Colour range ±{limit:.2f} (it only widens, so colours stay comparable). One might hope the "
               "templates become strokes and edges; mostly they become blotchy patterns that work without being "
               "easy to name. " + (
                   "Each step adds a little of every training image of the mini-batch to every template, scaled by how "
                   "much that neuron should change." if simple() else
                   "Each step adds −(η/B) × δ × (the image) to every template for each of the B training images in the "
                   "mini-batch: copies of those digits, scaled by how much that neuron should change (δ).") +
               " With a huge learning rate (try η = 100) a few steps stamp whole training digits into the templates.")


with chart_box:
    progress()
weights()

if current.steps_done and not running:
    report = model_files.test_report(current)
    st.subheader(f"On the {len(current.test):,} unseen test digits: {report.accuracy:.1%} right")
    matrix, mistakes = st.columns([2, 3])
    with matrix:
        charts.show(confusion_figure(report.matrix, state.palette()), key="confusion", alt=alt_text.confusion(report.matrix))
        colours = state.palette()
        st.caption(f"Each row is a true digit, each column an answer: the {colours.answer_name} diagonal is right, "
                   f"{colours.negative_name} squares are confusions.")
    with mistakes:
        shown = report.wrong[:24]
        st.markdown(f"**{len(report.wrong)} mistakes**" + (", the first 24:" if len(report.wrong) > 24 else ":"))
        if len(shown):
            images = [enlarge(current.test.images[i] / 255.0, 56) for i in shown]
            captions = [f"said {report.answers[i]}, is {current.test.labels[i]}" for i in shown]
            st.image(images, caption=captions, width=72,
                     alt=alt_text.digits("test digit", shown, current.test.labels[shown], report.answers[shown]))
    with st.container(horizontal=True):
        st.button("Use this model on every page", key="train_use", on_click=model_files.use_everywhere,
                  icon=":material/publish:")
        model_files.download_button(current)

if not simple():
    st.subheader("Your model")
    model_files.model_upload()
navigation.show_next("train")
