"""Crisis first: the crisis answer, the spoed that follows it, and the answer to heavy messages.

Also how the actions tell the kind of danger (suicide, violence, child, medical) of a message.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from voordeur_nlu import crisis_topic

from . import melding, texts
from .conversation import active_loop
from .crisis_kind import crisis_kind
from .office_hours import now_local
from .organisation import current_organisation
from .start import prefilled
from .validation import MAX_BESCHRIJVING, check_text

SAFETY_CATEGORIES = ("violence", "child")


def crisis_category(tracker: Tracker) -> str | None:
    """The kind of danger in the latest message."""
    message = tracker.latest_message or {}
    return crisis_kind(message, message.get("text"))


def _last_crisis_category(tracker: Tracker) -> str | None:
    """The kind of danger of the latest crisis message in the conversation."""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        parse_data = event.get("parse_data") or {}
        if (parse_data.get("intent") or {}).get("name") == "crisis":
            return crisis_kind(parse_data, event.get("text"))
    return None


class ActionCrisisAnswer(Action):
    """Crisis first: the number for this situation first, then offer a melding with spoed.

    In the middle of the melding the form is paused (deactivated, answers kept): the numbers,
    then "wilt u daarna verder?", never the next question in the same turn.
    """

    def name(self) -> str:
        return "action_crisis_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        org = current_organisation()
        category = crisis_category(tracker)
        if category:
            numbers = texts.crisis_numbers(org, category)
        else:
            text = (tracker.latest_message or {}).get("text")
            numbers = texts.crisis_numbers(org, crisis_topic.answer_category(text), guessed=True)
        dispatcher.utter_message(text=numbers)
        if active_loop(tracker) != melding.FORM_NAME:
            dispatcher.utter_message(
                text=texts.crisis_offer(org, now_local()), buttons=texts.BUTTONS_SPOEDMELDING
            )
            return []

        # If we were asking what is going on, this message IS the answer: keep it, so the
        # inwoner does not have to tell it again.
        events: list[EventType] = [SlotSet("spoed", True)]
        if crisis_category(tracker) in SAFETY_CATEGORIES:
            events.append(SlotSet("veiligheid", True))
        if tracker.get_slot("requested_slot") == "beschrijving":
            outcome = check_text(tracker.latest_message.get("text"), MAX_BESCHRIJVING)
            if outcome.ok:
                events.append(SlotSet("beschrijving", outcome.value))
        dispatcher.utter_message(
            text=texts.CRISIS_CONTINUE_MELDING, buttons=texts.BUTTONS_CONTINUE_MELDING
        )
        return [*events, ActiveLoop(None), SlotSet("requested_slot", None)]


class ActionMarkSpoed(Action):
    """Yes after a crisis answer: the melding gets spoed (a paused one goes on)."""

    def name(self) -> str:
        return "action_mark_spoed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        paused = any(tracker.get_slot(slot) is not None for slot in melding.MELDING_SLOTS)
        dispatcher.utter_message(text=texts.SPOED_RESUME if paused else texts.SPOED_INTRO)
        # A new melding starts with what the inwoner already told, the crisis message too.
        events: list[EventType] = [] if paused else prefilled(tracker)[0]
        events.append(SlotSet("spoed", True))
        if _last_crisis_category(tracker) in SAFETY_CATEGORIES:
            events.append(SlotSet("veiligheid", True))
        return events


class ActionHeavyAnswer(Action):
    """Heavy but not a crisis: acknowledge, De Luisterlijn, the huisarts and 113."""

    def name(self) -> str:
        return "action_heavy_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(text=texts.heavy_answer(current_organisation()))
        return []
