"""Rasa's in-memory tracker store, bounded: idle conversations expire, and there is a maximum.

Rasa 3.6's ``InMemoryTrackerStore`` keeps every conversation for as long as the process runs, so
a flood of new conversations (one per session id) grows Rasa's memory until it is killed. This
store forgets a conversation ``idle_seconds`` after its last message, and the least recently
active conversation once there are more than ``max_conversations``. Both bounds are checked on
every save, oldest first, so the work per message stays small.

It keeps each conversation as a private tracker object instead of Rasa's JSON text. Rasa's store
turns the whole conversation into JSON on every save and rebuilds the tracker from it (replaying
every event) on every retrieve, twice per message with an event broker, so a message cost more
the longer the conversation was. Here a save stores a copy of the tracker's state (its event list
is copied, the events themselves are shared: Rasa never changes an event once it is logged) and a
retrieve hands out another copy, so the caller's changes never reach the store. What a retrieve
returns is the same as from Rasa's store: the same events, slots and dialogue state, only the
last session, and no ``model_id``, ``assistant_id`` or ``sender_source`` (Rasa's JSON drops them).
The price is memory: a conversation as objects takes about 3.5 times its JSON text
(``bench/tracker_memory.py``), which ``max_conversations`` bounds.

Both stores also set the bounds of the dialogue-state cache (``voordeur_dialogue_states``):
it forgets a conversation after the same ``idle_seconds`` and whenever the store forgets it,
so ``idle_seconds`` is the one expiry setting of everything kept per conversation.

Use it in ``endpoints.yml``::

    tracker_store:
      type: voordeur_tracker_store.ExpiringInMemoryTrackerStore
      idle_seconds: 7200
      max_conversations: 10000

With several Rasa instances the conversations live in PostgreSQL (``endpoints-scaled.yml``):
``CachedSQLTrackerStore`` is Rasa's SQL tracker store that also keeps the conversations it
served recently in memory, so that a message does not read and replay every event of the
conversation from the database (twice per message with an event broker). Before it hands out a
kept tracker it asks the database for the conversation's row count, highest row id and latest
timestamp; when another instance (or ``purge_conversations.py``, or the erase route) changed
the rows since, it reads the conversation from the database as Rasa does::

    tracker_store:
      type: voordeur_tracker_store.CachedSQLTrackerStore
      dialect: postgresql
      ...
      idle_seconds: 600
      max_conversations: 1000
"""

from __future__ import annotations

import copy
import logging
import operator
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any

import sqlalchemy as sa
import voordeur_dialogue_states
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore, TrackerStore
from rasa.shared.core.constants import ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted
from rasa.shared.core.trackers import (
    DialogueStateTracker,
    get_trackers_for_conversation_sessions,
)

logger = logging.getLogger(__name__)

DEFAULT_IDLE_SECONDS = 2 * 3600
DEFAULT_MAX_CONVERSATIONS = 10_000
CACHE_IDLE_SECONDS = 600
CACHE_MAX_CONVERSATIONS = 1000


