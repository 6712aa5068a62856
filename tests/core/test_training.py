"""Steppable, deterministic mini-batch SGD with history and divergence handling."""
import math

import numpy as np
import pytest

from nn_core.evaluate import evaluate
from nn_core.network import Network
from nn_core.training import Trainer, TrainingConfig


@pytest.fixture(scope="module")
def small_sets(embedded):
    train, test = embedded
    return train.subset(np.arange(0, 4000, 4)), test.subset(np.arange(0, 1000, 4))


def make(small_sets, **recipe):
    train, test = small_sets
    config = TrainingConfig(**{"learning_rate": 0.5, "batch_size": 10, "epochs": 3, **recipe})
    return Trainer(Network.random(rng=config.seed), train, test, config)


def test_classic_network_learns_the_embedded_digits(embedded):
    train, test = embedded
    trainer = Trainer(Network.random(rng=0), train, test, TrainingConfig(learning_rate=1.0, batch_size=32, epochs=6))
    trainer.run_to_end()
    assert trainer.status.state == "finished"
    assert trainer.history.epochs[-1].test_accuracy >= 0.88
    assert evaluate(trainer.network, test).accuracy == pytest.approx(trainer.history.epochs[-1].test_accuracy)
    losses = trainer.history.batch_loss
    assert losses[:50].mean() > 2 * losses[-50:].mean()  # the cost fell


def test_stepping_in_pieces_equals_one_run(small_sets):
    whole, pieces = make(small_sets), make(small_sets)
    whole.run(130)
    for chunk in (1, 9, 50, 70):
        pieces.run(chunk)
    assert whole.steps_done == pieces.steps_done == 130
    np.testing.assert_array_equal(whole.network.params, pieces.network.params)
    np.testing.assert_array_equal(whole.history.batch_loss, pieces.history.batch_loss)


def test_same_seed_same_result_and_other_seed_differs(small_sets):
    a, b, c = make(small_sets, seed=3), make(small_sets, seed=3), make(small_sets, seed=4)
    for trainer in (a, b, c):
        trainer.run_to_end()
    np.testing.assert_array_equal(a.network.params, b.network.params)
    assert not np.array_equal(a.network.params, c.network.params)


def test_augmented_training_is_deterministic_too(small_sets):
    a, b = make(small_sets, augment=True, epochs=1), make(small_sets, augment=True, epochs=1)
    a.run_to_end()
    b.run_to_end()
    np.testing.assert_array_equal(a.network.params, b.network.params)


def test_history_records_batches_and_epochs(small_sets):
    trainer = make(small_sets, epochs=2)
    trainer.run_to_end()
    assert trainer.history.batch_count == trainer.steps_done == 2 * 100
    assert [r.epoch for r in trainer.history.epochs] == [1, 2]
    record = trainer.history.epochs[-1]
    assert 0 <= record.test_accuracy <= 1 and record.test_loss > 0 and record.train_loss > 0
    assert trainer.status.samples == 2000 and trainer.status.samples_per_second > 0
    assert "Finished 2 epochs" in trainer.status.message
    assert trainer.run(5) == 0  # finished: nothing more happens


def test_run_respects_its_bounds(small_sets):
    trainer = make(small_sets)
    assert trainer.run(7) == 7 and trainer.steps_done == 7
    assert trainer.run(1000, max_seconds=0.0) == 1  # the time budget stops it after a step


def test_the_callers_network_is_not_changed(small_sets):
    net = Network.random(rng=0)
    before = net.params.copy()
    trainer = Trainer(net, *small_sets, TrainingConfig(epochs=1))
    trainer.run(20)
    np.testing.assert_array_equal(net.params, before)


@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
def test_huge_learning_rate_stops_with_a_message_and_keeps_finite_parameters(small_sets, activation):
    train, test = small_sets
    trainer = Trainer(Network.random(rng=0, activation=activation), train, test,
                      TrainingConfig(learning_rate=100.0, batch_size=10, epochs=5))
    trainer.run(2000)
    assert trainer.status.state == "diverged"
    assert "too large" in trainer.status.message and "learning rate" in trainer.status.message
    assert np.all(np.isfinite(trainer.network.params))
    assert np.all(np.isfinite(trainer.history.batch_loss))  # only finite costs are recorded
    assert trainer.run(10) == 0


def test_diverged_trainer_keeps_the_last_good_parameters(small_sets):
    """The parameters whose cost was last finite come back exactly (not the ones that broke)."""
    train, test = small_sets
    trainer = Trainer(Network.random(rng=0, activation="relu"), train, test,
                      TrainingConfig(learning_rate=100.0, epochs=5))
    snapshots = []
    while not trainer.finished:
        snapshots.append(trainer.network.params.copy())
        trainer.run(1)
    assert trainer.status.state == "diverged"
    # snapshots[-1] gave a non-finite cost; snapshots[-2] was the last with a finite one
    np.testing.assert_array_equal(trainer.network.params, snapshots[-2])


def test_a_saturated_network_stuck_on_one_answer_stops_and_says_why(embedded):
    """Quadratic cost, learning rate 100: the cost stays finite, but every digit gets the same answer."""
    train, test = embedded
    stuck = Trainer(Network.random(rng=0, cost="mse"), train, test, TrainingConfig(learning_rate=100.0, epochs=5))
    stuck.run_to_end()
    assert stuck.status.state == "stuck" and stuck.epoch == 1 and stuck.finished
    assert "too large" in stuck.status.message and "σ′(z)" in stuck.status.message
    assert stuck.run(10) == 0
    slow = Trainer(Network.random(rng=0, cost="mse"), train, test, TrainingConfig(learning_rate=0.003, epochs=1))
    slow.run_to_end()                                   # one answer too, but only slow: it finishes normally
    assert slow.status.state == "finished" and slow.history.epochs[-1].test_accuracy < 0.15


