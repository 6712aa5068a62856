"""Mini-batch stochastic gradient descent that can be run a few steps at a time.

Each step takes B training examples, runs them forward, backpropagates the mean cost
and moves every parameter a little downhill:

    v <- mu v - eta (dC/dtheta + lambda w)        theta <- theta + v

(mu: momentum, 0 gives plain SGD; eta: learning rate; lambda: L2 weight decay, which adds
lambda/2 ||w||^2 to the mean cost, weights only). A ``Trainer`` keeps its place in the epoch, its random generator and its
history, so an app can call ``run(20)`` on every animation tick and continue later. Same
seed, same result. If the cost becomes infinite or NaN the trainer stops, restores the
last parameters whose cost was finite, and says why.
"""
from __future__ import annotations

import math
import threading
import time
from dataclasses import asdict, dataclass, replace
from enum import StrEnum

import numpy as np

from nn_core.augment import DEFAULT_AUGMENTATION, Augmentation, augment_images
from nn_core.backprop import Workspace, backward_into, forward_into, with_ones_column
from nn_core.blas import blas_threads, threads_for_batch
from nn_core.data import DigitSet
from nn_core.evaluate import Evaluation, evaluate, output_activations
from nn_core.network import Network, layer_views

SCHEDULES = ("constant", "step", "cosine")
TRAIN_EVAL_SIZE = 2000  # training examples scored at each epoch's end (a fixed sample)
AUGMENT_BLOCK = 512     # augmented examples made at a time, so each tick stays short
STUCK_LEARNING_RATE = 10.0  # from here up, one answer for every digit means stuck, not slow
STUCK_SHARE = 0.95          # ... "every digit": this share of the test digits


@dataclass(frozen=True)
class TrainingConfig:
    """The training recipe. Everything here is recorded in saved model files."""

    learning_rate: float = 0.5
    batch_size: int = 10
    epochs: int = 10
    seed: int = 0
    momentum: float = 0.0
    l2: float = 0.0
    schedule: str = "constant"   # constant | step (x0.1 at 50 % and 75 %) | cosine
    augment: bool = False
    augmentation: Augmentation = DEFAULT_AUGMENTATION

    def __post_init__(self):
        problems = []
        if not (math.isfinite(self.learning_rate) and self.learning_rate > 0):
            problems.append("the learning rate must be a positive number")
        if self.batch_size < 1:
            problems.append("the batch size must be at least 1")
        if self.epochs < 1:
            problems.append("train for at least 1 epoch")
        if not 0 <= self.momentum < 1:
            problems.append("momentum must be in 0..1 (0 = none)")
        if not (math.isfinite(self.l2) and self.l2 >= 0):
            problems.append("L2 must be 0 or positive")
        if self.schedule not in SCHEDULES:
            problems.append(f"the schedule must be one of {', '.join(SCHEDULES)}")
        if problems:
            raise ValueError("; ".join(problems))

    def learning_rate_at(self, epoch_progress: float) -> float:
        """eta after ``epoch_progress`` epochs (fractional), following the schedule."""
        if self.schedule == "step":
            fraction = epoch_progress / self.epochs
            return self.learning_rate * (0.1 if fraction >= 0.5 else 1.0) * (0.1 if fraction >= 0.75 else 1.0)
        if self.schedule == "cosine":
            fraction = min(epoch_progress / self.epochs, 1.0)
            return self.learning_rate * 0.5 * (1.0 + math.cos(math.pi * fraction))
        return self.learning_rate

    def to_dict(self) -> dict:
        recipe = asdict(self)
        if not self.augment:
            del recipe["augmentation"]
        return recipe

    @classmethod
    def from_dict(cls, recipe: dict) -> TrainingConfig:
        recipe = dict(recipe)
        augmentation = recipe.pop("augmentation", None)
        config = cls(**{k: v for k, v in recipe.items() if k in cls.__dataclass_fields__})
        if augmentation:
            config = replace(config, augmentation=Augmentation(**augmentation))
        return config


@dataclass
class EpochRecord:
    """What one finished epoch achieved."""

    epoch: int
    step: int
    learning_rate: float
    train_loss: float       # mean batch cost during the epoch
    train_accuracy: float   # on a fixed sample of the training data, after the epoch
    test_loss: float
    test_accuracy: float


