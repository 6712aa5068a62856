"""Opening the store: the URL it reads, SQLite's settings, Alembic's migrations, many writers at once."""
from __future__ import annotations

import threading

import numpy as np
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from classroom.rooms import Rooms
from classroom.schema import METADATA
from classroom.store import StoreError, configured_url, open_engine, upgrade


def test_the_store_is_sqlite_in_the_data_directory_unless_database_url_is_set(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("NN_DATA_DIR", str(tmp_path))
    assert configured_url() == f"sqlite:///{tmp_path / 'classroom.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@db.example:5432/class")
    assert configured_url() == "postgresql+psycopg://u:p@db.example:5432/class"   # the psycopg 3 driver
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db/class")
    assert configured_url().startswith("postgresql+psycopg://")


@pytest.mark.parametrize("url", ["not a url", "mysql://u:p@h/db", "://"])
def test_a_bad_database_url_gets_a_clear_message(url):
    with pytest.raises(StoreError, match="DATABASE_URL|SQLite or PostgreSQL"):
        open_engine(url)


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path):
    engine = open_engine(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    with engine.connect() as db:
        assert db.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_the_migrations_make_exactly_the_schema_and_go_down_and_up_again(engine):
    with engine.connect() as db:
        assert compare_metadata(MigrationContext.configure(db), METADATA) == []
        assert db.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0003"
    upgrade(engine, "head")                                            # again: nothing to do
    from alembic import command

    from classroom.store import alembic_config
    with engine.connect() as db:
        config = alembic_config()
        config.attributes["connection"] = db
        command.downgrade(config, "0001")                               # one step down, then all the way
        db.commit()
        assert "test_accuracy" in {column["name"] for column in inspect(db).get_columns("entries")}
        command.downgrade(config, "base")
        db.commit()
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert {table.name for table in METADATA.sorted_tables} <= set(inspect(engine).get_table_names())


def test_thirty_students_writing_at_once_lose_nothing(engine, clock):
    rooms = Rooms(engine, clock)
    opened = rooms.open_class()
    problems: list[BaseException] = []

    def student(i: int) -> None:
        try:
            seat = rooms.join(opened.code, f"s{i}", "127.0.0.1")
            for step in ("cost", "downhill", "silence-7"):
                rooms.answer(seat.token, step, str(i), float(i), "1.0", i % 2 == 0, "classic")
            rooms.give_drawing(seat.token, np.full((28, 28), i), i % 10)
        except BaseException as exc:  # noqa: BLE001  (reported below)
            problems.append(exc)

    threads = [threading.Thread(target=student, args=(i,)) for i in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert problems == []
    console = rooms.console(opened.code, opened.teacher_key, "127.0.0.1")
    assert len(console.nicknames) == 30 and len(console.answers) == 90 and console.drawing_count == 30
