"""The batching SQL event broker on a real SQLite file: order, batches, close, erase, ingest."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa
import yaml
from purge_conversations import ERASED_EVENT
from rasa.core.brokers.broker import EventBroker
from rasa.core.brokers.sql import SQLEventBroker
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from real_rasa import BOT_DIR, running_rasa, say
from voordeur_erase import erase_conversation
from voordeur_event_broker import BatchingSQLEventBroker

REPO = Path(__file__).resolve().parents[2]
INSIGHTS_PYTHON = REPO / ".venv" / "bin" / "python"


def rows(database: Path) -> list[tuple[int, str, dict]]:
    with sqlite3.connect(database) as connection:
        found = connection.execute("SELECT id, sender_id, data FROM events ORDER BY id")
        return [(number, sender, json.loads(data)) for number, sender, data in found]


def count_commits(broker: SQLEventBroker) -> list[int]:
    commits = [0]

    def commit(_connection: sa.engine.Connection) -> None:
        commits[0] += 1

    sa.event.listen(broker.engine, "commit", commit)
    return commits


def event(sender: str, number: int) -> dict:
    return {"sender_id": sender, "event": "user", "text": f"bericht {number}", "timestamp": number}


def test_publish_returns_at_once_and_rows_come_in_order_in_few_transactions(
    tmp_path: Path,
) -> None:
    database = tmp_path / "events.db"
    broker = BatchingSQLEventBroker(db=str(database), batch_size=100)
    commits = count_commits(broker)
    started = time.perf_counter()
    for number in range(1000):
        broker.publish(event(f"web-{number % 7}", number))
    publishing = time.perf_counter() - started
    asyncio.run(broker.close())

    stored = rows(database)
    assert [data["timestamp"] for _, _, data in stored] == list(range(1000))
    assert all(sender == data["sender_id"] for _, sender, data in stored)
    assert 1 <= commits[0] <= 100  # at most one per batch of 100, not one per event
    assert publishing < 1.0  # 1000 commits on SQLite take several seconds


def test_same_table_and_rows_as_rasas_own_broker(tmp_path: Path) -> None:
    plain = SQLEventBroker(db=str(tmp_path / "plain.db"))
    batching = BatchingSQLEventBroker(db=str(tmp_path / "batching.db"))
    for broker in (plain, batching):
        broker.publish(event("web-a", 1))
        broker.publish({"event": "session_started", "timestamp": 2})  # no sender_id
    asyncio.run(batching.close())
    assert rows(tmp_path / "plain.db") == rows(tmp_path / "batching.db")
    assert isinstance(batching, SQLEventBroker)


def test_a_full_queue_waits_then_writes_without_losing_or_reordering(tmp_path: Path) -> None:
    database = tmp_path / "events.db"
    broker = BatchingSQLEventBroker(db=str(database), max_queue=5, block_seconds=0.01)
    with broker._write_lock:  # the writer is stuck, as with a slow disk
        publisher = threading.Thread(
            target=lambda: [broker.publish(event("web-a", n)) for n in range(20)]
        )
        publisher.start()
        time.sleep(0.5)
        assert broker.pending() <= 5
    publisher.join(10)
    asyncio.run(broker.close())
    assert [data["timestamp"] for _, _, data in rows(database)] == list(range(20))


def test_close_writes_everything_queued(tmp_path: Path) -> None:
    database = tmp_path / "events.db"
    broker = BatchingSQLEventBroker(db=str(database))
    with broker._write_lock:  # nothing is written until close
        for number in range(50):
            broker.publish(event("web-a", number))
        assert broker.pending() > 0
    asyncio.run(broker.close())
    assert len(rows(database)) == 50
    assert broker.pending() == 0


def test_failed_writes_are_retried_and_logged_without_message_text(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    database = tmp_path / "events.db"
    broker = BatchingSQLEventBroker(db=str(database))
    blocker = sqlite3.connect(database, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")  # another process holds the database
    broker.engine.dispose()
    broker.engine = sa.create_engine(broker.engine.url, connect_args={"timeout": 0.05})
    broker.publish(event("web-a", 1) | {"text": "mijn nummer is 0612345678"})
    time.sleep(0.3)
    blocker.rollback()
    blocker.close()
    asyncio.run(broker.close())

    assert [data["text"] for _, _, data in rows(database)] == ["mijn nummer is 0612345678"]
    assert "could not write 1 events: OperationalError" in caplog.text
    assert "0612345678" not in caplog.text


def test_endpoint_config_builds_it(tmp_path: Path) -> None:
    config = EndpointConfig(
        type="voordeur_event_broker.BatchingSQLEventBroker",
        dialect="sqlite",
        db=str(tmp_path / "events.db"),
        batch_size=50,
    )
    broker = asyncio.run(EventBroker.create(config))
    assert isinstance(broker, BatchingSQLEventBroker)
    assert broker.batch_size == 50
    asyncio.run(broker.close())


def conversation(sender: str) -> DialogueStateTracker:
    events = [
        ActionExecuted("action_listen"),
        UserUttered("Ik ben Jan Jansen, 0612345678", {"intent": {"name": "inform"}}),
        BotUttered("Dank u."),
        ActionExecuted("action_listen"),
    ]
    return DialogueStateTracker.from_events(sender, events)


def test_erase_deletes_rows_still_in_the_queue(tmp_path: Path) -> None:
    database = tmp_path / "events.db"
    broker = BatchingSQLEventBroker(db=str(database))
    store = FailSafeTrackerStore(InMemoryTrackerStore(Domain.empty(), event_broker=broker))

    release = threading.Event()

    def stall_the_writer() -> None:
        with broker._write_lock:
            release.wait(10)

    async def scenario() -> dict:
        await store.save(conversation("web-other"))
        staller = threading.Thread(target=stall_the_writer)
        staller.start()
        await store.save(conversation("web-victim"))  # its rows stay queued ...
        threading.Timer(0.3, release.set).start()  # ... until after the erase has begun
        return await erase_conversation(store, "web-victim")

    result = asyncio.run(scenario())
    asyncio.run(broker.close())
    victim = [data for _, sender, data in rows(database) if sender == "web-victim"]
    assert result["event_broker_rows"] == 4
    assert [data["event"] for data in victim] == [ERASED_EVENT]
    assert len([1 for _, sender, _ in rows(database) if sender == "web-other"]) == 4


@pytest.mark.skipif(not INSIGHTS_PYTHON.exists(), reason="no .venv with the insights")
def test_insights_ingest_reads_the_rows(tmp_path: Path) -> None:
    database = tmp_path / "events.db"
    broker = BatchingSQLEventBroker(db=str(database))
    store = InMemoryTrackerStore(Domain.empty(), event_broker=broker)
    asyncio.run(store.save(conversation("web-" + "a1" * 16)))
    asyncio.run(broker.close())

    insights = f"sqlite:///{tmp_path / 'insights.db'}"
    command = [str(INSIGHTS_PYTHON), "-m", "insights", "ingest"]
    command += ["--events-url", f"sqlite:///{database}", "--db", insights]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "read 4 events: 1 new conversations" in done.stdout


def test_real_rasa_with_the_shipped_endpoints_and_this_broker(tmp_path: Path) -> None:
    """Rasa loads the broker from the endpoints file, the erase route deletes the victim's rows,
    and what is published up to the stop is in the table afterwards, in order."""
    database = tmp_path / "events.db"
    endpoints = yaml.safe_load((BOT_DIR / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints["event_broker"] = {
        "type": "voordeur_event_broker.BatchingSQLEventBroker",
        "dialect": "sqlite",
        "db": str(database),
    }
    path = tmp_path / "endpoints.yml"
    path.write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    token = "d" * 40
    env = {
        "RASA_DELETE_TOKEN": token,
        "ACTION_ENDPOINT_URL": "http://127.0.0.1:9/webhook",
        "ACTION_SERVER_TOKEN": "a" * 40,
    }
    texts = ["hallo", "wat is de wmo", "wat is mantelzorg", "dank je wel"]
    with running_rasa(path, tmp_path, env) as url:
        say(url, "web-victim", "Ik ben Jan Jansen, 0612345678")
        erased = requests.delete(
            f"{url}/voordeur/conversations/web-victim",
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )
        for text in texts:
            say(url, "web-other", text)
    # Rasa has stopped (SIGTERM): the broker was closed.

    assert erased.status_code == 200 and erased.json()["event_broker_rows"] > 0
    stored = rows(database)
    victim = [data["event"] for _, sender, data in stored if sender == "web-victim"]
    other = [data for _, sender, data in stored if sender == "web-other"]
    assert victim == [ERASED_EVENT]
    assert [data["text"] for data in other if data["event"] == "user"] == texts
    assert other[-1]["event"] == "action" and other[-1]["name"] == "action_listen"
    assert [number for number, _, _ in stored] == sorted(number for number, _, _ in stored)
