"""Delete old conversations from Rasa's SQL tracker store and its SQL event broker copy.

With a persistent tracker store (``bot/endpoints-scaled.yml``) Rasa keeps every conversation,
with the names and numbers typed in it, until someone deletes it; the SQL event broker
(``scripts/run.sh``, docs/insights.md) keeps a second copy of every event. Run this daily with
the Rasa environment and the same settings::

    .venv-rasa/bin/python bot/purge_conversations.py --days 30 [--events-url URL]

The tracker store comes from ``RASA_TRACKER_DB_HOST``, ``_PORT``, ``_NAME``, ``_USER`` and
``_PASSWORD`` (PostgreSQL), or ``--url`` (any SQLAlchemy URL); a conversation whose newest event
is older than the cut-off is deleted whole, in one transaction. With ``--events-url`` (and
without ``--url`` or ``RASA_TRACKER_DB_HOST``, only) the event broker's rows older than the
cut-off are deleted.

The broker table ``events(id, sender_id, data)`` is read by the insights ingest after the last
id it saw. SQLite hands out the highest id again once that row is deleted, so every delete here
first adds a marker row and only deletes rows older than it: ids keep growing and the ingest
misses nothing. The marker of an erased conversation carries its sender id, so the insights
drop what they kept of it; markers go with the next purges.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

import sqlalchemy as sa

EVENTS = sa.table("events", sa.column("sender_id"), sa.column("timestamp"))
SECONDS_PER_DAY = 86_400
BROKER_EVENTS = sa.Table(
    "events",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255)),
    sa.Column("data", sa.Text),
)
ERASED_EVENT = "voordeur_gewist"
PURGED_EVENT = "voordeur_bewaartermijn"


def _add_marker(connection: sa.engine.Connection, sender: str | None, kind: str, now: float) -> int:
    """Insert a marker row (newer than every row) and return its id."""
    data = json.dumps({"event": kind, "sender_id": sender, "timestamp": now})
    inserted = connection.execute(sa.insert(BROKER_EVENTS).values(sender_id=sender, data=data))
    return int(inserted.inserted_primary_key[0])


def erase_sender_from_broker(connection: sa.engine.Connection, sender: str, now: float) -> int:
    """Delete every broker row of ``sender``, leaving one marker; returns rows deleted."""
    marker = _add_marker(connection, sender, ERASED_EVENT, now)
    deleted = connection.execute(
        sa.delete(BROKER_EVENTS).where(
            BROKER_EVENTS.c.sender_id == sender, BROKER_EVENTS.c.id < marker
        )
    )
    return deleted.rowcount


def _event_timestamp(dialect: str) -> sa.ColumnElement:
    if dialect == "sqlite":
        return sa.func.json_extract(BROKER_EVENTS.c.data, "$.timestamp")
    if dialect == "postgresql":
        return sa.literal_column("(data::json ->> 'timestamp')::float")
    raise SystemExit(f"the event broker purge supports SQLite and PostgreSQL, not {dialect}")


def purge_broker(url: str, days: int, now: float | None = None) -> int:
    """Delete event broker rows older than ``days``; returns how many were deleted."""
    now = now if now is not None else time.time()
    engine = sa.create_engine(url)
    try:
        if not sa.inspect(engine).has_table(BROKER_EVENTS.name):
            return 0  # Rasa has not published anything yet: nothing to purge
        with engine.begin() as connection:
            marker = _add_marker(connection, None, PURGED_EVENT, now)
            old = _event_timestamp(engine.dialect.name) < now - days * SECONDS_PER_DAY
            deleted = connection.execute(
                sa.delete(BROKER_EVENTS).where(old, BROKER_EVENTS.c.id < marker)
            )
            return deleted.rowcount
    finally:
        engine.dispose()


def tracker_url_from_env() -> str:
    """The PostgreSQL URL of the tracker store, from the variables endpoints-scaled.yml uses."""
    try:
        return str(
            sa.engine.URL.create(
                "postgresql",
                username=os.environ["RASA_TRACKER_DB_USER"],
                password=os.environ.get("RASA_TRACKER_DB_PASSWORD") or None,
                host=os.environ["RASA_TRACKER_DB_HOST"],
                port=int(os.environ.get("RASA_TRACKER_DB_PORT", "5432")),
                database=os.environ["RASA_TRACKER_DB_NAME"],
            )
        )
    except KeyError as missing:
        raise SystemExit(f"{missing.args[0]} is not set (or give --url)") from None


def purge(url: str, days: int, now: float | None = None) -> tuple[int, int]:
    """Delete conversations silent for ``days``; returns (conversations, events) deleted."""
    cutoff = (now if now is not None else time.time()) - days * SECONDS_PER_DAY
    stale = (
        sa.select(EVENTS.c.sender_id)
        .group_by(EVENTS.c.sender_id)
        .having(sa.func.max(EVENTS.c.timestamp) < cutoff)
    )
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            senders = connection.execute(sa.select(sa.func.count()).select_from(stale.subquery()))
            conversations = senders.scalar_one()
            deleted = connection.execute(sa.delete(EVENTS).where(EVENTS.c.sender_id.in_(stale)))
            return conversations, deleted.rowcount
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, required=True, help="delete after this many days")
    parser.add_argument("--url", help="SQLAlchemy URL of the tracker store database")
    parser.add_argument("--events-url", help="SQLAlchemy URL of the SQL event broker database")
    args = parser.parse_args(argv)
    if args.days < 1:
        parser.error("--days must be at least 1")
    if args.url or "RASA_TRACKER_DB_HOST" in os.environ or not args.events_url:
        conversations, events = purge(args.url or tracker_url_from_env(), args.days)
        print(
            f"Deleted {conversations} conversations ({events} events) silent for {args.days} days."
        )
    if args.events_url:
        rows = purge_broker(args.events_url, args.days)
        print(f"Deleted {rows} event broker rows older than {args.days} days.")


if __name__ == "__main__":
    main(sys.argv[1:])
