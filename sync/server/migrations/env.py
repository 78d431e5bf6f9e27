"""Alembic environment: runs on the connection that :func:`sync.server.db.migrate` hands over."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

connection = context.config.attributes["connection"]
if connection.dialect.name == "postgresql":
    # Several instances may start at once; one migrates, the others wait and find it done.
    connection.execute(sa.text("SELECT pg_advisory_xact_lock(4471334954)"))
context.configure(connection=connection, transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
