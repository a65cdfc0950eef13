"""The bounded in-memory tracker store: in isolation with a clock, the same trackers as Rasa's own
in-memory store without its per-message JSON round trip, and in a real Rasa. The cached SQL
tracker store: the same trackers as Rasa's SQL store, without reading the rows while they are
unchanged, and correct when a second instance changes them."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa
import voordeur_dialogue_states
import yaml
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    AllSlotsReset,
    BotUttered,
    ConversationPaused,
    ConversationResumed,
    Event,
    FollowupAction,
    LoopInterrupted,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from real_rasa import BOT_DIR, running_rasa, say
from test_purge_conversations import POSTGRES_ADMIN, _drop, _postgres_database
from voordeur_dialogue_states import DialogueStateCache
from voordeur_tracker_store import CachedSQLTrackerStore, ExpiringInMemoryTrackerStore

TOKEN = "e" * 40


@pytest.fixture(autouse=True)
def _restore_dialogue_state_bounds() -> Iterator[None]:
    """A store made here sets the bounds of Rasa's dialogue-state cache: restore them."""
    cache = voordeur_dialogue_states.CACHE
    bounds = cache.max_conversations, cache.idle_seconds
    yield
    cache.max_conversations, cache.idle_seconds = bounds


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


def test_the_dialogue_state_cache_forgets_with_the_store() -> None:
    clock = Clock()
    cache = DialogueStateCache(clock=clock)
    store = ExpiringInMemoryTrackerStore(
        Domain.empty(), idle_seconds=60, max_conversations=2, clock=clock, dialogue_states=cache
    )
    assert (cache.idle_seconds, cache.max_conversations) == (60, 2)  # one expiry setting
    for sender in ("a", "b", "c"):
        asyncio.run(store.save(conversation(sender)))
        cache.applied_events(asyncio.run(store.retrieve(sender)))
    assert list(cache._conversations) == ["b", "c"]  # a left the store, so the cache
    clock.now += 30
    asyncio.run(store.save(conversation("c")))
    clock.now += 40  # b idle for 70 s, c for 40 s
    assert asyncio.run(store.retrieve("b")) is None
    assert list(cache._conversations) == ["c"]


@pytest.mark.parametrize("bad", [{"idle_seconds": 0}, {"max_conversations": -1}])
def test_bounds_must_be_positive(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="positive"):
        ExpiringInMemoryTrackerStore(Domain.empty(), **bad)


DOMAIN = Domain.from_dict(
    {
        "intents": ["greet", "inform", "request_human"],
        "entities": ["naam"],
        "slots": {
            "naam": {"type": "text", "mappings": [{"type": "from_text"}]},
            "toestemming": {
                "type": "bool",
                "influence_conversation": True,
                "mappings": [{"type": "custom"}],
            },
        },
        "forms": {"contact_form": {"required_slots": ["naam", "toestemming"]}},
        "responses": {"utter_greet": [{"text": "Hallo"}]},
    }
)


def user(text: str, intent: str) -> UserUttered:
    parse = {"intent": {"name": intent, "confidence": 0.9}, "entities": [], "text": text}
    return UserUttered(text, parse["intent"], [], parse, input_channel="rest")