def test_momentum_l2_and_schedules_change_training(small_sets):
    plain = make(small_sets, epochs=3, learning_rate=1.0)
    plain.run_to_end()
    for recipe in ({"momentum": 0.9, "learning_rate": 0.1}, {"l2": 0.001}, {"schedule": "cosine"}, {"schedule": "step"}):
        other = make(small_sets, **{"epochs": 3, "learning_rate": 1.0, **recipe})
        other.run_to_end()
        assert not np.array_equal(other.network.params, plain.network.params), recipe
        assert other.history.epochs[-1].test_accuracy > 0.5, recipe


def test_l2_shrinks_the_weights(small_sets):
    plain, decayed = make(small_sets, epochs=2), make(small_sets, epochs=2, l2=0.01)
    plain.run_to_end()
    decayed.run_to_end()
    norm = lambda t: sum(float(np.sum(w * w)) for w in t.network.weights)  # noqa: E731
    assert norm(decayed) < 0.8 * norm(plain)


def test_learning_rate_schedules():
    step = TrainingConfig(learning_rate=1.0, epochs=4, schedule="step")
    assert [step.learning_rate_at(e) for e in (0, 1.9, 2, 3)] == [1.0, 1.0, pytest.approx(0.1), pytest.approx(0.01)]
    cosine = TrainingConfig(learning_rate=1.0, epochs=10, schedule="cosine")
    assert cosine.learning_rate_at(0) == 1.0 and cosine.learning_rate_at(5) == pytest.approx(0.5)
    assert cosine.learning_rate_at(10) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("bad, message", [
    ({"learning_rate": 0}, "learning rate"), ({"learning_rate": math.nan}, "learning rate"),
    ({"batch_size": 0}, "batch size"), ({"epochs": 0}, "epoch"), ({"momentum": 1.0}, "momentum"),
    ({"l2": -1}, "L2"), ({"schedule": "wiggly"}, "schedule"),
])
def test_bad_recipes_are_refused(bad, message):
    with pytest.raises(ValueError, match=message):
        TrainingConfig(**bad)


def test_recipe_round_trips_through_a_dict():
    config = TrainingConfig(learning_rate=0.1, momentum=0.9, augment=True, schedule="cosine")
    assert TrainingConfig.from_dict(config.to_dict()) == config
    assert "augmentation" not in TrainingConfig().to_dict()


@pytest.mark.parametrize("cost", ["mse", "cross-entropy"])
@pytest.mark.parametrize("activation", ["sigmoid", "relu", "tanh"])
def test_every_activation_and_cost_trains(small_sets, activation, cost):
    train, test = small_sets
    rate = {("sigmoid", "mse"): 6.0, ("relu", "mse"): 1.0, ("tanh", "mse"): 0.5,
            ("sigmoid", "cross-entropy"): 0.3}.get((activation, cost), 0.05)
    trainer = Trainer(Network.random(rng=0, activation=activation, cost=cost), train, test,
                      TrainingConfig(learning_rate=rate, batch_size=10, epochs=3))
    trainer.run_to_end()
    assert trainer.status.state == "finished", trainer.status.message
    assert trainer.history.epochs[-1].test_accuracy > 0.5


def test_a_huge_weight_decay_is_blamed_not_the_learning_rate(embedded):
    from nn_core.network import Network
    from nn_core.training import Trainer, TrainingConfig, TrainingState

    train, test = embedded
    trainer = Trainer(Network.random((784, 8, 10), rng=0), train, test, TrainingConfig(learning_rate=0.5, l2=1e6))
    trainer.run(200)
    assert trainer.status.state is TrainingState.DIVERGED
    assert "weight decay" in trainer.status.message and "learning rate (0.5) is too large" not in trainer.status.message


def test_the_update_rule_is_plain_sgd_without_momentum_and_remembers_velocity_with_it():
    import numpy as np

    from nn_core.training import sgd_update

    params, velocity, step = np.ones(3), np.zeros(3), np.full(3, -0.1)
    sgd_update(params, velocity, step.copy(), 0.0)
    np.testing.assert_allclose(params, 0.9)
    sgd_update(params, velocity, step.copy(), 0.5)     # v = -0.1
    sgd_update(params, velocity, step.copy(), 0.5)     # v = 0.5 * -0.1 - 0.1 = -0.15
    np.testing.assert_allclose(velocity, -0.15)
    np.testing.assert_allclose(params, 0.9 - 0.1 - 0.15)


def test_two_threads_training_one_trainer_take_turns_and_give_the_same_result(embedded):
    """The web app can run two scripts at once on one session's trainer; the steps must not interleave."""
    import threading

    import numpy as np

    from nn_core.network import Network
    from nn_core.training import Trainer, TrainingConfig

    train, test = embedded
    config = TrainingConfig(learning_rate=0.5, batch_size=10, epochs=5)
    alone = Trainer(Network.random((784, 64, 64, 10), rng=1), train, test, config)
    shared = Trainer(Network.random((784, 64, 64, 10), rng=1), train, test, config)
    alone.run(600)
    threads = [threading.Thread(target=shared.run, args=(200,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert shared.steps_done == alone.steps_done == 600 and not shared.finished
    np.testing.assert_array_equal(shared.network.params, alone.network.params)
