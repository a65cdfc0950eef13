"""The escalation service's database goes away for a moment: clean 503s, nothing half-written.

Runs the real service on a fresh PostgreSQL database, then refuses all connections to that
database (``ALLOW_CONNECTIONS false`` and ending the open sessions), as a failover or restart
would, and lets them back in.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from tests.backends import POSTGRES_ADMIN_URL, postgres_database
from tests.services import Service, free_port, migrate, uvicorn_server

TOKEN = "fault-test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
READ_TOKEN = "fault-test-read-token-0123456789"
READ_AUTH = {"Authorization": f"Bearer {READ_TOKEN}"}


def melding(gesprek: str) -> dict[str, object]:
    return {
        "onderwerp": "Wonen",
        "beschrijving": "Mijn huis is te koud en de verhuurder reageert niet.",
        "naam": "Kees Jansen",
        "telefoon": "0612345678",
        "toestemming": True,
        "gesprek_id": gesprek,
    }


@pytest.fixture
def service(tmp_path: Path) -> Iterator[tuple[Service, sa.URL]]:
    with postgres_database("voordeur_fault") as url:
        database_url = url.render_as_string(hide_password=False)
        env = {
            "ESCALATION_API_TOKEN": TOKEN,
            "ESCALATION_READ_TOKEN": READ_TOKEN,
            "ESCALATION_DATABASE_URL": database_url,
        }
        migrate(database_url, env)
        app = "escalation.app:app"
        with uvicorn_server("escalation", app, free_port(), env, tmp_path) as running_service:
            yield running_service, url


def set_connections(database: str, allowed: bool) -> None:
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(
            sa.text(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS {str(allowed).lower()}')
        )
        if not allowed:
            connection.execute(
                sa.text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"
                ),
                {"name": database},
            )
    admin.dispose()


def count_rows(url: sa.URL) -> tuple[int, int]:
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        meldingen = connection.execute(sa.text("SELECT count(*) FROM meldingen")).scalar_one()
        keys = connection.execute(sa.text("SELECT count(*) FROM idempotency_records")).scalar_one()
    engine.dispose()
    return meldingen, keys


def test_requests_fail_cleanly_while_the_database_is_away(
    service: tuple[Service, sa.URL],
) -> None:
    escalation, url = service
    database = url.database or ""
    api = f"{escalation.base_url}/api/v1/meldingen"
    first = httpx.post(api, json=melding("fault-1"), headers={**AUTH, "Idempotency-Key": "k1"})
    assert first.status_code == 201, first.text

    set_connections(database, allowed=False)
    try:
        key = {"Idempotency-Key": "k2-" + uuid.uuid4().hex}
        during = httpx.post(api, json=melding("fault-2"), headers={**AUTH, **key}, timeout=30)
        assert during.status_code == 503, during.text
        assert during.headers["content-type"].startswith("application/json")
        assert int(during.headers["Retry-After"]) > 0
        assert "probeer" in during.json()["detail"].lower()
        read = httpx.get(f"{api}/{first.json()['id']}", headers=READ_AUTH, timeout=30)
        assert read.status_code == 503
    finally:
        set_connections(database, allowed=True)

    assert count_rows(url) == (1, 1)  # nothing half-written
    retried = httpx.post(api, json=melding("fault-2"), headers={**AUTH, **key}, timeout=30)
    assert retried.status_code == 201, retried.text
    again = httpx.post(api, json=melding("fault-2"), headers={**AUTH, **key}, timeout=30)
    assert again.json()["id"] == retried.json()["id"]
    assert count_rows(url) == (2, 2)
