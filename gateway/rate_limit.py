"""Rate limits per sender, per client network and in total, with the ``limits`` library.

The counters live in Redis when ``GATEWAY_REDIS_URL`` is set, so several gateway instances
share them; otherwise in this process's memory. The sliding-window-counter strategy weighs the
previous window's count by how much of it still overlaps, so a burst at the edge of a fixed
window cannot double the limit. (The moving-window strategy is exact, but its in-memory store
scans every key's hit list on each request: it cost the gateway about 10 ms per message under
load, see docs/performance.md.)
"""

from __future__ import annotations

import ipaddress
import logging
import math
import time

from limits import RateLimitItemPerSecond
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from limits.errors import StorageError
from limits.storage import storage_from_string

logger = logging.getLogger(__name__)

IPV6_NETWORK_PREFIX = 64


def network_key(address: str | None) -> str | None:
    """The key one client is counted under: an IPv4 address, or the /64 of an IPv6 address.

    One IPv6 household or server gets a whole /64, so counting single IPv6 addresses would
    let one client rotate through billions of keys. An IPv4-mapped address counts as IPv4.
    Anything that is not an IP address (a test client's name) is used as it is.
    """
    if address is None:
        return None
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, IPV6_NETWORK_PREFIX), strict=False))
    return str(parsed)


def make_storage(redis_url: str | None) -> Storage:
    """Redis (redis-py's asyncio client) when a URL is given, else in-memory counters."""
    if not redis_url:
        return MemoryStorage()
    uri = redis_url if redis_url.startswith("async+") else "async+" + redis_url
    storage = storage_from_string(
        uri, implementation="redispy", key_prefix="voordeur-gateway", wrap_exceptions=True
    )
    assert isinstance(storage, Storage), "an async+ scheme always gives an asyncio storage"
    return storage


class RateLimits:
    """Limits for one kind of request: per sender, per client network and optionally in total."""

    def __init__(
        self,
        storage: Storage,
        name: str,
        per_sender: int,
        per_client: int,
        window_seconds: int,
        total: int | None = None,
    ) -> None:
        self._limiter = SlidingWindowCounterRateLimiter(storage)
        self._name = name
        self._sender = RateLimitItemPerSecond(per_sender, window_seconds)
        self._client = RateLimitItemPerSecond(per_client, window_seconds)
        self._total = RateLimitItemPerSecond(total, window_seconds) if total is not None else None

    async def check(self, sender: str | None, client: str | None) -> int | None:
        """Count one hit; ``None`` when allowed, else the seconds to wait (at least 1).

        ``sender`` is a pseudonym and ``client`` a network key (see ``network_key``); both are
        only used as counter keys. The total counts requests that passed the other two; when
        it is used up that is logged as an error (an alert: someone may be abusing the form).
        When the counter store fails the request is let through (and logged): a broken Redis
        must not silence the chat.
        """
        for item, kind, key in ((self._client, "client", client), (self._sender, "sender", sender)):
            if key is not None:
                wait = await self._hit(item, kind, key)
                if wait is not None:
                    return wait
        if self._total is None:
            return None
        wait = await self._hit(self._total, "totaal", "alle")
        if wait is not None:
            logger.error("the total budget of %r is used up; refused for %d s", self._name, wait)
        return wait

    async def _hit(self, item: RateLimitItemPerSecond, kind: str, key: str) -> int | None:
        try:
            if await self._limiter.hit(item, self._name, kind, key):
                return None
            stats = await self._limiter.get_window_stats(item, self._name, kind, key)
        except StorageError as exc:
            logger.error("rate limit store failed, request let through: %s", exc)
            return None
        return max(1, math.ceil(stats.reset_time - time.time()))