# The turns of one conversation: each is logged with tracker.update and then saved, as Rasa's
# processor does. Forms (started, interrupted, rejected), slots, pauses, reverts, a restart and
# a second session all change the tracker's state in place.
TURNS: list[list[Event]] = [
    [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")],
    [user("hallo", "greet"), ActionExecuted("utter_greet"), BotUttered("Hallo")],
    [ActionExecuted("action_listen"), user("ik wil hulp", "request_human")],
    [ActionExecuted("contact_form"), ActiveLoop("contact_form"), SlotSet("requested_slot", "naam")],
    [ActionExecuted("action_listen"), user("Anna", "inform"), SlotSet("naam", "Anna")],
    [ActionExecutionRejected("contact_form"), LoopInterrupted(True), BotUttered("Wat bedoelt u?")],
    [ActionExecuted("contact_form"), LoopInterrupted(False), SlotSet("toestemming", True)],
    [FollowupAction("action_create_melding"), ConversationPaused()],
    [ConversationResumed(), ActionExecuted("action_listen"), user("nog iets", "inform")],
    [UserUtteranceReverted(), ActionReverted(), ActiveLoop(None), SlotSet("requested_slot", None)],
    [ActionExecuted("action_session_start"), SessionStarted(), AllSlotsReset()],
    [ActionExecuted("action_listen"), user("hallo weer", "greet"), BotUttered("Hallo")],
    [Restarted(), ActionExecuted("action_session_start"), SessionStarted()],
    [ActionExecuted("action_listen"), user("ik ben Bram", "inform"), SlotSet("naam", "Bram")],
]


class RecordingBroker(EventBroker):
    def __init__(self) -> None:
        self.published: list[dict[str, Any]] = []

    def publish(self, event: dict[str, Any]) -> None:
        self.published.append(event)


def without_placeholder_time(event: Event) -> dict[str, Any]:
    """The event; an empty placeholder (no message yet) without the moment it was made."""
    data = event.as_dict()
    if data.get("text") is None:
        data.pop("timestamp")
    return data


def state(tracker: DialogueStateTracker | None) -> dict[str, Any] | None:
    """Everything a tracker holds: its events and all of its dialogue state."""
    if tracker is None:
        return None
    slots = {name: (type(s), s.value, s.has_been_set) for name, s in tracker.slots.items()}
    return {
        **tracker.current_state(EventVerbosity.ALL),
        "slot_objects": slots,
        "slots_type": type(tracker.slots),
        "active_loop_object": tracker.active_loop,
        "latest_bot_utterance": without_placeholder_time(tracker.latest_bot_utterance),
        "latest_message_object": without_placeholder_time(tracker.latest_message),
        "events_type": (type(tracker.events), tracker.events.maxlen),
        **{
            name: getattr(tracker, name)
            for name in ("model_id", "assistant_id", "sender_source", "is_rule_tracker")
        },
    }


async def play(store: TrackerStore, sender: str) -> list[Any]:
    """Log TURNS as Rasa's processor does; what the store returned and published, per turn."""
    seen = []
    for turn in TURNS:
        tracker = await store.get_or_create_tracker(sender, append_action_listen=False)
        tracker.model_id = "model-1"  # the processor sets it on every tracker it handles
        for event in turn:
            tracker.update(event)
        await store.save(tracker)
        tracker.update(user("na het opslaan", "inform"))  # the caller goes on with it
        seen.append(
            (
                state(await store.retrieve(sender)),
                state(await store.retrieve_full_tracker(sender)),
                list(await store.keys()),
            )
        )
    return seen


def test_the_same_trackers_and_events_as_rasas_own_in_memory_store() -> None:
    rasa_broker, voordeur_broker = RecordingBroker(), RecordingBroker()
    rasa_store = InMemoryTrackerStore(DOMAIN, event_broker=rasa_broker)
    voordeur_store = ExpiringInMemoryTrackerStore(DOMAIN, event_broker=voordeur_broker)

    expected = asyncio.run(play(rasa_store, "web-a"))
    seen = asyncio.run(play(voordeur_store, "web-a"))

    for turn, (want, got) in enumerate(zip(expected, seen, strict=True)):
        assert got == want, f"turn {turn}"
    assert voordeur_broker.published == rasa_broker.published
    assert len(rasa_broker.published) == sum(len(turn) for turn in TURNS)


def test_a_tracker_made_outside_rasa_comes_back_as_from_rasas_store() -> None:
    foreign = DialogueStateTracker.from_events("web-b", [user("hallo", "greet")])  # no slots
    foreign.sender_source = "elders"
    rasa_store = InMemoryTrackerStore(DOMAIN)
    voordeur_store = ExpiringInMemoryTrackerStore(DOMAIN)
    for store in (rasa_store, voordeur_store):
        asyncio.run(store.save(foreign))
    want = state(asyncio.run(rasa_store.retrieve("web-b")))
    assert state(asyncio.run(voordeur_store.retrieve("web-b"))) == want


def test_a_retrieved_tracker_cannot_change_the_store() -> None:
    store = ExpiringInMemoryTrackerStore(DOMAIN)
    tracker = DialogueStateTracker("web-c", DOMAIN.slots)
    for turn in TURNS[:4]:
        tracker.update_with_events(turn, DOMAIN)
    asyncio.run(store.save(tracker))
    before = state(asyncio.run(store.retrieve("web-c")))

    retrieved = asyncio.run(store.retrieve("web-c"))
    for event in TURNS[5] + [SlotSet("naam", "Zoë"), ConversationPaused()]:
        retrieved.update(event)
    assert state(asyncio.run(store.retrieve("web-c"))) == before


def test_no_message_replays_or_serialises_the_whole_conversation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = ExpiringInMemoryTrackerStore(DOMAIN, event_broker=RecordingBroker())
    tracker = DialogueStateTracker("web-d", DOMAIN.slots)
    for _ in range(50):
        tracker.update_with_events(TURNS[1] + TURNS[2], DOMAIN)

    def whole_conversation(*_: object) -> None:
        raise AssertionError("the whole conversation was replayed or serialised")

    monkeypatch.setattr(DialogueStateTracker, "replay_events", whole_conversation)
    monkeypatch.setattr(DialogueStateTracker, "as_dialogue", whole_conversation)
    for _ in range(3):
        tracker = asyncio.run(store.retrieve("web-d")) or tracker
        tracker.update(user("nog een vraag", "inform"))
        asyncio.run(store.save(tracker))
    assert len(asyncio.run(store.retrieve("web-d")).events) == 50 * 5 + 3


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


@pytest.fixture(params=["sqlite", "postgresql"])
def sql_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """Settings of Rasa's SQL tracker store: SQLite, and PostgreSQL where one is reachable."""
    if request.param == "sqlite":
        yield {"dialect": "sqlite", "db": str(tmp_path / "trackers.db")}
        return
    admin = sa.create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    name = _postgres_database(admin)
    yield {"dialect": "postgresql", "host": "127.0.0.1", "db": name, "username": "postgres"}
    _drop(admin, name)


def cached_store(settings: dict[str, Any], **kwargs: Any) -> CachedSQLTrackerStore:
    return CachedSQLTrackerStore(DOMAIN, **settings, **kwargs)


def test_cached_sql_store_gives_what_rasas_sql_store_gives(
    sql_settings: dict[str, Any], tmp_path: Path
) -> None:
    rasa_broker, voordeur_broker = RecordingBroker(), RecordingBroker()
    rasa_store = SQLTrackerStore(
        DOMAIN, dialect="sqlite", db=str(tmp_path / "rasa.db"), event_broker=rasa_broker
    )
    voordeur_store = cached_store(sql_settings, event_broker=voordeur_broker)

    expected = asyncio.run(play(rasa_store, "web-a"))
    seen = asyncio.run(play(voordeur_store, "web-a"))

    for turn, (want, got) in enumerate(zip(expected, seen, strict=True)):
        assert got == want, f"turn {turn}"
    assert voordeur_broker.published == rasa_broker.published
    voordeur_store.engine.dispose()


def test_cached_sql_store_reads_no_rows_while_nothing_changed(
    sql_settings: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = cached_store(sql_settings, event_broker=RecordingBroker())
    tracker = DialogueStateTracker("web-e", DOMAIN.slots)
    for _ in range(20):
        tracker.update_with_events(TURNS[1] + TURNS[2], DOMAIN)
    asyncio.run(store.save(tracker))
    tracker = asyncio.run(store.retrieve("web-e"))  # read once from the rows

    def read_rows(*_: object) -> None:
        raise AssertionError("the conversation was read from the database")

    monkeypatch.setattr(DialogueStateTracker, "from_dict", read_rows)
    for _ in range(3):
        tracker.update(user("nog een vraag", "inform"))
        asyncio.run(store.save(tracker))
        tracker = asyncio.run(store.retrieve("web-e"))
    assert len(tracker.events) == 20 * 5 + 3
    store.engine.dispose()


def test_two_instances_see_each_others_messages_and_erasures(
    sql_settings: dict[str, Any],
) -> None:
    first, second = cached_store(sql_settings), cached_store(sql_settings)
    tracker = DialogueStateTracker("web-f", DOMAIN.slots)
    tracker.update_with_events(TURNS[1], DOMAIN)
    asyncio.run(first.save(tracker))
    assert len(asyncio.run(first.retrieve("web-f")).events) == 3

    other = asyncio.run(second.retrieve("web-f"))
    other.update_with_events(TURNS[2], DOMAIN)
    asyncio.run(second.save(other))
    assert state(asyncio.run(first.retrieve("web-f"))) == state(
        asyncio.run(second.retrieve("web-f"))
    )
    assert len(asyncio.run(first.retrieve("web-f")).events) == 5

    # Erased on the second instance, then a new conversation under the same id, just as long.
    with second.session_scope() as session:
        session.query(second.SQLEvent).filter(second.SQLEvent.sender_id == "web-f").delete()
        session.commit()
    assert asyncio.run(first.retrieve("web-f")) is None
    fresh = DialogueStateTracker("web-f", DOMAIN.slots)
    fresh.update_with_events([user("iets anders", "inform"), *TURNS[3][:4]], DOMAIN)
    asyncio.run(second.save(fresh))
    assert state(asyncio.run(first.retrieve("web-f"))) == state(fresh)
    for store in (first, second):
        store.engine.dispose()


def test_cached_sql_store_is_bounded_and_forgets(sql_settings: dict[str, Any]) -> None:
    clock = Clock()
    store = cached_store(sql_settings, idle_seconds=60, max_conversations=2, clock=clock)
    for sender in ("a", "b", "c"):
        asyncio.run(store.save(conversation(sender)))
        asyncio.run(store.retrieve(sender))
    assert list(store._kept) == ["b", "c"]
    clock.now += 61
    asyncio.run(store.retrieve("c"))
    assert list(store._kept) == ["c"]
    store.forget("c")
    assert not store._kept
    with pytest.raises(ValueError):
        cached_store(sql_settings, idle_seconds=0)
    store.engine.dispose()
