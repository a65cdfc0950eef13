"""Dialogue states that do not cost more as a conversation grows longer (Rasa 3.6).

For every prediction Rasa 3.6's ``RulePolicy`` and ``MemoizationPolicy`` rebuild the dialogue
state of every earlier turn: ``Domain.states_for_tracker_history`` replays the whole session
(about 4 ms at turn 100, eight times per message), and ``applied_events`` walks every event
again. Then ``RulePolicy`` matches and formats all those states, although a rule is at most a
few states long, and ``MemoizationPolicy`` keeps only its last ``max_history``.

:class:`DialogueStateCache` remembers, per conversation (sender id), the applied events and the
replay behind the states, and extends them with the events that are new since the last call.
The policies get only the states they can use:

- ``RulePolicy``: the last ``longest rule + 1`` states. The rest cannot change its prediction:
  a rule of ``n`` states only looks at the last ``n`` states, and a state list longer than every
  rule can never equal a remembered one (``rules_not_in_stories``), whether cut or not.
- ``MemoizationPolicy``: its last ``max_history`` states, as its own featurizer cuts them.

Old states do not change: an entry is used only for a tracker whose events start with exactly
the event objects it was built from (compared by identity; Rasa never changes an event it has
logged, and the tracker stores hand out the same objects). When the events differ (a rewind, a
form that takes back its last turn, a conversation read again from the database), the replay
restarts from a snapshot taken at one of the last few actions, or from the start. Anything this
module does not know (another policy, another featurizer) goes to Rasa's own code.

Memory is bounded: at most ``max_conversations`` conversations, each forgotten ``idle_seconds``
after its last use, each holding a few dozen states and a few snapshots. The tracker store sets
both (:meth:`DialogueStateCache.follow`): the cache forgets a conversation after the store's
``idle_seconds`` and when the store forgets it, so there is one expiry setting
(``endpoints.yml``). :func:`install` puts it into Rasa (``voordeur_rasa`` does so at start).
"""

from __future__ import annotations

import copy
import json
import operator
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from rasa.core.featurizers.tracker_featurizers import MaxHistoryTrackerFeaturizer
from rasa.core.policies.memoization import MemoizationPolicy
from rasa.core.policies.policy import Policy, SupportedData
from rasa.core.policies.rule_policy import (
    RULES,
    RULES_FOR_LOOP_UNHAPPY_PATH,
    RULES_NOT_IN_STORIES,
    RulePolicy,
)
from rasa.shared.core.constants import PREVIOUS_ACTION
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

DEFAULT_MAX_CONVERSATIONS = 1000
DEFAULT_IDLE_SECONDS = 600.0
KEEP_STATES = 32  # states kept per conversation; a policy here needs at most a handful
CHECKPOINTS = 4  # snapshots of the replay at the last actions (a form takes back one turn)


def _starts_with(events: Sequence[Event], prefix: Sequence[Event]) -> bool:
    """Whether ``events`` begins with exactly the objects in ``prefix``."""
    return len(events) >= len(prefix) and all(map(operator.is_, prefix, events))


def _common_length(first: Sequence[Event], second: Sequence[Event]) -> int:
    """How many leading objects ``first`` and ``second`` share."""
    for index, (a, b) in enumerate(zip(first, second, strict=False)):
        if a is not b:
            return index
    return min(len(first), len(second))


def _loop_names(events: Iterable[Event]) -> set[str]:
    return {event.name for event in events if isinstance(event, ActiveLoop) and event.name}


def _apply(
    tracker: DialogueStateTracker, events: Iterable[Event], applied: list[Event], loops: set[str]
) -> None:
    """Rasa 3.6's ``DialogueStateTracker.applied_events`` loop, resumable: extends ``applied``."""
    for event in events:
        if isinstance(event, Restarted | SessionStarted):
            applied.clear()
        elif isinstance(event, ActionReverted):
            tracker._undo_till_previous(ActionExecuted, applied)
        elif isinstance(event, UserUtteranceReverted):
            tracker._undo_till_previous(UserUttered, applied)
            tracker._undo_till_previous(ActionExecuted, applied)
        elif (
            isinstance(event, ActionExecuted)
            and event.action_name in loops
            and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied)
        ):
            tracker._undo_till_previous_loop_execution(event.action_name, applied)
        else:
            applied.append(event)


def _clone(replay: DialogueStateTracker) -> DialogueStateTracker:
    """A copy of a replay tracker's state (slots and active loop are its only mutable parts)."""
    clone = copy.copy(replay)
    clone.slots = {name: copy.copy(slot) for name, slot in replay.slots.items()}
    clone.active_loop = copy.copy(replay.active_loop)
    return clone


