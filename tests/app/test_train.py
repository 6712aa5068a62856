"""Watch it learn: start, step, epoch, pause, reset, recipes, divergence, results, model files."""
import io

import numpy as np

from nn_core.bundled import load_bundled
from nn_core.modelfile import Model, load_model, model_bytes
from tests.app.conftest import all_text, chart_specs, shown


def trainer(at):
    return at.session_state["trainer"]


def build(at):
    next(b for b in at.button if b.label == "Build this network").click().run()


def test_a_fresh_page_has_a_paused_classic_network(train_page):
    t = trainer(train_page)
    assert t.network.sizes == (784, 16, 16, 10) and t.steps_done == 0
    assert train_page.session_state["train_running"] is False
    assert [b.label for b in train_page.button if b.key == "train_toggle"] == ["Start"]


def test_start_ticks_grow_the_loss_history_and_pause_stops_them(train_page):
    train_page.button(key="train_toggle").click().run()   # start: this run is the first tick
    assert train_page.session_state["train_running"] is True
    steps = [trainer(train_page).steps_done]
    for _ in range(3):
        train_page.run()                                  # each run = one tick of the live fragment
        steps.append(trainer(train_page).steps_done)
    assert steps[0] > 0 and all(b > a for a, b in zip(steps, steps[1:]))
    assert trainer(train_page).history.batch_count == steps[-1]
    named = {"cost: how wrong, on average", "cost it is trained on: cross-entropy"}   # simple, full: never a bare "C"
    loss = next(s for s in chart_specs(train_page) if s["layout"]["yaxis"]["title"]["text"] in named)
    assert len(loss["data"]) >= 2
    train_page.button(key="train_toggle").click().run()   # pause
    paused = trainer(train_page).steps_done
    train_page.run()
    assert trainer(train_page).steps_done == paused and train_page.session_state["train_running"] is False


def test_samples_per_second_is_clock_time_pace_while_running(train_page):
    def shown():
        return next(m.value for m in train_page.metric if m.label == "Digits / second")

    assert shown() == "—"
    train_page.button(key="train_toggle").click().run()   # "fast": 25 steps of 10 digits per tick
    train_page.run()
    ticks = train_page.session_state["train_pace"]
    expected = (ticks[-1][1] - ticks[0][1]) / (ticks[-1][0] - ticks[0][0])
    assert ticks[-1][1] - ticks[0][1] == 250 and shown() == f"{expected:,.0f}"
    train_page.button(key="train_toggle").click().run()   # pause
    assert shown() == "—"


def one_epoch(at) -> None:
    """Click "One epoch" and let it finish: it trains in ticks of at most 0.3 s (a few on a busy machine)."""
    epoch = trainer(at).epoch
    at.button(key="train_epoch").click().run()
    for _ in range(30):
        if trainer(at).epoch > epoch:
            break
        at.run()          # one AppTest run is one tick of the page's fragment
    assert trainer(at).epoch == epoch + 1


def test_one_step_one_epoch_and_reset(train_page):
    train_page.button(key="train_step").click().run()
    assert trainer(train_page).steps_done == 1
    now = next(m.value for m in train_page.metric if m.label == "Test accuracy (now)")  # paused between epochs
    assert f"{now} right" in all_text(train_page)                   # the same figure as the results heading
    one_epoch(train_page)
    t = trainer(train_page)
    assert t.epoch == 1 and len(t.history.epochs) == 1 and t.steps_done == 400
    shown = {m.label: m.value for m in train_page.metric}
    assert shown["Test accuracy"] == f"{t.history.epochs[0].test_accuracy:.1%}"
    first = t.network.params.copy()
    train_page.button(key="train_reset").click().run()
    assert trainer(train_page).steps_done == 0 and not np.array_equal(trainer(train_page).network.params, first)


def test_speed_slow_motion_takes_one_step_per_tick(train_page):
    train_page.segmented_control(key="train_speed").set_value("slow motion").run()
    train_page.button(key="train_toggle").click().run()
    before = trainer(train_page).steps_done
    train_page.run()
    assert trainer(train_page).steps_done == before + 1


