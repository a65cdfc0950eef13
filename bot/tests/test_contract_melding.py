"""The bot's melding payload is a valid body by the escalation API's committed contract.

The action server runs in the Rasa environment and cannot import the escalation service, so it
checks its payload against docs/escalation-openapi.json (kept equal to the app by
escalation/tests/test_contract.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from actions import melding
from jsonschema import Draft202012Validator
from test_bot_melding import SLOTS, gesprek

CONTRACT = Path(__file__).resolve().parents[2] / "docs" / "escalation-openapi.json"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    document = json.loads(CONTRACT.read_text("utf-8"))
    schema = {"$ref": "#/components/schemas/MeldingIn", "components": document["components"]}
    return Draft202012Validator(schema)


@pytest.mark.parametrize(
    "slots",
    [
        SLOTS,
        {**SLOTS, "spoed": True, "voor_wie": "naaste", "bereikbaar": "'s ochtends"},
        {**SLOTS, "contactwijze": "email", "email": "anna@voorbeeld.nl", "telefoon": None},
        {**SLOTS, "veiligheid": True, "veilig_contact": "alleen na 18 uur, geen voicemail"},
    ],
)
def test_the_payload_follows_the_contract(
    validator: Draft202012Validator, slots: dict[str, Any]
) -> None:
    body = melding.payload(slots, "web-sender-1", gesprek(kanaal="telegram"))
    errors = [error.message for error in validator.iter_errors(body)]
    assert errors == []


def test_the_contract_catches_a_wrong_field(validator: Draft202012Validator) -> None:
    body = {**melding.payload(SLOTS, "web-sender-1", gesprek()), "kanaal": "fax", "extra": 1}
    assert len(list(validator.iter_errors(body))) >= 2
