"""The classroom store under test: SQLite always, and a real PostgreSQL when scripts/with_postgres.sh
set NN_TEST_POSTGRES_URL (`make test` does; NN_REQUIRE_POSTGRES=1 turns its absence into a failure)."""
from __future__ import annotations

import os
import threading
from collections import Counter

import pytest
from sqlalchemy import text

from classroom.rooms import ClassroomError, Rooms
from classroom.store import open_engine

POSTGRES_URL = os.environ.get("NN_TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite", "postgresql"]


class Clock:
    """A clock the test moves by hand (seconds since the epoch)."""

    def __init__(self, now: float = 1_800_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def fresh_url(backend: str, tmp_path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'classroom.sqlite3'}"
    if not POSTGRES_URL:
        if os.environ.get("NN_REQUIRE_POSTGRES"):
            pytest.fail("NN_REQUIRE_POSTGRES is set but no PostgreSQL was started (run the tests through "
                        "scripts/with_postgres.sh, as `make test` does)")
        pytest.skip("no PostgreSQL here (scripts/with_postgres.sh starts one)")
    engine = open_engine(POSTGRES_URL, migrate=False)
    with engine.begin() as db:   # an empty database for every test
        db.execute(text("DROP SCHEMA public CASCADE"))
        db.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return POSTGRES_URL


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path) -> str:
    return fresh_url(request.param, tmp_path)


@pytest.fixture
def engine(store_url):
    engine = open_engine(store_url)
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def rooms(engine, clock) -> Rooms:
    return Rooms(engine, clock)


def together(n: int, action) -> Counter:
    """``action(i)`` from ``n`` threads released together; how each ended ("done", or the error's class name)."""
    outcomes, barrier, lock = Counter(), threading.Barrier(n), threading.Lock()

    def run(i: int) -> None:
        barrier.wait()
        try:
            action(i)
            outcome = "done"
        except ClassroomError as exc:
            outcome = type(exc).__name__
        except Exception as exc:  # noqa: BLE001  (anything else is a failure of the test, counted to be seen)
            outcome = f"UNCAUGHT {type(exc).__name__}: {exc}"
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
