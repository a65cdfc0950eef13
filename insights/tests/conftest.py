"""Fixtures: insights and escalation databases (SQLite, and PostgreSQL where reachable)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.staticfiles import StaticFiles

from insights.db import session_factory, upgrade
from insights.settings import Settings
from insights.web import create_router
from tests.backends import postgres_database

# The staff app serves the insights pages and their NL Design System files (/staff/static/).
STAFF_STATIC = Path(__file__).resolve().parents[2] / "escalation" / "static"
# A fixed "now" for seeded data: a Wednesday, so the weeks hold weekdays and weekends.
SEED_NOW = datetime(2026, 11, 18, 16, 30, tzinfo=UTC)
CSRF_TOKEN = "test-csrf-token"
MANAGER_ROLES = ("manager", "admin")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each kind (insights and escalation tables may share it)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'insights.db'}"
        return
    with postgres_database("insights_test") as postgres_url:
        yield postgres_url.render_as_string(hide_password=False)
        session_factory.cache_clear()


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
    app.mount("/staff/static", StaticFiles(directory=STAFF_STATIC), name="static")
    return app
