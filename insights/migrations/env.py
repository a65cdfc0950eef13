"""Alembic environment of the insights tables (own version table: may share a database)."""

from __future__ import annotations

from alembic import context

from insights.db import make_engine
from insights.models import Base

engine = make_engine(context.config.attributes["database_url"])
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        version_table="insights_alembic_version",
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
