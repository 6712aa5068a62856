"""Where the classroom's data lives, and opening it.

    DATABASE_URL=postgresql://user:password@host:5432/db   several replicas on several machines share it
    (unset)                                                 SQLite in the data directory: data/classroom.sqlite3

``NN_DATA_DIR`` moves the data directory. SQLite runs in WAL mode (readers never wait for the one
writer), with foreign keys on, a busy timeout and secure_delete (deleted rows are overwritten with
zeros), so the replicas of one machine may share the file too. Opening a store brings its schema
up to date with Alembic (``alembic upgrade head``), under a lock so that replicas starting together
do not migrate twice.
"""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL_VARIABLE = "DATABASE_URL"
DATA_DIR_VARIABLE = "NN_DATA_DIR"
SQLITE_FILE = "classroom.sqlite3"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK = 7_140_2026   # the PostgreSQL advisory lock taken while migrating
# Connections each process may hold. A request holds one at a time, for a few milliseconds (the teacher key's slow
# hash runs outside, classroom/rooms.py), so pages waiting for one wait that long; a wait this long is a fault.
POOL = {"pool_size": 10, "max_overflow": 10, "pool_timeout": 10}   # 4 replicas: 80 of PostgreSQL's 100


class StoreError(RuntimeError):
    """The store could not be opened (a bad DATABASE_URL, a server that does not answer)."""


def data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_VARIABLE) or ROOT / "data")


def configured_url() -> str:
    """DATABASE_URL if set (postgresql:// means the psycopg 3 driver), else the SQLite file."""
    url = os.environ.get(DATABASE_URL_VARIABLE, "").strip()
    if not url:
        return f"sqlite:///{data_dir() / SQLITE_FILE}"
    if url.startswith(("postgres://", "postgresql://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def open_engine(url: str | None = None, migrate: bool = True) -> Engine:
    """An engine on the store at ``url`` (default: ``configured_url()``), its schema brought up to date."""
    url = url or configured_url()
    try:
        parsed = make_url(url)
    except Exception as exc:  # noqa: BLE001  (sqlalchemy's ArgumentError and friends: one message for all)
        raise StoreError(f"{DATABASE_URL_VARIABLE} is not a database URL ({type(exc).__name__})") from None
    if parsed.get_backend_name() == "sqlite":
        engine = _sqlite_engine(url, parsed.database)
    elif parsed.get_backend_name() == "postgresql":
        engine = create_engine(url, pool_pre_ping=True, **POOL)
    else:
        raise StoreError(f"the classroom store runs on SQLite or PostgreSQL, not {parsed.get_backend_name()}")
    if migrate:
        upgrade(engine)
    return engine


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 15, "check_same_thread": False}, **POOL)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")   # WAL's recommended setting: a commit survives a crash of the app
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.execute("PRAGMA secure_delete=ON")    # a deleted row's bytes are overwritten with zeros, not left in free space
        cursor.close()

    return engine


def upgrade(engine: Engine, revision: str = "head") -> None:
    """``alembic upgrade`` on this engine, one migrating process at a time."""
    from alembic import command

    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
        try:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            connection.commit()
        finally:
            if engine.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
                connection.commit()


def alembic_config():
    """Alembic's configuration, made in code (the same as alembic.ini at the root, for the command line)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config
