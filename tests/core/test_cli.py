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


# -- hostile paths and numbers (review D9): refused at once, in one line, nothing replaced --------------


def run_main(capsys, *args):
    """``python -m nn_core ARGS`` in this process: (exit status, last stderr line)."""
    from nn_core.cli import main

    try:
        status = main([str(a) for a in args])
    except SystemExit as exit_:  # argparse's own usage errors
        status = exit_.code
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert "Traceback" not in "\n".join(lines)
    return status, lines[-1] if lines else ""


def _special_outputs(tmp_path):
    import os

    fifo = tmp_path / "fifo.npz"
    os.mkfifo(fifo)
    target = tmp_path / "target.npz"
    target.write_bytes(b"keep me")
    link = tmp_path / "link.npz"
    link.symlink_to(target)
    (tmp_path / "adir").mkdir()
    dir_link = tmp_path / "dirlink.npz"
    dir_link.symlink_to(tmp_path / "adir")
    dangling = tmp_path / "dangling.npz"
    dangling.symlink_to(tmp_path / "nowhere.npz")
    outputs = {"fifo": (fifo, "not a regular file"), "symlink to a file": (link, "symbolic link"),
               "directory": (tmp_path / "adir", "directory"), "symlink to a directory": (dir_link, "symbolic link"),
               "dangling symlink": (dangling, "symbolic link"),
               "in a missing directory": (tmp_path / "missing" / "m.npz", "does not exist"),
               "below a file": (target / "m.npz", "Not a directory")}
    if os.geteuid() == 0:  # a device node (only root can make one): like /dev/full or /dev/null
        device = tmp_path / "device.npz"
        os.mknod(device, 0o600 | __import__("stat").S_IFCHR, os.makedev(1, 3))
        outputs["device"] = (device, "not a regular file")
    if Path("/proc/self").is_dir():
        outputs["/proc"] = (Path("/proc/model.npz"), "cannot save")
    return outputs, target


def test_out_must_be_a_regular_file_or_a_new_name_and_is_checked_before_training(tmp_path, capsys, monkeypatch):
    import os
    import stat

    import nn_core.sources

    loaded = []
    monkeypatch.setattr(nn_core.sources, "load_data", lambda *args, **kwargs: loaded.append(args) or 1 / 0)
    outputs, target = _special_outputs(tmp_path)
    before = {name: os.lstat(path) if os.path.lexists(path) else None for name, (path, _) in outputs.items()}
    for name, (path, fragment) in outputs.items():
        status, line = run_main(capsys, "train", "--epochs", "10000", "--out", path)  # hours, if it started
        assert status == 1 and fragment in line and str(path) in line, (name, line)
        assert ".part" not in line and ".probe" not in line
        assert loaded == [], name   # refused before the data is even loaded
        if before[name] is not None:
            now = os.lstat(path)
            assert stat.S_IFMT(now.st_mode) == stat.S_IFMT(before[name].st_mode) and now.st_ino == before[name].st_ino
    assert target.read_bytes() == b"keep me"
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith((".part", ".probe"))]


@pytest.mark.parametrize("args, fragment", [
    (["train", "--out", ""], "--out needs"),
    (["evaluate", "--model", ""], "--model needs"),
    (["evaluate", "--data", ""], "--data needs"),
    (["train", "--data", "", "--out", "x.npz"], "--data needs"),
    (["predict", ""], "no image file was given"),
    (["train", "--l2", "1e308", "--out", "x.npz"], "--l2 must be between 0 and 1"),
    (["train", "--epochs", "1000000000000", "--out", "x.npz"], "--epochs must be between 1 and 10,000"),
    (["train", "--seed", "99999999999", "--out", "x.npz"], "--seed"),
    (["train", "--sizes", "784,١٦,10", "--out", "x.npz"], "--sizes"),
    (["train", "--sizes", "784, 16,10", "--out", "x.npz"], "--sizes"),
    (["bench", "--seconds", "-5"], "--seconds must be between"),
    (["bench", "--seconds", "0"], "--seconds must be between"),
    (["download-mnist", "--timeout", "-1"], "--timeout must be between"),
])
def test_empty_paths_and_numbers_out_of_range_are_refused_at_once(tmp_path, capsys, monkeypatch, args, fragment):
    monkeypatch.chdir(tmp_path)
    status, line = run_main(capsys, *args)
    assert status == 1 and line.startswith("error: ") and fragment in line, line
    assert not (tmp_path / "x.npz").exists()


@pytest.mark.parametrize("args, fragment", [
    (["train", "--epochs", "1_0", "--out", "x.npz"], "'1_0' is not a whole number"),
    (["train", "--epochs", " 7 ", "--out", "x.npz"], "is not a whole number"),
    (["train", "--epochs", "٣", "--out", "x.npz"], "is not a whole number"),
    (["train", "--learning-rate", "nan", "--out", "x.npz"], "'nan' is not a number"),
    (["train", "--l2", "inf", "--out", "x.npz"], "'inf' is not a number"),
    (["bench", "--seconds", "nan"], "'nan' is not a number"),
])
def test_numbers_must_be_plain_ascii_numbers(capsys, args, fragment):
    status, line = run_main(capsys, *args)
    assert status == 2 and "error: argument" in line and fragment in line, line


def test_a_memory_error_is_one_clear_line(capsys, monkeypatch):
    from nn_core import cli

    def no_memory(args):
        raise MemoryError

    monkeypatch.setattr(cli, "cmd_bench", no_memory)
    status, line = run_main(capsys, "bench")
    assert status == 1 and line == "error: there is not enough memory for this (try a smaller network or data set)"


FIFO_SCRIPT = """
import sys
sys.argv = ["x"]
from nn_core.cli import main
for args in {cases!r}:
    status = main(args)
    print(status, flush=True)
"""


def test_inputs_that_are_pipes_or_devices_are_refused_without_hanging(tmp_path, trained_model):
    import os

    fifo = tmp_path / "pipe.npz"
    os.mkfifo(fifo)
    cases = [["evaluate", "--model", str(fifo)], ["evaluate", "--model", str(trained_model), "--data", str(fifo)],
             ["train", "--data", "/dev/zero", "--out", str(tmp_path / "m.npz")], ["evaluate", "--model", "/dev/zero"],
             ["predict", "--model", str(trained_model), str(fifo)], ["predict", "--model", str(trained_model), "/dev/zero"],
             ["evaluate", "--model", str(tmp_path)]]
    result = subprocess.run([sys.executable, "-c", FIFO_SCRIPT.format(cases=cases)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["1"] * len(cases), result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(cases) and "Traceback" not in result.stderr
    assert sum("not a regular file" in line for line in errors) == len(cases) - 1
    assert "is a directory" in errors[-1]
    assert not (tmp_path / "m.npz").exists()
