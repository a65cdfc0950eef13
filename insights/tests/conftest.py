"""Fixtures: insights and escalation databases (SQLite, and PostgreSQL where reachable)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi import FastAPI, Form, HTTPException, Request

from insights.db import session_factory, upgrade
from insights.settings import Settings
from insights.web import create_router

POSTGRES_ADMIN_URL = os.environ.get(
    "VOORDEUR_TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
)
# A fixed "now" for seeded data: a Wednesday, so the weeks hold weekdays and weekends.
SEED_NOW = datetime(2026, 11, 18, 16, 30, tzinfo=UTC)
CSRF_TOKEN = "test-csrf-token"
MANAGER_ROLES = ("manager", "admin")


def postgres_database() -> Iterator[str]:
    """A fresh, uniquely named PostgreSQL database, dropped afterwards."""
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"insights_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        reason = f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {exc.orig}"
        if os.environ.get("VOORDEUR_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        print(reason)
        pytest.skip(reason)
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        session_factory.cache_clear()
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each kind (insights and escalation tables may share it)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'insights.db'}"
        return
    yield from postgres_database()


@pytest.fixture
def migrated_url(database_url: str) -> str:
    upgrade(database_url)
    return database_url


def require_manager(request: Request) -> str:
    """Stand-in for the staff app's role check: the role comes from a test header."""
    role = request.headers.get("x-test-role", "")
    if role not in MANAGER_ROLES:
        raise HTTPException(status_code=403, detail="Geen toegang")
    return f"test-{role}"


def csrf_protect(request: Request, csrf_token: str = Form("")) -> None:
    """Stand-in for the staff app's CSRF check."""
    if csrf_token != request.state.csrf_token:
        raise HTTPException(status_code=403, detail="CSRF")


def make_app(settings: Settings, prefix: str = "/staff/inzicht") -> FastAPI:
    """A small host app with the insights router and the stand-in dependencies."""
    app = FastAPI()

    @app.middleware("http")
    async def _csrf_token(request: Request, call_next):  # type: ignore[no-untyped-def]
        request.state.csrf_token = CSRF_TOKEN
        return await call_next(request)

    app.include_router(
        create_router(require_manager, csrf_protect, settings=settings),
        prefix=prefix,
    )
    return app
