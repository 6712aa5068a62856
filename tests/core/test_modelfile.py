"""Model files: round trips, and hostile or broken files refused with one sentence."""
import io
import json
import zipfile

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nn_core.errors import ModelFileError
from nn_core.modelfile import Model, load_model, model_arrays, model_bytes, save_model
from nn_core.network import Network


def _npz(**arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def _good_arrays(**changes):
    arrays = model_arrays(Model(Network.random((784, 5, 10), rng=0), {"name": "t"}))
    arrays.update(changes)
    return {k: v for k, v in arrays.items() if v is not None}


@settings(max_examples=20, deadline=None)
@given(hidden=st.lists(st.integers(1, 40), min_size=0, max_size=3),
       activation=st.sampled_from(["sigmoid", "relu", "tanh"]), cost=st.sampled_from(["cross-entropy", "mse"]),
       seed=st.integers(0, 1000))
def test_save_then_load_gives_the_same_network(tmp_path_factory, hidden, activation, cost, seed):
    net = Network.random((784, *hidden, 10), rng=seed, activation=activation, cost=cost)
    model = Model(net, {"name": "x", "test_accuracy": 0.5, "recipe": {"epochs": 3}})
    path = save_model(model, tmp_path_factory.mktemp("m") / "model.npz")
    again = load_model(path)
    assert again.network.sizes == net.sizes
    assert again.network.activation.name == activation and again.network.cost.name == cost
    np.testing.assert_array_equal(again.network.params, net.params)
    assert again.metadata == model.metadata
    np.testing.assert_array_equal(load_model(model_bytes(model)).network.params, net.params)


def test_saving_is_atomic_and_leaves_no_temporary_files(tmp_path):
    model = Model(Network.random((784, 3, 10)), {})
    save_model(model, tmp_path / "a.npz")
    save_model(model, tmp_path / "a.npz")  # overwrite
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.npz"]
    assert (tmp_path / "a.npz").stat().st_mode & 0o777 == 0o644  # readable by others, like any file


@pytest.mark.parametrize("changes, message", [
    ({"W1": np.zeros((5, 783), np.float32)}, "do not chain"),
    ({"b2": np.zeros(11, np.float32)}, "do not chain"),
    ({"sizes": np.array([784, 5, 9])}, "10 outputs"),
    ({"sizes": np.array([100, 5, 10])}, "784 inputs"),
    ({"W2": None}, "missing layer 2"),
    ({"activation": np.array("swish")}, "unknown activation"),
    ({"cost": np.array("hinge")}, "unknown cost"),
    ({"activation": np.array([1, 2])}, "not a text"),
    ({"metadata": np.array("{not json")}, "not valid JSON"),
    ({"metadata": np.array("[1, 2]")}, "not a JSON object"),
    ({"format": np.array("something-else")}, "not a model file"),
    ({"version": np.array(99)}, "newer version"),
    ({"W1": np.zeros((5, 784), np.int32)}, "floating-point"),
    ({"sizes": np.array([784] + [5] * 10 + [10])}, "layers"),
    ({"sizes": None}, "sizes"),
])
def test_broken_model_files_are_refused(changes, message):
    with pytest.raises(ModelFileError, match=message):
        load_model(_npz(**_good_arrays(**changes)))


def test_nan_and_infinite_values_are_refused():
    bad = np.zeros((5, 784), np.float32)
    bad[2, 3] = np.nan
    with pytest.raises(ModelFileError, match="NaN or infinite"):
        load_model(_npz(**_good_arrays(W1=bad)))
    huge = np.full(10, 1e300)
    with pytest.raises(ModelFileError, match="too large"):
        load_model(_npz(**_good_arrays(b2=huge)))


def test_pickles_are_never_loaded():
    evil = _good_arrays(metadata=np.array([{"__reduce__": "os.system"}], dtype=object))
    with pytest.raises(ModelFileError, match="pickles"):
        load_model(_npz(**evil))


def test_a_zip_bomb_is_refused_before_unpacking():
    from tests.hostile_corpus import zip_with_zeros

    bomb = zip_with_zeros("W1.npy", b"", 300_000_000)  # about 1.3 MB
    with pytest.raises(ModelFileError, match="would unpack to 300 MB"):
        load_model(bomb)


def test_zip_members_that_are_not_arrays_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.py", "print('hi')")
    with pytest.raises(ModelFileError, match="not numpy arrays"):
        load_model(buffer.getvalue())


@pytest.mark.parametrize("blob, message", [
    (b"", "not a valid .npz"),
    (b"PK\x05\x06" + b"\0" * 18, "empty"),
    (b"hello, I am not a model", "not a valid .npz"),
])
def test_empty_and_junk_files(blob, message):
    with pytest.raises(ModelFileError, match=message):
        load_model(blob)


def test_truncated_file_is_refused(tmp_path):
    good = model_bytes(Model(Network.random((784, 16, 10)), {}))
    for cut in (len(good) // 3, len(good) - 40):
        with pytest.raises(ModelFileError):
            load_model(good[:cut])


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=600))
def test_junk_bytes_always_raise_model_file_error(junk):
    with pytest.raises(ModelFileError):
        load_model(junk)


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(ModelFileError, match="not found"):
        load_model(tmp_path / "nope.npz")
    with pytest.raises(ModelFileError, match="directory"):
        load_model(tmp_path)


