"""The bounded in-memory tracker store: in isolation with a clock, and in a real Rasa."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest
import requests
import yaml
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from real_rasa import BOT_DIR, running_rasa, say
from voordeur_tracker_store import ExpiringInMemoryTrackerStore

TOKEN = "e" * 40


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def conversation(sender: str) -> DialogueStateTracker:
    events = [ActionExecuted("action_listen"), UserUttered("hallo")]
    return DialogueStateTracker.from_events(sender, events)


def store_with(clock: Clock, max_conversations: int = 3) -> ExpiringInMemoryTrackerStore:
    return ExpiringInMemoryTrackerStore(
        Domain.empty(), idle_seconds=60, max_conversations=max_conversations, clock=clock
    )


def test_an_idle_conversation_expires_and_an_active_one_stays() -> None:
    clock = Clock()
    store = store_with(clock)
    asyncio.run(store.save(conversation("idle")))
    clock.now += 30
    asyncio.run(store.save(conversation("active")))
    clock.now += 40  # idle: 70 s since its last message; active: 40 s

    assert asyncio.run(store.retrieve("idle")) is None
    assert asyncio.run(store.retrieve("active")) is not None
    assert list(asyncio.run(store.keys())) == ["active"]


def test_the_least_recently_active_goes_first_above_the_maximum() -> None:
    clock = Clock()
    store = store_with(clock, max_conversations=3)
    for sender in ("a", "b", "c"):
        asyncio.run(store.save(conversation(sender)))
        clock.now += 1
    asyncio.run(store.save(conversation("a")))  # a is active again
    asyncio.run(store.save(conversation("d")))

    assert sorted(asyncio.run(store.keys())) == ["a", "c", "d"]
    assert asyncio.run(store.retrieve_full_tracker("b")) is None


def test_a_flood_of_new_conversations_stays_bounded() -> None:
    clock = Clock()
    store = store_with(clock, max_conversations=100)
    for number in range(5000):
        asyncio.run(store.save(conversation(f"flood-{number}")))
    assert len(store.store) == 100
    assert len(store._last_saved) == 100


def test_an_erased_conversation_leaves_nothing_behind() -> None:
    clock = Clock()
    store = store_with(clock)
    asyncio.run(store.save(conversation("erased")))
    store.store.pop("erased")  # what voordeur_erase does
    asyncio.run(store.save(conversation("other")))
    assert "erased" not in store._last_saved


@pytest.mark.parametrize("bad", [{"idle_seconds": 0}, {"max_conversations": -1}])
def test_bounds_must_be_positive(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="positive"):
        ExpiringInMemoryTrackerStore(Domain.empty(), **bad)


@pytest.fixture(scope="module")
def bounded_rasa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Rasa with the shipped endpoints.yml, only the two bounds made small."""
    folder = tmp_path_factory.mktemp("rasa-bounded")
    endpoints = yaml.safe_load((BOT_DIR / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints["tracker_store"].update(idle_seconds=6, max_conversations=10)
    path = folder / "endpoints.yml"
    path.write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    env = {
        "RASA_DELETE_TOKEN": TOKEN,
        "ACTION_ENDPOINT_URL": "http://127.0.0.1:9/webhook",
        "ACTION_SERVER_TOKEN": "a" * 40,
    }
    with running_rasa(path, folder, env) as url:
        yield url


def kept(url: str, sender: str) -> bool:
    """Whether Rasa still holds ``sender``'s conversation (the erase route says so, and erases)."""
    response = requests.delete(
        f"{url}/voordeur/conversations/{sender}",
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return bool(response.json()["found"])


def test_real_rasa_forgets_surplus_and_idle_conversations(bounded_rasa: str) -> None:
    for number in range(25):
        say(bounded_rasa, f"flood-{number}", "hallo")

    assert not kept(bounded_rasa, "flood-0")  # pushed out by 24 newer conversations
    assert kept(bounded_rasa, "flood-24")

    say(bounded_rasa, "idle", "hallo")
    time.sleep(7)
    say(bounded_rasa, "fresh", "hallo")
    assert not kept(bounded_rasa, "idle")
    assert kept(bounded_rasa, "fresh")
