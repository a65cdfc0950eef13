"""A durable outbox for meldingen the escalation service could not take yet.

When the escalation service is unreachable or failing, the action writes the melding here and
a background thread in the action server delivers it as soon as the service is back. The
Idempotency-Key is stored with the body, so a melding that reached the service but whose
answer got lost still results in exactly one melding. Storage is one SQLite file
(``ACTIONS_OUTBOX_PATH``, default ``var/melding-outbox.sqlite3`` in the repository): it
survives a restart of the action server.

A delivered melding is deleted at once. A melding the service refused is parked (``given_up``)
for a person to look at; it holds the inwoner's details, so a daily purge deletes parked
meldingen older than ``ACTIONS_OUTBOX_RETENTION_DAYS`` (30)::

    cd bot && ../.venv-rasa/bin/python -m actions.outbox purge [--days N]

Deleted rows are overwritten (``secure_delete``) and the write-ahead log is emptied afterwards,
so no copy stays in the file.
"""

from __future__ import annotations

import argparse
import json
import logging
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from .settings import load_settings

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS pending_meldingen (
    idempotency_key TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    given_up INTEGER NOT NULL DEFAULT 0
)
"""

Send = Callable[[dict[str, Any], str], dict[str, Any]]


@dataclass(frozen=True)
class Pending:
    """One melding waiting for delivery."""

    idempotency_key: str
    body: dict[str, Any]
    attempts: int


class Outbox:
    """Pending meldingen in an SQLite file; safe to use from several threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        with self._connect() as connection:
            connection.execute(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """An autocommit connection, closed afterwards."""
        with closing(sqlite3.connect(self.path, timeout=10, isolation_level=None)) as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            # A deleted melding is overwritten with zeroes, not left in a free page.
            connection.execute("PRAGMA secure_delete=ON")
            yield connection

    def put(self, idempotency_key: str, body: dict[str, Any]) -> None:
        """Keep a melding until it is delivered (a second put of the same key changes nothing)."""
        with self._lock, self._connect() as connection:
            connection.execute(
                "INSERT OR IGNORE INTO pending_meldingen (idempotency_key, body, created_at) "
                "VALUES (?, ?, ?)",
                (idempotency_key, json.dumps(body), datetime.now(UTC).isoformat()),
            )

    def remove(self, idempotency_key: str) -> None:
        """The service has the melding: forget it."""
        with self._lock, self._connect() as connection:
            connection.execute(
                "DELETE FROM pending_meldingen WHERE idempotency_key = ?", (idempotency_key,)
            )

    def record_failure(self, idempotency_key: str, error: str, *, give_up: bool) -> None:
        """Count a failed attempt; ``give_up`` parks it for a person (the service refused it)."""
        with self._lock, self._connect() as connection:
            connection.execute(
                "UPDATE pending_meldingen SET attempts = attempts + 1, last_error = ?, "
                "given_up = ? WHERE idempotency_key = ?",
                (error[:500], int(give_up), idempotency_key),
            )

    def purge_parked(self, days: int, now: datetime | None = None) -> int:
        """Delete parked meldingen put more than ``days`` days ago; return how many.

        Meldingen still waiting for delivery are kept, however old: deleting them would lose
        them. The write-ahead log is emptied afterwards, so no copy of a deleted row stays.
        """
        cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
        with self._lock, self._connect() as connection:
            deleted = connection.execute(
                "DELETE FROM pending_meldingen WHERE given_up = 1 AND created_at < ?",
                (cutoff.isoformat(),),
            ).rowcount
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return deleted

    def counts(self) -> tuple[int, int]:
        """How many meldingen wait for delivery and how many are parked (no content)."""
        with self._lock, self._connect() as connection:
            waiting, parked = connection.execute(
                "SELECT COUNT(*) - COALESCE(SUM(given_up), 0), COALESCE(SUM(given_up), 0) "
                "FROM pending_meldingen"
            ).fetchone()
        return int(waiting), int(parked)

    def pending(self) -> list[Pending]:
        """Meldingen still to deliver, oldest first (parked ones excluded)."""
        with self._lock, self._connect() as connection:
            rows = connection.execute(
                "SELECT idempotency_key, body, attempts FROM pending_meldingen "
                "WHERE given_up = 0 ORDER BY created_at"
            ).fetchall()
        return [Pending(key, json.loads(body), attempts) for key, body, attempts in rows]

    def deliver_pending(self, send: Send, is_retryable: Callable[[Exception], bool]) -> int:
        """Try every pending melding once; return how many were delivered."""
        delivered = 0
        for item in self.pending():
            try:
                result = send(item.body, item.idempotency_key)
            except Exception as exc:  # every failure is recorded, none is lost
                retryable = is_retryable(exc)
                self.record_failure(item.idempotency_key, str(exc), give_up=not retryable)
                if not retryable:
                    logger.error("Melding uit de outbox geweigerd, bewaard voor controle: %s", exc)
                continue
            self.remove(item.idempotency_key)
            delivered += 1
            logger.info("Melding %s alsnog afgeleverd uit de outbox", result.get("referentie"))
        return delivered


class DeliveryLoop:
    """A daemon thread that keeps delivering the outbox every ``interval`` seconds."""

    def __init__(
        self,
        outbox: Outbox,
        send: Send,
        is_retryable: Callable[[Exception], bool],
        interval: float,
    ) -> None:
        self._outbox = outbox
        self._send = send
        self._is_retryable = is_retryable
        self._interval = interval
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="melding-outbox", daemon=True)

    def start(self) -> DeliveryLoop:
        self._thread.start()
        return self

    def nudge(self) -> None:
        """Try again now instead of at the next interval."""
        self._wake.set()

    def _run(self) -> None:
        while True:
            try:
                self._outbox.deliver_pending(self._send, self._is_retryable)
            except Exception:  # the loop must survive, e.g. a locked file
                logger.exception("Outbox delivery round failed")
            self._wake.wait(self._interval)
            self._wake.clear()


def outbox_path() -> Path:
    """Where the outbox lives (``ACTIONS_OUTBOX_PATH``, see ``actions.settings``)."""
    return load_settings().outbox_path


def retry_seconds() -> float:
    """How often the delivery loop tries (``ACTIONS_OUTBOX_RETRY_SECONDS``)."""
    return load_settings().outbox_retry_seconds


def retention_days() -> int:
    """How long parked meldingen are kept (``ACTIONS_OUTBOX_RETENTION_DAYS``)."""
    return load_settings().outbox_retention_days


def main(argv: list[str] | None = None) -> int:
    """``purge``: delete parked meldingen older than the retention (run daily)."""
    parser = argparse.ArgumentParser(prog="python -m actions.outbox")
    commands = parser.add_subparsers(dest="command", required=True)
    purge = commands.add_parser("purge", help="delete parked meldingen older than the retention")
    purge.add_argument("--days", type=int, help="override ACTIONS_OUTBOX_RETENTION_DAYS")
    args = parser.parse_args(argv)
    try:
        days = retention_days() if args.days is None else args.days
    except ValueError as exc:
        parser.error(str(exc))
    if days < 1:
        parser.error("--days must be at least 1")
    path = outbox_path()
    if not path.exists():
        print(f"No melding outbox at {path}; nothing to purge.")
        return 0
    outbox = Outbox(path)
    deleted = outbox.purge_parked(days)
    waiting, parked = outbox.counts()
    print(
        f"Deleted {deleted} parked melding(en) older than {days} days from {path}; "
        f"{parked} parked and {waiting} waiting for delivery remain."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
