"""`python -m nn_core`: help for each command, real runs, and one-line errors."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]


def cli(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "nn_core", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def assert_one_line_error(result):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines and lines[-1].startswith("error: "), result.stderr
    return lines[-1]


@pytest.mark.parametrize("command", ["train", "evaluate", "predict", "download-mnist", "bench"])
def test_every_command_has_help(command):
    result = cli(command, "--help")
    assert result.returncode == 0 and "usage: python -m nn_core " + command in result.stdout


@pytest.fixture(scope="module")
def trained_model(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "small.npz"
    result = cli("train", "--sizes", "784,20,10", "--epochs", "2", "--batch-size", "20",
                 "--learning-rate", "1.0", "--seed", "3", "--out", out)
    assert result.returncode == 0, result.stderr
    assert "test accuracy:" in result.stdout and out.exists()
    assert "training [" in result.stderr  # the progress bar
    return out


def test_train_records_its_recipe(trained_model):
    from nn_core.modelfile import load_model

    model = load_model(trained_model)
    assert model.network.sizes == (784, 20, 10)
    recipe = model.metadata["recipe"]
    assert recipe["epochs"] == 2 and recipe["batch_size"] == 20 and recipe["seed"] == 3
    assert 0.5 < model.metadata["test_accuracy"] <= 1


def test_evaluate_json_last_line(trained_model):
    result = cli("evaluate", "--model", trained_model, "--json")
    assert result.returncode == 0, result.stderr
    last = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(last) == {"accuracy", "n"} and last["n"] == 1000 and 0.5 < last["accuracy"] <= 1


def test_evaluate_scores_a_whole_user_file(trained_model, tmp_path, embedded):
    _, test = embedded
    path = tmp_path / "mine.npz"
    np.savez(path, images=test.images[:37], labels=test.labels[:37])
    result = cli("evaluate", "--model", trained_model, "--data", path, "--json")
    assert json.loads(result.stdout.strip().splitlines()[-1])["n"] == 37


def _png(path, array):
    Image.fromarray(array).save(path)
    return path


def test_predict_reads_images_and_prints_json(trained_model, tmp_path, embedded):
    _, test = embedded
    ones = np.flatnonzero(test.labels == 1)[:3]
    paths = [_png(tmp_path / f"d{i}.png", np.kron(test.images[i], np.ones((8, 8), np.uint8))) for i in ones]
    result = cli("predict", "--model", trained_model, "--json", *paths)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [row["path"] for row in rows] == [str(p) for p in paths]
    for row in rows:
        assert isinstance(row["digit"], int) and len(row["probabilities"]) == 10
        assert sum(row["probabilities"]) == pytest.approx(1.0, abs=1e-4)
    assert sum(row["digit"] == 1 for row in rows) >= 2


def test_predict_reports_empty_and_broken_images_per_file(trained_model, tmp_path):
    empty = _png(tmp_path / "empty.png", np.zeros((50, 50), np.uint8))
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG not really")
    result = cli("predict", "--model", trained_model, "--json", empty, broken)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    rows = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert rows[0]["digit"] is None and "empty" in rows[0]["error"]
    assert rows[1]["digit"] is None and "not an image" in rows[1]["error"]


@pytest.mark.parametrize("args, fragment", [
    (["evaluate", "--model", "missing.npz"], "not found"),
    (["evaluate", "--model", "classic", "--data", "nothing.npz"], "not found"),
    (["train", "--sizes", "784,abc,10", "--out", "x.npz"], "--sizes"),
    (["train", "--sizes", "100,10", "--out", "x.npz"], "--sizes"),
    (["train", "--learning-rate", "-1", "--out", "x.npz"], "learning rate"),
    (["train", "--epochs", "0", "--out", "x.npz"], "epoch"),
    (["predict", "--model", "missing.npz", "a.png"], "not found"),
])
def test_errors_are_one_line_without_traceback(args, fragment):
    assert fragment in assert_one_line_error(cli(*args))


def test_junk_model_file(tmp_path):
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"junk" * 100)
    assert "not a valid .npz" in assert_one_line_error(cli("evaluate", "--model", junk))


def test_training_that_diverges_says_so(tmp_path):
    result = cli("train", "--activation", "relu", "--learning-rate", "100", "--epochs", "3", "--out", tmp_path / "x.npz")
    assert "too large" in assert_one_line_error(result)
    assert not (tmp_path / "x.npz").exists()


def test_download_offline_is_one_line(tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = cli("download-mnist", "--dir", tmp_path, "--mirror", f"http://127.0.0.1:{port}/", "--timeout", "2")
    assert "offline" in assert_one_line_error(result)


def test_training_on_mnist_before_downloading(tmp_path):
    import os

    env = {**os.environ, "NN_CORE_CACHE": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "nn_core", "train", "--data", "mnist", "--out", tmp_path / "m.npz"],
                            cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)
    assert "download-mnist" in assert_one_line_error(result)
