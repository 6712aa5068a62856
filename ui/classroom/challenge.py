"""The class challenge, a student's side: a run of their own, entered beside it on Watch it learn, ranked fairly.

- **Their own run.** In a class a fresh run's seed (the random weights W^(l), b^(l) of a^(l) = σ(W^(l) a^(l-1) + b^(l))
  begin from, and the order of its mini-batches) comes from the student's seat (``ui.pages.train.recipe.run_set_up``),
  so two students who press Start with the same recipe train two different networks. The seed is part of the recipe
  on the board.
- **Ranked on validation digits.** The run learns from 3,500 of the 4,000 embedded training digits; the other 500
  (``nn_core.data.validation_split``, the same for every class) are kept aside, and the server ranks every entry
  on them. The 1,000 test digits are not used: choosing the best of many models by a score flatters the winner, so
  the digits that give the honest final estimate must play no part in the choice.
- **Their best.** A student may enter again after more training (up to ``MAX_ENTRIES_PER_STUDENT`` times); the
  board keeps their best.
- **Honest.** Only a run trained here from random weights on those 3,500 digits can be entered: not a bundled model,
  nor a run continued from one (the trainer knows: ``Trainer.fresh_start``).

Outside a class nothing here changes a run.
"""
from __future__ import annotations

import streamlit as st

from classroom.rooms import MAX_ENTRIES_PER_STUDENT, ClassroomError
from classroom.schema import RECIPE_LENGTH
from nn_core.data import load_embedded_challenge
from nn_core.evaluate import evaluate
from nn_core.training import Trainer
from ui.classroom.joining import seat
from ui.classroom.shared import rooms, say, show_message
from ui.level import simple


def learning_words(trainer: Trainer) -> str:
    """On Watch it learn, in a class: where this run's digits and random start come from, in one or two sentences."""
    learn, validation, test = load_embedded_challenge()
    start = ("Your runs start from random weights of your own" if simple() else
             f"Your runs start from random weights of your own (seed {trainer.config.seed}, made from your seat and "
             "the recipe's seed)")
    if trainer.train is not learn:
        return start + ", so your result differs from your neighbours' even with the same recipe."
    return (f"{start}, so your result differs from your neighbours' even with the same recipe. Of the "
            f"{len(learn) + len(validation):,} training digits, {len(learn):,} are to learn from and {len(validation)} "
            f"are kept aside to compare the class's models; the board never uses the {len(test):,} test digits.")


def recipe_text(trainer: Trainer) -> str:
    """The whole recipe of a run, for the board: network, activation (and cost), η, mini-batch, epochs done, seed,
    data (and momentum μ, schedule, L2 and augmentation when used), in whole parts, at most RECIPE_LENGTH."""
    network, config = trainer.network, trainer.config
    done = trainer.epoch_progress
    epochs = f"{config.epochs} epochs" if done >= config.epochs else f"{done:.1f}/{config.epochs} epochs"
    cost = "" if network.cost.name == "cross-entropy" else f", {network.cost.name} cost"
    parts = [f"{'-'.join(map(str, network.sizes))} {network.activation.name}{cost}", f"η {config.learning_rate:g}",
             f"batch {config.batch_size}", epochs, f"seed {config.seed}",
             f"{len(trainer.train):,} digits"]
    extras = [(config.momentum, f"μ {config.momentum:g}"), (config.schedule != "constant", f"{config.schedule} η"),
              (config.l2, f"L2 {config.l2:g}"), (config.augment, "augmented")]
    parts += [text for used, text in extras if used]
    whole = " · ".join(parts)
    while len(whole) > RECIPE_LENGTH:          # (never cut a part: leave the last ones off, and say so)
        parts.pop()
        whole = " · ".join([*parts, "…"])
    return whole


def refusal(trainer: Trainer) -> str | None:
    """Why this run cannot be entered, in a sentence (None: it can)."""
    learn, validation, _ = load_embedded_challenge()
    if not trainer.fresh_start:
        return ("This run continued a model that was trained before (“Start from” a trained model): the challenge "
                "compares networks that learned everything here, from random weights. Start from random weights, "
                "build it and train it to enter.")
    if trainer.train is not learn:
        return (f"This run learned from {len(trainer.train):,} digits; the challenge compares runs that learned "
                f"from the same {len(learn):,} embedded training digits, with {len(validation)} kept aside to "
                "compare them. Choose the embedded digits under “Data, network and recipe” (or press Reset if this "
                "run began before you joined) and train again to enter.")
    return None


def challenge_controls(trainer: Trainer, running: bool) -> None:
    """Beside the run's buttons, in a class, once the run has steps and is not running: enter it, and the
    student's best so far."""
    if seat() is None or trainer is None or not trainer.steps_done or running:
        return
    refused = refusal(trainer)
    if refused:
        st.caption(":material/emoji_events: " + refused)
        show_message()
        return
    try:
        best = rooms().my_entry(seat().token)
    except Exception:  # noqa: BLE001  (the store did not answer: the button stays, and entering says why if it fails)
        best = None
    _, validation, test = load_embedded_challenge()
    with st.container(horizontal=True, vertical_alignment="center"):
        st.button("Enter this run in the class challenge", key="class_challenge", icon=":material/emoji_events:",
                  on_click=_enter, args=(trainer,))
        with st.popover("How it is judged"):
            st.markdown(f"The app measures your run on {len(validation)} training digits kept aside: no run in the "
                        f"class learns from them. Enter up to {MAX_ENTRIES_PER_STUDENT} times; the board keeps your best.")
            st.caption(why_validation(len(validation), len(test)))
        st.caption("Your best on the board: " + (f"**{best.accuracy:.1%}**" if best else "none yet"), width="content")
    show_message()


def why_validation(kept: int, tested: int) -> str:
    """What validation digits are for, and what test digits are for, at the level in use."""
    if simple():
        return (f"The {kept} kept-aside digits (validation digits) are for choosing between models: which recipe, "
                "which run is best. The best of many tries always looks a little better than it really is, so the "
                f"{tested:,} test digits stay out of the choice: they give the honest final check of how well the "
                "chosen model reads handwriting it has never seen.")
    return (f"Validation digits ({kept}, held out of every run's training) are for choosing between models: recipes, "
            "seeds, when to stop. The winner is the maximum of many noisy scores, so its validation accuracy is biased "
            f"upward. The {tested:,} test digits take no part in any choice, so the chosen model's accuracy on them "
            "stays an unbiased estimate of its accuracy on new handwriting.")


def _enter(trainer: Trainer) -> None:
    """The button's callback: measure the run here on the validation digits, then enter it (the board keeps the
    student's best)."""
    refused = refusal(trainer)
    if refused:
        say("error", refused)
        return
    _, validation, _ = load_embedded_challenge()
    scored = evaluate(trainer.network, validation)
    try:
        before = rooms().my_entry(seat().token)
        kept = rooms().enter_challenge(seat().token, recipe_text(trainer), scored.accuracy, scored.n)
    except ClassroomError as exc:
        say("error", f"Not entered: {exc}.")
        return
    measured = f"{scored.accuracy:.1%} right on the {scored.n} validation digits"
    if before is None:
        say("success", f"Entered: {measured}. It is on the board.")
    elif kept:
        say("success", f"Entered: {measured}, better than your best so far ({before.accuracy:.1%}), so it replaces "
                       "it on the board.")
    else:
        say("info", f"Measured: {measured}. Your best so far ({before.accuracy:.1%}) is as good or better, so it "
                    "stays on the board.")
