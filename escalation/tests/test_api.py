"""The melding API: authentication, validation, idempotency, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from voordeur_common.deadline import AMSTERDAM

from escalation import service


def melding_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "onderwerp": "Respijtzorg",
        "beschrijving": "Ik zorg voor mijn man en ben erg moe.",
        "naam": "Anna de Vries",
        "telefoon": "06 12345678",
        "toestemming": True,
        "kanaal": "web",
        "gesprek_id": "web-0123456789abcdef",
        "transcript": [
            {"van": "inwoner", "tekst": "ik wil teruggebeld worden", "tijd": None},
            {"van": "assistent", "tekst": "Waar gaat uw vraag over?", "tijd": None},
        ],
    }
    body.update(overrides)
    return body


def post(client: TestClient, auth: dict[str, str], body: Any, key: str = "key-1") -> Any:
    return client.post("/api/v1/meldingen", json=body, headers={**auth, "Idempotency-Key": key})


def test_create_melding_stores_fields_and_deadline(
    client: TestClient, auth: dict[str, str], read_auth: dict[str, str]
) -> None:
    response = post(client, auth, melding_body())
    assert response.status_code == 201, response.text
    melding = response.json()
    assert melding["referentie"].startswith("VD-") and len(melding["referentie"]) == 9
    assert melding["status"] == "nieuw"
    assert melding["telefoon"] == "+31612345678"
    assert melding["spoed"] is False
    created = datetime.fromisoformat(melding["aangemaakt_op"])
    deadline = datetime.fromisoformat(melding["deadline"])
    assert deadline - created >= timedelta(hours=24)
    assert deadline.utcoffset() in (timedelta(hours=1), timedelta(hours=2))
    assert re.fullmatch(r"uiterlijk (vandaag, )?\w+dag \d{1,2} \w+", melding["deadline_tekst"])

    fetched = client.get(f"/api/v1/meldingen/{melding['id']}", headers=read_auth)
    assert fetched.status_code == 200
    assert fetched.json() == melding


def test_same_key_and_body_returns_the_same_melding(
    client: TestClient, auth: dict[str, str]
) -> None:
    first = post(client, auth, melding_body())
    again = post(client, auth, melding_body())
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    other = post(client, auth, melding_body(), key="key-2")
    assert other.status_code == 201 and other.json()["id"] != first.json()["id"]


def test_same_key_with_other_body_is_a_conflict(client: TestClient, auth: dict[str, str]) -> None:
    assert post(client, auth, melding_body()).status_code == 201
    response = post(client, auth, melding_body(naam="Iemand anders"))
    assert response.status_code == 409


def test_missing_or_wrong_token_is_refused(client: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic eDp5"}):
        response = client.post(
            "/api/v1/meldingen", json=melding_body(), headers={**headers, "Idempotency-Key": "k"}
        )
        assert response.status_code == 401
        assert client.get("/api/v1/meldingen/whatever", headers=headers).status_code == 401


def test_missing_idempotency_key_is_refused(client: TestClient, auth: dict[str, str]) -> None:
    response = client.post("/api/v1/meldingen", json=melding_body(), headers=auth)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["detail"]


def test_unknown_id_is_404(client: TestClient, read_auth: dict[str, str]) -> None:
    unknown = "/api/v1/meldingen/00000000-0000-0000-0000-000000000000"
    response = client.get(unknown, headers=read_auth)
    assert response.status_code == 404
    assert response.json() == {"detail": "Melding not found."}


def test_bad_input_gets_a_clear_error_and_stores_nothing(
    client: TestClient, auth: dict[str, str], read_auth: dict[str, str]
) -> None:
    bad_bodies = [
        {},
        melding_body(onderwerp=""),
        melding_body(onderwerp=123),
        melding_body(toestemming="misschien"),
        melding_body(toestemming=False),
        melding_body(telefoon="12345"),
        melding_body(telefoon=None),
        melding_body(email="geen-adres"),
        melding_body(beschrijving="x" * 4001),
        melding_body(kanaal="fax"),
        melding_body(transcript=[{"van": "hacker", "tekst": "x"}]),
        melding_body(onbekend_veld=True),
        ["not", "an", "object"],
    ]
    for index, body in enumerate(bad_bodies):
        response = post(client, auth, body, key=f"bad-{index}")
        assert response.status_code == 422, (body, response.text)
        assert response.json()["detail"]
    binary = client.post(
        "/api/v1/meldingen",
        content=b"\x00\xff\xfe binary",
        headers={**auth, "Idempotency-Key": "bin", "Content-Type": "application/json"},
    )
    assert binary.status_code in (400, 422)
    assert binary.json()["detail"]
    listing = client.get("/api/v1/meldingen/none", headers=read_auth)
    assert listing.status_code == 404


def test_consent_message_is_dutch(client: TestClient, auth: dict[str, str]) -> None:
    response = post(client, auth, melding_body(toestemming=False))
    assert "toestemming" in str(response.json()["detail"])


def test_email_alone_is_enough_to_reach_someone(client: TestClient, auth: dict[str, str]) -> None:
    response = post(client, auth, melding_body(telefoon=None, email="anna@example.nl"))
    assert response.status_code == 201
    assert response.json()["email"] == "anna@example.nl"


def test_html_is_stored_verbatim(client: TestClient, auth: dict[str, str]) -> None:
    text = "<script>alert('x')</script> & <b>vet</b>"
    response = post(client, auth, melding_body(beschrijving=text))
    assert response.status_code == 201
    assert response.json()["beschrijving"] == text


def test_spoed_is_kept(client: TestClient, auth: dict[str, str]) -> None:
    response = post(client, auth, melding_body(spoed=True))
    assert response.json()["spoed"] is True


def test_safety_flag_is_kept_and_optional(
    client: TestClient, auth: dict[str, str], read_auth: dict[str, str]
) -> None:
    plain = post(client, auth, melding_body()).json()
    assert (plain["veiligheid"], plain["veilig_contact"]) == (False, None)
    body = melding_body(veiligheid=True, veilig_contact="  Alleen op werkdagen tussen 9 en 12  ")
    flagged = post(client, auth, body, key="veilig").json()
    assert flagged["veiligheid"] is True
    assert flagged["veilig_contact"] == "Alleen op werkdagen tussen 9 en 12"
    fetched = client.get(f"/api/v1/meldingen/{flagged['id']}", headers=read_auth).json()
    assert (fetched["veiligheid"], fetched["veilig_contact"]) == (True, flagged["veilig_contact"])
    # A replay from a client that does not know the fields yet still matches its first request.
    assert post(client, auth, melding_body() | {"veiligheid": False}).status_code == 200
    assert post(client, auth, melding_body(veiligheid=True)).status_code == 409


@pytest.mark.parametrize(
    ("fields", "wrong"),
    [
        ({"veilig_contact": "x" * 201}, "veilig_contact"),
        ({"veilig_contact": ""}, "veilig_contact"),
        ({"veilig_contact": 12}, "veilig_contact"),
        ({"veiligheid": "ja"}, "veiligheid"),
        ({"veiligheid": "true"}, "veiligheid"),
        ({"veiligheid": 1}, "veiligheid"),
        ({"veiligheid": None}, "veiligheid"),
    ],
)
def test_safety_flag_is_validated(
    client: TestClient, auth: dict[str, str], fields: dict[str, Any], wrong: str
) -> None:
    response = post(client, auth, melding_body(**fields))
    assert response.status_code == 422
    assert {error["loc"][-1] for error in response.json()["detail"]} == {wrong}


def test_health_needs_no_token(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}


def test_optional_voor_wie_and_bereikbaar_are_stored(
    client: TestClient, auth: dict[str, str]
) -> None:
    body = melding_body(voor_wie="naaste", bereikbaar="Op werkdagen na 14:00")
    response = post(client, auth, body)
    assert response.status_code == 201, response.text
    assert response.json()["voor_wie"] == "naaste"
    assert response.json()["bereikbaar"] == "Op werkdagen na 14:00"
    assert post(client, auth, melding_body(), key="old-client").json()["voor_wie"] is None
    bad = post(client, auth, melding_body(voor_wie="buurman", bereikbaar="x" * 201), key="bad")
    assert bad.status_code == 422
    assert {error["loc"][-1] for error in bad.json()["detail"]} == {"voor_wie", "bereikbaar"}


@pytest.mark.parametrize(
    ("received", "spoed", "deadline", "tekst"),
    [
        # Wednesday before noon, spoed: picked up today, before closing time.
        ((2025, 11, 26, 10, 0), True, "2025-11-26T17:00:00+01:00", "vandaag, woensdag 26 november"),
        # Friday afternoon, spoed: Monday at noon; without spoed: Monday 14:00.
        ((2025, 11, 28, 14, 0), True, "2025-12-01T12:00:00+01:00", "maandag 1 december"),
        ((2025, 11, 28, 14, 0), False, "2025-12-01T14:00:00+01:00", "maandag 1 december"),
        # Received Tuesday 06:00: due Wednesday 06:00, before opening, so the inwoner hears
        # "today" (Tuesday).
        ((2025, 11, 25, 6, 0), False, "2025-11-26T06:00:00+01:00", "vandaag, dinsdag 25 november"),
        # 24 December 2026 is a closing day in the example file, then Christmas and the
        # weekend: spoed on Monday 28th at noon.
        ((2026, 12, 24, 9, 0), True, "2026-12-28T12:00:00+01:00", "maandag 28 december"),
    ],
)
def test_deadline_and_its_text_for_the_inwoner(
    client: TestClient,
    auth: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    received: tuple[int, int, int, int, int],
    spoed: bool,
    deadline: str,
    tekst: str,
) -> None:
    """With the example organisation file: Mon-Thu 8.30-17.00, Fri 8.30-12.30, spoed before 12."""
    year, month, day, hour, minute = received
    now = datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)
    monkeypatch.setattr(service, "utcnow", lambda: now)
    melding = post(client, auth, melding_body(spoed=spoed)).json()
    assert melding["deadline"] == deadline
    assert melding["deadline_tekst"] == f"uiterlijk {tekst}"
    status = client.get(f"/api/v1/status/{melding['referentie']}", headers=auth).json()
    assert status["status_tekst"].endswith(f"uiterlijk {tekst}.")


def test_status_lookup_by_referentie_tells_only_the_status(
    client: TestClient, auth: dict[str, str]
) -> None:
    melding = post(client, auth, melding_body()).json()
    response = client.get(f"/api/v1/status/{melding['referentie']}", headers=auth)
    assert response.status_code == 200
    assert response.json() == {
        "referentie": melding["referentie"],
        "status": "nieuw",
        "opgepakt": False,
        "status_tekst": "Uw melding is ontvangen. Een medewerker neemt contact met u op, "
        + melding["deadline_tekst"]
        + ".",
    }
    assert client.get(f"/api/v1/status/{melding['referentie']}").status_code == 401
    assert client.get("/api/v1/status/VD-222222", headers=auth).status_code == 404
    assert client.get("/api/v1/status/VD-<b>", headers=auth).status_code == 422
