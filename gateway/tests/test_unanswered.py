"""The store of messages Rasa did not answer: bounded, expiring, in memory or in Redis."""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator

import pytest
import redis
from pydantic import SecretStr

from gateway.settings import Settings
from gateway.tests.conftest import PSEUDONYM_KEY
from gateway.tests.redis_check import reachable_redis_url
from gateway.unanswered import (
    MESSAGES_PER_SENDER,
    MemoryUnansweredStore,
    RedisUnansweredStore,
    UnansweredStore,
    make_unanswered_store,
    redis_key,
)


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def redis_url() -> str:
    return reachable_redis_url()


@pytest.fixture
async def redis_store(redis_url: str) -> AsyncIterator[UnansweredStore]:
    store = make_unanswered_store(
        Settings(
            pseudonym_key=SecretStr(PSEUDONYM_KEY), redis_url=redis_url, callback_outage_seconds=600
        )
    )
    assert isinstance(store, RedisUnansweredStore)
    try:
        yield store
    finally:
        await store.aclose()


def fresh_sender() -> str:
    return f"web-test-{uuid.uuid4().hex}"


async def test_memory_keeps_the_last_messages_per_sender_in_order() -> None:
    store = MemoryUnansweredStore(max_senders=10, seconds=60)
    for number in range(MESSAGES_PER_SENDER + 2):
        await store.add("web-a", f"bericht {number}")
    kept = await store.get("web-a")
    assert [m.tekst for m in kept] == [f"bericht {n}" for n in range(2, MESSAGES_PER_SENDER + 2)]
    assert all(message.tijd.tzinfo is not None for message in kept)


async def test_memory_forgets_the_least_recently_used_sender_first() -> None:
    store = MemoryUnansweredStore(max_senders=2, seconds=60)
    await store.add("web-a", "a")
    await store.add("web-b", "b")
    await store.add("web-a", "a2")
    await store.add("web-c", "c")
    assert await store.get("web-b") == []
    assert [m.tekst for m in await store.get("web-a")] == ["a", "a2"]


async def test_memory_messages_expire_after_the_last_one() -> None:
    clock = Clock()
    store = MemoryUnansweredStore(max_senders=10, seconds=60, clock=clock)
    await store.add("web-a", "eerste")
    clock.now += 50
    await store.add("web-a", "tweede")  # a new message keeps the sender for another 60 s
    await store.add("web-b", "ander")
    clock.now += 50
    assert [m.tekst for m in await store.get("web-a")] == ["eerste", "tweede"]
    clock.now += 11
    assert await store.get("web-a") == []
    assert await store.get("web-b") == []


async def test_memory_forget_deletes_a_sender() -> None:
    store = MemoryUnansweredStore(max_senders=2, seconds=60)
    await store.add("web-a", "a")
    await store.forget("web-a")
    await store.forget("web-unknown")
    assert await store.get("web-a") == []


def test_without_redis_the_store_is_in_memory() -> None:
    store = make_unanswered_store(Settings(pseudonym_key=SecretStr(PSEUDONYM_KEY)))
    assert isinstance(store, MemoryUnansweredStore)


async def test_redis_keeps_a_capped_list_with_expiry(
    redis_store: UnansweredStore, redis_url: str
) -> None:
    sender = fresh_sender()
    for number in range(MESSAGES_PER_SENDER + 2):
        await redis_store.add(sender, f"bericht {number} – één")
    kept = await redis_store.get(sender)
    assert [m.tekst for m in kept] == [
        f"bericht {n} – één" for n in range(2, MESSAGES_PER_SENDER + 2)
    ]
    assert all(message.tijd.tzinfo is not None for message in kept)

    client = redis.Redis.from_url(redis_url)
    try:
        assert client.llen(redis_key(sender)) == MESSAGES_PER_SENDER
        assert 590 <= client.ttl(redis_key(sender)) <= 600
        await redis_store.forget(sender)
        assert client.exists(redis_key(sender)) == 0
    finally:
        client.close()
    assert await redis_store.get(sender) == []


async def test_a_broken_redis_does_not_break_the_chat(caplog: pytest.LogCaptureFixture) -> None:
    store = make_unanswered_store(
        Settings(pseudonym_key=SecretStr(PSEUDONYM_KEY), redis_url="redis://127.0.0.1:1/0")
    )
    try:
        await store.add("web-a", "Mijn geheime vraag")
        assert await store.get("web-a") == []
        await store.forget("web-a")
    finally:
        await store.aclose()
    errors = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert len(errors) == 3
    assert "Mijn geheime vraag" not in caplog.text
