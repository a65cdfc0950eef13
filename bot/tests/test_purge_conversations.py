"""The purge deletes silent conversations whole from Rasa's SQL tracker store, and old rows
from its SQL event broker, through Rasa's own stores."""

from __future__ import annotations

import asyncio
import json
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from purge_conversations import (
    PURGED_EVENT,
    SECONDS_PER_DAY,
    main,
    purge,
    purge_broker,
    tracker_url_from_env,
)
from rasa.core.brokers.sql import SQLEventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

NOW = time.time()
POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def _postgres_database(admin: sa.engine.Engine) -> str:
    """A fresh PostgreSQL database (skip, or fail when required, if there is no server)."""
    name = f"voordeur_trackers_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        reason = f"PostgreSQL not reachable at {POSTGRES_ADMIN}: {exc.orig}"
        if os.environ.get("VOORDEUR_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return name


def _drop(admin: sa.engine.Engine, name: str) -> None:
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def tracker_store(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[SQLTrackerStore, str]]:
    """Rasa's SQL tracker store on SQLite, and on PostgreSQL where one is reachable."""
    if request.param == "sqlite":
        database = tmp_path / "trackers.db"
        store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(database))
        yield store, f"sqlite:///{database}"
        return
    admin = sa.create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    name = _postgres_database(admin)
    settings = {"HOST": "127.0.0.1", "PORT": "5432", "NAME": name, "USER": "postgres"}
    for variable, value in settings.items():
        monkeypatch.setenv(f"RASA_TRACKER_DB_{variable}", value)
    store = SQLTrackerStore(
        Domain.empty(), dialect="postgresql", host="127.0.0.1", db=name, username="postgres"
    )
    yield store, tracker_url_from_env()
    store.engine.dispose()
    _drop(admin, name)


@pytest.fixture(params=["sqlite", "postgresql"])
def event_broker(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[SQLEventBroker, str]]:
    """Rasa's SQL event broker on SQLite, and on PostgreSQL where one is reachable."""
    if request.param == "sqlite":
        database = tmp_path / "events.db"
        yield SQLEventBroker(db=str(database)), f"sqlite:///{database}"
        return
    admin = sa.create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    name = _postgres_database(admin)
    broker = SQLEventBroker(dialect="postgresql", host="127.0.0.1", db=name, username="postgres")
    yield broker, f"postgresql://postgres@127.0.0.1:5432/{name}"
    broker.engine.dispose()
    _drop(admin, name)


def conversation(sender: str, days_ago: float) -> DialogueStateTracker:
    at = NOW - days_ago * SECONDS_PER_DAY
    return DialogueStateTracker.from_events(
        sender,
        [
            ActionExecuted("action_listen", timestamp=at),
            UserUttered("Mijn nummer is 06 12345678", timestamp=at + 1),
            BotUttered("Dank u.", timestamp=at + 2),
        ],
    )


def test_silent_conversations_are_deleted_recent_ones_kept(
    tracker_store: tuple[SQLTrackerStore, str], capsys: pytest.CaptureFixture[str]
) -> None:
    store, url = tracker_store
    for sender, days_ago in (("web-old", 45), ("web-older", 400), ("web-recent", 2)):
        asyncio.run(store.save(conversation(sender, days_ago)))

    assert purge(url, days=30, now=NOW) == (2, 6)
    assert asyncio.run(store.retrieve("web-old")) is None
    assert asyncio.run(store.retrieve("web-older")) is None
    kept = asyncio.run(store.retrieve("web-recent"))
    assert kept is not None and kept.latest_message.text == "Mijn nummer is 06 12345678"

    main(["--days", "30", "--url", url])  # a second run: nothing left to delete
    assert "Deleted 0 conversations" in capsys.readouterr().out


def test_old_event_broker_rows_are_deleted_recent_ones_kept(
    event_broker: tuple[SQLEventBroker, str], capsys: pytest.CaptureFixture[str]
) -> None:
    broker, url = event_broker
    for sender, days_ago in (("web-old", 45), ("web-older", 400), ("web-recent", 2)):
        for event in conversation(sender, days_ago).events:
            broker.publish({**event.as_dict(), "sender_id": sender})
    broker.publish({"event": "user", "sender_id": "web-odd", "text": "zonder tijd"})

    assert purge_broker(url, days=30, now=NOW) == 6

    with broker.engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT id, sender_id, data FROM events ORDER BY id"))
        left = [(sender, json.loads(data)) for _, sender, data in rows]
    assert [sender for sender, _ in left] == ["web-recent"] * 3 + ["web-odd", None]
    assert left[-1][1]["event"] == PURGED_EVENT  # the marker keeps the ids growing
    main(["--days", "30", "--events-url", url])
    assert "Deleted 0 event broker rows older than 30 days" in capsys.readouterr().out


def test_ids_keep_growing_after_a_purge_on_sqlite(tmp_path: Path) -> None:
    """The insights ingest reads after the last id it saw: SQLite must not hand one out again."""
    broker = SQLEventBroker(db=str(tmp_path / "events.db"))
    for event in conversation("web-old", 45).events:
        broker.publish({**event.as_dict(), "sender_id": "web-old"})
    with broker.engine.connect() as connection:
        newest = connection.execute(sa.text("SELECT max(id) FROM events")).scalar_one()

    purge_broker(f"sqlite:///{tmp_path / 'events.db'}", days=30, now=NOW)
    broker.publish({"event": "user", "sender_id": "web-new", "timestamp": NOW})

    with broker.engine.connect() as connection:
        new_id = connection.execute(
            sa.text("SELECT id FROM events WHERE sender_id = 'web-new'")
        ).scalar_one()
    assert new_id > newest


def test_a_broker_database_without_events_yet_is_nothing_to_purge(tmp_path: Path) -> None:
    # run.sh's daily job may start before Rasa has created the broker table.
    assert purge_broker(f"sqlite:///{tmp_path / 'empty.db'}", days=30, now=NOW) == 0
