"""Several Rasa instances share one conversation lock: never two holders at the same moment."""

from __future__ import annotations

import asyncio
import os
import threading
import time
import uuid

import pytest
import redis
from rasa.utils.endpoints import EndpointConfig
from voordeur_lock_store import AtomicRedisLockStore

WORKERS = 6
ROUNDS = 15


def lock_store() -> AtomicRedisLockStore:
    config = EndpointConfig(
        url="127.0.0.1", port=6379, db=1, key_prefix="voordeurtest", type="unused"
    )
    return AtomicRedisLockStore(config)


@pytest.fixture(autouse=True)
def _redis() -> None:
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_timeout=1).ping()
    except redis.RedisError as exc:
        reason = f"Redis not reachable at 127.0.0.1:6379: {exc}"
        if os.environ.get("VOORDEUR_REQUIRE_REDIS") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


def test_one_holder_at_a_time_across_instances() -> None:
    conversation = f"web-{uuid.uuid4().hex}"
    holders: list[int] = []
    most_at_once = 0
    handled = 0
    guard = threading.Lock()

    async def handle_messages(store: AtomicRedisLockStore) -> None:
        nonlocal most_at_once, handled
        for _ in range(ROUNDS):
            async with store.lock(conversation, wait_time_in_seconds=0.001):
                with guard:
                    holders.append(1)
                    most_at_once = max(most_at_once, len(holders))
                time.sleep(0.002)  # the work of one message, blocking like Rasa's
                with guard:
                    holders.pop()
                    handled += 1

    # Each thread is one Rasa instance: its own event loop and its own Redis connection.
    threads = [
        threading.Thread(target=asyncio.run, args=(handle_messages(lock_store()),))
        for _ in range(WORKERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert handled == WORKERS * ROUNDS
    assert most_at_once == 1
    assert lock_store().get_lock(conversation) is None  # cleaned up after the last message
