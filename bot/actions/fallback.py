"""Not understood: a hint in the form; outside it suggestions first, then a person."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from . import melding, suggestions, texts
from .conversation import acknowledge, active_loop, latest, previous_action
from .office_hours import now_local
from .organisation import current_organisation


class ActionNotUnderstood(Action):
    """NLU fallback and core fallback, in two stages.

    In the melding: a short hint that fits the question. Outside it: the first time ask which
    of the topics the classifier hesitated between was meant (or, when it named none, to
    rephrase, with the main menu); the second time in a row offer a person. A question outside the
    social domain gets a pointer to the gemeente.
    """

    def name(self) -> str:
        return "action_not_understood"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if active_loop(tracker) == melding.FORM_NAME:
            requested = tracker.get_slot("requested_slot")
            dispatcher.utter_message(
                text=texts.NOT_UNDERSTOOD_IN_FORM.get(
                    requested or "", texts.NOT_UNDERSTOOD_IN_MELDING
                )
            )
            return []
        org = current_organisation()
        _, intent, _ = latest(tracker)
        acknowledge(tracker, dispatcher)
        if intent == "out_of_scope":
            dispatcher.utter_message(text=texts.out_of_scope_text(org))
        elif previous_action(tracker) == self.name():
            dispatcher.utter_message(
                text=texts.offer_person(org, now_local()), buttons=texts.BUTTONS_OFFER_PERSON
            )
        elif suggested := suggestions.topic_suggestions(tracker.latest_message):
            dispatcher.utter_message(
                text=texts.not_sure(org), buttons=[*suggested, *texts.BUTTONS_NOT_SURE_EXTRA]
            )
        else:
            dispatcher.utter_message(
                text=texts.not_understood(org), buttons=texts.BUTTONS_MAIN_MENU
            )
        return []
