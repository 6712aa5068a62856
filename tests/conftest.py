"""Shared test set-up: the project root on sys.path, and small shared fixtures."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session", autouse=True)
def class_store_in_a_temporary_directory(tmp_path_factory):
    """The classroom's SQLite file (classroom/store.py) goes to a temporary directory, never the project's data/,
    for AppTest and for every app server the browser tests start (they inherit the environment)."""
    import os

    folder = tmp_path_factory.mktemp("class-store")
    saved = {name: os.environ.get(name) for name in ("NN_DATA_DIR", "DATABASE_URL")}
    os.environ["NN_DATA_DIR"] = str(folder)
    os.environ.pop("DATABASE_URL", None)
    yield folder
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session")
def embedded():
    """(train, test) embedded digits."""
    from nn_core.data import load_embedded

    return load_embedded()


@pytest.fixture
def rng():
    return np.random.default_rng(1234)
