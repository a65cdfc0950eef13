"""Database fixtures: every storage test runs on SQLite and, where reachable, PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from escalation.app import create_app
from escalation.db import session_factory
from escalation.migrate import upgrade
from escalation.models import StaffUser
from escalation.settings import Settings
from escalation.users import create_user
from tests.backends import postgres_database

TOKEN = "test-service-token-0123456789"
READ_TOKEN = "test-read-token-9876543210"
SESSION_SECRET = "test-session-secret-0123456789-abcdef"
PASSWORD = "een heel sterk wachtwoord"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database of each kind."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'escalation.db'}"
        upgrade(url)
        yield url
        return
    with postgres_database("voordeur_test") as postgres_url:
        url = postgres_url.render_as_string(hide_password=False)
        upgrade(url)
        yield url
        session_factory.cache_clear()


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        api_token=TOKEN,  # type: ignore[arg-type]
        read_token=READ_TOKEN,  # type: ignore[arg-type]
        database_url=database_url,
        session_secret=SESSION_SECRET,  # type: ignore[arg-type]
    )


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def auth() -> dict[str, str]:
    """The create token, as the gateway and the action server hold it."""
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def read_auth() -> dict[str, str]:
    """The read token, which may read meldingen back."""
    return {"Authorization": f"Bearer {READ_TOKEN}"}


@pytest.fixture
def db(settings: Settings) -> Iterator[Session]:
    """A database session on the test database."""
    with session_factory(settings.database_url)() as session:
        yield session


@pytest.fixture
def users(db: Session) -> dict[str, StaffUser]:
    """One user of each role, plus a second officemedewerker; all with ``PASSWORD``."""
    made = {
        name: create_user(db, name, display, role, PASSWORD)
        for name, display, role in (
            ("anna", "Anna Office", "officemedewerker"),
            ("bram", "Bram Office", "officemedewerker"),
            ("mila", "Mila Manager", "manager"),
            ("ada", "Ada Admin", "admin"),
        )
    }
    return made


def csrf_of(html: str) -> str:
    """The CSRF token in a served page."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> Any:
    """Sign in through the login form; returns the response to the POST."""
    token = csrf_of(client.get("/staff/login").text)
    return client.post(
        "/staff/login",
        data={"username": username, "password": password, "csrf_token": token},
        follow_redirects=False,
    )


def new_melding(client: TestClient, key: str = "key-1", **overrides: Any) -> dict[str, Any]:
    """Create a melding through the API."""
    body: dict[str, Any] = {
        "onderwerp": "Respijtzorg",
        "beschrijving": "Ik zorg voor mijn man en ben erg moe.",
        "naam": "Anna de Vries",
        "telefoon": "06 12345678",
        "toestemming": True,
        "gesprek_id": "web-0123456789abcdef",
        "transcript": [{"van": "inwoner", "tekst": "ik wil teruggebeld worden"}],
    }
    body.update(overrides)
    response = client.post(
        "/api/v1/meldingen",
        json=body,
        headers={"Authorization": f"Bearer {TOKEN}", "Idempotency-Key": key},
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created
