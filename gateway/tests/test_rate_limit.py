"""Rate limits per sender and per client address, in memory and shared through Redis."""

from __future__ import annotations

import uuid

import httpx
import pytest

from gateway.rate_limit import RateLimits, make_storage
from gateway.tests.conftest import GatewayFactory
from gateway.tests.rasa_stand_in import RasaStandIn
from gateway.tests.redis_check import reachable_redis_url


@pytest.fixture
def redis_url() -> str:
    return reachable_redis_url()


async def say(client: httpx.AsyncClient, session_id: str | None = None) -> httpx.Response:
    return await client.post("/api/v1/chat", json={"session_id": session_id, "message": "hoi"})


async def test_too_many_messages_from_one_sender(
    gateway_factory: GatewayFactory, rasa: RasaStandIn
) -> None:
    async with gateway_factory(rasa_url=rasa.url, chat_limit_per_sender=3) as client:
        session_id = (await say(client)).json()["session_id"]
        assert (await say(client, session_id)).status_code == 200
        assert (await say(client, session_id)).status_code == 200
        refused = await say(client, session_id)
        other = await say(client)  # another conversation from the same address is fine
    assert refused.status_code == 429
    assert "Wacht even" in refused.json()["detail"]
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert other.status_code == 200
    assert len(rasa.received) == 4


async def test_too_many_messages_from_one_address(
    gateway_factory: GatewayFactory, rasa: RasaStandIn
) -> None:
    async with gateway_factory(rasa_url=rasa.url, chat_limit_per_client=2) as client:
        statuses = [(await say(client)).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert all("127.0.0.1" not in str(body) for body in rasa.received)


async def test_counters_are_shared_through_redis(
    gateway_factory: GatewayFactory, rasa: RasaStandIn, redis_url: str
) -> None:
    key = f"pseudonym-key-{uuid.uuid4().hex}"  # fresh counters for this test run
    settings = {
        "rasa_url": rasa.url,
        "redis_url": redis_url,
        "pseudonym_key": key,
        "chat_limit_per_sender": 2,
    }
    async with gateway_factory(**settings) as one, gateway_factory(**settings) as two:
        session_id = (await say(one)).json()["session_id"]
        assert (await say(two, session_id)).status_code == 200
        assert (await say(one, session_id)).status_code == 429
        assert (await say(two, session_id)).status_code == 429


async def test_a_broken_counter_store_lets_messages_through() -> None:
    limits = RateLimits(make_storage("redis://127.0.0.1:1/0"), "test", 1, 1, 60)
    assert await limits.check("sender", "client") is None
    assert await limits.check("sender", "client") is None
