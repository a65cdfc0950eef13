"""The escalation service is down when the bot submits a melding: it arrives later, exactly once.

The whole system runs; the inwoner fills in the form, the escalation service is stopped just
before the confirmation, and the action server keeps the melding in its outbox. When the
service is back on the same port and database the outbox delivers it, and the Idempotency-Key
makes sure one melding results even though the action server tries more than once.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from tests.services import Stack, full_stack, uvicorn_server

pytestmark = pytest.mark.e2e
RETRY_SECONDS = 1


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[Stack]:
    extra = {"ACTIONS_OUTBOX_RETRY_SECONDS": str(RETRY_SECONDS)}
    with full_stack(f"sqlite:///{tmp_path / 'escalation.db'}", tmp_path, extra) as running_stack:
        yield running_stack


def say(gateway_url: str, session: dict[str, str | None], message: str) -> str:
    response = httpx.post(
        f"{gateway_url}/api/v1/chat",
        json={"session_id": session.get("id"), "message": message},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    session["id"] = body["session_id"]
    return "\n".join(m["text"] or "" for m in body["messages"])


def stored_meldingen(database_url: str) -> list[dict[str, object]]:
    engine = sa.create_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT naam, onderwerp FROM meldingen")).mappings()
        result = [dict(row) for row in rows]
    engine.dispose()
    return result


def test_melding_survives_an_escalation_outage(stack: Stack, tmp_path: Path) -> None:
    session: dict[str, str | None] = {}
    for message in (
        "ik wil teruggebeld worden",
        "Schulden",
        "Ik heb betalingsachterstanden en de brieven stapelen zich op.",
        "nee",
        "ja",
        "Telefoon",
        "06 12345678",
        "Sanne Bakker",
        "morgenochtend",
    ):
        answer = say(stack.gateway.base_url, session, message)
    assert "Sanne Bakker" in answer and "Klopt dit?" in answer

    stack.escalation.process.terminate()
    stack.escalation.process.wait(timeout=15)
    confirmation = say(stack.gateway.base_url, session, "ja")
    assert "Ik heb uw vraag bewaard" in confirmation, confirmation
    assert stored_meldingen(stack.database_url) == []

    port = int(stack.escalation.base_url.rsplit(":", 1)[1])
    with uvicorn_server("escalation-restarted", "escalation.app:app", port, stack.env, tmp_path):
        deadline = time.monotonic() + 30
        while not stored_meldingen(stack.database_url) and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(3 * RETRY_SECONDS)  # more delivery rounds: still one melding
        assert stored_meldingen(stack.database_url) == [
            {"naam": "Sanne Bakker", "onderwerp": "Schulden"}
        ]
