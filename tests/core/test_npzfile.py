"""read_npz: every allocation bounded before it happens, every failure the caller's own sentence."""
import io
import os
import zipfile

import numpy as np
import pytest

from nn_core.errors import DataFileError
from nn_core.npzfile import read_npz
from tests.hostile_corpus import npy, npy_header, zip_of


def _npz(**arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def test_paths_bytes_and_file_objects_read_the_same(tmp_path):
    blob = _npz(a=np.arange(5), b=np.array("text"))
    path = tmp_path / "x.npz"
    path.write_bytes(blob)
    for source in (blob, path, str(path), io.BytesIO(blob)):
        arrays = read_npz(source, DataFileError, "data set", 10_000)
        assert arrays["a"].tolist() == [0, 1, 2, 3, 4] and str(arrays["b"]) == "text"


@pytest.mark.parametrize("kind", ["fifo", "directory", "device", "empty name", "missing"])
def test_a_path_must_name_a_regular_file_checked_before_opening(tmp_path, kind):
    path = {"fifo": tmp_path / "p.npz", "directory": tmp_path, "device": "/dev/zero", "empty name": "",
            "missing": tmp_path / "nope.npz"}[kind]
    if kind == "fifo":
        os.mkfifo(path)  # opening it would block until someone writes
    message = {"fifo": "not a regular file", "directory": "is a directory", "device": "not a regular file",
               "empty name": "no data set was given", "missing": "not found"}[kind]
    with pytest.raises(DataFileError, match=message):
        read_npz(path, DataFileError, "data set", 10_000)


def test_declared_shapes_are_checked_against_the_member_and_max_bytes():
    blob = zip_of([("a.npy", npy_header((10, 10), "<f8") + bytes(800))])
    assert read_npz(blob, DataFileError, "data set", 10_000)["a"].shape == (10, 10)
    with pytest.raises(DataFileError, match="would unpack"):
        read_npz(blob, DataFileError, "data set", 500)
    short = zip_of([("a.npy", npy_header((10, 10), "<f8") + bytes(799))])
    with pytest.raises(DataFileError, match=r"shape \(10, 10\) of float64, more than the 799 bytes"):
        read_npz(short, DataFileError, "data set", 10_000)


def test_a_header_check_can_refuse_before_anything_is_unpacked():
    seen = []

    def check(name, shape, dtype):
        seen.append((name, shape, dtype.str))
        if shape[0] > 3:
            raise DataFileError(f"{name} is too long")

    blob = zip_of([("a.npy", npy(np.zeros(2, np.int16))), ("b.npy", npy(np.zeros((5, 2), np.uint8)))])
    with pytest.raises(DataFileError, match="b is too long"):
        read_npz(blob, DataFileError, "data set", 10_000, check_header=check)
    assert seen == [("a", (2,), "<i2"), ("b", (5, 2), "|u1")]


def test_a_memory_error_while_unpacking_is_the_callers_error(monkeypatch):
    import nn_core.npzfile as npzfile

    def no_memory(archive, entry):
        raise MemoryError

    monkeypatch.setattr(npzfile, "_read_array", no_memory)
    with pytest.raises(DataFileError, match="too large to load"):
        read_npz(_npz(a=np.zeros(3)), DataFileError, "data set", 10_000)


def test_numpy_files_stored_or_deflated_both_read():
    arrays = {"w": np.random.default_rng(0).random((3, 4)), "n": np.array(7)}
    for compression in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        blob = zip_of([(f"{k}.npy", npy(v)) for k, v in arrays.items()], compression)
        read = read_npz(blob, DataFileError, "data set", 10_000)
        np.testing.assert_array_equal(read["w"], arrays["w"])
        assert int(read["n"]) == 7