class History:
    """Batch costs (a growing float32 array) and one record per epoch."""

    def __init__(self):
        self._batch_loss = np.empty(1024, dtype=np.float32)
        self.batch_count = 0
        self.epochs: list[EpochRecord] = []

    def add_batch_loss(self, loss: float) -> None:
        if self.batch_count == len(self._batch_loss):
            self._batch_loss = np.concatenate([self._batch_loss, np.empty_like(self._batch_loss)])
        self._batch_loss[self.batch_count] = loss
        self.batch_count += 1

    @property
    def batch_loss(self) -> np.ndarray:
        """Cost of every mini-batch so far, in order (a read-only view)."""
        view = self._batch_loss[: self.batch_count]
        view.flags.writeable = False
        return view

    def epoch_column(self, name: str) -> np.ndarray:
        """One field of every epoch record, e.g. ``epoch_column('test_accuracy')``."""
        return np.array([getattr(record, name) for record in self.epochs], dtype=np.float64)

    def overfitting_since(self, margin: float = 0.02) -> EpochRecord | None:
        """The epoch after which the test cost rose while the training cost kept falling, or None.

        That is overfitting: the network gets better on the digits it learns from and worse on
        unseen ones. The test cost is noisy, so it must have stayed above its lowest value for at
        least two epochs and risen by ``margin`` (a share of that lowest value).
        """
        test, train = self.epoch_column("test_loss"), self.epoch_column("train_loss")
        if len(test) < 2 or not np.all(np.isfinite(test)):
            return None
        best = int(np.argmin(test))
        if best <= len(test) - 3 and test[-1] > test[best] * (1 + margin) and train[-1] < train[best]:
            return self.epochs[best]
        return None


class TrainingState(StrEnum):
    READY = "ready"            # paused, or not started
    RUNNING = "running"
    FINISHED = "finished"      # every epoch done
    DIVERGED = "diverged"      # the cost became infinite or NaN: stopped, last good parameters kept
    STUCK = "stuck"            # one answer for every digit after a too-large learning rate: stopped

    @property
    def stopped_early(self) -> bool:
        return self in (TrainingState.DIVERGED, TrainingState.STUCK)

    @property
    def ended(self) -> bool:
        return self is TrainingState.FINISHED or self.stopped_early


@dataclass
class TrainingStatus:
    """Where training stands, with a message saying why when it stopped."""

    state: TrainingState = TrainingState.READY
    message: str = ""
    seconds: float = 0.0       # time spent computing steps
    samples: int = 0           # training examples processed

    @property
    def samples_per_second(self) -> float:
        return self.samples / self.seconds if self.seconds > 0 else 0.0


def sgd_update(params: np.ndarray, velocity: np.ndarray, step: np.ndarray, momentum: float) -> None:
    """theta <- theta + v with v <- mu v + step, where step = -eta (dC/dtheta + lambda w).

    With mu = 0 it is plain SGD, theta <- theta - eta dC/dtheta. ``velocity`` is kept between calls.
    """
    if momentum:
        velocity *= momentum
        velocity += step
        step = velocity
    params += step


def add_weight_decay(step: np.ndarray, network: Network, rate: float) -> None:
    """step -= rate w for every weight (not the biases): the L2 term of the update, rate = eta lambda."""
    for w, s in zip(network.weights, layer_views(step, network.sizes)[0]):
        s -= rate * w


