"""Rasa's SQL event broker, written in batches by a background thread instead of on the event loop.

Rasa 3.6's ``SQLEventBroker.publish`` commits one row per event on Rasa's event loop; under load
that was 41% of Rasa's time. This broker writes the same rows to the same ``events`` table (so
``insights/ingest.py``, ``purge_conversations.py`` and ``voordeur_erase.py`` work unchanged), but
``publish`` only puts the row in a queue; a writer thread stores what is queued in one
transaction. Rows are written in the order they were published, so a sender's events stay in
order and ids keep growing.

- The queue is bounded (``max_queue`` rows). When it is full, ``publish`` waits up to
  ``block_seconds`` for room, then writes the queue and the new row itself (with a warning).
- A failed batch is logged (the kind of error and the number of rows, never their text) and
  tried again; rows that cannot be written at all are counted in an error log.
- Anyone who opens a transaction on ``engine`` (the erase route) first gets every queued row
  written, so an erase deletes everything published before it.
- ``close()`` (Rasa calls it when the server stops) and interpreter exit write what is queued.

Use it in the endpoints file::

    event_broker:
      type: voordeur_event_broker.BatchingSQLEventBroker
      dialect: sqlite
      db: /path/to/rasa-events.db
"""

from __future__ import annotations

import asyncio
import atexit
import json
import logging
import threading
import time
from asyncio import AbstractEventLoop
from collections import deque
from typing import Any

import sqlalchemy as sa
from rasa.core.brokers.sql import SQLEventBroker
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

Row = dict[str, Any]
DEFAULT_MAX_QUEUE = 10_000
DEFAULT_BATCH_SIZE = 500
DEFAULT_BLOCK_SECONDS = 0.5
RETRY_SECONDS = (0.5, 1.0, 2.0, 5.0)
CLOSE_SECONDS = 30.0


class BatchingSQLEventBroker(SQLEventBroker):
    """``SQLEventBroker`` whose ``publish`` queues; a thread writes the queue in transactions."""

    def __init__(
        self,
        dialect: str = "sqlite",
        host: str | None = None,
        port: int | None = None,
        db: str = "events.db",
        username: str | None = None,
        password: str | None = None,
        max_queue: int = DEFAULT_MAX_QUEUE,
        batch_size: int = DEFAULT_BATCH_SIZE,
        block_seconds: float = DEFAULT_BLOCK_SECONDS,
    ) -> None:
        super().__init__(dialect, host, port, db, username, password)
        if int(max_queue) < 1 or int(batch_size) < 1 or float(block_seconds) < 0:
            raise ValueError("max_queue and batch_size must be positive, block_seconds not < 0")
        self.max_queue = int(max_queue)
        self.batch_size = int(batch_size)
        self.block_seconds = float(block_seconds)
        self._table = self.SQLBrokerEvent.__table__
        self._pending: deque[Row] = deque()
        self._changed = threading.Condition()
        # Held while rows are taken from the queue and written: writes keep the queue's order.
        self._write_lock = threading.RLock()
        self._local = threading.local()
        self._closing = False
        sa.event.listen(self.engine, "begin", self._before_other_transaction)
        self._writer = threading.Thread(target=self._run, name="event-broker-writer", daemon=True)
        self._writer.start()
        atexit.register(self._stop_and_flush)

    @classmethod
    async def from_endpoint_config(
        cls, broker_config: EndpointConfig, event_loop: AbstractEventLoop | None = None
    ) -> BatchingSQLEventBroker:
        """The broker from the ``event_broker`` section of the endpoints file."""
        return cls(host=broker_config.url, **broker_config.kwargs)

    def publish(self, event: dict[str, Any]) -> None:
        """Queue the event as one row; wait briefly or write it now when the queue is full."""
        row = {"sender_id": event.get("sender_id"), "data": json.dumps(event)}
        with self._changed:
            if self._closing or not self._room_within(self.block_seconds):
                queued_full = not self._closing
            else:
                self._pending.append(row)
                self._changed.notify_all()
                return
        if queued_full:
            logger.warning("Event broker queue full (%d rows): writing on the loop", self.max_queue)
        self._flush(extra=[row])

    def flush(self) -> None:
        """Write every queued row now (blocking)."""
        self._flush()

    def pending(self) -> int:
        """The number of rows queued and not yet written."""
        with self._changed:
            return len(self._pending)

    async def close(self) -> None:
        """Write what is queued, stop the writer and release the database connections."""
        await asyncio.get_running_loop().run_in_executor(None, self._stop_and_flush)

    def _room_within(self, seconds: float) -> bool:
        """Whether the queue has room, waiting up to ``seconds`` (call with ``_changed`` held)."""
        deadline = time.monotonic() + seconds
        while len(self._pending) >= self.max_queue:
            left = deadline - time.monotonic()
            if left <= 0 or self._closing:
                return False
            self._changed.wait(left)
        return True

    def _stop_and_flush(self) -> None:
        with self._changed:
            if self._closing:
                return
            self._closing = True
            self._changed.notify_all()
        self._writer.join(CLOSE_SECONDS)
        self._flush()
        left = self.pending()
        if left:
            logger.error("Event broker closed with %d events not written", left)
        self.engine.dispose()
        atexit.unregister(self._stop_and_flush)

    def _run(self) -> None:
        """The writer thread: write batches until closed and the queue is empty."""
        failures = 0
        while True:
            with self._changed:
                while not self._pending and not self._closing:
                    self._changed.wait()
                if not self._pending:
                    return
            if self._write_next_batch():
                failures = 0
                continue
            if self._closing:
                return  # close() writes the rest itself and reports what is left
            time.sleep(RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)])
            failures += 1

    def _write_next_batch(self) -> bool:
        """Take up to ``batch_size`` rows and write them; put them back when that fails."""
        with self._write_lock:
            with self._changed:
                batch = [
                    self._pending.popleft() for _ in range(min(self.batch_size, len(self._pending)))
                ]
                self._changed.notify_all()
            if not batch or self._write(batch):
                return True
            with self._changed:
                self._pending.extendleft(reversed(batch))
            return False

    def _flush(self, extra: list[Row] | None = None) -> None:
        """Write the queue and ``extra`` now, in this thread; log what could not be written."""
        with self._write_lock:
            with self._changed:
                rows = [*self._pending, *(extra or [])]
                self._pending.clear()
                self._changed.notify_all()
            if rows and not self._write(rows):
                logger.error("Event broker lost %d events: the database refused them", len(rows))

    def _write(self, rows: list[Row]) -> bool:
        """Insert ``rows`` in one transaction; False (logged without content) when it fails."""
        self._local.writing = True
        try:
            with self.engine.begin() as connection:
                connection.execute(self._table.insert(), rows)
            return True
        except sa.exc.SQLAlchemyError as error:
            # The error's text would quote the rows, so only its kind is logged.
            logger.error(
                "Event broker could not write %d events: %s", len(rows), type(error).__name__
            )
            return False
        finally:
            self._local.writing = False

    def _before_other_transaction(self, connection: sa.engine.Connection) -> None:
        """Before someone else's transaction on ``engine``: write everything queued first."""
        if not getattr(self._local, "writing", False):
            self._flush()
