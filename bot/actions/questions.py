"""The melding form's questions (``action_ask_<slot>``) and the read-back of the summary.

The texts and buttons are in ``texts.QUESTIONS``.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from . import texts
from .conversation import latest, requested_before_latest_message
from .validation import find_corrections


def _ask(slot: str, dispatcher: CollectingDispatcher) -> list[EventType]:
    text, buttons = texts.QUESTIONS[slot]
    dispatcher.utter_message(text=text, buttons=buttons or None)
    return []


def _ask_action(slot: str) -> type[Action]:
    """An ``action_ask_<slot>`` action that asks the form's question for ``slot``."""

    class AskAction(Action):
        def name(self) -> str:
            return f"action_ask_{slot}"

        async def run(
            self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
        ) -> list[EventType]:
            return _ask(slot, dispatcher)

    AskAction.__name__ = AskAction.__qualname__ = "ActionAsk" + slot.title().replace("_", "")
    return AskAction


ActionAskOnderwerp = _ask_action("onderwerp")
ActionAskVoorWie = _ask_action("voor_wie")
ActionAskDringend = _ask_action("dringend")
ActionAskToestemming = _ask_action("toestemming")
ActionAskContactwijze = _ask_action("contactwijze")
ActionAskTelefoon = _ask_action("telefoon")
ActionAskEmail = _ask_action("email")
ActionAskVeiligContact = _ask_action("veilig_contact")
ActionAskNaam = _ask_action("naam")
ActionAskBereikbaar = _ask_action("bereikbaar")


class ActionAskBeschrijving(Action):
    """'Wat is er aan de hand?', or, when the inwoner already told it, 'nog iets toevoegen?'."""

    def name(self) -> str:
        return "action_ask_beschrijving"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        eerste = tracker.get_slot("eerste_bericht")
        if not eerste:
            return _ask("beschrijving", dispatcher)
        dispatcher.utter_message(text=texts.beschrijving_more(eerste))
        return []


class ActionAskBevestigd(Action):
    """Read the melding back ("Klopt dit?"); after a plain "nee" ask what is wrong."""

    def name(self) -> str:
        return "action_ask_bevestigd"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text, intent, _ = latest(tracker)
        plain_no = (
            requested_before_latest_message(tracker) == "bevestigd"
            and intent == "deny"
            and not find_corrections(text, cue_required=False)
        )
        if plain_no:
            dispatcher.utter_message(text=texts.WHAT_IS_WRONG)
        else:
            dispatcher.utter_message(
                text=texts.summary(tracker.slots), buttons=texts.BUTTONS_YES_NO
            )
        return []
