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
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("W1.npy", b"\0" * 300_000_000)  # compresses to ~300 kB
    with pytest.raises(ModelFileError, match="would unpack to 300 MB"):
        load_model(buffer.getvalue())


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
