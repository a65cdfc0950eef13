"""The tracker-store purge deletes silent conversations whole, through Rasa's own SQL store."""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from purge_conversations import SECONDS_PER_DAY, main, purge, tracker_url_from_env
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

NOW = time.time()
POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


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
    name = f"voordeur_trackers_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        reason = f"PostgreSQL not reachable at {POSTGRES_ADMIN}: {exc.orig}"
        if os.environ.get("VOORDEUR_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    settings = {"HOST": "127.0.0.1", "PORT": "5432", "NAME": name, "USER": "postgres"}
    for variable, value in settings.items():
        monkeypatch.setenv(f"RASA_TRACKER_DB_{variable}", value)
    store = SQLTrackerStore(
        Domain.empty(), dialect="postgresql", host="127.0.0.1", db=name, username="postgres"
    )
    yield store, tracker_url_from_env()
    store.engine.dispose()
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


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
