"""Shared test set-up: the project root on sys.path, small shared fixtures, and how the suite runs in parallel.

`make test` runs the suite on two workers (pytest-xdist, ``--dist loadgroup``): the tests that need a
server of their own or the shared database are kept in groups, each group on one worker, one test after
another; everything else (the maths, AppTest, the figures) is shared out between the two as they free up.
"""
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
    saved = {name: os.environ.get(name) for name in ("NN_DATA_DIR", "DATABASE_URL", "NN_CLASSES_PER_HOUR")}
    os.environ["NN_DATA_DIR"] = str(folder)
    os.environ.pop("DATABASE_URL", None)
    os.environ["NN_CLASSES_PER_HOUR"] = "1000000"   # every test's server is one device (see below)
    yield folder
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True)
def classes_opened_without_a_limit(monkeypatch):
    """Every AppTest session, and every page of a test's server, is one device (this machine): the tests open more
    classes in an hour than a device may (classroom.rooms.CLASS_OPEN_LIMIT, tested with its own value in
    tests/hostile/test_class_limits.py; the servers get NN_CLASSES_PER_HOUR above)."""
    from dataclasses import replace

    from classroom import rooms

    monkeypatch.setattr(rooms, "CLASS_OPEN_LIMIT", replace(rooms.CLASS_OPEN_LIMIT, allowed=1_000_000))


@pytest.fixture(scope="session")
def embedded():
    """(train, test) embedded digits."""
    from nn_core.data import load_embedded

    return load_embedded()


@pytest.fixture
def rng():
    return np.random.default_rng(1234)


@pytest.fixture(scope="module")
def own_server(request, tmp_path_factory):
    """An app server of the test module's own: servers under load or hostile input are never shared."""
    from tests.browser.harness import AppServer

    app = AppServer(tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1]))
    yield app
    app.stop()


# path prefix -> the group whose tests run one after another on one worker
GROUPS = (
    ("tests/browser/", "browser"),                  # one app server and one Chromium for the whole group
    ("tests/load/", "servers"),                     # servers of their own, under load: never two at once
    ("tests/hostile/test_websocket_values.py", "servers"),
    ("tests/hostile/test_concurrent_training.py", "servers"),
    ("tests/hostile/test_server_memory.py", "servers"),
    ("tests/classroom/", "postgres"),               # each test empties the one PostgreSQL database
    ("tests/hostile/test_class_limits.py", "postgres"),
    ("tests/hostile/test_class_seats.py", "postgres"),
)


def pytest_itemcollected(item):
    """Mark each test of a group as it is collected (before pytest-xdist names the groups in the test ids)."""
    where = Path(str(item.fspath)).resolve().relative_to(ROOT).as_posix()
    group = next((name for prefix, name in GROUPS if where.startswith(prefix)), None)
    if group is not None:
        item.add_marker(pytest.mark.xdist_group(group))

