"""Database engine and sessions."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import CursorResult, Engine, Executable, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets foreign keys and cross-thread use."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


@lru_cache
def session_factory(url: str) -> sessionmaker[Session]:
    """One session factory (and engine) per database URL in this process."""
    return sessionmaker(make_engine(url), expire_on_commit=False)


def rows_changed(session: Session, statement: Executable) -> int:
    """How many rows an UPDATE or DELETE changed (the count a compare-and-set checks)."""
    result = session.execute(statement)
    if not isinstance(result, CursorResult):
        raise TypeError("rows_changed needs an UPDATE or DELETE statement")
    return result.rowcount
