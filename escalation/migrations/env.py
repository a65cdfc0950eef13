"""Alembic environment: migrates the database named in the escalation settings."""

from __future__ import annotations

from alembic import context

from escalation.db import make_engine
from escalation.models import Base

config = context.config
url = config.attributes.get("database_url") or config.get_main_option("sqlalchemy.url")
if not isinstance(url, str):
    raise RuntimeError("No database URL: run the migrations through escalation.migrate.")

engine = make_engine(url)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
