"""Alembic environment: runs migrations on the connection handed over by core.db (no ini file, no URL).

Each revision runs in its own transaction (core.db's migration connection emits BEGIN IMMEDIATE), so a kill
mid-revision leaves the schema at the previous revision, never between two.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, render_as_batch=True,
                  transactional_ddl=True, transaction_per_migration=True)
with context.begin_transaction():
    context.run_migrations()
