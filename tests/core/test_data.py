"""The embedded digits, users' data sets, and the split into training and test data."""
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nn_core.data import load_digits_npz, split_digits, stratified_split
from nn_core.errors import DataFileError
from nn_core.sources import load_data


def test_embedded_split_is_fixed_stratified_and_disjoint(embedded):
    train, test = embedded
    assert len(train) == 4000 and len(test) == 1000
    assert train.class_counts().tolist() == [400] * 10
    assert test.class_counts().tolist() == [100] * 10
    train_rows = {img.tobytes() for img in train.images}
    assert not any(img.tobytes() in train_rows for img in test.images)  # no test digit is trained on
    assert train.images.dtype == np.uint8 and train.images.shape[1:] == (28, 28)


def test_inputs_are_read_only_floats_in_0_1(embedded):
    train, _ = embedded
    x = train.inputs
    assert x.shape == (4000, 784) and x.dtype == np.float32
    assert x.min() == 0.0 and x.max() == 1.0
    with pytest.raises(ValueError):
        x[0, 0] = 0.5
    assert train.inputs_with_ones[:, 784].tolist() == [1.0] * 4000


def _npz(**arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def test_a_users_data_set_loads_and_splits(tmp_path):
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (50, 28, 28), dtype=np.uint8)
    labels = np.repeat(np.arange(10), 5)
    path = tmp_path / "mine.npz"
    path.write_bytes(_npz(images=images, labels=labels))
    digits = load_digits_npz(path)
    assert len(digits) == 50 and digits.name == "mine.npz"
    train, test = load_data(str(path))
    assert len(train) == 40 and len(test) == 10 and test.class_counts().tolist() == [1] * 10


@pytest.mark.parametrize("arrays, message", [
    ({"images": np.zeros((3, 28, 28), np.uint8)}, "no 'labels'"),
    ({"images": np.zeros((3, 28, 27), np.uint8), "labels": np.zeros(3, int)}, r"expected \(N, 28, 28\)"),
    ({"images": np.zeros((3, 28, 28), np.uint8), "labels": np.zeros(4, int)}, "3 images but labels"),
    ({"images": np.zeros((3, 28, 28), np.uint8), "labels": np.array([0, 1, 10])}, "digits 0..9"),
    ({"images": np.zeros((3, 28, 28), np.float32), "labels": np.zeros(3, int)}, "uint8"),
    ({"images": np.zeros((3, 28, 28), np.uint8), "labels": np.zeros(3, np.float64)}, "integers"),
    ({"images": np.zeros((0, 28, 28), np.uint8), "labels": np.zeros(0, int)}, "no images"),
])
def test_bad_data_sets_get_one_clear_sentence(arrays, message):
    with pytest.raises(DataFileError, match=message):
        load_digits_npz(_npz(**arrays))


def test_object_arrays_are_never_unpickled():
    blob = _npz(images=np.array([{"evil": 1}], dtype=object), labels=np.zeros(1, int))
    with pytest.raises(DataFileError, match="pickle"):
        load_digits_npz(blob)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_junk_bytes_raise_the_projects_own_error(junk):
    with pytest.raises(DataFileError):
        load_digits_npz(junk)


def test_missing_file_and_tiny_sets():
    with pytest.raises(DataFileError, match="not found"):
        load_digits_npz("/nonexistent/digits.npz")
    with pytest.raises(DataFileError, match="too small"):
        split_digits(load_digits_npz(_npz(images=np.zeros((1, 28, 28), np.uint8), labels=np.zeros(1, int))))


def test_stratified_split_keeps_proportions():
    labels = np.repeat(np.arange(10), 30)
    train, test = stratified_split(labels, 0.2, seed=1)
    assert np.bincount(labels[test]).tolist() == [6] * 10
    assert len(set(train) & set(test)) == 0 and len(train) + len(test) == 300


def test_uploads_are_capped_at_70000_digits_from_the_header():
    from nn_core.data import MAX_UPLOADED_DATASET_BYTES, MAX_UPLOADED_DIGITS
    from tests.hostile_corpus import npy, npy_header, zip_of

    assert MAX_UPLOADED_DIGITS == 70_000  # the full MNIST's size, stated in the README
    declared = zip_of([("images.npy", npy_header((70_001, 28, 28), "|u1") + bytes(70_001 * 784)),
                       ("labels.npy", npy(np.zeros(70_001, np.uint8)))])
    with pytest.raises(DataFileError, match="70,001 digits; at most 70,000"):
        load_digits_npz(declared, max_bytes=MAX_UPLOADED_DATASET_BYTES)
    assert len(load_digits_npz(declared)) == 70_001  # a local file (the command line) is capped by bytes only
    with pytest.raises(DataFileError, match="at most 10"):
        load_digits_npz(declared, max_digits=10)


def test_wrong_types_are_refused_from_the_header():
    from tests.hostile_corpus import npy, npy_header, zip_of

    blob = zip_of([("images.npy", npy_header((3, 28, 28), "<f8")), ("labels.npy", npy(np.zeros(3, int)))])
    with pytest.raises(DataFileError, match="uint8"):  # the header alone: no data follows it
        load_digits_npz(blob)
