"""The attack of finding H2 against a real Rasa: after "wissen" nothing the inwoner typed is left.

A real Rasa (the launcher with the erase route, the trained model) with an SQLite tracker store
and the SQLite event broker ``scripts/run.sh`` uses; the gateway app in this process.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from gateway.tests.conftest import GatewayFactory
from tests.services import MODEL, RASA_CHANNEL_TOKEN, Service, free_port, rasa_server

TOKEN = "w" * 40
PHONE = "0612345678"


@pytest.fixture(scope="module")
def rasa_with_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Service, Path]]:
    if not MODEL.exists():
        pytest.skip(f"no trained model at {MODEL}")
    folder = tmp_path_factory.mktemp("rasa-broker")
    endpoints = folder / "endpoints.yml"
    endpoints.write_text(
        "action_endpoint:\n  url: http://127.0.0.1:9/webhook\n"
        f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {folder / 'trackers.db'}\n"
        f"event_broker:\n  type: SQL\n  dialect: sqlite\n  db: {folder / 'events.db'}\n",
        encoding="utf-8",
    )
    env = {"RASA_DELETE_TOKEN": TOKEN, "TF_CPP_MIN_LOG_LEVEL": "3"}
    with rasa_server("rasa", free_port(), env, folder, endpoints=str(endpoints)) as rasa:
        yield rasa, folder


def copies_of_the_phone_number(folder: Path) -> int:
    """Rows with the number in Rasa's tracker store and event broker."""
    total = 0
    for database in ("trackers.db", "events.db"):
        with sqlite3.connect(folder / database) as connection:
            query = "SELECT count(*) FROM events WHERE data LIKE ?"
            total += connection.execute(query, (f"%{PHONE}%",)).fetchone()[0]
    return total


async def test_wissen_leaves_nothing_in_rasa(
    rasa_with_broker: tuple[Service, Path],
    gateway_factory: GatewayFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rasa, folder = rasa_with_broker
    monkeypatch.setenv("GATEWAY_RASA_DELETE_TOKEN", TOKEN)
    async with gateway_factory(
        rasa_url=rasa.base_url, rasa_timeout_seconds=30, rasa_channel_token=RASA_CHANNEL_TOKEN
    ) as gateway:
        message = {"message": f"Ik ben Jan Jansen, {PHONE}, mijn man slaat mij"}
        session_id = (await gateway.post("/api/v1/chat", json=message)).json()["session_id"]
        assert copies_of_the_phone_number(folder) >= 2  # tracker store and broker

        wissen = await gateway.post("/api/v1/gesprek/wissen", json={"session_id": session_id})

    assert wissen.status_code == 200
    assert copies_of_the_phone_number(folder) == 0


async def test_erasing_without_the_token_is_refused_and_nothing_is_lost(
    rasa_with_broker: tuple[Service, Path], gateway_factory: GatewayFactory
) -> None:
    """Someone who guesses a pseudonym cannot wipe that conversation (or learn its melding)."""
    rasa, folder = rasa_with_broker
    async with gateway_factory(
        rasa_url=rasa.base_url, rasa_timeout_seconds=30, rasa_channel_token=RASA_CHANNEL_TOKEN
    ) as gateway:
        await gateway.post("/api/v1/chat", json={"message": f"Mijn nummer is {PHONE}"})
    before = copies_of_the_phone_number(folder)
    with sqlite3.connect(folder / "events.db") as connection:
        (sender,) = connection.execute(
            "SELECT sender_id FROM events WHERE data LIKE ? LIMIT 1", (f"%{PHONE}%",)
        ).fetchone()
    url = f"{rasa.base_url}/voordeur/conversations/{sender}"
    async with httpx.AsyncClient(timeout=30) as client:
        for headers in ({}, {"Authorization": "Bearer " + "x" * 40}, {"Authorization": TOKEN}):
            refused = await client.delete(url, headers=headers)
            assert refused.status_code == 401 and "melding" not in refused.text
    assert before >= 2 and copies_of_the_phone_number(folder) == before
