from __future__ import annotations

from typing import Any

from actions import melding

SLOTS = {
    "onderwerp": "Mantelzorg",
    "beschrijving": "Ik zorg voor mijn moeder en ben op.",
    "toestemming": True,
    "naam": "Jan de Vries",
    "telefoon": "+31612345678",
    "spoed": False,
}


def gesprek(activatie: float = 1_764_000_100.25, kanaal: str | None = None) -> list[dict[str, Any]]:
    metadata = {"kanaal": kanaal} if kanaal else {}
    return [
        {"event": "action", "name": "action_session_start", "timestamp": 1_763_990_000.0},
        {"event": "session_started", "timestamp": 1_763_990_000.1},
        {"event": "user", "text": "oude sessie", "timestamp": 1_763_990_001.0},
        {"event": "session_started", "timestamp": 1_764_000_000.0},
        {"event": "user", "text": "hallo", "timestamp": 1_764_000_001.0, "metadata": metadata},
        {
            "event": "bot",
            "text": "Hallo! Waarmee kan ik u helpen?",
            "timestamp": 1_764_000_001.5,
            "data": {
                "buttons": [
                    {"title": "Ik wil teruggebeld worden", "payload": "/request_human"},
                ]
            },
        },
        {"event": "user", "text": "/request_human", "timestamp": 1_764_000_050.0},
        {"event": "action", "name": "melding_form", "timestamp": activatie - 0.01},
        {"event": "active_loop", "name": "melding_form", "timestamp": activatie},
        {"event": "bot", "text": None, "timestamp": 1_764_000_100.5, "data": {}},
        {"event": "bot", "text": "Waar gaat uw vraag over?", "timestamp": 1_764_000_101.0},
        {"event": "user", "text": "Mantelzorg", "timestamp": 1_764_000_110.0},
        {"event": "slot", "name": "onderwerp", "value": "Mantelzorg", "timestamp": 1_764_000_110.1},
    ]


def test_transcript_alleen_huidige_sessie_met_knoptitels_en_iso_tijd() -> None:
    regels = melding.transcript(gesprek())
    assert regels == [
        {"van": "inwoner", "tekst": "hallo", "tijd": "2025-11-24T16:00:01+00:00"},
        {
            "van": "assistent",
            "tekst": "Hallo! Waarmee kan ik u helpen?",
            "tijd": "2025-11-24T16:00:01+00:00",
        },
        {
            "van": "inwoner",
            "tekst": "Ik wil teruggebeld worden",
            "tijd": "2025-11-24T16:00:50+00:00",
        },
        {
            "van": "assistent",
            "tekst": "Waar gaat uw vraag over?",
            "tijd": "2025-11-24T16:01:41+00:00",
        },
        {"van": "inwoner", "tekst": "Mantelzorg", "tijd": "2025-11-24T16:01:50+00:00"},
    ]


def test_transcript_onbekende_payload_blijft_staan_en_tijd_mag_ontbreken() -> None:
    regels = melding.transcript([{"event": "user", "text": "/affirm"}])
    assert regels == [{"van": "inwoner", "tekst": "/affirm", "tijd": None}]


def test_kanaal_uit_metadata_anders_web() -> None:
    assert melding.kanaal(gesprek(kanaal="telegram")) == "telegram"
    assert melding.kanaal(gesprek(kanaal="TEST")) == "test"
    assert melding.kanaal(gesprek(kanaal="fax")) == "web"
    assert melding.kanaal(gesprek()) == "web"
    assert melding.kanaal([]) == "web"


def test_idempotency_key_stabiel_per_formulier() -> None:
    inhoud = {"onderwerp": "Mantelzorg"}
    eerste = melding.idempotency_key("abc", gesprek(), inhoud)
    # Same form instance, more events later (e.g. the retry): same key.
    later = [*gesprek(), {"event": "user", "text": "ja", "timestamp": 1_764_000_999.0}]
    assert melding.idempotency_key("abc", later, inhoud) == eerste
    # Another form instance or another conversation: another key.
    assert melding.idempotency_key("abc", gesprek(activatie=1_764_000_500.0), inhoud) != eerste
    assert melding.idempotency_key("xyz", gesprek(), inhoud) != eerste
    assert eerste.startswith("voordeur-")
    assert 1 <= len(eerste) <= 200
    assert eerste.isprintable()


def test_idempotency_key_zonder_activatie_gebruikt_de_inhoud() -> None:
    sleutel = melding.idempotency_key("abc", [], {"onderwerp": "A"})
    assert sleutel == melding.idempotency_key("abc", [], {"onderwerp": "A"})
    assert sleutel != melding.idempotency_key("abc", [], {"onderwerp": "B"})


def test_idempotency_key_neemt_de_laatste_activatie() -> None:
    events = [*gesprek(activatie=1.0), *gesprek(activatie=2.0)]
    assert melding.idempotency_key("s", events, {}) == melding.idempotency_key(
        "s", gesprek(activatie=2.0), {}
    )


def test_payload_volgens_contract() -> None:
    body = melding.payload({**SLOTS, "spoed": True}, "sender-1", gesprek(kanaal="telegram"))
    assert body == {
        "onderwerp": "Mantelzorg",
        "beschrijving": "Ik zorg voor mijn moeder en ben op.",
        "naam": "Jan de Vries",
        "telefoon": "+31612345678",
        "email": None,
        "toestemming": True,
        "spoed": True,
        "kanaal": "telegram",
        "gesprek_id": "sender-1",
        "bron": "assistent",
        "transcript": melding.transcript(gesprek()),
    }


def test_payload_spoed_en_toestemming_zijn_altijd_bool() -> None:
    body = melding.payload({"spoed": None, "toestemming": None}, "s", [])
    assert body["spoed"] is False
    assert body["toestemming"] is False


def test_ontbrekende_velden() -> None:
    assert melding.ontbrekende_velden(SLOTS) == []
    assert melding.ontbrekende_velden({**SLOTS, "telefoon": None}) == ["telefoon"]
    assert melding.ontbrekende_velden({**SLOTS, "toestemming": False}) == ["toestemming"]
