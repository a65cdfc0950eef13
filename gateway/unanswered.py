"""Messages Rasa did not answer, kept per sender so a call-back request can carry them.

With ``GATEWAY_REDIS_URL`` they live in Redis: one list per pseudonymised sender, capped at
``MESSAGES_PER_SENDER`` with ``LTRIM`` and expiring after ``GATEWAY_CALLBACK_OUTAGE_SECONDS``
(a call-back is only allowed that long after an outage), so every gateway instance and a
restarted one see them. Without Redis they live in this process's memory, bounded by the
number of senders (least recently used forgotten first) and with the same expiry.

A failing Redis never breaks the chat: the failure is logged (never the message text) and
the call-back melding then goes without those messages.
"""

from __future__ import annotations

import json
import logging
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError

from gateway.settings import Settings

MESSAGES_PER_SENDER = 5
KEY_PREFIX = "voordeur-gateway:onbeantwoord:"
REDIS_TIMEOUT_SECONDS = 2.0

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class UnansweredMessage:
    """One message the inwoner typed, with the time the gateway received it (UTC)."""

    tekst: str
    tijd: datetime


class UnansweredStore(Protocol):
    """Where the last ``MESSAGES_PER_SENDER`` unanswered messages of each sender are kept."""

    async def add(self, sender: str, tekst: str) -> None:
        """Remember ``tekst`` as unanswered for ``sender``."""

    async def get(self, sender: str) -> list[UnansweredMessage]:
        """The unanswered messages of ``sender``, oldest first (kept for a retry)."""

    async def forget(self, sender: str) -> None:
        """Delete everything kept for ``sender``."""

    async def aclose(self) -> None:
        """Release connections."""


class MemoryUnansweredStore:
    """In this process: at most ``max_senders`` senders, each forgotten ``seconds`` after
    their last unanswered message."""

    def __init__(
        self, max_senders: int, seconds: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._max_senders = max_senders
        self._seconds = seconds
        self._clock = clock
        # sender -> (expires at, messages); ordered by last add, which is also expiry order
        self._messages: OrderedDict[str, tuple[float, deque[UnansweredMessage]]] = OrderedDict()

    async def add(self, sender: str, tekst: str) -> None:
        now = self._clock()
        self._drop_expired(now)
        _, messages = self._messages.pop(sender, (0.0, deque(maxlen=MESSAGES_PER_SENDER)))
        messages.append(UnansweredMessage(tekst=tekst, tijd=datetime.now(UTC)))
        self._messages[sender] = (now + self._seconds, messages)
        while len(self._messages) > self._max_senders:
            self._messages.popitem(last=False)

    async def get(self, sender: str) -> list[UnansweredMessage]:
        self._drop_expired(self._clock())
        entry = self._messages.get(sender)
        return list(entry[1]) if entry else []

    async def forget(self, sender: str) -> None:
        self._messages.pop(sender, None)

    async def aclose(self) -> None:
        self._messages.clear()

    def _drop_expired(self, now: float) -> None:
        while self._messages:
            expires, _ = next(iter(self._messages.values()))
            if expires > now:
                return
            self._messages.popitem(last=False)


def redis_key(sender: str) -> str:
    """The Redis list that holds the unanswered messages of ``sender`` (a pseudonym)."""
    return KEY_PREFIX + sender


class RedisUnansweredStore:
    """In Redis, shared by every gateway instance: one capped list per sender, with expiry."""

    def __init__(self, client: Redis, seconds: int) -> None:
        self._client = client
        self._seconds = seconds

    async def add(self, sender: str, tekst: str) -> None:
        key = redis_key(sender)
        item = json.dumps({"tekst": tekst, "tijd": datetime.now(UTC).isoformat()})
        try:
            async with self._client.pipeline(transaction=True) as pipe:
                pipe.rpush(key, item)
                pipe.ltrim(key, -MESSAGES_PER_SENDER, -1)
                pipe.expire(key, self._seconds)
                await pipe.execute()
        except (RedisError, OSError) as exc:
            logger.error("unanswered message of sender %s not kept: %s", sender, _reason(exc))

    async def get(self, sender: str) -> list[UnansweredMessage]:
        try:
            items = await self._client.lrange(redis_key(sender), 0, -1)
        except (RedisError, OSError) as exc:
            logger.error("unanswered messages of sender %s not readable: %s", sender, _reason(exc))
            return []
        messages = []
        for item in items:
            try:
                data = json.loads(item)
                messages.append(
                    UnansweredMessage(
                        tekst=str(data["tekst"]), tijd=datetime.fromisoformat(data["tijd"])
                    )
                )
            except (ValueError, KeyError, TypeError):
                logger.error("an unanswered message of sender %s is unreadable: skipped", sender)
        return messages

    async def forget(self, sender: str) -> None:
        try:
            await self._client.delete(redis_key(sender))
        except (RedisError, OSError) as exc:
            logger.error("unanswered messages of sender %s not deleted: %s", sender, _reason(exc))

    async def aclose(self) -> None:
        await self._client.aclose()


def _reason(exc: Exception) -> str:
    """What went wrong, without anything the inwoner typed (Redis errors carry no values)."""
    return f"{type(exc).__name__}: {exc}"


def make_unanswered_store(settings: Settings) -> UnansweredStore:
    """Redis when ``GATEWAY_REDIS_URL`` is set, else this process's memory."""
    seconds = settings.callback_outage_seconds
    if not settings.redis_url:
        return MemoryUnansweredStore(settings.unanswered_sessions_max, seconds)
    url = settings.redis_url.removeprefix("async+")
    client = Redis.from_url(
        url,
        decode_responses=True,
        socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        socket_timeout=REDIS_TIMEOUT_SECONDS,
    )
    return RedisUnansweredStore(client, seconds)
