"""The remaining time shown in the inbox, and the Wmo term."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from escalation.countdown import countdown
from escalation.wmo import onderzoek_uiterlijk

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("delta", "tekst", "te_laat"),
    [
        (timedelta(minutes=1, seconds=5), "nog 1 minuut", False),
        (timedelta(minutes=59), "nog 59 minuten", False),
        (timedelta(hours=5, minutes=59), "nog 5 uur", False),
        (timedelta(hours=47), "nog 47 uur", False),
        (timedelta(days=3), "nog 3 dagen", False),
        # Not rounded down to "nog 2 dagen" (browser review 2026-11-27).
        (timedelta(days=2, hours=23, minutes=59), "nog 2 dagen en 23 uur", False),
        (-timedelta(days=4, hours=1), "4 dagen en 1 uur te laat", True),
        (timedelta(seconds=0), "nog 0 minuten", False),
        (-timedelta(minutes=30), "30 minuten te laat", True),
        (-timedelta(hours=6), "6 uur te laat", True),
    ],
)
def test_countdown_text(delta: timedelta, tekst: str, te_laat: bool) -> None:
    result = countdown(NOW + delta, NOW)
    assert (result.tekst, result.te_laat) == (tekst, te_laat)


def test_wmo_term_is_six_weeks() -> None:
    assert onderzoek_uiterlijk(date(2026, 11, 24)) == date(2027, 1, 5)


def test_openapi_documents_the_api_with_its_token_but_not_the_staff_pages(
    client: TestClient,
) -> None:
    schema = client.get("/openapi.json").json()
    assert {
        "/api/v1/meldingen",
        "/api/v1/meldingen/{melding_id}",
        "/api/v1/status/{referentie}",
    } <= set(schema["paths"])
    assert not [path for path in schema["paths"] if path.startswith("/staff")]
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    post = schema["paths"]["/api/v1/meldingen"]["post"]
    assert any(p["name"] == "Idempotency-Key" for p in post["parameters"])
    body = schema["components"]["schemas"]["MeldingIn"]["properties"]
    assert {"voor_wie", "bereikbaar", "spoed", "bron", "veiligheid", "veilig_contact"} <= set(body)
