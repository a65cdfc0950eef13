"""The dialogue state cache gives Rasa's answers: states, applied events, copies, predictions."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.core.policies.memoization import MemoizationPolicy
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    DefinePrevUserUtteredFeaturization,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from voordeur_dialogue_states import CHECKPOINTS, KEEP_STATES, DialogueStateCache, install

BOT_DIR = Path(__file__).resolve().parents[1]
MODEL = BOT_DIR / "models" / "voordeur.tar.gz"

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet, inform, stop, thanks]
entities: [naam]
slots:
  naam:
    type: text
    influence_conversation: true
    mappings: [{type: from_entity, entity: naam}]
  klaar:
    type: bool
    influence_conversation: true
    mappings: [{type: custom}]
forms:
  vraag_form:
    required_slots: [naam]
responses:
  utter_greet: [{text: "Hallo"}]
  utter_bye: [{text: "Dag"}]
actions: [action_check]
"""
)
RULE_ONLY = {"rule_only_slots": ["klaar"], "rule_only_loops": []}


def _user(intent: str, text: str | None = None, naam: str | None = None) -> UserUttered:
    entities = [{"entity": "naam", "value": naam, "start": 0, "end": 1}] if naam else []
    return UserUttered(text or intent, {"name": intent, "confidence": 1.0}, entities)


def _turn(intent: str, *actions: str, naam: str | None = None) -> list[Event]:
    """One user message, the feature choice Rasa logs, the bot's actions, then listening."""
    events: list[Event] = [_user(intent, naam=naam), DefinePrevUserUtteredFeaturization(False)]
    events += [ActionExecuted(action) for action in actions]
    return [*events, ActionExecuted("action_listen")]


def _form_turns() -> list[Event]:
    """A form that runs happily (Rasa takes back the turns between its runs), then stops."""
    return [
        _user("inform"),
        DefinePrevUserUtteredFeaturization(False),
        ActionExecuted("vraag_form"),
        ActiveLoop("vraag_form"),
        SlotSet("requested_slot", "naam"),
        ActionExecuted("action_listen"),
        _user("inform", naam="Anna"),
        DefinePrevUserUtteredFeaturization(False),
        ActionExecuted("vraag_form"),
        SlotSet("naam", "Anna"),
        ActiveLoop(None),
        SlotSet("requested_slot", None),
        ActionExecuted("utter_bye", hide_rule_turn=True),
        ActionExecuted("action_listen"),
        _user("stop"),
        DefinePrevUserUtteredFeaturization(False),
        ActionExecuted("vraag_form"),
        ActionExecutionRejected("vraag_form"),
        ActionExecuted("action_check"),
        SlotSet("klaar", True),
        ActionExecuted("action_listen"),
    ]


def _conversation(turns: int) -> list[Event]:
    """A long conversation with forms, rewinds, a restart and a new session in it."""
    events: list[Event] = [ActionExecuted("action_listen")]
    for number in range(turns):
        kind = number % 8
        if number in (20, 30):
            events += [Restarted(), ActionExecuted("action_listen")]
            if number == 30:
                events[-2:-1] = [ActionExecuted("action_session_start"), SessionStarted()]
        elif kind == 3:
            events += _form_turns()
        elif kind == 5:
            events += [*_turn("greet", "utter_greet"), UserUtteranceReverted()]
        elif kind == 6:
            events += [*_turn("thanks", "action_check"), ActionReverted()]
            events.append(ActionExecuted("action_listen"))
        else:
            events += _turn("greet", "utter_greet", naam="Bo" if kind == 1 else None)
    return events


def _tracker(events: list[Event], sender: str = "s") -> DialogueStateTracker:
    return DialogueStateTracker.from_events(sender, events, DOMAIN.slots)


def _expected(tracker: DialogueStateTracker, ml_only: bool) -> list[State]:
    return DOMAIN.states_for_tracker_history(
        tracker, ignore_rule_only_turns=ml_only, rule_only_data=RULE_ONLY if ml_only else None
    )


@pytest.mark.parametrize("ml_only", [False, True])
def test_states_grow_with_the_conversation_as_rasa_rebuilds_them(ml_only: bool) -> None:
    cache = DialogueStateCache()
    events = _conversation(60)
    checked = 0
    for end in range(1, len(events) + 1):
        tracker = _tracker(events[:end])
        kept, complete = cache.states(tracker, DOMAIN, ml_only, RULE_ONLY if ml_only else None)
        expected = _expected(tracker, ml_only)
        assert kept == (expected if complete else expected[-len(kept) :])
        assert complete or len(kept) > KEEP_STATES - CHECKPOINTS
        checked += not complete
    assert checked  # the conversation was longer than what is kept


def test_other_event_objects_are_replayed_again_not_trusted() -> None:
    cache = DialogueStateCache()
    events = _conversation(20)
    cache.states(_tracker(events), DOMAIN)
    changed = [*events[:-4], _user("thanks"), ActionExecuted("utter_bye")]
    tracker = _tracker(changed)
    assert cache.states(tracker, DOMAIN)[0][-5:] == _expected(tracker, False)[-5:]
    rebuilt = _tracker([Event.from_parameters(e.as_dict()) for e in changed])
    assert cache.states(rebuilt, DOMAIN)[0][-5:] == _expected(rebuilt, False)[-5:]


