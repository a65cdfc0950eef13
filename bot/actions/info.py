"""An informational answer: the acknowledgement before it, the answers built from the
organisation file, and the call-back offer after it (see the rules in ``data/rules.yml``)."""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from . import answers, texts
from .conversation import acknowledge, latest
from .office_hours import now_local
from .organisation import current_organisation

logger = logging.getLogger(__name__)


class ActionAcknowledgeSignal(Action):
    """Before an informational answer: acknowledge what the inwoner feels, if anything."""

    def name(self) -> str:
        return "action_acknowledge_signal"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        acknowledge(tracker, dispatcher)
        return []


class ActionTopicInfo(Action):
    """The answer of a topic in answers.yml: the specific one the answer selector chose, or the
    topic's general answer (always for a button press)."""

    def name(self) -> str:
        return "action_topic_info"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        _, topic, _ = latest(tracker)
        if topic is None or not answers.has_answers(topic):
            logger.error("No answers for topic %r", topic)
            dispatcher.utter_message(response="utter_hoe_helpen")
            return []
        text, buttons = answers.answer_for(topic, tracker.latest_message)
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


class ActionOfferCallback(Action):
    """The offer after an informational answer; a typed yes or no is handled by the rules."""

    def name(self) -> str:
        return "action_offer_callback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        org = current_organisation()
        dispatcher.utter_message(
            text=texts.offer_callback(org, now_local()), buttons=texts.BUTTONS_OFFER
        )
        return []


class ActionInfoEigenBijdrage(Action):
    """The eigen bijdrage answer, with the amount of the organisation file when it is set."""

    def name(self) -> str:
        return "action_info_eigen_bijdrage"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(text=texts.eigen_bijdrage(current_organisation()))
        return []


class ActionContactInfo(Action):
    """Opening hours and contact details; during office hours: call us now."""

    def name(self) -> str:
        return "action_contact_info"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(text=texts.contact_info(current_organisation(), now_local()))
        return []


class ActionInfoNaMelding(Action):
    """What happens after a melding, with the reactietermijn from the config."""

    def name(self) -> str:
        return "action_info_na_melding"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(text=texts.after_melding(current_organisation()))
        return []