def test_a_new_recipe_builds_a_new_network(train_page):
    train_page.text_input(key="recipe_hidden").set_value("30")
    train_page.selectbox(key="recipe_activation").set_value("relu")
    train_page.number_input(key="recipe_rate").set_value(0.1)
    build(train_page)
    assert trainer(train_page).network.sizes == (784, 30, 10)
    assert trainer(train_page).network.activation.name == "relu"
    assert trainer(train_page).config.learning_rate == 0.1


def test_a_bad_recipe_gets_a_sentence_and_keeps_the_network(train_page):
    before = trainer(train_page)
    train_page.text_input(key="recipe_hidden").set_value("16, lots")
    build(train_page)
    assert "cannot be used" in shown(train_page.error[0].value) and trainer(train_page) is before


def test_divergence_is_shown_and_explained_not_crashed_on(train_page):
    train_page.selectbox(key="recipe_activation").set_value("relu")
    train_page.number_input(key="recipe_rate").set_value(100.0)
    build(train_page)
    train_page.button(key="train_epoch").click().run()
    assert not train_page.exception
    assert trainer(train_page).status.state == "diverged"
    assert any("too large" in w.value for w in train_page.warning)


def test_a_stuck_network_is_shown_and_explained(train_page):
    train_page.selectbox(key="recipe_cost").set_value("mse")
    train_page.number_input(key="recipe_rate").set_value(100.0)
    build(train_page)
    train_page.button(key="train_epoch").click().run()
    for _ in range(30):   # ticks of at most 0.3 s: on a busy machine the epoch takes a few before it gets stuck
        if trainer(train_page).status.state == "stuck":
            break
        train_page.run()
    assert trainer(train_page).status.state == "stuck"
    assert any("whatever they show" in w.value for w in train_page.warning)
    assert train_page.button(key="train_toggle").disabled


def test_results_use_everywhere_and_download(train_page):
    one_epoch(train_page)
    text = all_text(train_page)
    assert "mistakes" in text and "unseen test digits" in text
    confusion = [s for s in chart_specs(train_page) if s["layout"].get("xaxis", {}).get("title", {}).get("text")
                 == "the network's answer"]
    assert confusion
    assert any(b.label == "Download the model (.npz)" for b in train_page.get("download_button"))
    train_page.button(key="train_use").click().run()
    assert train_page.radio(key="model_choice").value == "custom"
    assert train_page.session_state["custom_model"].metadata["recipe"]["epochs"] == 10


def test_uploading_a_model(train_page):
    good = model_bytes(Model(load_bundled("classic").network.copy(), {"name": "mine"}))
    train_page.file_uploader(key="model_upload-0").upload("mine.npz", good, "application/octet-stream").run()
    assert train_page.radio(key="model_choice").value == "custom"
    np.testing.assert_array_equal(train_page.session_state["custom_model"].network.params,
                                  load_model(io.BytesIO(good)).network.params)
    first_key = train_page.session_state["custom_model_key"]
    changed = load_bundled("classic").network.copy()
    changed.biases[0][0] += 1.0
    other = model_bytes(Model(changed, {"name": "mine"}))   # same name and shape, one bias apart
    train_page.file_uploader(key="model_upload-0").upload("other.npz", other, "application/octet-stream").run()
    assert train_page.session_state["custom_model_key"] not in (None, first_key)  # shared caches keyed apart


def test_a_bad_model_upload_is_refused_and_the_model_stays(train_page):
    pickle_bytes = b"cos\nsystem\n(S'ls'\ntR."
    train_page.file_uploader(key="model_upload-0").upload("evil.npz", pickle_bytes, "application/octet-stream").run()
    assert not train_page.exception
    assert "evil.npz cannot be used" in shown(train_page.error[0].value) and "stays" in shown(train_page.error[0].value)
    assert train_page.radio(key="model_choice").value == "classic"


def test_the_page_states_the_update_rule_of_its_recipe(train_page):
    assert "w ← w − η ∂C/∂w" in all_text(train_page) and "averaged over the mini-batch" in all_text(train_page)
    train_page.number_input(key="recipe_momentum").set_value(0.9)
    build(train_page)
    assert "v ← μv − η ∂C/∂w" in all_text(train_page) and "μ = 0.9" in all_text(train_page)


