"""Database engines, sessions and migrations of the insights database."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

# The same engine rules as the escalation service (SQLite: WAL, lock timeout, shared threads).
from escalation.reporting import make_engine, session_factory

__all__ = ["DEFAULT_DATABASE_URL", "make_engine", "session_factory", "upgrade"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DEFAULT_DATABASE_URL = f"sqlite:///{MIGRATIONS.parent.parent / 'var' / 'insights.db'}"


def upgrade(url: str) -> None:
    """Bring the insights tables to the newest revision (creates the SQLite folder)."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["database_url"] = url
    command.upgrade(config, "head")
