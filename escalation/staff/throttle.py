"""Login throttling (an exponential back-off per client and per account) and bounded checks.

Every login attempt is counted *before* the password is checked (a slot is claimed atomically),
so concurrent guesses cannot slip past the count. After ``free`` attempts a key must wait
``base * 2**(count - free)`` seconds (at most ``cap``) since its last attempt; an attempt that
must wait is refused without touching any key, so a refused check creates nothing.

- Per client: the count is kept until ``ttl`` seconds after the last attempt, so one client
  that keeps guessing soon waits the full cap between guesses.
- Per account: the count runs from the first attempt for ``ttl`` seconds, then starts again.
  One client that keeps guessing a named account is slowed by its own back-off to a few guesses
  per window, too few to lock that account; the account waits only while many clients guess.

The counts live in Redis (with a TTL on every key) when ``ESCALATION_REDIS_URL`` is set, so
several instances share them, else in a bounded in-memory store. Keys are hashes: a password
typed in the username field is never stored.

A password check (argon2, 64 MiB and tens of milliseconds each) runs in a worker thread, at most
``checks`` at a time; a login that cannot start its check within ``check_timeout`` seconds is
answered "busy" instead of queueing without end.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

import anyio
import anyio.to_thread
import redis.asyncio as redis_asyncio
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
T = TypeVar("T")


class LoginBusy(Exception):
    """Too many password checks are running; the login is refused for now."""


@dataclass(frozen=True)
class BackOff:
    """How long a key waits after ``free`` attempts; ``refresh``: the TTL restarts each time."""

    free: int
    ttl: int
    refresh: bool
    base: float = 1.0
    cap: float = 15 * 60

    def wait(self, count: int) -> float:
        """Seconds to wait after the last attempt, once ``count`` attempts were made."""
        if count < self.free:
            return 0.0
        return min(self.cap, self.base * 2.0 ** min(count - self.free, 30))


CLIENT_BACKOFF = BackOff(free=10, ttl=2 * 15 * 60, refresh=True)
ACCOUNT_BACKOFF = BackOff(free=5, ttl=15 * 60, refresh=False)


class AttemptStore(Protocol):
    """Where attempt counts live."""

    async def claim(self, key: str, backoff: BackOff, now: float) -> float:
        """Count one attempt and return 0, or return the seconds still to wait (no change)."""
        ...

    async def forget(self, key: str) -> None:
        """Drop the count of ``key``."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...


class MemoryAttemptStore:
    """Counts in this process, at most ``max_keys`` of them (the least recently used go first).

    All access happens on the event loop without awaiting in between, so a claim is atomic.
    """

    def __init__(self, max_keys: int = 10_000) -> None:
        self.max_keys = max_keys
        self._entries: OrderedDict[str, tuple[int, float, float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    async def claim(self, key: str, backoff: BackOff, now: float) -> float:
        count, last, expires = self._entries.get(key, (0, 0.0, 0.0))
        if expires <= now:
            count, last, expires = 0, 0.0, now + backoff.ttl
        remaining = last + backoff.wait(count) - now
        if remaining > 0:
            return remaining
        if backoff.refresh:
            expires = now + backoff.ttl
        self._entries[key] = (count + 1, now, expires)
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_keys:
            self._entries.popitem(last=False)
        return 0.0

    async def forget(self, key: str) -> None:
        self._entries.pop(key, None)

    async def close(self) -> None:
        self._entries.clear()


# KEYS[1]: the key; ARGV: now, free, base, cap, ttl, refresh (1/0). Returns the wait as a string.
_CLAIM_SCRIPT = """
local count = tonumber(redis.call('HGET', KEYS[1], 'c') or '0')
local last = tonumber(redis.call('HGET', KEYS[1], 'l') or '0')
local now, free = tonumber(ARGV[1]), tonumber(ARGV[2])
local base, cap = tonumber(ARGV[3]), tonumber(ARGV[4])
local wait = 0
if count >= free then wait = math.min(cap, base * 2 ^ math.min(count - free, 30)) end
local remaining = last + wait - now
if remaining > 0 then return tostring(remaining) end
redis.call('HSET', KEYS[1], 'c', count + 1, 'l', ARGV[1])
if ARGV[6] == '1' or count == 0 then redis.call('EXPIRE', KEYS[1], ARGV[5]) end
return '0'
"""


class RedisAttemptStore:
    """Counts in Redis, shared by every instance; each key expires on its own."""

    def __init__(self, url: str, prefix: str = "voordeur-escalation:login:") -> None:
        self._redis = redis_asyncio.Redis.from_url(url, socket_timeout=2)
        self._claim = self._redis.register_script(_CLAIM_SCRIPT)
        self.prefix = prefix

    async def claim(self, key: str, backoff: BackOff, now: float) -> float:
        args = [now, backoff.free, backoff.base, backoff.cap, backoff.ttl, int(backoff.refresh)]
        return float(await self._claim(keys=[self.prefix + key], args=args))

    async def forget(self, key: str) -> None:
        await self._redis.delete(self.prefix + key)

    async def close(self) -> None:
        await self._redis.aclose()


def _key(kind: str, value: str) -> str:
    return f"{kind}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"


class LoginThrottle:
    """Counts login attempts per client and per account; see the module docstring."""

    def __init__(
        self,
        store: AttemptStore,
        client: BackOff = CLIENT_BACKOFF,
        account: BackOff = ACCOUNT_BACKOFF,
        checks: int = 2,
        check_timeout: float = 10.0,
    ) -> None:
        self.store = store
        self.client = client
        self.account = account
        self.checks = checks
        self.check_timeout = check_timeout
        self._limiter: anyio.CapacityLimiter | None = None
        # Used while Redis is unreachable: staff can still sign in, and guessing is still slowed.
        self._fallback = MemoryAttemptStore()

    async def _claim(self, key: str, backoff: BackOff, now: float) -> float:
        try:
            return await self.store.claim(key, backoff, now)
        except RedisError as exc:
            logger.error("Login throttle store failed, counting in memory: %s", exc)
            return await self._fallback.claim(key, backoff, now)

    async def attempt(self, client: str, username: str) -> float:
        """Count one attempt before the password is checked: 0 to go on, else seconds to wait."""
        now = time.time()
        wait = await self._claim(_key("client", client), self.client, now)
        if wait > 0:
            return wait
        return await self._claim(_key("account", username), self.account, now)

    async def succeeded(self, username: str) -> None:
        """The account's own count starts again after a correct password."""
        key = _key("account", username)
        try:
            await self.store.forget(key)
        except RedisError as exc:
            logger.error("Login throttle store failed: %s", exc)
        await self._fallback.forget(key)

    async def check(self, function: Callable[..., T], *args: object) -> T:
        """Run a password check in a worker thread, at most ``checks`` at once; or LoginBusy."""
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.checks)
        try:
            with anyio.fail_after(self.check_timeout):
                return await anyio.to_thread.run_sync(function, *args, limiter=self._limiter)
        except TimeoutError as exc:
            raise LoginBusy from exc

    async def close(self) -> None:
        """Release the store's connections."""
        await self.store.close()


def make_login_throttle(redis_url: str | None) -> LoginThrottle:
    """Redis-backed when a URL is configured, else in memory."""
    store: AttemptStore = RedisAttemptStore(redis_url) if redis_url else MemoryAttemptStore()
    return LoginThrottle(store)