class Trainer:
    """Trains a copy of ``network`` on ``train``, scoring it on ``test`` after every epoch."""

    def __init__(
        self,
        network: Network,
        train: DigitSet,
        test: DigitSet,
        config: TrainingConfig = TrainingConfig(),
        score_epochs: bool = True,
    ):
        if network.sizes[0] != 784 or network.sizes[-1] != 10:
            raise ValueError("the network must take 784 inputs and give 10 outputs")
        self.score_epochs = score_epochs  # False only for benchmarks: no scoring at epoch ends
        self.fresh_start = False          # True only from ``from_random``: every weight learned here, from random ones
        self.network = network.copy()
        self.train, self.test, self.config = train, test, config
        self.rng = np.random.default_rng(config.seed)
        self.history = History()
        self.status = TrainingStatus()
        self.epoch = 0           # finished epochs
        self.steps_done = 0      # mini-batches done (steps taken)
        self._position = 0       # index into this epoch's order
        self._size = len(train)
        self._order = self.rng.permutation(len(train))
        self._targets = np.ascontiguousarray(np.eye(10, dtype=self.network.dtype)[:, train.labels])
        self._velocity = np.zeros_like(self.network.params)
        self._last_good = self.network.params.copy()
        self._epoch_loss_sum, self._epoch_batches = 0.0, 0
        self._block: tuple[int, np.ndarray] | None = None  # (start position, augmented inputs)
        self._workspaces: dict[int, Workspace] = {}
        self._lock = threading.Lock()
        self._step_seconds = 0.0
        sample = np.random.default_rng(config.seed + 1).permutation(len(train))[:TRAIN_EVAL_SIZE]
        self._train_sample = train.subset(np.sort(sample))

    @classmethod
    def from_random(
        cls,
        sizes: tuple[int, ...],
        train: DigitSet,
        test: DigitSet,
        config: TrainingConfig = TrainingConfig(),
        activation: str = "sigmoid",
        cost: str = "cross-entropy",
    ) -> Trainer:
        """A trainer of a network with fresh random weights drawn from ``config.seed`` (the seed also orders the
        mini-batches). Its ``fresh_start`` is True: what this network knows, it learned in this run."""
        network = Network.random(sizes, rng=config.seed, activation=activation, cost=cost)
        trainer = cls(network, train, test, config)
        trainer.fresh_start = True
        return trainer

    @property
    def finished(self) -> bool:
        return self.status.state.ended

    @property
    def epoch_progress(self) -> float:
        """Epochs done so far, fractional (2.5 = halfway through the third)."""
        return self.epoch + self._position / len(self.train)

    def run(self, max_batches: int, max_seconds: float | None = None, wait: float = 2.0) -> int:
        """Train for up to ``max_batches`` mini-batches (and ``max_seconds``); returns how many ran.

        Calls from several threads run one at a time: the trainer's buffers and its place in the
        epoch are shared, so two interleaved steps would corrupt them (a web app can start a new
        script run while an abandoned one is still training). A call that cannot start within
        ``wait`` seconds does nothing and returns 0.
        """
        if not self._lock.acquire(timeout=wait):
            return 0
        try:
            return self._run(max_batches, max_seconds)
        finally:
            self._lock.release()

    @property
    def busy(self) -> bool:
        """Another thread is training this trainer right now."""
        return self._lock.locked()

    def _run(self, max_batches: int, max_seconds: float | None) -> int:
        if self.finished or max_batches <= 0:
            return 0
        self.status.state = TrainingState.RUNNING
        started = time.perf_counter()
        deadline = None if max_seconds is None else started + max_seconds
        done = 0
        with blas_threads(threads_for_batch(self.config.batch_size)), np.errstate(all="ignore"):
            while done < max_batches and not self.finished:
                if self._position >= self._size:
                    self._finish_epoch()
                    continue
                step_started = time.perf_counter()
                if not self._step():
                    break
                done += 1
                now = time.perf_counter()
                self._step_seconds = now - step_started  # the last step's time predicts the next one's
                if deadline is not None and now + self._step_seconds > deadline:
                    break  # the next step would end past the deadline
            if not self.finished and self._position >= self._size:
                self._finish_epoch()
        self.status.seconds += time.perf_counter() - started
        if self.status.state is TrainingState.RUNNING:
            self.status.state = TrainingState.READY
        return done

    def run_epoch(self, max_seconds: float | None = None) -> int:
        """Train to the end of the current epoch (or for ``max_seconds``, if that comes first)."""
        return self.run(self.batches_left_in_epoch, max_seconds)

    @property
    def batches_left_in_epoch(self) -> int:
        return max(1, -(-(len(self.train) - self._position) // self.config.batch_size))

    def run_to_end(self) -> None:
        """Train every remaining epoch."""
        while not self.finished:
            self.run(10_000)

    # -- one mini-batch ---------------------------------------------------------

    def _workspace(self, batch: int) -> Workspace:
        if batch not in self._workspaces:
            self._workspaces[batch] = Workspace(self.network, batch)
        return self._workspaces[batch]

    def _load_batch(self, work: Workspace, start: int) -> None:
        """Point the workspace at the next examples (augmented if asked) and their targets."""
        index = self._order[start:start + work.batch]
        rows = self._augmented(start, work.batch) if self.config.augment else self.train.rows(index)
        if rows.dtype != self.network.dtype:
            rows = rows.astype(self.network.dtype)
        work.activations[0] = rows.T  # examples as columns: [a^(0); 1] is (785, B)
        work.targets = self._targets[:, index]

    def _augmented(self, start: int, count: int) -> np.ndarray:
        """[augmented inputs | 1] for order[start:start+count], made a block at a time."""
        block = self._block
        if block is None or not (block[0] <= start and start + count <= block[0] + len(block[1])):
            index = self._order[start:start + max(AUGMENT_BLOCK, count)]
            images = self.train.images[index].astype(np.float32) / 255.0
            augmented = augment_images(images, self.rng, self.config.augmentation).reshape(len(index), 784)
            block = self._block = (start, with_ones_column(augmented.astype(self.network.dtype)))
        offset = start - block[0]
        return block[1][offset:offset + count]

    def _step(self) -> bool:
        """One SGD step. Returns False (and stops training) if the cost stops being finite."""
        config, network = self.config, self.network
        batch = min(config.batch_size, self._size - self._position)
        work = self._workspaces.get(batch) or self._workspace(batch)
        self._load_batch(work, self._position)
        eta = config.learning_rate_at(self._position / self._size + self.epoch)
        forward_into(network, work)
        # the gradient comes back scaled by -eta / B: it is the update for plain SGD
        total = backward_into(network, work, scale=-eta / batch)
        if not math.isfinite(total):
            self._diverged(total)
            return False
        if config.l2:
            add_weight_decay(work.gradient, network, eta * config.l2)
        np.copyto(self._last_good, network.params)  # exact, for when the next cost is not finite
        sgd_update(network.params, self._velocity, work.gradient, config.momentum)
        loss = total / batch
        self.history.add_batch_loss(loss)
        self._epoch_loss_sum += loss
        self._epoch_batches += 1
        self._position += batch
        self.steps_done += 1
        self.status.samples += batch
        return True

    def _diverged(self, loss: float) -> None:
        """Go back to the parameters before the step that made the cost non-finite, and explain."""
        self.network.params[...] = self._last_good
        what = "NaN (not a number)" if math.isnan(loss) else "infinite"
        self.status.state = TrainingState.DIVERGED
        config = self.config
        if config.l2 * config.learning_rate > 2.0:  # w <- (1 - eta lambda) w with |1 - eta lambda| > 1 grows
            cause = (f"The weight decay λ = {config.l2:g} times the learning rate {config.learning_rate:g} is more "
                     "than 2: each step multiplies every weight by 1 − ηλ, which flips it past 0 to a larger value "
                     "on the other side. Try a weight decay 10x smaller.")
        else:
            cause = (f"The learning rate ({config.learning_rate:g}) is too large: each step overshoots the valley and "
                     "the weights grow until the network is certain of wrong answers. Try a learning rate 10x smaller.")
        self.status.message = (f"Training stopped at step {self.steps_done}: the cost became {what}. {cause} "
                               "The parameters from the last step with a finite cost are kept.")

    # -- the end of an epoch ---------------------------------------------------

    def _finish_epoch(self) -> None:
        """Score the network, record the epoch, and shuffle for the next one."""
        if self.score_epochs:
            train_score = evaluate(self.network, self._train_sample)
            test_score = evaluate(self.network, self.test)
        else:
            train_score = test_score = Evaluation(float("nan"), float("nan"), 0)
        self.epoch += 1
        self.history.epochs.append(EpochRecord(
            epoch=self.epoch,
            step=self.steps_done,
            learning_rate=self.config.learning_rate_at(self.epoch - 1),
            train_loss=self._epoch_loss_sum / max(self._epoch_batches, 1),
            train_accuracy=train_score.accuracy,
            test_loss=test_score.loss,
            test_accuracy=test_score.accuracy,
        ))
        self._epoch_loss_sum, self._epoch_batches = 0.0, 0
        self._position = 0
        self._block = None
        self._order = self.rng.permutation(len(self.train))
        if self.score_epochs and self._stuck_on_one_answer():
            return
        if self.epoch >= self.config.epochs:
            self.status.state = TrainingState.FINISHED
            self.status.message = (
                f"Finished {self.epoch} epochs: test accuracy {test_score.accuracy:.1%} "
                f"on {len(self.test):,} unseen digits."
            )

    def _stuck_on_one_answer(self) -> bool:
        """Stop, and say why, when a too-large learning rate has left the network giving one answer to every digit.

        Such steps throw the weighted sums far from 0, where σ′(z) ≈ 0 (or a ReLU is dead): the
        gradient vanishes, so the cost stays finite and no NaN ever stops the run. A small
        learning rate can also give one answer after an epoch, but it is still learning.
        """
        rate = self.config.learning_rate_at(self.epoch - 1)
        if rate < STUCK_LEARNING_RATE:
            return False
        answers = np.argmax(output_activations(self.network, self.test), axis=1)
        counts = np.bincount(answers, minlength=self.network.sizes[-1])
        share = counts.max() / max(len(answers), 1)
        if share < STUCK_SHARE:
            return False
        self.status.state = TrainingState.STUCK
        self.status.message = (
            f"Training stopped after epoch {self.epoch}: the network answers {int(counts.argmax())} for "
            f"{share:.0%} of the test digits, whatever they show. The learning rate ({rate:g}) is too large: "
            "the first steps pushed the weighted sums so far from 0 that the neurons saturated (σ′(z) ≈ 0), "
            "so the gradient is nearly zero and the network cannot climb out. Try a learning rate 10x smaller."
        )
        return True

    @property
    def last_test_score(self) -> Evaluation | None:
        if not self.history.epochs:
            return None
        record = self.history.epochs[-1]
        return Evaluation(record.test_accuracy, record.test_loss, len(self.test))


def train(network: Network, train_set: DigitSet, test_set: DigitSet, config: TrainingConfig) -> Trainer:
    """Train to the end in one call; returns the trainer (its ``network`` and ``history``)."""
    trainer = Trainer(network, train_set, test_set, config)
    trainer.run_to_end()
    return trainer
