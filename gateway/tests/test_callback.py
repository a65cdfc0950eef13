"""Call-back requests when Rasa is down: checks, the melding sent, and nothing lost."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from gateway.callback import BRON
from gateway.tests.conftest import ESCALATION_TOKEN, GatewayFactory
from gateway.tests.escalation_stand_in import DEADLINE_TEKST, EscalationStandIn
from gateway.tests.rasa_stand_in import RasaStandIn, free_port

TOKEN = ESCALATION_TOKEN


@pytest.fixture
async def gateway_rasa_down(
    gateway_factory: GatewayFactory, escalation: EscalationStandIn
) -> AsyncIterator[httpx.AsyncClient]:
    """A gateway whose Rasa does not answer (nothing listens on its port)."""
    async with gateway_factory(
        rasa_url=f"http://127.0.0.1:{free_port()}",
        escalation_url=escalation.url,
        escalation_api_token=TOKEN,
    ) as client:
        yield client


async def unanswered(
    client: httpx.AsyncClient, message: str, session_id: str | None = None
) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/chat", json={"session_id": session_id, "message": message}
    )
    assert response.status_code == 503
    body: dict[str, Any] = response.json()
    return body


def form(session_id: str | None, **changes: Any) -> dict[str, Any]:
    values = {
        "session_id": session_id,
        "naam": "Anna de Vries",
        "telefoon": "06 12345678",
        "vraag": "Ik zoek hulp voor mijn moeder.",
        "toestemming": True,
    }
    values.update(changes)
    return values


async def test_rasa_down_offers_a_call_back_and_the_melding_carries_what_was_typed(
    gateway_rasa_down: httpx.AsyncClient, escalation: EscalationStandIn
) -> None:
    first = await unanswered(gateway_rasa_down, "Mijn moeder valt steeds.")
    assert first["terugbelverzoek"] is True
    assert "terugbellen" in first["detail"] and "112" in first["detail"]
    session_id = first["session_id"]
    await unanswered(gateway_rasa_down, "Wie kan er helpen?", session_id)
    await unanswered(gateway_rasa_down, "/request_human", session_id)  # a button: not kept

    response = await gateway_rasa_down.post("/api/v1/terugbelverzoek", json=form(session_id))
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["referentie"] == "VD-ABC200"
    assert answer["deadline_tekst"] == DEADLINE_TEKST
    assert "VD-ABC200" in answer["detail"] and DEADLINE_TEKST in answer["detail"]

    [(headers, melding)] = escalation.received
    assert headers["authorization"] == f"Bearer {TOKEN}"
    assert headers["idempotency-key"].startswith("terugbel-")
    assert melding["bron"] == BRON == "assistent_niet_beschikbaar"
    assert melding["telefoon"] == "+31612345678"
    assert melding["naam"] == "Anna de Vries"
    assert melding["beschrijving"] == "Ik zoek hulp voor mijn moeder."
    assert melding["toestemming"] is True and melding["kanaal"] == "web"
    assert [line["tekst"] for line in melding["transcript"]] == [
        "Mijn moeder valt steeds.",
        "Wie kan er helpen?",
    ]
    assert melding["gesprek_id"].startswith("web-")
    assert session_id not in json.dumps(melding) and session_id not in str(headers)


async def test_a_double_click_makes_one_melding(
    gateway_rasa_down: httpx.AsyncClient, escalation: EscalationStandIn
) -> None:
    session_id = (await unanswered(gateway_rasa_down, "hallo"))["session_id"]
    first = await gateway_rasa_down.post("/api/v1/terugbelverzoek", json=form(session_id))
    second = await gateway_rasa_down.post("/api/v1/terugbelverzoek", json=form(session_id))
    assert first.json()["referentie"] == second.json()["referentie"]
    keys = {headers["idempotency-key"] for headers, _ in escalation.received}
    assert len(keys) == 1


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"naam": "  "}, "naam", "naam"),
        ({"naam": 12}, "naam", "naam"),
        ({"telefoon": "12345"}, "telefoon", "klopt niet"),
        ({"telefoon": None}, "telefoon", "telefoonnummer"),
        ({"vraag": ""}, "vraag", "vraag"),
        ({"vraag": "x" * 1001}, "vraag", "maximaal 1000"),
        ({"vraag": "hulp\x00"}, "vraag", "niet kunnen lezen"),
        ({"toestemming": False}, "toestemming", "toestemming"),
        ({"toestemming": "ja"}, "toestemming", "toestemming"),
    ],
)
async def test_wrong_fields_get_dutch_messages_per_field(
    gateway_rasa_down: httpx.AsyncClient,
    escalation: EscalationStandIn,
    changes: dict[str, Any],
    field: str,
    words: str,
) -> None:
    session_id = (await unanswered(gateway_rasa_down, "hallo"))["session_id"]
    response = await gateway_rasa_down.post(
        "/api/v1/terugbelverzoek", json=form(session_id, **changes)
    )
    assert response.status_code == 422
    body = response.json()
    assert list(body["fouten"]) == [field]
    assert words in body["fouten"][field]
    assert escalation.received == []


async def test_unknown_or_missing_session_is_refused(
    gateway_rasa_down: httpx.AsyncClient, escalation: EscalationStandIn
) -> None:
    unknown = await gateway_rasa_down.post("/api/v1/terugbelverzoek", json=form("A" * 32))
    assert unknown.status_code == 404
    missing = await gateway_rasa_down.post("/api/v1/terugbelverzoek", json=form(None))
    assert missing.status_code == 422 and "session_id" in missing.json()["fouten"]
    broken = await gateway_rasa_down.post(
        "/api/v1/terugbelverzoek", content=b"{", headers={"Content-Type": "application/json"}
    )
    assert broken.status_code == 422
    assert escalation.received == []


async def test_escalation_failure_tells_the_inwoner_to_call(
    gateway_rasa_down: httpx.AsyncClient, escalation: EscalationStandIn
) -> None:
    session_id = (await unanswered(gateway_rasa_down, "hallo"))["session_id"]
    escalation.status = 500
    response = await gateway_rasa_down.post("/api/v1/terugbelverzoek", json=form(session_id))
    assert response.status_code == 503
    detail = response.json()["detail"]
    assert "lukt nu niet" in detail and "0123 45 67 89" in detail and "112" in detail


async def test_without_escalation_token_no_call_back_is_offered(
    gateway_factory: GatewayFactory,
) -> None:
    async with gateway_factory(rasa_url=f"http://127.0.0.1:{free_port()}") as client:
        body = await unanswered(client, "hallo")
        assert body["terugbelverzoek"] is False
        response = await client.post("/api/v1/terugbelverzoek", json=form(body["session_id"]))
    assert response.status_code == 503


async def test_slow_rasa_times_out_with_the_honest_message(
    gateway_factory: GatewayFactory, rasa: RasaStandIn, escalation: EscalationStandIn
) -> None:
    rasa.delay_seconds = 1.5
    async with gateway_factory(
        rasa_url=rasa.url,
        rasa_timeout_seconds=0.5,
        escalation_url=escalation.url,
        escalation_api_token=TOKEN,
    ) as client:
        body = await unanswered(client, "Ben je er nog?")
        response = await client.post("/api/v1/terugbelverzoek", json=form(body["session_id"]))
    assert response.status_code == 200
    [(_, melding)] = escalation.received
    assert melding["transcript"][0]["tekst"] == "Ben je er nog?"
