"""The test Redis: its URL, or a skip with the reason (a failure when VOORDEUR_REQUIRE_REDIS=1)."""

from __future__ import annotations

import os

import pytest
import redis

REDIS_URL = os.environ.get("VOORDEUR_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def reachable_redis_url() -> str:
    """``REDIS_URL`` when Redis answers a ping; otherwise skip (or fail when it is required)."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as exc:
        reason = f"Redis not reachable at {REDIS_URL}: {exc}"
        if os.environ.get("VOORDEUR_REQUIRE_REDIS") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    finally:
        client.close()
    return REDIS_URL