class ExpiringInMemoryTrackerStore(InMemoryTrackerStore):
    """An in-memory tracker store whose conversations expire when idle, with a maximum count."""

    def __init__(
        self,
        domain: Domain,
        event_broker: EventBroker | None = None,
        idle_seconds: float = DEFAULT_IDLE_SECONDS,
        max_conversations: int = DEFAULT_MAX_CONVERSATIONS,
        clock: Callable[[], float] = time.monotonic,
        dialogue_states: voordeur_dialogue_states.DialogueStateCache | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(domain, event_broker, **kwargs)
        if float(idle_seconds) <= 0 or int(max_conversations) <= 0:
            raise ValueError("idle_seconds and max_conversations must be positive")
        self.idle_seconds = float(idle_seconds)
        self.max_conversations = int(max_conversations)
        self._clock = clock
        self._dialogue_states = _follow(dialogue_states, self)
        # Conversations (private trackers), least recently saved first; erase and keys() use it.
        self.store: OrderedDict[str, DialogueStateTracker] = OrderedDict()
        self._last_saved: dict[str, float] = {}

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Save the conversation as the most recent one, then drop what is idle or too many."""
        await self.stream_events(tracker)
        self.store[tracker.sender_id] = private_copy(self, tracker)
        self.store.move_to_end(tracker.sender_id)
        self._last_saved[tracker.sender_id] = self._clock()
        self._expire()

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The conversation, or None when it does not exist or has expired."""
        self._forget_if_expired(sender_id)
        return await super().retrieve(sender_id)

    async def retrieve_full_tracker(self, sender_id: str) -> DialogueStateTracker | None:
        """All sessions of the conversation, or None when it does not exist or has expired."""
        self._forget_if_expired(sender_id)
        return await super().retrieve_full_tracker(sender_id)

    async def keys(self) -> Iterable[str]:
        """The conversations that have not expired."""
        self._expire()
        return list(self.store.keys())

    async def _retrieve(
        self, sender_id: str, fetch_all_sessions: bool
    ) -> DialogueStateTracker | None:
        """A copy of the stored tracker: all sessions, or (as Rasa does) only the last one."""
        stored = self.store.get(sender_id)
        if stored is None:
            return None
        tracker = private_copy(self, stored)
        if fetch_all_sessions or _sessions(stored) <= 1:
            return tracker
        return get_trackers_for_conversation_sessions(tracker)[-1]

    def _is_expired(self, sender_id: str, now: float) -> bool:
        saved = self._last_saved.get(sender_id)
        return saved is None or now - saved >= self.idle_seconds

    def _forget(self, sender_id: str) -> None:
        self.store.pop(sender_id, None)
        self._last_saved.pop(sender_id, None)
        self._dialogue_states.forget(sender_id)

    def _forget_if_expired(self, sender_id: str) -> None:
        if sender_id in self.store and self._is_expired(sender_id, self._clock()):
            self._forget(sender_id)

    def _expire(self) -> None:
        """Drop idle conversations and the least recently active ones above the maximum."""
        now = self._clock()
        dropped = 0
        while self.store:
            oldest = next(iter(self.store))
            if len(self.store) <= self.max_conversations and not self._is_expired(oldest, now):
                break
            self._forget(oldest)
            dropped += 1
        # A conversation erased through the store dict directly leaves only its timestamp.
        if len(self._last_saved) > len(self.store):
            for sender_id in [s for s in self._last_saved if s not in self.store]:
                del self._last_saved[sender_id]
        if dropped:
            logger.debug("Forgot %d idle or surplus conversations", dropped)


class CachedSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store that keeps recently served conversations in memory, checked."""

    def __init__(
        self,
        domain: Domain | None = None,
        idle_seconds: float = CACHE_IDLE_SECONDS,
        max_conversations: int = CACHE_MAX_CONVERSATIONS,
        clock: Callable[[], float] = time.monotonic,
        dialogue_states: voordeur_dialogue_states.DialogueStateCache | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(domain, **kwargs)
        if float(idle_seconds) <= 0 or int(max_conversations) <= 0:
            raise ValueError("idle_seconds and max_conversations must be positive")
        self.idle_seconds = float(idle_seconds)
        self.max_conversations = int(max_conversations)
        self._clock = clock
        self._dialogue_states = _follow(dialogue_states, self)
        # sender id -> (the last session as a fresh retrieve gives it, its rows' fingerprint,
        # when it was last used); least recently used first.
        self._kept: OrderedDict[str, tuple[DialogueStateTracker, tuple[Any, ...], float]] = (
            OrderedDict()
        )

    def forget(self, sender_id: str) -> None:
        """Drop the kept copy of ``sender_id`` (its rows were erased)."""
        self._kept.pop(sender_id, None)

    def _fingerprint(self, sender_id: str) -> tuple[Any, ...]:
        """Row count, highest id and latest timestamp: any insert or delete changes it."""
        events = self.SQLEvent
        with self.session_scope() as session:
            row = (
                session.query(
                    sa.func.count(events.id), sa.func.max(events.id), sa.func.max(events.timestamp)
                )
                .filter(events.sender_id == sender_id)
                .one()
            )
        return tuple(row)

    def _keep(self, tracker: DialogueStateTracker, fingerprint: tuple[Any, ...]) -> None:
        now = self._clock()
        self._kept.pop(tracker.sender_id, None)
        self._kept[tracker.sender_id] = (tracker, fingerprint, now)
        while self._kept:
            _, _, used = next(iter(self._kept.values()))
            if len(self._kept) <= self.max_conversations and now - used < self.idle_seconds:
                break
            dropped, _ = self._kept.popitem(last=False)
            self._dialogue_states.forget(dropped)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The last session: the kept copy while the rows are unchanged, else from the rows."""
        fingerprint = self._fingerprint(sender_id)  # before reading: a later change shows
        kept = self._kept.get(sender_id)
        if kept is not None and kept[1] == fingerprint:
            self._keep(kept[0], fingerprint)
            return private_copy(self, kept[0])
        self.forget(sender_id)
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            self._keep(private_copy(self, tracker), fingerprint)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the new events as Rasa does; keep the result when it is known exactly.

        Like Rasa's own save (count the stored events, then add the rest), this relies on one
        writer per conversation at a time: Rasa's lock store.
        """
        kept = self._kept.get(tracker.sender_id)
        before = self._fingerprint(tracker.sender_id) if kept is not None else None
        await super().save(tracker)
        self.forget(tracker.sender_id)
        if kept is None or before is None or kept[1] != before or not _extends(tracker, kept[0]):
            return
        after = self._fingerprint(tracker.sender_id)
        if after[0] != before[0] + len(tracker.events) - len(kept[0].events):
            return
        extended = private_copy(self, kept[0])
        for event in islice(tracker.events, len(kept[0].events), None):
            extended.update(event)
        self._keep(extended, after)


def _follow(
    cache: voordeur_dialogue_states.DialogueStateCache | None,
    store: ExpiringInMemoryTrackerStore | CachedSQLTrackerStore,
) -> voordeur_dialogue_states.DialogueStateCache:
    """``cache`` (by default Rasa's, ``voordeur_dialogue_states.CACHE``) with ``store``'s bounds."""
    cache = voordeur_dialogue_states.CACHE if cache is None else cache
    cache.follow(store.max_conversations, store.idle_seconds)
    return cache


def _extends(tracker: DialogueStateTracker, kept: DialogueStateTracker) -> bool:
    """Whether the rows saved for ``tracker`` are exactly ``kept``'s events and then new ones.

    Rasa's SQL store saves the events after as many as its last session holds, and reads back
    the events from the latest session start's timestamp on: so the new events must follow the
    same objects, start no session, and be no older than that session start.
    """
    old = kept.events
    if len(tracker.events) < len(old) or not all(map(operator.is_, old, tracker.events)):
        return False
    starts = [event.timestamp for event in old if isinstance(event, SessionStarted)]
    for event in islice(tracker.events, len(old), None):
        if isinstance(event, SessionStarted) or (starts and event.timestamp < max(starts)):
            return False
    return True


def private_copy(store: TrackerStore, tracker: DialogueStateTracker) -> DialogueStateTracker:
    """What Rasa's store gives back for ``tracker``, as a new tracker; only events are shared.

    A tracker with other slots than the domain's (made outside Rasa's processor, or before
    the domain changed) goes the way Rasa's store goes: through JSON and a replay.
    """
    if type(tracker.slots) is not dict or tracker.slots.keys() != {
        slot.name for slot in store.domain.slots
    }:
        return store.deserialise_tracker(tracker.sender_id, store.serialise_tracker(tracker))
    fresh = store.init_tracker(tracker.sender_id)
    fresh.events = deque(tracker.events, fresh._max_event_history)
    fresh.slots = {name: copy.copy(slot) for name, slot in tracker.slots.items()}
    fresh._paused = tracker._paused
    fresh.followup_action = tracker.followup_action
    fresh.latest_action = copy.copy(tracker.latest_action)
    fresh.latest_message = tracker.latest_message
    fresh.latest_bot_utterance = tracker.latest_bot_utterance
    fresh.active_loop = copy.copy(tracker.active_loop)
    return fresh


def _is_session_start(event: Event) -> bool:
    return isinstance(event, ActionExecuted) and event.action_name == ACTION_SESSION_START_NAME


def _sessions(tracker: DialogueStateTracker) -> int:
    """Into how many trackers ``get_trackers_for_conversation_sessions`` splits ``tracker``."""
    events = tracker.events
    starts = sum(1 for event in events if _is_session_start(event))
    return starts + (1 if events and not _is_session_start(events[0]) else 0)
