"""Erasing a conversation: the protected route on a real Rasa, and every store it deletes from."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
import requests
from purge_conversations import ERASED_EVENT
from rasa.core.brokers.sql import SQLEventBroker
from rasa.core.tracker_store import (
    FailSafeTrackerStore,
    InMemoryTrackerStore,
    RedisTrackerStore,
    SQLTrackerStore,
    TrackerStore,
)
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from real_rasa import CHANNEL_TOKEN, running_rasa, say
from voordeur_channel import channel_token
from voordeur_erase import NotErasableError, delete_token, erase_conversation

TOKEN = "t" * 40
PHONE = "0612345678"


def conversation(sender: str, melding: bool = False) -> DialogueStateTracker:
    events = [
        ActionExecuted("action_listen"),
        UserUttered(f"Ik ben Jan Jansen, {PHONE}, mijn man slaat mij"),
        BotUttered("Dank u."),
    ]
    if melding:
        events += [
            ActionExecuted("action_create_melding"),
            BotUttered("Uw melding is ontvangen. Uw nummer is VD-ABC234. Wij bellen u."),
        ]
    return DialogueStateTracker.from_events(sender, events)


def broker_rows(database: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT sender_id, data FROM events ORDER BY id").fetchall()


def test_in_memory_store_and_sql_broker(tmp_path: Path) -> None:
    broker = SQLEventBroker(db=str(tmp_path / "events.db"))
    store = FailSafeTrackerStore(InMemoryTrackerStore(Domain.empty(), event_broker=broker))
    asyncio.run(store.save(conversation("web-victim", melding=True)))
    asyncio.run(store.save(conversation("web-other")))
    published = [s for s, _ in broker_rows(tmp_path / "events.db")].count("web-victim")

    result = asyncio.run(erase_conversation(store, "web-victim"))

    assert result["melding"] is True and result["referenties"] == ["VD-ABC234"]
    assert result["event_broker_rows"] == published > 0
    assert asyncio.run(store.retrieve("web-victim")) is None
    assert asyncio.run(store.retrieve("web-other")) is not None
    rows = broker_rows(tmp_path / "events.db")
    assert [json.loads(data)["event"] for sender, data in rows if sender == "web-victim"] == [
        ERASED_EVENT
    ]
    assert sum(PHONE in data for sender, data in rows) == 1  # only web-other's message


def test_sql_tracker_store(tmp_path: Path) -> None:
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "trackers.db"))
    asyncio.run(store.save(conversation("web-victim")))
    asyncio.run(store.save(conversation("web-other")))

    result = asyncio.run(erase_conversation(store, "web-victim"))

    assert result == {
        "deleted": True,
        "found": True,
        "event_broker_rows": 0,
        "melding": False,
        "referenties": [],
    }
    assert asyncio.run(store.retrieve("web-victim")) is None
    assert asyncio.run(store.retrieve("web-other")) is not None
    with sqlite3.connect(tmp_path / "trackers.db") as connection:
        senders = {row[0] for row in connection.execute("SELECT sender_id FROM events")}
    assert senders == {"web-other"}


def test_redis_tracker_store() -> None:
    prefix = f"voordeur-test-{uuid.uuid4().hex[:8]}"
    try:
        store = RedisTrackerStore(Domain.empty(), host="127.0.0.1", db=3, key_prefix=prefix)
        store.red.ping()
    except redis.exceptions.ConnectionError as exc:
        pytest.skip(f"Redis not reachable: {exc}")
    try:
        asyncio.run(store.save(conversation("web-victim")))
        asyncio.run(store.save(conversation("web-other")))
        asyncio.run(erase_conversation(store, "web-victim"))
        assert asyncio.run(store.retrieve("web-victim")) is None
        assert asyncio.run(store.retrieve("web-other")) is not None
    finally:
        for key in store.red.keys(prefix + "*"):
            store.red.delete(key)


def test_a_store_it_cannot_erase_deletes_nothing(tmp_path: Path) -> None:
    class MongoLikeStore(TrackerStore):
        """A tracker store this module has no delete for."""

    broker = SQLEventBroker(db=str(tmp_path / "events.db"))
    memory = InMemoryTrackerStore(Domain.empty(), event_broker=broker)
    asyncio.run(memory.save(conversation("web-victim")))
    store = FailSafeTrackerStore(MongoLikeStore(Domain.empty()), fallback_tracker_store=memory)

    with pytest.raises(NotErasableError):
        asyncio.run(erase_conversation(store, "web-victim"))
    assert asyncio.run(memory.retrieve("web-victim")) is not None
    assert any(PHONE in data for _, data in broker_rows(tmp_path / "events.db"))


@pytest.fixture(scope="module")
def rasa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    """The real Rasa launcher with an SQLite tracker store and SQLite event broker."""
    folder = tmp_path_factory.mktemp("rasa-erase")
    trackers, events = folder / "trackers.db", folder / "events.db"
    endpoints = folder / "endpoints.yml"
    endpoints.write_text(
        "action_endpoint:\n  url: http://127.0.0.1:9/webhook\n"
        f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {trackers}\n"
        f"event_broker:\n  type: SQL\n  dialect: sqlite\n  db: {events}\n",
        encoding="utf-8",
    )
    with running_rasa(endpoints, folder, {"RASA_DELETE_TOKEN": TOKEN}) as url:
        yield url, trackers, events


def _stored(trackers: Path, events: Path, sender: str) -> tuple[int, int]:
    with sqlite3.connect(trackers) as tracker_db, sqlite3.connect(events) as broker_db:
        query = "SELECT count(*) FROM events WHERE sender_id = ? AND data LIKE ?"
        return (
            tracker_db.execute(query, (sender, f"%{PHONE}%")).fetchone()[0],
            broker_db.execute(query, (sender, f"%{PHONE}%")).fetchone()[0],
        )


def test_real_rasa_refuses_without_token_and_erases_with_it(
    rasa: tuple[str, Path, Path],
) -> None:
    url, trackers, events = rasa
    assert (trackers.stat().st_mode & 0o777, events.stat().st_mode & 0o777) == (0o600, 0o600)
    say(url, "web-victim", f"Ik ben Jan Jansen, {PHONE}, mijn man slaat mij")
    say(url, "web-victim", "/restart")
    say(url, "web-other", f"Mijn nummer is {PHONE}")
    assert _stored(trackers, events, "web-victim") == (1, 1)

    erase = f"{url}/voordeur/conversations/web-victim"
    for headers in ({}, {"Authorization": "Bearer " + "x" * 40}, {"Authorization": TOKEN}):
        assert requests.delete(erase, headers=headers, timeout=30).status_code == 401
    assert _stored(trackers, events, "web-victim") == (1, 1)

    response = requests.delete(erase, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)

    assert response.status_code == 200, response.text
    assert response.json()["deleted"] is True and response.json()["melding"] is False
    assert _stored(trackers, events, "web-victim") == (0, 0)
    assert _stored(trackers, events, "web-other") == (1, 1)
    with sqlite3.connect(events) as broker_db:
        left = broker_db.execute("SELECT data FROM events WHERE sender_id = 'web-victim'")
        assert [json.loads(data)["event"] for (data,) in left] == [ERASED_EVENT]
    say(url, "web-victim", "hallo")  # the pseudonym starts afresh, nothing old comes back
    assert _stored(trackers, events, "web-victim") == (0, 0)


def test_a_short_token_stops_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASA_DELETE_TOKEN", "kort")
    with pytest.raises(SystemExit, match="at least 32"):
        delete_token()
    monkeypatch.setenv("RASA_DELETE_TOKEN", "")
    assert delete_token() is None


def test_real_rasa_takes_messages_only_with_the_channel_token(
    rasa: tuple[str, Path, Path],
) -> None:
    url, trackers, events = rasa
    webhook = f"{url}/webhooks/rest/webhook"
    body = {"sender": "web-intruder", "message": f"Mijn nummer is {PHONE}"}
    for headers in ({}, {"Authorization": "Bearer " + "x" * 40}, {"Authorization": CHANNEL_TOKEN}):
        assert requests.post(webhook, json=body, headers=headers, timeout=30).status_code == 401
    assert _stored(trackers, events, "web-intruder") == (0, 0)
    assert requests.get(f"{url}/webhooks/rest/", timeout=30).status_code == 200


def test_rasa_does_not_start_without_a_channel_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASA_CHANNEL_TOKEN", "kort")
    with pytest.raises(SystemExit, match="RASA_CHANNEL_TOKEN"):
        channel_token()
    monkeypatch.delenv("RASA_CHANNEL_TOKEN")
    with pytest.raises(SystemExit, match="at least 32"):
        channel_token()
