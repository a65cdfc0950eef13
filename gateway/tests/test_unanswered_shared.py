"""Unanswered messages in Redis: shared by gateway instances, kept over a restart, wiped on wissen.

Real parts: two (and then a third, "restarted") gateway apps on one Redis, a Rasa address where
nothing listens, the escalation stand-in that receives the call-back melding, Telegram through
the real python-telegram-bot library against the Bot API stand-in.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import redis

from gateway.pseudonym import sender_id
from gateway.tests.bot_api_stand_in import BotApiStandIn
from gateway.tests.conftest import ESCALATION_TOKEN, GatewayFactory
from gateway.tests.escalation_stand_in import EscalationStandIn
from gateway.tests.rasa_stand_in import free_port
from gateway.tests.redis_check import reachable_redis_url
from gateway.tests.test_telegram import CHAT_ID, SECRET, deliver, message_update
from gateway.unanswered import redis_key

TOKEN = ESCALATION_TOKEN


@pytest.fixture
def redis_client() -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(reachable_redis_url(), decode_responses=True)
    try:
        yield client
    finally:
        client.close()


@pytest.fixture
def settings(escalation: EscalationStandIn) -> dict[str, Any]:
    """Gateway settings with Redis, Rasa down and a pseudonym key of its own for this test."""
    return {
        "rasa_url": f"http://127.0.0.1:{free_port()}",
        "redis_url": reachable_redis_url(),
        "pseudonym_key": f"pseudonym-key-{uuid.uuid4().hex}",
        "escalation_url": escalation.url,
        "escalation_api_token": TOKEN,
    }


async def unanswered(client: httpx.AsyncClient, message: str, session_id: str | None) -> str:
    response = await client.post(
        "/api/v1/chat", json={"session_id": session_id, "message": message}
    )
    assert response.status_code == 503
    return str(response.json()["session_id"])


async def call_back(client: httpx.AsyncClient, session_id: str, vraag: str) -> httpx.Response:
    return await client.post(
        "/api/v1/terugbelverzoek",
        json={
            "session_id": session_id,
            "naam": "Anna de Vries",
            "telefoon": "06 12345678",
            "vraag": vraag,
            "toestemming": True,
        },
    )


async def test_two_instances_and_a_restart_share_the_unanswered_messages(
    gateway_factory: GatewayFactory,
    settings: dict[str, Any],
    escalation: EscalationStandIn,
    redis_client: redis.Redis,
) -> None:
    async with gateway_factory(**settings) as one, gateway_factory(**settings) as two:
        session_id = await unanswered(one, "Mijn moeder valt steeds.", None)
        await unanswered(one, "Wie kan er helpen?", session_id)
        response = await call_back(two, session_id, "Hulp voor mijn moeder.")
        assert response.status_code == 200, response.text

    async with gateway_factory(**settings) as restarted:
        response = await call_back(restarted, session_id, "Nog een vraag over mijn moeder.")
        assert response.status_code == 200, response.text
        sender = sender_id(settings["pseudonym_key"], "web", session_id)
        assert redis_client.exists(redis_key(sender)) == 1
        ended = await restarted.post("/api/v1/gesprek/wissen", json={"session_id": session_id})
        assert ended.status_code == 200

    (_, first), (_, second) = escalation.received
    expected = ["Mijn moeder valt steeds.", "Wie kan er helpen?"]
    assert [line["tekst"] for line in first["transcript"]] == expected
    assert [line["tekst"] for line in second["transcript"]] == expected
    assert redis_client.exists(redis_key(sender)) == 0
    assert redis_client.keys(f"*{session_id}*") == []


async def test_telegram_stop_deletes_the_unanswered_messages_in_redis(
    gateway_factory: GatewayFactory, settings: dict[str, Any], redis_client: redis.Redis
) -> None:
    bot_api = BotApiStandIn("123456:shared-test-token").start()
    try:
        telegram = {
            "telegram_token": bot_api.token,
            "telegram_webhook_secret": SECRET,
            "telegram_api_url": bot_api.url,
        }
        sender = sender_id(settings["pseudonym_key"], "telegram", str(CHAT_ID))
        async with gateway_factory(**settings, **telegram) as one:
            await deliver(one, message_update("Ik heb schulden en weet het niet meer."))
            assert "werkt nu even niet" in bot_api.sent()[0]["text"]
        assert redis_client.llen(redis_key(sender)) == 1
        async with gateway_factory(**settings, **telegram) as two:
            await deliver(two, message_update("/stop"))
        assert redis_client.exists(redis_key(sender)) == 0
    finally:
        bot_api.stop()
