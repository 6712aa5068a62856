"""Alembic's environment: migrate the connection classroom.store hands over, or DATABASE_URL's store
when run from the command line (``alembic upgrade head`` at the project's root)."""
from __future__ import annotations

from alembic import context

from classroom.schema import METADATA


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    from classroom.store import open_engine

    engine = open_engine(migrate=False)
    with engine.connect() as connection:
        _migrate(connection)
        connection.commit()


def _migrate(connection) -> None:
    context.configure(connection=connection, target_metadata=METADATA,
                      render_as_batch=connection.dialect.name == "sqlite")   # SQLite alters tables by copying them
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
