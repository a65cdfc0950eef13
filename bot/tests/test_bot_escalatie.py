"""The HTTP client against a real (tiny) HTTP server: no mocking of requests."""

from __future__ import annotations

import time

import pytest
from actions.escalatie import EscalatieFout, Instellingen, verstuur_melding

BODY = {"onderwerp": "Mantelzorg", "naam": "Jan", "telefoon": "+31612345678"}


def test_succes_stuurt_token_sleutel_en_json(escalatie) -> None:
    resultaat = verstuur_melding(BODY, "sleutel-1", Instellingen(escalatie.url, "geheim"))
    assert resultaat["referentie"] == "VD-ABC234"
    assert resultaat["deadline_tekst"] == "uiterlijk woensdag 26 november om 14:00"
    [verzoek] = escalatie.verzoeken
    assert verzoek.path == "/api/v1/meldingen"
    assert verzoek.headers["Authorization"] == "Bearer geheim"
    assert verzoek.headers["Idempotency-Key"] == "sleutel-1"
    assert verzoek.headers["Content-Type"] == "application/json"
    assert verzoek.body == BODY


def test_url_met_slash_aan_het_eind(escalatie, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESCALATION_URL", escalatie.url + "/")
    monkeypatch.setenv("ESCALATION_API_TOKEN", "dev")
    instellingen = Instellingen.uit_omgeving()
    assert instellingen == Instellingen(escalatie.url, "dev")
    verstuur_melding(BODY, "k", instellingen)
    assert escalatie.verzoeken[0].path == "/api/v1/meldingen"


def test_standaard_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ESCALATION_URL", raising=False)
    monkeypatch.delenv("ESCALATION_API_TOKEN", raising=False)
    assert Instellingen.uit_omgeving() == Instellingen("http://127.0.0.1:8001", None)


def test_een_keer_opnieuw_bij_5xx_met_dezelfde_sleutel(escalatie) -> None:
    escalatie.antwoorden.append((503, {"detail": "even niet"}))
    resultaat = verstuur_melding(BODY, "sleutel-2", Instellingen(escalatie.url, "t"), pauze=0)
    assert resultaat["referentie"] == "VD-ABC234"
    assert [v.headers["Idempotency-Key"] for v in escalatie.verzoeken] == ["sleutel-2"] * 2
    assert escalatie.verzoeken[0].body == escalatie.verzoeken[1].body


def test_twee_keer_5xx_is_een_fout(escalatie) -> None:
    escalatie.antwoorden += [(500, {}), (502, {})]
    with pytest.raises(EscalatieFout, match="HTTP 502"):
        verstuur_melding(BODY, "k", Instellingen(escalatie.url, "t"), pauze=0)
    assert len(escalatie.verzoeken) == 2


@pytest.mark.parametrize("status", [400, 401, 409, 422])
def test_geen_retry_bij_4xx(escalatie, status: int) -> None:
    escalatie.antwoorden.append((status, {"detail": "nee"}))
    with pytest.raises(EscalatieFout, match=f"HTTP {status}"):
        verstuur_melding(BODY, "k", Instellingen(escalatie.url, "t"), pauze=0)
    assert len(escalatie.verzoeken) == 1


def test_422_logt_geen_ingevoerde_gegevens(escalatie) -> None:
    escalatie.antwoorden.append(
        (
            422,
            {
                "detail": [
                    {
                        "loc": ["body", "telefoon"],
                        "msg": "Geen geldig Nederlands telefoonnummer",
                        "input": "+31612345678",
                    }
                ]
            },
        )
    )
    with pytest.raises(EscalatieFout) as info:
        verstuur_melding(BODY, "k", Instellingen(escalatie.url, "t"), pauze=0)
    assert "body.telefoon" in str(info.value)
    assert "+31612345678" not in str(info.value)


def test_antwoord_zonder_referentie_is_een_fout(escalatie) -> None:
    escalatie.antwoorden.append((201, {"id": "x"}))
    with pytest.raises(EscalatieFout, match="referentie"):
        verstuur_melding(BODY, "k", Instellingen(escalatie.url, "t"))


def test_geen_verbinding_probeert_twee_keer_en_is_dan_een_fout(vrije_poort: str) -> None:
    start = time.monotonic()
    with pytest.raises(EscalatieFout, match="ConnectionError"):
        verstuur_melding(BODY, "k", Instellingen(vrije_poort, "t"), pauze=0)
    assert time.monotonic() - start < 5


def test_timeout_probeert_twee_keer_en_is_dan_een_fout(escalatie) -> None:
    escalatie.vertraging = 0.5
    with pytest.raises(EscalatieFout, match="Timeout"):
        verstuur_melding(BODY, "k", Instellingen(escalatie.url, "t"), timeout=(1.0, 0.1), pauze=0)
    assert len(escalatie.verzoeken) == 2


def test_zonder_token_wordt_niets_verstuurd(escalatie) -> None:
    with pytest.raises(EscalatieFout, match="ESCALATION_API_TOKEN"):
        verstuur_melding(BODY, "k", Instellingen(escalatie.url, None))
    assert escalatie.verzoeken == []