def test_metadata_is_json_in_the_file(tmp_path):
    path = save_model(Model(Network.random((784, 4, 10)), {"name": "n", "recipe": {"seed": 1}}), tmp_path / "m.npz")
    with np.load(path, allow_pickle=False) as npz:
        assert json.loads(str(npz["metadata"]))["recipe"] == {"seed": 1}
        assert npz["W1"].shape == (4, 784)


# -- saving never replaces what is not a regular file (review D9) -------------------------------------


def test_saving_refuses_pipes_links_and_directories_and_names_the_path(tmp_path):
    import os

    from nn_core.errors import OutputPathError

    model = Model(Network.random((784, 3, 10)), {})
    fifo, target, link = tmp_path / "f.npz", tmp_path / "t.npz", tmp_path / "l.npz"
    os.mkfifo(fifo)
    target.write_bytes(b"old")
    link.symlink_to(target)
    (tmp_path / "d.npz").mkdir()
    for path, fragment in ((fifo, "not a regular file"), (link, "symbolic link"), (tmp_path / "d.npz", "directory"),
                           (tmp_path / "no" / "m.npz", "does not exist")):
        with pytest.raises(OutputPathError, match=fragment) as caught:
            save_model(model, path)
        assert str(path) in str(caught.value) and ".part" not in str(caught.value)
    assert os.path.islink(link) and target.read_bytes() == b"old" and fifo.is_fifo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.npz", "f.npz", "l.npz", "t.npz"]


def test_a_path_that_becomes_special_while_writing_is_not_replaced(tmp_path):
    import os

    from nn_core.atomic import atomic_write
    from nn_core.errors import OutputPathError

    path = tmp_path / "m.npz"
    with pytest.raises(OutputPathError, match="not a regular file"):
        with atomic_write(path) as out:
            out.write(b"new")
            os.mkfifo(path)  # someone else's pipe appears before the rename
    assert path.is_fifo() and [p.name for p in tmp_path.iterdir()] == ["m.npz"]


# -- metadata: validated like the arrays, leniently (review D4, D12) -------------------------------------


def test_bundled_metadata_passes_the_checks_unchanged():
    from nn_core.bundled import BUNDLED

    for path in BUNDLED.values():
        with np.load(path, allow_pickle=False) as npz:
            raw = json.loads(str(npz["metadata"]))
        model = load_model(path)
        assert model.metadata == raw
        assert model.test_n == raw["test_n"] == 1000 and model.test_accuracy == raw["test_accuracy"]


@pytest.mark.parametrize("metadata, accuracy, n", [
    ({"test_accuracy": 0.5, "test_n": "lots"}, 0.5, None),
    ({"test_accuracy": True, "test_n": True}, None, None),
    ({"test_accuracy": 1, "test_n": 0}, 1.0, 0),
    ({"test_accuracy": float("nan"), "test_n": -5}, None, None),
    ({"test_accuracy": float("inf"), "test_n": 1e30}, None, None),
    ({"test_accuracy": 1.0000001, "test_n": 10_000_001}, None, None),
    ({"test_accuracy": "0.9", "test_n": [1000]}, None, None),
])
def test_claimed_accuracy_and_test_count_are_typed_or_absent(metadata, accuracy, n):
    from nn_core.modelfile import clean_metadata

    model = load_model(_npz(**_good_arrays(metadata=np.array(json.dumps(metadata)))))
    assert model.test_accuracy == accuracy and model.test_n == n
    assert model.metadata == clean_metadata(metadata)
    assert Model(model.network, metadata).test_n == n  # the properties check a metadata dict given directly too
    if n is not None:
        assert f"{model.metadata['test_n']:,}"  # what the sidebar formats


def test_text_is_one_plain_line_of_limited_length():
    from nn_core.modelfile import clean_metadata, plain_text

    assert plain_text("  a\tb\n\nc\u202e\u200b\0\x1b ", 80) == "a b c"
    assert plain_text("x" * 500, 80) == "x" * 79 + "…"
    assert plain_text("", 80) is None and plain_text(42, 80) is None and plain_text(" \n", 80) is None
    cleaned = clean_metadata({"name": "n" * 1000, "description": "d" * 1000, "unknown": "dropped",
                              "recipe": {"sizes": [784, 16, 10], "note": "\x07bell", "bad": object(), "deep": {"a": {}}}})
    assert len(cleaned["name"]) == 80 and len(cleaned["description"]) == 200 and "unknown" not in cleaned
    assert cleaned["recipe"] == {"sizes": [784, 16, 10], "note": "bell", "deep": {}}
    assert clean_metadata(["not", "a", "dict"]) == {} and clean_metadata(None) == {}
    assert Model(Network.random((784, 3, 10)), {"name": ["x"]}).name == "model"


SMALL = Network.random((784, 3, 10), rng=0)


@settings(max_examples=60, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
                    max_leaves=20))
def test_clean_metadata_never_raises_and_keeps_only_plain_values(value):
    from nn_core.modelfile import METADATA_FIELDS, clean_metadata

    for metadata in ({key: value for key in METADATA_FIELDS}, {"recipe": {"x": value}}, value):
        cleaned = clean_metadata(metadata)
        json.dumps(cleaned, allow_nan=False)  # finite numbers, texts, lists and dicts only
        model = Model(SMALL, metadata if isinstance(metadata, dict) else {})
        assert isinstance(model.name, str) and (model.test_n is None or 0 <= model.test_n <= 10_000_000)
        assert model.test_accuracy is None or 0 <= model.test_accuracy <= 1