def _same_kind(first: DialogueStateTracker, second: DialogueStateTracker) -> bool:
    """Whether ``init_copy()`` of both starts from the same slots and settings."""
    return (
        first.slots.keys() == second.slots.keys()
        and first.is_rule_tracker == second.is_rule_tracker
        and first._max_event_history == second._max_event_history
    )


def _copy_state(state: State) -> State:
    """A state the caller may change: policies delete keys from its parts."""
    return {part: dict(values) for part, values in state.items()}  # type: ignore[misc]


@dataclass
class _Applied:
    """A conversation's events seen so far and its applied events."""

    events: list[Event]
    applied: list[Event]
    loops: set[str]


@dataclass
class _Checkpoint:
    """The replay just before the applied event at ``position`` (an action)."""

    position: int
    replay: DialogueStateTracker
    last_ml_action: dict[str, Any] | None
    turn_was_hidden: bool
    states_before: int


@dataclass
class _Replay:
    """One kind of dialogue states of a conversation, replayed up to ``consumed``."""

    domain: Domain
    replay: DialogueStateTracker
    consumed: list[Event] = field(default_factory=list)
    states: list[State] = field(default_factory=list)
    dropped: int = 0  # states no longer kept, from the start
    last_ml_action: dict[str, Any] | None = None
    turn_was_hidden: bool = False
    checkpoints: deque[_Checkpoint] = field(default_factory=lambda: deque(maxlen=CHECKPOINTS))


@dataclass
class _Conversation:
    applied: _Applied | None = None
    copy: DialogueStateTracker | None = None  # all events replayed, for ``tracker.copy()``
    replays: dict[tuple[Any, ...], _Replay] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)  # other modules' data, same bounds
    used: float = 0.0


