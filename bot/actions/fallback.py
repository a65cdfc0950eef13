"""Not understood: a hint in the form; outside it suggestions first, then a person.

A long message (a letter-style story of 60 words or more, voordeur_nlu/long_message.py) is
confirmed instead: "Ik lees dat uw vraag gaat over ... Klopt dat?". A typed yes gets that
topic's answer, a typed no the other topics and a call-back (ActionTopicAnswer).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SlotSet, UserUttered
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from . import melding, suggestions, texts
from .conversation import acknowledge, active_loop, latest, previous_action
from .office_hours import now_local
from .organisation import current_organisation

# The topics a long message was about, best first, while "Klopt dat?" waits for an answer.
TOPICS_SLOT = "lang_onderwerpen"
TOPIC_ANSWER_ACTION = "action_topic_answer"


class ActionNotUnderstood(Action):
    """NLU fallback and core fallback, in two stages.

    In the melding: a short hint that fits the question. Outside it: a long message about a
    topic is named and confirmed ("Klopt dat?"); otherwise the first time ask which of the
    topics the classifier hesitated between was meant (or, when it named none, to rephrase,
    with the main menu); the second time in a row offer a person. A question outside the
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
        topics = suggestions.ranked_topics(tracker.latest_message)
        if intent == "out_of_scope":
            dispatcher.utter_message(text=texts.out_of_scope_text(org))
        elif topics and suggestions.is_long_message(tracker.latest_message):
            # A story that was not a real attempt at the menu: confirm it even the second time.
            dispatcher.utter_message(
                text=texts.topic_confirm(topics[0]), buttons=confirm_buttons(topics)
            )
            return [SlotSet(TOPICS_SLOT, topics)]
        elif previous_action(tracker) in (self.name(), TOPIC_ANSWER_ACTION):
            dispatcher.utter_message(
                text=texts.offer_person(org, now_local()), buttons=texts.BUTTONS_OFFER_PERSON
            )
        elif topics:
            dispatcher.utter_message(
                text=texts.not_sure(org),
                buttons=[*suggestions.topic_buttons(topics), *texts.BUTTONS_NOT_SURE_EXTRA],
            )
        else:
            dispatcher.utter_message(
                text=texts.not_understood(org), buttons=texts.BUTTONS_MAIN_MENU
            )
        return [SlotSet(TOPICS_SLOT, None)] if tracker.get_slot(TOPICS_SLOT) else []


def confirm_buttons(topics: list[str]) -> list[texts.Button]:
    """Yes (the first topic's answer), at most two other topics, and a call-back."""
    yes: texts.Button = {"title": texts.TOPIC_CONFIRMED_TITLE, "payload": f"/{topics[0]}"}
    return [yes, *suggestions.topic_buttons(topics[1:3]), *texts.BUTTONS_CALL_BACK]


def confirmed_topic(topic: str) -> list[EventType]:
    """The inwoner said yes: continue as if the topic had been asked (its rule answers it).

    The same as pressing the topic's button: a user turn with that intent. Its text is empty,
    so the transcript and the start of the melding's description keep the inwoner's own words.
    """
    parse_data: dict[str, Any] = {
        "text": "",
        "intent": {"name": topic, "confidence": 1.0},
        "intent_ranking": [{"name": topic, "confidence": 1.0}],
        "entities": [],
    }
    return [ActionExecuted("action_listen"), UserUttered("", parse_data=parse_data)]


def offered_a_person(tracker: Tracker) -> bool:
    """The assistant's last message offered a person (after not understanding twice)."""
    offer = [button["payload"] for button in texts.BUTTONS_OFFER_PERSON]
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            buttons = (event.get("data") or {}).get("buttons") or []
            return [button.get("payload") for button in buttons] == offer
    return False


class ActionTopicAnswer(Action):
    """A typed yes or no right after "not understood".

    After "Ik lees dat uw vraag gaat over ... Klopt dat?": yes gives that topic's answer, no
    offers the other topics and a call-back. After the offer of a person, yes starts the
    melding. After any other "not understood": yes asks how to help, no says goodbye.
    """

    def name(self) -> str:
        return TOPIC_ANSWER_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        topics = [
            topic for topic in tracker.get_slot(TOPICS_SLOT) or [] if topic in texts.TOPIC_TITLES
        ]
        _, intent, _ = latest(tracker)
        if not topics and intent == "affirm" and offered_a_person(tracker):
            # "Zal ik vragen of iemand contact met u opneemt?" answered with a typed yes.
            return [*confirmed_topic("request_human")]
        if not topics:
            response = "utter_hoe_helpen" if intent == "affirm" else "utter_goodbye"
            dispatcher.utter_message(response=response)
            return [SlotSet(TOPICS_SLOT, None)] if tracker.get_slot(TOPICS_SLOT) else []
        forget = SlotSet(TOPICS_SLOT, None)
        if intent == "affirm":
            return [forget, *confirmed_topic(topics[0])]
        others = topics[1:3]
        dispatcher.utter_message(
            text=texts.TOPIC_DENIED if others else texts.TOPIC_DENIED_NO_OTHERS,
            buttons=[*suggestions.topic_buttons(others), *texts.BUTTONS_CALL_BACK],
        )
        return [forget]
