"""Alembic's entry point: run the migrations on the connection the store passes in.

The store never reads alembic.ini: `archwright.store.database.migrate` hands over an
open connection, so the URL (and its password) stays in one place.
"""

from __future__ import annotations

from alembic import context

from archwright.store.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through archwright.store.database.migrate")
context.configure(connection=connection, target_metadata=Base.metadata)
with context.begin_transaction():
    context.run_migrations()
