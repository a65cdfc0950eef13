"""Attacks on the call-back form (security review M1), performed over HTTP against the gateway.

A call-back is only for a session that met an outage, only to a Dutch mobile or fixed-line
number, and limited per sender, per network (an IPv6 /64) and for all inwoners together. Every
refused attack leaves the escalation service untouched.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from gateway.app import create_app
from gateway.rate_limit import network_key
from gateway.sessions import new_session_id
from gateway.settings import Settings
from gateway.tests.conftest import PSEUDONYM_KEY
from gateway.tests.escalation_stand_in import EscalationStandIn
from gateway.tests.rasa_stand_in import RasaStandIn, free_port
from gateway.tests.test_callback import TOKEN, form, unanswered
from gateway.tests.test_rate_limit import redis_url  # noqa: F401  (a fixture)

NOT_CALLABLE = "alleen terugbellen naar een Nederlands mobiel nummer"
NO_OUTAGE = "alleen als de assistent uw bericht niet kon beantwoorden"

ClientFor = Callable[[str], httpx.AsyncClient]


@asynccontextmanager
async def running_gateway(
    organisation_file: Path, escalation: EscalationStandIn, **overrides: object
) -> AsyncIterator[ClientFor]:
    """A gateway with call-backs on; yields a function that gives a client for an address."""
    values: dict[str, object] = {
        "pseudonym_key": PSEUDONYM_KEY,
        "organisation_file": organisation_file,
        "rasa_url": f"http://127.0.0.1:{free_port()}",  # Rasa is down unless overridden
        "rasa_timeout_seconds": 2,
        "escalation_url": escalation.url,
        "escalation_api_token": TOKEN,
    }
    values.update(overrides)
    app: FastAPI = create_app(Settings(**values))  # type: ignore[arg-type]
    clients: list[httpx.AsyncClient] = []

    def client_for(address: str) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        client = httpx.AsyncClient(transport=transport, base_url="http://gateway")
        clients.append(client)
        return client

    async with app.router.lifespan_context(app):
        try:
            yield client_for
        finally:
            for client in clients:
                await client.aclose()


async def call_back(client: httpx.AsyncClient, session_id: str, **changes: Any) -> httpx.Response:
    return await client.post("/api/v1/terugbelverzoek", json=form(session_id, **changes))


async def outage_session(client: httpx.AsyncClient) -> str:
    """A new session that got the "assistant unavailable" answer."""
    return str((await unanswered(client, "Ik heb hulp nodig."))["session_id"])


async def test_no_call_back_for_a_session_that_met_no_outage(
    organisation_file: Path, escalation: EscalationStandIn, rasa: RasaStandIn
) -> None:
    async with running_gateway(organisation_file, escalation, rasa_url=rasa.url) as client_for:
        client = client_for("192.0.2.10")
        answered = await client.post("/api/v1/chat", json={"message": "hallo"})
        assert answered.status_code == 200
        chatted = await call_back(client, answered.json()["session_id"])
        never_used = await call_back(client, new_session_id(PSEUDONYM_KEY))
    for refused in (chatted, never_used):
        assert refused.status_code == 403
        assert NO_OUTAGE in refused.json()["detail"]
        assert "0123 45 67 89" in refused.json()["detail"]
    assert escalation.received == []


async def test_the_review_demo_premium_number_from_seven_fresh_sessions_is_refused(
    organisation_file: Path, escalation: EscalationStandIn, rasa: RasaStandIn
) -> None:
    async with running_gateway(organisation_file, escalation, rasa_url=rasa.url) as client_for:
        client = client_for("192.0.2.11")
        statuses = []
        for number in range(7):
            session_id = (await client.post("/api/v1/chat", json={"message": "hallo"})).json()[
                "session_id"
            ]
            response = await call_back(
                client, session_id, naam=f"Buurman {number}", telefoon="0900 1234567"
            )
            statuses.append(response.status_code)
    assert set(statuses) == {422}  # the number first; with a good number, 403 (see above)
    assert escalation.received == []


async def test_the_outage_record_expires_and_wissen_deletes_it(
    organisation_file: Path, escalation: EscalationStandIn
) -> None:
    async with running_gateway(
        organisation_file, escalation, callback_outage_seconds=1
    ) as client_for:
        client = client_for("192.0.2.12")
        expired = await outage_session(client)
        deleted = await outage_session(client)
        wissen = await client.post("/api/v1/gesprek/wissen", json={"session_id": deleted})
        assert wissen.status_code == 200
        after_wissen = await call_back(client, deleted)
        await asyncio.sleep(1.2)
        after_expiry = await call_back(client, expired)
    assert after_wissen.status_code == 403 and after_expiry.status_code == 403
    assert escalation.received == []


@pytest.mark.parametrize(
    "telefoon",
    [
        "0900 1234567",
        "0906 123456",
        "0909 123456",
        "0800 1234",
        "0800 123456",
        "088 1234567",
        "+31 900 1234567",
        "+32 470 12 34 56",
        "+44 20 7946 0958",
    ],
)
async def test_service_and_foreign_numbers_are_refused(
    organisation_file: Path, escalation: EscalationStandIn, telefoon: str
) -> None:
    async with running_gateway(organisation_file, escalation) as client_for:
        client = client_for("192.0.2.13")
        response = await call_back(client, await outage_session(client), telefoon=telefoon)
    assert response.status_code == 422
    assert list(response.json()["fouten"]) == ["telefoon"]
    assert NOT_CALLABLE in response.json()["fouten"]["telefoon"]
    assert escalation.received == []


@pytest.mark.parametrize(
    ("telefoon", "e164"),
    [("06 12345678", "+31612345678"), ("020 123 4567", "+31201234567")],
)
async def test_mobile_and_fixed_line_numbers_are_accepted(
    organisation_file: Path, escalation: EscalationStandIn, telefoon: str, e164: str
) -> None:
    async with running_gateway(organisation_file, escalation) as client_for:
        client = client_for("192.0.2.14")
        response = await call_back(client, await outage_session(client), telefoon=telefoon)
    assert response.status_code == 200, response.text
    [(_, melding)] = escalation.received
    assert melding["telefoon"] == e164


def test_an_ipv6_client_is_counted_by_its_64() -> None:
    assert network_key("2001:db8:1:2:aaaa::1") == network_key("2001:db8:1:2:ffff::9")
    assert network_key("2001:db8:1:2::1") == "2001:db8:1:2::/64"
    assert network_key("2001:db8:1:3::1") != network_key("2001:db8:1:2::1")
    assert network_key("::ffff:192.0.2.1") == "192.0.2.1"
    assert network_key("192.0.2.1") == "192.0.2.1"


async def test_many_sessions_from_one_ipv6_network_are_limited(
    organisation_file: Path, escalation: EscalationStandIn
) -> None:
    async with running_gateway(
        organisation_file, escalation, callback_limit_per_client=3
    ) as client_for:
        statuses = []
        for host in range(1, 6):  # a new address and a new session for every request
            client = client_for(f"2001:db8:1:2::{host:x}")
            statuses.append((await call_back(client, await outage_session(client))).status_code)
        neighbour = client_for("2001:db8:1:3::1")  # the next /64 has its own budget
        other_network = await call_back(neighbour, await outage_session(neighbour))
    assert statuses == [200, 200, 200, 429, 429]
    assert other_network.status_code == 200
    assert len(escalation.received) == 4


async def test_the_global_budget_refuses_with_retry_after(
    organisation_file: Path, escalation: EscalationStandIn
) -> None:
    async with running_gateway(
        organisation_file, escalation, callback_limit_global=2
    ) as client_for:
        responses = []
        for network in range(1, 5):  # every request from another network and session
            client = client_for(f"198.51.100.{network}")
            responses.append(await call_back(client, await outage_session(client)))
    assert [response.status_code for response in responses] == [200, 200, 429, 429]
    refused = responses[-1]
    assert 1 <= int(refused.headers["retry-after"]) <= 3600
    detail = refused.json()["detail"]
    assert "terugbelverzoek" in detail and "0123 45 67 89" in detail and "112" in detail
    assert len(escalation.received) == 2


async def test_outage_records_and_the_global_budget_are_shared_through_redis(
    organisation_file: Path,
    escalation: EscalationStandIn,
    rasa: RasaStandIn,
    redis_url: str,  # noqa: F811
) -> None:
    import redis

    store = redis.Redis.from_url(redis_url)
    for key in store.scan_iter("voordeur-gateway*terugbelverzoek/totaal*"):
        store.delete(key)  # the global counter of an earlier run
    store.close()
    shared = {
        "redis_url": redis_url,
        "pseudonym_key": f"pseudonym-key-{uuid.uuid4().hex}",  # fresh keys for this run
        "callback_limit_global": 2,
    }
    async with (
        running_gateway(organisation_file, escalation, **shared) as down,
        running_gateway(organisation_file, escalation, rasa_url=rasa.url, **shared) as up,
    ):
        met_outage = [
            (await unanswered(down(f"203.0.113.{n}"), "hallo"))["session_id"] for n in (1, 2, 3)
        ]
        healthy = (await up("203.0.113.9").post("/api/v1/chat", json={"message": "hallo"})).json()
        no_outage = await call_back(up("203.0.113.9"), healthy["session_id"])
        statuses = [
            (await call_back(up(f"203.0.113.{n}"), session_id)).status_code
            for n, session_id in zip((1, 2, 3), met_outage, strict=True)
        ]
    assert no_outage.status_code == 403
    assert statuses == [200, 200, 429]
    assert len(escalation.received) == 2
