"""What the actions read from the tracker, and the events that forget a melding.

Shared by the action modules; plain functions on rasa-sdk's Tracker, no actions of their own.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from . import melding, signals


def active_loop(tracker: Tracker) -> str | None:
    return (tracker.active_loop or {}).get("name")


def latest(tracker: Tracker) -> tuple[str | None, str | None, float | None]:
    """Text, intent name and confidence of the latest user message."""
    message = tracker.latest_message or {}
    intent = message.get("intent") or {}
    return message.get("text"), intent.get("name"), intent.get("confidence")


def requested_before_latest_message(tracker: Tracker) -> str | None:
    """The slot the form asked for when the inwoner sent the latest message."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "slot" and event.get("name") == "requested_slot":
            return event.get("value")
    return None


def previous_action(tracker: Tracker) -> str | None:
    """The last action before the latest user message (action_listen not counted)."""
    seen_user = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            seen_user = True
        elif seen_user and kind == "action" and event.get("name") != "action_listen":
            return event.get("name")
    return None


def reset_melding() -> list[EventType]:
    """Forget every answer of the melding, and its spoed and safety flags."""
    events: list[EventType] = [SlotSet(slot, None) for slot in melding.MELDING_SLOTS]
    return [*events, SlotSet("spoed", False), SlotSet("veiligheid", False)]


def acknowledge(tracker: Tracker, dispatcher: CollectingDispatcher) -> None:
    """One short sentence for a signal in the latest message ("doodop", "ik ben bang")."""
    sentence = signals.acknowledgement((tracker.latest_message or {}).get("text"))
    if sentence:
        dispatcher.utter_message(text=sentence)