class DialogueStateCache:
    """Applied events and dialogue states per conversation, extended instead of rebuilt."""

    def __init__(
        self,
        max_conversations: int = DEFAULT_MAX_CONVERSATIONS,
        idle_seconds: float = DEFAULT_IDLE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_conversations <= 0 or idle_seconds <= 0:
            raise ValueError("max_conversations and idle_seconds must be positive")
        self.max_conversations = max_conversations
        self.idle_seconds = idle_seconds
        self._clock = clock
        self._conversations: OrderedDict[str, _Conversation] = OrderedDict()
        self._rule_windows: dict[int, tuple[Any, int]] = {}

    def __len__(self) -> int:
        return len(self._conversations)

    def forget(self, sender_id: str) -> None:
        """Drop everything kept for ``sender_id`` (the conversation was erased or expired)."""
        self._conversations.pop(sender_id, None)

    def data(self, sender_id: str) -> dict[str, Any]:
        """Room for other per-conversation data, forgotten with the conversation."""
        return self._conversation(sender_id).data

    def follow(self, max_conversations: int, idle_seconds: float) -> None:
        """Take a tracker store's bounds: its idle time, and at most its number of
        conversations (never more than ``DEFAULT_MAX_CONVERSATIONS``: a conversation that is
        no longer kept here is replayed once when it comes back)."""
        if max_conversations <= 0 or idle_seconds <= 0:
            raise ValueError("max_conversations and idle_seconds must be positive")
        self.max_conversations = min(int(max_conversations), DEFAULT_MAX_CONVERSATIONS)
        self.idle_seconds = float(idle_seconds)
        self._expire(self._clock(), room=0)

    def _expire(self, now: float, room: int) -> None:
        """Drop idle conversations, and the least recently used above the maximum - ``room``."""
        while self._conversations:
            oldest = next(iter(self._conversations.values()))
            if (
                len(self._conversations) + room <= self.max_conversations
                and now - oldest.used < self.idle_seconds
            ):
                break
            self._conversations.popitem(last=False)

    def _conversation(self, sender_id: str) -> _Conversation:
        """The entry of ``sender_id``, most recently used; drops idle ones and the surplus."""
        now = self._clock()
        conversation = self._conversations.pop(sender_id, None) or _Conversation()
        conversation.used = now
        self._expire(now, room=1)
        self._conversations[sender_id] = conversation
        return conversation

    def applied_events(self, tracker: DialogueStateTracker) -> list[Event]:
        """``tracker.applied_events()``; the list is the cache's own: do not change it."""
        conversation = self._conversation(tracker.sender_id)
        events = tracker.events
        known = conversation.applied
        if known is not None and _starts_with(events, known.events):
            new = list(islice(events, len(known.events), None))
            if _loop_names(new) <= known.loops:
                _apply(tracker, new, known.applied, known.loops)
                known.events.extend(new)
                return known.applied
        elif known is not None and _starts_with(known.events, events):
            # An older view of the conversation (a copy from before the last events).
            applied: list[Event] = []
            _apply(tracker, events, applied, _loop_names(events))
            return applied
        loops = _loop_names(events)
        applied = []
        _apply(tracker, events, applied, loops)
        conversation.applied = _Applied(list(events), applied, loops)
        return applied

    def copy(self, tracker: DialogueStateTracker) -> DialogueStateTracker:
        """``tracker.copy()``: a new tracker replayed from ``tracker``'s events."""
        conversation = self._conversation(tracker.sender_id)
        events = tracker.events
        known = conversation.copy
        if known is not None and not _same_kind(known, tracker):
            known = None
        if known is not None and _starts_with(events, known.events):
            for event in islice(events, len(known.events), None):
                known.update(event)
        elif known is not None and _starts_with(known.events, events):
            return _original_copy(tracker)  # an older view of the conversation
        else:
            known = conversation.copy = _original_copy(tracker)
        clone = _clone(known)
        clone.events = deque(known.events, known._max_event_history)
        return clone

    def states(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        ignore_rule_only_turns: bool = False,
        rule_only_data: dict[str, Any] | None = None,
    ) -> tuple[list[State], bool]:
        """The last states of ``domain.states_for_tracker_history(tracker, ...)``.

        Returns at least the last ``KEEP_STATES`` states (all of them in a shorter
        conversation) and whether that is all of them. The states are the cache's own: copy
        before changing them.
        """
        applied = self.applied_events(tracker)
        key = (ignore_rule_only_turns, _frozen(rule_only_data) if ignore_rule_only_turns else None)
        conversation = self._conversations[tracker.sender_id]
        replay = conversation.replays.get(key)
        if replay is None or replay.domain is not domain:
            replay = _Replay(domain, tracker.init_copy())
            conversation.replays[key] = replay
        elif not _starts_with(applied, replay.consumed):
            replay = self._rewind(replay, _common_length(applied, replay.consumed), tracker)
            conversation.replays[key] = replay
        step = _Stepper(domain, ignore_rule_only_turns, rule_only_data)
        for event in applied[len(replay.consumed) :]:
            if isinstance(event, ActionExecuted):
                replay.checkpoints.append(
                    _Checkpoint(
                        len(replay.consumed),
                        _clone(replay.replay),
                        replay.last_ml_action,
                        replay.turn_was_hidden,
                        replay.dropped + len(replay.states),
                    )
                )
                state, replay.last_ml_action, replay.turn_was_hidden = step(
                    replay, event.hide_rule_turn
                )
                if state is not None:
                    replay.states.append(state)
            event.apply_to(replay.replay)
            replay.consumed.append(event)
        if len(replay.states) > KEEP_STATES:
            surplus = len(replay.states) - KEEP_STATES
            del replay.states[:surplus]
            replay.dropped += surplus
        final, _, _ = step(replay, False)
        kept = replay.states + ([final] if final is not None else [])
        return kept, replay.dropped == 0

    @staticmethod
    def _rewind(replay: _Replay, common: int, tracker: DialogueStateTracker) -> _Replay:
        """Go back to the last snapshot before the first event that changed, or the start."""
        while replay.checkpoints:
            checkpoint = replay.checkpoints.pop()
            keep = checkpoint.states_before - replay.dropped
            if checkpoint.position <= common and keep >= 0:
                del replay.consumed[checkpoint.position :]
                del replay.states[keep:]
                replay.replay = _clone(checkpoint.replay)
                replay.last_ml_action = checkpoint.last_ml_action
                replay.turn_was_hidden = checkpoint.turn_was_hidden
                return replay
        return _Replay(replay.domain, tracker.init_copy())

    def policy_states(
        self,
        policy: Policy,
        tracker: DialogueStateTracker,
        domain: Domain,
        use_text_for_last_user_input: bool,
        rule_only_data: dict[str, Any] | None,
    ) -> list[State] | None:
        """What ``policy._prediction_states`` gives ``policy``, cut to what it uses.

        None for a policy or featurizer this module does not know, or when more states are
        needed than are kept.
        """
        featurizer = policy.featurizer
        if type(policy) not in (RulePolicy, MemoizationPolicy) or (
            type(featurizer) is not MaxHistoryTrackerFeaturizer
        ):
            return None
        needed = featurizer.max_history
        if type(policy) is RulePolicy:
            window = self._rule_window(policy)
            needed = window if needed is None else min(needed, window)
        if not needed:
            return None
        ml_only = policy.supported_data() == SupportedData.ML_DATA
        kept, complete = self.states(tracker, domain, ml_only, rule_only_data)
        if ml_only:
            kept = featurizer._remove_action_unlikely_intent_from_states(kept)
        if len(kept) < needed and not complete:
            return None
        states = [_copy_state(state) for state in kept[-needed:]]
        featurizer._choose_last_user_input([states], use_text_for_last_user_input)
        return states

    def _rule_window(self, policy: RulePolicy) -> int:
        """One more than the longest state list ``policy`` remembers."""
        known = self._rule_windows.get(id(policy))
        if known is not None and known[0] is policy.lookup:
            return known[1]
        keys: list[str] = [
            *policy.lookup.get(RULES, {}),
            *policy.lookup.get(RULES_FOR_LOOP_UNHAPPY_PATH, {}),
            *policy.lookup.get(RULES_NOT_IN_STORIES, []),
        ]
        window = 1 + max((_key_length(key) for key in keys), default=0)
        self._rule_windows[id(policy)] = (policy.lookup, window)
        return window


def _key_length(key: str) -> int:
    """How many states a remembered key holds (0 for a key that is not a state list)."""
    try:
        states = json.loads(key)
    except ValueError:
        return 0
    return len(states) if isinstance(states, list) else 0


def _frozen(rule_only_data: dict[str, Any] | None) -> str:
    return json.dumps(rule_only_data, sort_keys=True)


class _Stepper:
    """The body of Rasa 3.6's ``Domain.states_for_tracker_history`` loop, for one turn."""

    def __init__(
        self, domain: Domain, ignore_rule_only_turns: bool, rule_only_data: dict[str, Any] | None
    ) -> None:
        self.domain = domain
        self.ignore_rule_only_turns = ignore_rule_only_turns
        self.rule_only_data = rule_only_data

    def __call__(
        self, replay: _Replay, hide_rule_turn: bool
    ) -> tuple[State | None, dict[str, Any] | None, bool]:
        """The state of ``replay.replay`` (None for a hidden turn), and the loop's variables."""
        tracker = replay.replay
        last_ml_action = replay.last_ml_action
        turn_was_hidden = replay.turn_was_hidden
        if self.ignore_rule_only_turns:
            if not turn_was_hidden:
                last_ml_action = self.domain._get_prev_action_sub_state(tracker)
            if not tracker.followup_action and tracker.latest_action_name != (
                tracker.active_loop_name
            ):
                turn_was_hidden = hide_rule_turn
            if turn_was_hidden:
                return None, last_ml_action, turn_was_hidden
        state = self.domain.get_active_state(tracker)
        if self.ignore_rule_only_turns:
            self.domain._remove_rule_only_features(state, self.rule_only_data)
            if replay.states:
                self.domain._substitute_rule_only_user_input(state, replay.states[-1])
            if last_ml_action:
                state[PREVIOUS_ACTION] = last_ml_action  # type: ignore[typeddict-item]
        return self.domain._clean_state(state), last_ml_action, turn_was_hidden


CACHE = DialogueStateCache()
_original_prediction_states = Policy._prediction_states
_original_copy = DialogueStateTracker.copy


def _prediction_states(
    self: Policy,
    tracker: DialogueStateTracker,
    domain: Domain,
    use_text_for_last_user_input: bool = False,
    rule_only_data: dict[str, Any] | None = None,
) -> list[State]:
    states = CACHE.policy_states(
        self, tracker, domain, use_text_for_last_user_input, rule_only_data
    )
    if states is None:
        return _original_prediction_states(
            self, tracker, domain, use_text_for_last_user_input, rule_only_data
        )
    return states


def _applied_events(self: DialogueStateTracker) -> list[Event]:
    return list(CACHE.applied_events(self))


def _copy(self: DialogueStateTracker) -> DialogueStateTracker:
    return CACHE.copy(self)


def install(setter: Callable[[Any, str, Any], None] = setattr) -> None:
    """Use the cache for the two policies, ``applied_events`` and ``copy``.

    ``setter`` sets each attribute (tests pass pytest's ``monkeypatch.setattr``).
    """
    setter(MemoizationPolicy, "_prediction_states", _prediction_states)
    setter(DialogueStateTracker, "applied_events", _applied_events)
    setter(DialogueStateTracker, "copy", _copy)
