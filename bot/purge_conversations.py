"""Delete conversations that have been silent for a number of days from Rasa's SQL tracker store.

With a persistent tracker store (``bot/endpoints-scaled.yml``) Rasa keeps every conversation,
with the names and numbers typed in it, until someone deletes it. Run this daily with the Rasa
environment and the same settings as that file::

    .venv-rasa/bin/python bot/purge_conversations.py --days 30

It reads ``RASA_TRACKER_DB_HOST``, ``_PORT``, ``_NAME``, ``_USER`` and ``_PASSWORD``
(PostgreSQL), or takes ``--url`` (any SQLAlchemy URL). A conversation whose newest event is
older than the cut-off is deleted whole, in one transaction.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import sqlalchemy as sa

EVENTS = sa.table("events", sa.column("sender_id"), sa.column("timestamp"))
SECONDS_PER_DAY = 86_400


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
    args = parser.parse_args(argv)
    if args.days < 1:
        parser.error("--days must be at least 1")
    conversations, events = purge(args.url or tracker_url_from_env(), args.days)
    print(f"Deleted {conversations} conversations ({events} events) silent for {args.days} days.")


if __name__ == "__main__":
    main(sys.argv[1:])
