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


def gesprek(
    activation: float = 1_764_000_100.25, kanaal: str | None = None
) -> list[dict[str, Any]]:
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
        {"event": "action", "name": "melding_form", "timestamp": activation - 0.01},
        {"event": "active_loop", "name": "melding_form", "timestamp": activation},
        {"event": "bot", "text": None, "timestamp": 1_764_000_100.5, "data": {}},
        {"event": "bot", "text": "Waar gaat uw vraag over?", "timestamp": 1_764_000_101.0},
        {"event": "user", "text": "Mantelzorg", "timestamp": 1_764_000_110.0},
        {"event": "slot", "name": "onderwerp", "value": "Mantelzorg", "timestamp": 1_764_000_110.1},
    ]


def test_transcript_current_session_with_button_titles_and_iso_time() -> None:
    rows = melding.transcript(gesprek())
    assert rows == [
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


def test_transcript_unknown_payload_stays_and_time_may_be_missing() -> None:
    rows = melding.transcript([{"event": "user", "text": "/affirm"}])
    assert rows == [{"van": "inwoner", "tekst": "/affirm", "tijd": None}]


def test_kanaal_from_metadata_else_web() -> None:
    assert melding.kanaal(gesprek(kanaal="telegram")) == "telegram"
    assert melding.kanaal(gesprek(kanaal="TEST")) == "test"
    assert melding.kanaal(gesprek(kanaal="fax")) == "web"
    assert melding.kanaal(gesprek()) == "web"
    assert melding.kanaal([]) == "web"


def test_idempotency_key_stable_per_form() -> None:
    content = {"onderwerp": "Mantelzorg"}
    first = melding.idempotency_key("abc", gesprek(), content)
    # Same form instance, more events later (e.g. the retry): same key.
    later = [*gesprek(), {"event": "user", "text": "ja", "timestamp": 1_764_000_999.0}]
    assert melding.idempotency_key("abc", later, content) == first
    # Another form instance or another conversation: another key.
    assert melding.idempotency_key("abc", gesprek(activation=1_764_000_500.0), content) != first
    assert melding.idempotency_key("xyz", gesprek(), content) != first
    assert first.startswith("voordeur-")
    assert 1 <= len(first) <= 200
    assert first.isprintable()


def test_idempotency_key_without_activation_uses_the_content() -> None:
    idem_key = melding.idempotency_key("abc", [], {"onderwerp": "A"})
    assert idem_key == melding.idempotency_key("abc", [], {"onderwerp": "A"})
    assert idem_key != melding.idempotency_key("abc", [], {"onderwerp": "B"})


def test_idempotency_key_uses_the_latest_activation() -> None:
    events = [*gesprek(activation=1.0), *gesprek(activation=2.0)]
    assert melding.idempotency_key("s", events, {}) == melding.idempotency_key(
        "s", gesprek(activation=2.0), {}
    )


def test_payload_follows_the_contract() -> None:
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


def test_payload_spoed_and_toestemming_are_always_bool() -> None:
    body = melding.payload({"spoed": None, "toestemming": None}, "s", [])
    assert body["spoed"] is False
    assert body["toestemming"] is False


def test_missing_fields() -> None:
    assert melding.missing_fields(SLOTS) == []
    assert melding.missing_fields({**SLOTS, "telefoon": None}) == ["telefoon"]
    assert melding.missing_fields({**SLOTS, "toestemming": False}) == ["toestemming"]
