"""Into the melding form, and out of it without a melding: start afresh or forget the answers."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from . import prefill, texts
from .conversation import acknowledge, reset_melding
from .validation import MAX_BESCHRIJVING, check_text


def prefilled(tracker: Tracker) -> tuple[list[EventType], str | None]:
    """A fresh melding with what the inwoner already told (topic, voor wie, first words, and
    the safety flag for a melding about violence at home); also the onderwerp it got."""
    events = reset_melding()
    onderwerp = prefill.known_onderwerp(tracker.events)
    voor_wie = prefill.known_voor_wie(tracker.events)
    eerste = prefill.first_words(tracker.events)
    if onderwerp:
        events.append(SlotSet("onderwerp", onderwerp))
    if onderwerp == texts.VIOLENCE_ONDERWERP:
        events.append(SlotSet("veiligheid", True))
    if voor_wie:
        events.append(SlotSet("voor_wie", voor_wie))
    if eerste and check_text(eerste, MAX_BESCHRIJVING).ok:
        events.append(SlotSet("eerste_bericht", eerste))
    return events, onderwerp


class ActionStartMelding(Action):
    """Every way into the form: forget an earlier melding, fill in what the inwoner already
    told (topic, voor wie, first words) and say how it goes."""

    def name(self) -> str:
        return "action_start_melding"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        acknowledge(tracker, dispatcher)
        events, onderwerp = prefilled(tracker)
        if onderwerp:
            dispatcher.utter_message(text=texts.MELDING_INTRO_TOPIC.format(onderwerp=onderwerp))
        else:
            dispatcher.utter_message(text=texts.MELDING_INTRO)
        return events


class ActionResetMelding(Action):
    """Forget everything the inwoner filled in for a melding."""

    def name(self) -> str:
        return "action_reset_melding"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return reset_melding()
