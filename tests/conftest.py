"""Shared test set-up: the project root on sys.path, and small shared fixtures."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def embedded():
    """(train, test) embedded digits."""
    from nn_core.data import load_embedded

    return load_embedded()


@pytest.fixture
def rng():
    return np.random.default_rng(1234)