def test_a_ready_made_experiment_sets_the_recipe_and_says_what_to_watch(train_page):
    train_page.button(key="recipe-experiment-0").click().run()          # η = 100
    assert trainer(train_page).config.learning_rate == 100.0 and "overshoot" in all_text(train_page)
    train_page.button(key="recipe-experiment-3").click().run()          # back to the classic recipe
    assert trainer(train_page).config.learning_rate == 0.5 and trainer(train_page).network.sizes == (784, 16, 16, 10)


def test_overfitting_is_named_when_the_test_cost_rises(embedded):
    """The history finds it: with the default recipe the test cost rises after epoch 8 while the training cost falls."""
    from nn_core.network import Network
    from nn_core.training import Trainer, TrainingConfig

    train, test = embedded
    trainer_ = Trainer(Network.random((784, 16, 16, 10), rng=0), train, test, TrainingConfig(learning_rate=0.5, epochs=10))
    trainer_.run_to_end()
    since = trainer_.history.overfitting_since()
    test_loss = trainer_.history.epoch_column("test_loss")
    assert since is not None and test_loss[-1] > test_loss[since.epoch - 1]
    assert trainer_.history.epoch_column("train_loss")[-1] < since.train_loss


def test_one_epoch_trains_in_bounded_ticks_and_stops_at_the_epochs_end(train_page, monkeypatch):
    """"One epoch" is not one long request: each run does a tick's worth, and it stops exactly at the epoch."""
    from ui.pages.train import live

    monkeypatch.setattr(live, "TICK_BUDGET", 0.002)
    monkeypatch.setattr(live, "SHARED_BUDGET", 0.002)
    train_page.button(key="train_epoch").click().run()
    first = trainer(train_page)
    assert 0 < first.steps_done < 400 and train_page.session_state["train_running"] is True
    for _ in range(200):
        if not train_page.session_state["train_running"]:
            break
        train_page.run()
    assert trainer(train_page).epoch == 1 and trainer(train_page).steps_done == 400
    assert train_page.session_state["train_running"] is False and train_page.session_state["train_until_epoch"] is None


def test_the_starting_recipe_says_truly_what_it_reaches_and_how_the_lessons_network_was_trained(train_page):
    """N6: not "the recipe of the lesson's network": that one was trained much longer (scripts/build_models.py)."""
    import sys
    from pathlib import Path

    from nn_core.data import load_embedded
    from nn_core.evaluate import evaluate
    from nn_core.network import Network
    from nn_core.training import Trainer
    from ui.pages.train.recipe import CLASSIC_ACCURACY, DEFAULT_RECIPE, STARTING_RECIPE_ACCURACY

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    from build_models import RECIPES

    train, test = load_embedded()
    recipe = DEFAULT_RECIPE
    starting = Trainer(Network.random((784, *recipe.hidden, 10), rng=recipe.config.seed, activation=recipe.activation,
                                      cost=recipe.cost), train, test, recipe.config)
    starting.run_to_end()
    assert f"{starting.history.epochs[-1].test_accuracy:.1%}".replace("%", " %") == STARTING_RECIPE_ACCURACY
    assert f"{evaluate(load_bundled('classic').network, test).accuracy:.1%}".replace("%", " %") == CLASSIC_ACCURACY
    classic = RECIPES["classic"]["config"]
    assert (classic.epochs, classic.momentum, classic.schedule, classic.augment) == (100, 0.9, "cosine", True)
    assert classic.epochs == 10 * recipe.config.epochs and RECIPES["classic"]["sizes"] == (784, *recipe.hidden, 10)

    train_page.button(key="recipe-experiment-3").click().run()
    note = all_text(train_page)
    assert (f"the same 16, 16 sigmoid layers as the lesson's network, η = 0.5, mini-batches of 10, 10 epochs. It reaches "
            f"{STARTING_RECIPE_ACCURACY} on the test digits (outside a class, where every run of it starts from the same "
            f"random weights). The lesson's network ({CLASSIC_ACCURACY}) was trained much "
            "longer: 100 epochs with momentum 0.9") in note
    assert "recipe of the lesson's network" not in note


def test_the_starting_recipe_note_at_the_simple_level_has_no_momentum(train_page):
    from ui import state

    train_page.segmented_control(key=state.LEVEL).set_value("simple").run()
    train_page.button(key="recipe-experiment-3").click().run()
    note = next(c.value for c in train_page.caption if c.value.startswith("Back to the starting recipe"))
    assert "ten times longer" in note and "momentum" not in note and "89.2 %" in note
