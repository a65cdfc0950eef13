"""The gateway's call-back melding is a valid body for the escalation API (its own schema)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from escalation.schemas import MeldingIn
from gateway.callback import CallbackRequest, from_shared_contact, melding_body
from gateway.unanswered import UnansweredMessage

TYPED = [UnansweredMessage("Hallo, is er iemand?", datetime(2026, 11, 28, 1, 0, tzinfo=UTC))]


@pytest.mark.parametrize("kanaal", ["web", "telegram"])
def test_a_call_back_request_is_a_valid_melding(kanaal: str) -> None:
    request = CallbackRequest(
        session_id="web-abc", naam="Anna de Vries", telefoon="+31612345678", vraag="Bel mij aub"
    )
    melding = MeldingIn.model_validate(melding_body(request, "web-abc", TYPED, kanaal=kanaal))
    assert melding.kanaal == kanaal and melding.telefoon == "+31612345678"
    assert [line.tekst for line in melding.transcript] == ["Hallo, is er iemand?"]


def test_a_shared_telegram_contact_is_a_valid_melding() -> None:
    request = from_shared_contact("tg-123", "", "31612345678", [])
    melding = MeldingIn.model_validate(melding_body(request, "tg-123", [], kanaal="telegram"))
    assert melding.naam == "Onbekend (Telegram)" and melding.transcript == []
