"""Alembic environment: run by ``marsad.store.db.migrate`` with a connection in ``config.attributes``."""

from __future__ import annotations

from alembic import context

from marsad.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("marsad migrations run through marsad.store.db.migrate(engine)")
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported; use `marsad` against a database")
run_migrations_online()
