"""Rate limits per sender and per client address, with the ``limits`` library.

The counters live in Redis when ``GATEWAY_REDIS_URL`` is set, so several gateway instances
share them; otherwise in this process's memory. The sliding-window-counter strategy weighs the
previous window's count by how much of it still overlaps, so a burst at the edge of a fixed
window cannot double the limit. (The moving-window strategy is exact, but its in-memory store
scans every key's hit list on each request: it cost the gateway about 10 ms per message under
load, see docs/performance.md.)
"""

from __future__ import annotations

import logging
import math
import time

from limits import RateLimitItemPerSecond
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from limits.errors import StorageError
from limits.storage import storage_from_string

logger = logging.getLogger(__name__)


def make_storage(redis_url: str | None) -> Storage:
    """Redis (redis-py's asyncio client) when a URL is given, else in-memory counters."""
    if not redis_url:
        return MemoryStorage()
    uri = redis_url if redis_url.startswith("async+") else "async+" + redis_url
    return storage_from_string(
        uri, implementation="redispy", key_prefix="voordeur-gateway", wrap_exceptions=True
    )


class RateLimits:
    """One limit per sender and one per client address, for one kind of request."""

    def __init__(
        self,
        storage: Storage,
        name: str,
        per_sender: int,
        per_client: int,
        window_seconds: int,
    ) -> None:
        self._limiter = SlidingWindowCounterRateLimiter(storage)
        self._name = name
        self._sender = RateLimitItemPerSecond(per_sender, window_seconds)
        self._client = RateLimitItemPerSecond(per_client, window_seconds)

    async def check(self, sender: str | None, client: str | None) -> int | None:
        """Count one hit; ``None`` when allowed, else the seconds to wait (at least 1).

        ``sender`` is a pseudonym and ``client`` an address; both are only used as counter
        keys. When the counter store fails the request is let through (and logged): a broken
        Redis must not silence the chat.
        """
        checks = [(self._client, "client", client), (self._sender, "sender", sender)]
        try:
            for item, kind, key in checks:
                if key is None:
                    continue
                if not await self._limiter.hit(item, self._name, kind, key):
                    stats = await self._limiter.get_window_stats(item, self._name, kind, key)
                    return max(1, math.ceil(stats.reset_time - time.time()))
        except StorageError as exc:
            logger.error("rate limit store failed, request let through: %s", exc)
        return None
