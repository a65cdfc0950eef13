"""What the API refuses, over HTTP: control characters, line breaks and numbers we cannot call."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from escalation.models import Melding
from escalation.schemas import NOT_CALLABLE_PHONE, NOT_DUTCH_PHONE

BODY: dict[str, Any] = {
    "onderwerp": "Respijtzorg",
    "beschrijving": "Ik zorg voor mijn man.",
    "naam": "Anna de Vries",
    "telefoon": "06 12345678",
    "toestemming": True,
    "gesprek_id": "web-0123456789abcdef",
    "bereikbaar": "Na 14:00",
    "veiligheid": True,
    "veilig_contact": "Alleen 's ochtends",
}


def _post(client: TestClient, auth: dict[str, str], key: str, **changes: Any) -> Any:
    return client.post(
        "/api/v1/meldingen",
        json={**BODY, **changes},
        headers={**auth, "Idempotency-Key": key},
    )


def _count(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(Melding)) or 0


SINGLE_LINE_CASES = [
    *(("onderwerp", text) for text in ("Schulden\nhuur", "a\u2028b", "a\x00b", "a\u202eb")),
    *((field, "eerste\ntweede") for field in ("naam", "bereikbaar", "veilig_contact")),
]


@pytest.mark.parametrize(("field", "text"), SINGLE_LINE_CASES)
def test_single_line_fields_refuse_line_breaks_and_control_characters(
    client: TestClient, auth: dict[str, str], db: Session, field: str, text: str
) -> None:
    response = _post(client, auth, "k1", **{field: text})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", field]
    assert _count(db) == 0


@pytest.mark.parametrize("text", ["a\x1bb", "a\x07b", "a\rb", "a\x00b", "a\x7fb"])
def test_the_description_refuses_control_characters(
    client: TestClient, auth: dict[str, str], db: Session, text: str
) -> None:
    assert _post(client, auth, "k1", beschrijving=text).status_code == 422
    transcript = [{"van": "inwoner", "tekst": text}]
    assert _post(client, auth, "k2", transcript=transcript).status_code == 422
    assert _count(db) == 0


def test_the_description_keeps_its_lines_and_tabs(client: TestClient, auth: dict[str, str]) -> None:
    response = _post(client, auth, "k1", beschrijving="Eerste regel\r\nTweede\tregel")
    assert response.status_code == 201, response.text
    assert response.json()["beschrijving"] == "Eerste regel\nTweede\tregel"


@pytest.mark.parametrize(
    ("telefoon", "message"),
    [
        ("0800 0220", NOT_CALLABLE_PHONE),  # free
        ("0900 1234567", NOT_CALLABLE_PHONE),  # premium rate
        ("0906 1234567", NOT_CALLABLE_PHONE),
        ("0909 1234567", NOT_CALLABLE_PHONE),
        ("088 1234567", NOT_CALLABLE_PHONE),  # company number (UAN)
        ("084 1234567", NOT_CALLABLE_PHONE),  # personal number
        ("066 1234567", NOT_CALLABLE_PHONE),  # pager
        ("+32 470 12 34 56", NOT_DUTCH_PHONE),
    ],
)
def test_numbers_we_cannot_call_are_refused(
    client: TestClient, auth: dict[str, str], db: Session, telefoon: str, message: str
) -> None:
    response = _post(client, auth, "k1", telefoon=telefoon)
    assert response.status_code == 422
    assert message in response.json()["detail"][0]["msg"]
    assert _count(db) == 0


@pytest.mark.parametrize(
    ("telefoon", "e164"),
    [
        ("06 12345678", "+31612345678"),
        ("020 123 4567", "+31201234567"),
        ("085 1234567", "+31851234567"),
    ],
)
def test_mobile_fixed_and_voip_numbers_are_accepted(
    client: TestClient, auth: dict[str, str], telefoon: str, e164: str
) -> None:
    response = _post(client, auth, "k1", telefoon=telefoon)
    assert response.status_code == 201, response.text
    assert response.json()["telefoon"] == e164


def test_a_422_does_not_echo_the_input_and_survives_a_lone_surrogate(
    client: TestClient, auth: dict[str, str], db: Session
) -> None:
    body = '{"onderwerp": "\\ud800", "naam": "Geheim Persoon"}'
    response = client.post(
        "/api/v1/meldingen",
        content=body,
        headers={**auth, "Content-Type": "application/json", "Idempotency-Key": "surrogate-1"},
    )
    assert response.status_code == 422
    assert "Geheim Persoon" not in response.text
    assert _count(db) == 0
