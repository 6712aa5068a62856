"""Command line: ``python -m nn_core {train,evaluate,predict,download-mnist,bench}``.

Every error is one line on stderr and a non-zero exit status, never a traceback. Every
option is checked before any work starts: numbers must be plain ASCII numbers in a
sensible range, input files must be regular files (a pipe or ``/dev/zero`` would hang),
and ``--out`` must be a regular file or a new name in an existing, writable directory
(a pipe, device, directory or symbolic link is never replaced).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime

import numpy as np

from nn_core import numbers
from nn_core.activations import ACTIVATIONS
from nn_core.costs import COSTS
from nn_core.errors import NNCoreError
from nn_core.modelfile import MAX_LAYERS, MAX_NEURONS
from nn_core.training import SCHEDULES

EXIT_ERROR = 1
MAX_EPOCHS = 10_000
MAX_L2 = 1.0          # useful values are 1e-5 to 1e-2; once eta * lambda > 2 the decay alone makes weights grow
MAX_SEED = 2**32 - 1
MAX_BENCH_SECONDS = 60.0
MAX_TIMEOUT = 600.0


class CliError(Exception):
    """A user mistake on the command line."""


def _progress_bar(label: str, fraction: float, detail: str = "", width: int = 30) -> None:
    """Redraw a one-line progress bar on stderr."""
    filled = int(round(width * min(max(fraction, 0.0), 1.0)))
    sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {fraction:6.1%} {detail}   ")
    sys.stderr.flush()


def whole_number(text: str) -> int:
    """An argparse type: digits 0-9 only (no sign, spaces, underscores or other scripts' digits)."""
    try:
        return numbers.whole_number(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def number(text: str) -> float:
    """An argparse type: a finite decimal number like 0.5 or 1e-4 (not nan, inf, or 1_0)."""
    try:
        return numbers.decimal_number(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _in_range(value: float, option: str, low: float, high: float) -> None:
    if not low <= value <= high:
        raise CliError(f"{option} must be between {low:,g} and {high:,g} (got {value:,g})")


def _given(text: str, option: str, what: str) -> str:
    if not text.strip():
        raise CliError(f"{option} needs {what} (got an empty string)")
    return text


def _parse_sizes(text: str) -> tuple[int, ...]:
    parts = text.split(",")
    if not all(numbers.WHOLE_NUMBER.fullmatch(part) for part in parts):
        raise CliError(f"--sizes must be comma-separated whole numbers like 784,16,16,10 (got {text!r})")
    sizes = tuple(int(part) for part in parts)
    if len(sizes) < 2 or sizes[0] != 784 or sizes[-1] != 10 or min(sizes) < 1:
        raise CliError(f"--sizes must start with 784, end with 10 and be positive (got {text})")
    if max(sizes[1:-1], default=1) > MAX_NEURONS or len(sizes) > MAX_LAYERS + 1:
        raise CliError(f"--sizes allows at most {MAX_LAYERS} layers of at most {MAX_NEURONS:,} neurons")
    return sizes


# -- train ------------------------------------------------------------------------


def cmd_train(args: argparse.Namespace) -> int:
    from nn_core.atomic import check_writable
    from nn_core.modelfile import Model, save_model
    from nn_core.network import Network
    from nn_core.sources import load_data
    from nn_core.training import Trainer, TrainingConfig

    sizes = _parse_sizes(args.sizes)
    _in_range(args.epochs, "--epochs", 1, MAX_EPOCHS)
    _in_range(args.batch_size, "--batch-size", 1, 100_000)
    _in_range(args.l2, "--l2", 0.0, MAX_L2)
    _in_range(args.seed, "--seed", 0, MAX_SEED)
    try:
        config = TrainingConfig(
            learning_rate=args.learning_rate, batch_size=args.batch_size, epochs=args.epochs,
            seed=args.seed, momentum=args.momentum, l2=args.l2, schedule=args.schedule, augment=args.augment,
        )
    except ValueError as exc:
        raise CliError(str(exc)) from None
    out = check_writable(_given(args.out, "--out", "the name of the model file to save"))  # before training
    train, test = load_data(_given(args.data, "--data", "embedded, mnist or the path of a data set"))
    network = Network.random(sizes, rng=args.seed, activation=args.activation, cost=args.cost)
    trainer = Trainer(network, train, test, config)
    started = time.perf_counter()
    steps_per_epoch = -(-len(train) // config.batch_size)
    while not trainer.finished:
        trainer.run(max(1, steps_per_epoch // 20))
        last = trainer.history.epochs[-1] if trainer.history.epochs else None
        detail = f"epoch {min(trainer.epoch + 1, config.epochs)}/{config.epochs}"
        if last:
            detail += f", test accuracy {last.test_accuracy:.1%}"
        _progress_bar("training", trainer.epoch_progress / config.epochs, detail)
    sys.stderr.write("\n")
    if trainer.status.state in ("diverged", "stuck"):
        raise CliError(trainer.status.message)
    score = trainer.last_test_score
    metadata = {
        "name": out.stem,
        "recipe": {"sizes": list(sizes), "activation": args.activation, "cost": args.cost,
                   "data": args.data, **config.to_dict()},
        "test_accuracy": score.accuracy,
        "test_n": score.n,
        "test_data": test.name,
        "epoch_test_accuracy": trainer.history.epoch_column("test_accuracy").round(4).tolist(),
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "training_seconds": round(time.perf_counter() - started, 2),
    }
    path = save_model(Model(trainer.network, metadata), out)
    print(f"test accuracy: {score.accuracy:.2%} on {score.n:,} unseen test digits ({test.name})")
    print(f"saved {path}")
    return 0


# -- evaluate -----------------------------------------------------------------------


def cmd_evaluate(args: argparse.Namespace) -> int:
    from nn_core.bundled import resolve_model
    from nn_core.data import load_digits_npz
    from nn_core.evaluate import evaluate
    from nn_core.sources import load_data

    model = resolve_model(_given(args.model, "--model", "classic, best or the path of a model file"))
    _given(args.data, "--data", "embedded, mnist or the path of a data set")
    if args.data in ("embedded", "mnist"):
        digits = load_data(args.data)[1]  # the test part: digits the model never trained on
    else:
        digits = load_digits_npz(args.data)  # a user's file: every digit in it
    score = evaluate(model.network, digits)
    correct = int(round(score.accuracy * score.n))
    print(f"{model.name}: accuracy {score.accuracy:.2%} ({correct:,}/{score.n:,}) on {digits.name}")
    if args.json:
        print(json.dumps({"accuracy": score.accuracy, "n": score.n}))
    return 0


# -- predict ------------------------------------------------------------------------


def cmd_predict(args: argparse.Namespace) -> int:
    from nn_core.bundled import resolve_model
    from nn_core.drawing import read_drawing
    from nn_core.imagefile import read_image
    from nn_core.network import predict

    model = resolve_model(_given(args.model, "--model", "classic, best or the path of a model file"))
    failures = 0
    for path in args.images:
        try:
            reading = read_drawing(read_image(path))
            if reading.empty:
                raise NNCoreError("empty drawing: no ink found")
        except NNCoreError as exc:
            failures += 1
            if args.json:
                print(json.dumps({"path": path, "digit": None, "probabilities": None, "error": str(exc)}))
            print(f"error: {path}: {exc}", file=sys.stderr)
            continue
        output = predict(model.network, reading.inputs).astype(np.float64)
        digit = int(np.argmax(output))
        if args.json:
            print(json.dumps({"path": path, "digit": digit, "probabilities": [round(float(p), 6) for p in output]}))
        else:
            print(f"{path}: {digit} (output activation {output[digit]:.2f})")
    return EXIT_ERROR if failures else 0


# -- download-mnist and bench -------------------------------------------------------


def cmd_download(args: argparse.Namespace) -> int:
    from nn_core.download import MIRRORS, download_mnist, load_mnist

    def progress(name: str, done: int, total: int | None) -> None:
        fraction = done / total if total else 0.0
        _progress_bar(f"{name:28s}", fraction, f"{done / 1e6:5.1f} MB")

    _in_range(args.timeout, "--timeout", 0.1, MAX_TIMEOUT)
    if args.dir is not None:
        _given(args.dir, "--dir", "a directory")
    try:
        cache = download_mnist(args.dir, mirrors=args.mirror or MIRRORS, progress=progress, timeout=args.timeout)
    finally:
        sys.stderr.write("\n")
    train, test = load_mnist(cache)
    print(f"MNIST is ready in {cache}: {len(train):,} training and {len(test):,} test digits")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from nn_core.bench import run_benchmark

    _in_range(args.seconds, "--seconds", 0.01, MAX_BENCH_SECONDS)
    run_benchmark(seconds=args.seconds)
    return 0


# -- the parser ---------------------------------------------------------------------


def _add_model(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default="classic", help="'classic', 'best', or a model .npz file (default: classic)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m nn_core",
        description="Train, evaluate and use small digit-recognising neural networks (pure numpy).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    train = commands.add_parser("train", help="train a network and save it as a .npz model file",
                                description="Train a network with mini-batch SGD and save it.")
    train.add_argument("--sizes", default="784,16,16,10", help="layer sizes (default: 784,16,16,10)")
    train.add_argument("--activation", choices=sorted(ACTIVATIONS), default="sigmoid", help="hidden activation")
    train.add_argument("--cost", choices=sorted(COSTS), default="cross-entropy",
                       help="cross-entropy (softmax outputs) or mse (quadratic, sigmoid outputs)")
    train.add_argument("--epochs", type=whole_number, default=10,
                       help=f"passes over the training data, 1..{MAX_EPOCHS:,} (default: 10)")
    train.add_argument("--batch-size", type=whole_number, default=10, help="examples per mini-batch (default: 10)")
    train.add_argument("--learning-rate", type=number, default=0.5, help="step size eta (default: 0.5)")
    train.add_argument("--momentum", type=number, default=0.0, help="momentum mu, 0..1 (default: 0)")
    train.add_argument("--l2", type=number, default=0.0, help=f"L2 weight decay lambda, 0..{MAX_L2:g} (default: 0)")
    train.add_argument("--schedule", choices=SCHEDULES, default="constant", help="learning-rate schedule")
    train.add_argument("--seed", type=whole_number, default=0, help="random seed: same seed, same network (default: 0)")
    train.add_argument("--augment", action="store_true", help="train on randomly shifted/rotated/scaled digits")
    train.add_argument("--data", default="embedded", help="embedded, mnist (downloaded) or a PATH.npz")
    train.add_argument("--out", required=True, help="where to save the model (.npz)")
    train.set_defaults(run=cmd_train)

    evaluate = commands.add_parser("evaluate", help="measure a model's accuracy",
                                   description="Score a model on test digits it never trained on.")
    _add_model(evaluate)
    evaluate.add_argument("--data", default="embedded",
                          help="embedded or mnist (their test split), or a PATH.npz (every digit in it)")
    evaluate.add_argument("--json", action="store_true", help='end with a line {"accuracy": float, "n": int}')
    evaluate.set_defaults(run=cmd_evaluate)

    predict = commands.add_parser("predict", help="classify images of handwritten digits",
                                  description="Read PNG/JPEG drawings of digits and classify them.")
    _add_model(predict)
    predict.add_argument("--json", action="store_true", help="one JSON line per image")
    predict.add_argument("images", nargs="+", metavar="IMAGE", help="image files (PNG, JPEG, ...)")
    predict.set_defaults(run=cmd_predict)

    download = commands.add_parser("download-mnist", help="download the full MNIST (70,000 digits)",
                                   description="Download MNIST into a cache, checking SHA-256 sums.")
    download.add_argument("--dir", help="cache directory (default: $NN_CORE_CACHE or ~/.cache/nn-explainer/mnist)")
    download.add_argument("--mirror", action="append", help="a mirror URL to use instead of the public ones (repeatable)")
    download.add_argument("--timeout", type=number, default=20.0, help="seconds to wait for a mirror (default: 20)")
    download.set_defaults(run=cmd_download)

    bench = commands.add_parser("bench", help="measure training and forward-pass speed",
                                description="Training samples/s against a reference loop, and forward latency.")
    bench.add_argument("--seconds", type=number, default=0.4,
                       help=f"time per measurement, up to {MAX_BENCH_SECONDS:g} (default: 0.4)")
    bench.set_defaults(run=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (NNCoreError, CliError) as exc:
        print(f"error: {exc}", file=sys.stderr)
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except MemoryError:
        print("error: there is not enough memory for this (try a smaller network or data set)", file=sys.stderr)
    except OSError as exc:
        print(f"error: {exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}", file=sys.stderr)
    except (ValueError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
    except Exception as exc:  # a bug; still one line, never a traceback
        print(f"error: unexpected {type(exc).__name__}: {exc}", file=sys.stderr)
    return EXIT_ERROR