def test_a_new_domain_starts_a_new_replay() -> None:
    cache = DialogueStateCache()
    tracker = _tracker(_conversation(5))
    cache.states(tracker, DOMAIN)
    other = Domain.from_dict({**DOMAIN.as_dict(), "slots": {}})
    assert cache.states(tracker, other)[0] == other.states_for_tracker_history(tracker)


def _slots(tracker: DialogueStateTracker) -> dict[str, tuple]:
    return {name: (slot.value, slot.has_been_set) for name, slot in tracker.slots.items()}


def test_applied_events_and_copy_are_rasas() -> None:
    cache = DialogueStateCache()
    events = _conversation(40)
    for end in itertools.chain(range(1, len(events) + 1), [10, len(events)]):
        tracker = _tracker(events[:end])
        assert cache.applied_events(tracker) == tracker.applied_events()
        copied, expected = cache.copy(tracker), tracker.copy()
        assert copied.current_state(EventVerbosity.ALL) == expected.current_state(
            EventVerbosity.ALL
        )
        assert copied.events is not tracker.events
        assert _slots(copied) == _slots(expected)
        assert copied.followup_action == expected.followup_action
        assert copied.latest_message == expected.latest_message
    copied.update(ActionExecuted("utter_bye"))
    assert len(copied.events) == len(tracker.events) + 1  # the copy is the caller's own


def test_bounded_by_count_and_idle_time_and_forget() -> None:
    now = [0.0]
    cache = DialogueStateCache(max_conversations=3, idle_seconds=60, clock=lambda: now[0])
    for sender in "abcd":
        cache.applied_events(_tracker(_conversation(2), sender))
    assert len(cache) == 3
    assert "a" not in cache._conversations  # the least recently used one went first
    now[0] = 61
    cache.applied_events(_tracker(_conversation(2), "e"))
    assert list(cache._conversations) == ["e"]
    cache.forget("e")
    assert len(cache) == 0
    with pytest.raises(ValueError):
        DialogueStateCache(max_conversations=0)


def test_follows_a_tracker_stores_bounds() -> None:
    now = [0.0]
    cache = DialogueStateCache(max_conversations=10, idle_seconds=600, clock=lambda: now[0])
    for sender in "abcd":
        cache.applied_events(_tracker(_conversation(2), sender))
        now[0] += 10
    cache.follow(max_conversations=3, idle_seconds=25)  # c was used 20 s ago, a 40 s ago
    assert list(cache._conversations) == ["c", "d"]
    cache.follow(max_conversations=50_000, idle_seconds=7200)
    assert (cache.max_conversations, cache.idle_seconds) == (1000, 7200)  # at most the default
    with pytest.raises(ValueError):
        cache.follow(max_conversations=3, idle_seconds=0)


def _story_trackers(agent: object) -> list[DialogueStateTracker]:
    from rasa.core.test import _create_data_generator

    generator = _create_data_generator(
        str(BOT_DIR / "tests" / "test_stories.yml"), agent, use_conversation_test_files=True
    )
    return generator.generate_story_trackers()


def _predictions(agent: object, stories: list[DialogueStateTracker]) -> Iterator[tuple]:
    """Each story as one live conversation, all stories one after another in one more."""
    processor = agent.processor  # type: ignore[attr-defined]
    domain = agent.domain  # type: ignore[attr-defined]
    long = [e for story in stories for e in story.events if not isinstance(e, SessionStarted)]
    for number, events in enumerate([*(list(story.events) for story in stories), long]):
        live = DialogueStateTracker(f"story-{number}", domain.slots)
        for event in events:
            event = Event.from_parameters(event.as_dict())  # the conversation's own objects
            if isinstance(event, ActionExecuted) and not live.followup_action:
                prediction = processor._predict_next_with_tracker(live)
                yield (
                    number,
                    len(live.events),
                    domain.action_names_or_texts[prediction.max_confidence_index],
                    prediction.policy_name,
                    prediction.max_confidence,
                    prediction.events,
                    prediction.is_end_to_end_prediction,
                    prediction.is_no_user_prediction,
                    prediction.hide_rule_turn,
                )
                live.update_with_events(prediction.events, domain)
            live.update(event)


@pytest.mark.skipif(not MODEL.exists(), reason=f"no trained model at {MODEL}")
def test_predictions_are_the_same_with_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.core.agent import Agent

    agent = Agent.load(str(MODEL))
    stories = _story_trackers(agent)
    assert len(stories) > 20
    without = list(_predictions(agent, stories))
    install(monkeypatch.setattr)
    assert MemoizationPolicy._prediction_states.__module__ == "voordeur_dialogue_states"
    with_cache = list(_predictions(agent, stories))
    assert len(without) > 500
    assert with_cache == without
