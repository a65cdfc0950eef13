"""Scoped service tokens, over HTTP against the real service (uvicorn subprocess).

The gateway and the action server hold ``ESCALATION_API_TOKEN``: it creates meldingen and must
never read one back (the gateway faces the internet). ``ESCALATION_READ_TOKEN`` reads.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import ValidationError
from sqlalchemy import create_engine, func, select

from escalation.migrate import upgrade
from escalation.models import Melding
from escalation.settings import Settings
from escalation.tests.conftest import READ_TOKEN, TOKEN
from tests.services import REPO, Service, free_port, running

NAAM = "Anna de Vries"
BODY = {
    "onderwerp": "Mantelzorg",
    "beschrijving": "Graag hulp met de zorg voor mijn moeder.",
    "naam": NAAM,
    "telefoon": "0612345678",
    "toestemming": True,
    "gesprek_id": "web-scopes",
}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def serve(database_url: str, log_dir: Path, **tokens: str) -> Any:
    """The escalation service under uvicorn with the given token variables."""
    port = free_port()
    env = {"ESCALATION_DATABASE_URL": database_url, **tokens}
    command = [sys.executable, "-m", "uvicorn", "escalation.app:app", "--host", "127.0.0.1"]
    return running(
        "escalation", [*command, "--port", str(port)], port=port, env=env, log_dir=log_dir, cwd=REPO
    )


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One migrated SQLite database for this module: the scopes do not depend on the backend."""
    url = f"sqlite:///{tmp_path_factory.mktemp('scopes') / 'escalation.db'}"
    upgrade(url)
    return url


@pytest.fixture(scope="module")
def service(database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """The service with both tokens set."""
    log_dir = tmp_path_factory.mktemp("logs")
    tokens = {"ESCALATION_API_TOKEN": TOKEN, "ESCALATION_READ_TOKEN": READ_TOKEN}
    with serve(database, log_dir, **tokens) as running_service:
        yield running_service


def count_meldingen(database: str) -> int:
    engine = create_engine(database)
    with engine.connect() as connection:
        count = connection.scalar(select(func.count()).select_from(Melding))
    engine.dispose()
    return int(count or 0)


def create(base_url: str, token: str) -> httpx.Response:
    headers = {**bearer(token), "Idempotency-Key": uuid.uuid4().hex}
    return httpx.post(f"{base_url}/api/v1/meldingen", json=BODY, headers=headers, timeout=10)


def test_create_token_creates_but_cannot_read_back(service: Service) -> None:
    created = create(service.base_url, TOKEN)
    assert created.status_code == 201, created.text
    melding = created.json()

    read = httpx.get(
        f"{service.base_url}/api/v1/meldingen/{melding['id']}", headers=bearer(TOKEN), timeout=10
    )
    assert read.status_code == 403
    assert NAAM not in read.text and "0612345678" not in read.text
    assert read.json() == {"detail": "This service token may not read meldingen."}


def test_read_token_reads_but_cannot_create(service: Service, database: str) -> None:
    melding = create(service.base_url, TOKEN).json()
    before = count_meldingen(database)
    read = httpx.get(
        f"{service.base_url}/api/v1/meldingen/{melding['id']}",
        headers=bearer(READ_TOKEN),
        timeout=10,
    )
    assert read.status_code == 200
    assert read.json()["naam"] == NAAM

    refused = create(service.base_url, READ_TOKEN)
    assert refused.status_code == 403
    assert refused.json() == {"detail": "This service token may not create meldingen."}
    assert count_meldingen(database) == before


def test_no_or_wrong_token_is_401_everywhere(service: Service, database: str) -> None:
    melding = create(service.base_url, TOKEN).json()
    before = count_meldingen(database)
    urls = (
        f"{service.base_url}/api/v1/meldingen/{melding['id']}",
        f"{service.base_url}/api/v1/status/{melding['referentie']}",
    )
    for headers in ({}, bearer("wrong-token-of-enough-length"), bearer(TOKEN + "x")):
        for url in urls:
            answer = httpx.get(url, headers=headers, timeout=10)
            assert answer.status_code == 401, (url, headers)
            assert NAAM not in answer.text
        posted = httpx.post(
            f"{service.base_url}/api/v1/meldingen",
            json=BODY,
            headers={**headers, "Idempotency-Key": uuid.uuid4().hex},
            timeout=10,
        )
        assert posted.status_code == 401
    assert count_meldingen(database) == before


def test_status_lookup_has_no_personal_data_and_takes_either_token(service: Service) -> None:
    melding = create(service.base_url, TOKEN).json()
    url = f"{service.base_url}/api/v1/status/{melding['referentie']}"
    for token in (TOKEN, READ_TOKEN):
        answer = httpx.get(url, headers=bearer(token), timeout=10)
        assert answer.status_code == 200
        assert set(answer.json()) == {"referentie", "status", "opgepakt", "status_tekst"}
        assert NAAM not in answer.text and "0612345678" not in answer.text


def test_without_a_read_token_nobody_reads(database: str, tmp_path: Path) -> None:
    with serve(database, tmp_path, ESCALATION_API_TOKEN=TOKEN) as service:
        melding = create(service.base_url, TOKEN).json()
        url = f"{service.base_url}/api/v1/meldingen/{melding['id']}"
        assert httpx.get(url, headers=bearer(TOKEN), timeout=10).status_code == 403
        assert httpx.get(url, headers=bearer(READ_TOKEN), timeout=10).status_code == 401


@pytest.mark.parametrize(
    ("read_token", "message"),
    [
        (TOKEN, "ESCALATION_READ_TOKEN must differ from ESCALATION_API_TOKEN"),
        ("too-short", "ESCALATION_READ_TOKEN: Value should have at least 16 items"),
    ],
)
def test_the_service_refuses_to_start_with_a_bad_read_token(
    tmp_path: Path, read_token: str, message: str
) -> None:
    env = {
        "ESCALATION_DATABASE_URL": f"sqlite:///{tmp_path / 'escalation.db'}",
        "ESCALATION_API_TOKEN": TOKEN,
        "ESCALATION_READ_TOKEN": read_token,
        "PATH": "/usr/bin:/bin",
    }
    command = [sys.executable, "-m", "uvicorn", "escalation.app:app", "--port", str(free_port())]
    result = subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_settings_refuse_equal_tokens() -> None:
    with pytest.raises(ValidationError, match="must differ"):
        Settings(api_token=TOKEN, read_token=TOKEN)  # type: ignore[arg-type]
    assert Settings(api_token=TOKEN).read_token is None  # type: ignore[arg-type]
