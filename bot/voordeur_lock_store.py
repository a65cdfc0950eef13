"""A Redis lock store for several Rasa instances whose ticket updates are atomic.

Rasa 3.6's ``RedisLockStore`` reads a conversation's ticket lock, changes it in Python and
writes it back. Two instances that do that at the same moment overwrite each other's ticket,
and then both handle a message of the same conversation at once (RasaHQ/rasa#9213; the fix,
``ConcurrentRedisLockStore``, is only in Rasa Pro). Here every read-change-write is one Redis
transaction (WATCH/MULTI/EXEC, retried when another instance changed the lock in between).

Use it in the endpoints file: ``lock_store: {type: voordeur_lock_store.AtomicRedisLockStore,
url: <host>, port: <port>, db: <n>, key_prefix: <prefix>}``; Rasa must be started from ``bot/``
(``python -m voordeur_rasa``), so the module can be imported.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

# Given the lock now stored (or None), return the lock to store (None: delete) and a result.
Change = Callable[[TicketLock | None], tuple[TicketLock | None, Any]]


class AtomicRedisLockStore(RedisLockStore):
    """``RedisLockStore`` with atomic ticket issue, expiry and clean-up."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url or "localhost", **endpoint_config.kwargs)

    def _change(self, conversation_id: str, change: Change) -> Any:
        key = self.key_prefix + conversation_id
        outcome: dict[str, Any] = {}

        def transaction(pipe: Any) -> None:
            stored = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(stored)) if stored else None
            new_lock, outcome["result"] = change(lock)
            pipe.multi()
            if new_lock is None:
                pipe.delete(key)
            else:
                pipe.set(key, new_lock.dumps())

        self.red.transaction(transaction, key)
        return outcome["result"]

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """A new ticket for ``conversation_id``; creates the lock when there is none."""

        def issue(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        """Remove expired tickets."""

        def expire(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, expire)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Finish ``ticket_number``; delete the lock when nobody else is waiting."""

        def finish(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._change(conversation_id, finish)
