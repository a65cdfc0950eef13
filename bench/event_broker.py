"""What publishing one event costs Rasa's event loop: Rasa's SQL event broker and the batching one.

Rasa calls ``publish`` on its event loop for every new event of every message, so that time is
taken from every conversation. Both brokers write to a fresh SQLite file (as ``scripts/run.sh``
configures); events are replayed from the scripted conversation as Rasa publishes them. Run it
with the Rasa environment::

    .venv-rasa/bin/python -m bench.event_broker --events 3000
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from bench.conversation import CONVERSATION
from bench.stats import summarise

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bot"))

from rasa.core.brokers.sql import SQLEventBroker
from voordeur_event_broker import BatchingSQLEventBroker


def events(count: int) -> list[dict]:
    """``count`` events shaped like Rasa's: user messages with parse data, actions, answers."""
    made: list[dict] = []
    while len(made) < count:
        sender = f"web-{len(made):032x}"
        for text in CONVERSATION:
            stamp = time.time()
            intent = {"name": "inform", "confidence": 0.91}
            ranking = [{"name": f"intent_{n}", "confidence": 0.01} for n in range(10)]
            parse = {"intent": intent, "entities": [], "text": text, "intent_ranking": ranking}
            made += [
                {"sender_id": sender, "event": "user", "timestamp": stamp, "text": text}
                | {"parse_data": parse, "input_channel": "rest", "metadata": {"kanaal": "web"}},
                {"sender_id": sender, "event": "action", "timestamp": stamp, "name": "utter_x"},
                {"sender_id": sender, "event": "bot", "timestamp": stamp, "text": "Antwoord " * 20},
                {"sender_id": sender, "event": "action", "name": "action_listen"}
                | {"timestamp": stamp},
            ]
    return made[:count]


def measure(broker: SQLEventBroker, batch: list[dict], database: Path) -> str:
    """Publish every event, close the broker; one Markdown row."""
    latencies = []
    started = time.perf_counter()
    for event in batch:
        before = time.perf_counter()
        broker.publish(event)
        latencies.append(time.perf_counter() - before)
    publishing = time.perf_counter() - started
    asyncio.run(broker.close())
    total = time.perf_counter() - started
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT count(*) FROM events").fetchone()[0]
    summary = summarise(latencies, 0, publishing)
    return (
        f"| {type(broker).__name__} | {len(batch)} | {summary.p50_ms:.2f} | {summary.p99_ms:.2f} "
        f"| {publishing:.2f} | {total:.2f} | {rows} |"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=3000, help="events per broker")
    args = parser.parse_args(argv)
    batch = events(args.events)
    lines = [
        "| broker | events | publish p50 ms | publish p99 ms | on the loop s | until written s "
        "| rows |",
        "|---|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory(prefix="bench-broker-") as folder:
        for name, kind in (("rasa", SQLEventBroker), ("batching", BatchingSQLEventBroker)):
            database = Path(folder) / f"{name}.db"
            lines.append(measure(kind(db=str(database)), batch, database))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
