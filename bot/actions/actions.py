"""Custom actions of the Voordeur assistant (rasa-sdk 3.6).

Started with ``cd bot && python -m voordeur_actions --actions actions`` (127.0.0.1, only Rasa
with ``ACTION_SERVER_TOKEN``). Settings from the environment: ``ESCALATION_URL``,
``ESCALATION_API_TOKEN``, ``VOORDEUR_ORGANISATION_FILE``.
The logic lives in small modules (validation, melding, texts, escalation_client, organisation); the
classes here only connect it to the tracker.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from voordeur_nlu import crisis_lexicon, crisis_topic

from . import melding, prefill, signals, suggestions, texts
from .delivery import melding_outbox, resume_delivery
from .escalation_client import EscalationError, Settings, send_melding
from .office_hours import now_local
from .organisation import current_organisation
from .validation import (
    EMAIL,
    MAX_BESCHRIJVING,
    TELEFOON,
    Outcome,
    check_bereikbaar,
    check_beschrijving,
    check_naam,
    check_onderwerp,
    check_text,
    counts_as_answer,
    find_corrections,
    is_restart,
    normalise_email,
    normalise_telefoon,
    parse_contactwijze,
    parse_voor_wie,
)

logger = logging.getLogger(__name__)
resume_delivery()

# Fail fast: the action server must not start without a readable organisation file, because
# the crisis answer depends on it.
current_organisation()


def _active_loop(tracker: Tracker) -> str | None:
    return (tracker.active_loop or {}).get("name")


def _reset_melding(include_spoed: bool = True) -> list[EventType]:
    events: list[EventType] = [SlotSet(slot, None) for slot in melding.MELDING_SLOTS]
    if include_spoed:
        events += [SlotSet("spoed", False), SlotSet("veiligheid", False)]
    return events


def _category_of(parse_data: dict[str, Any], text: str | None) -> str | None:
    """The kind of danger: from the CrisisGuard's parse result, else from the lexicon."""
    category = parse_data.get("crisis_category")
    if isinstance(category, str):
        return category
    return crisis_lexicon.crisis_category(text)


def crisis_category(tracker: Tracker) -> str | None:
    """The kind of danger in the latest message."""
    message = tracker.latest_message or {}
    return _category_of(message, message.get("text"))


SAFETY_CATEGORIES = ("violence", "child")
# Questions whose answer is the inwoner's own words (a description may sound alarming).
FREE_TEXT_SLOTS = ("voor_wie", "beschrijving", "bereikbaar", "veilig_contact")


def _last_crisis_category(tracker: Tracker) -> str | None:
    """The kind of danger of the latest crisis message in the conversation."""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        parse_data = event.get("parse_data") or {}
        if (parse_data.get("intent") or {}).get("name") == "crisis":
            return _category_of(parse_data, event.get("text"))
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
        if _active_loop(tracker) != melding.FORM_NAME:
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
        events: list[EventType] = [SlotSet("spoed", True)]
        if _last_crisis_category(tracker) in SAFETY_CATEGORIES:
            events.append(SlotSet("veiligheid", True))
        return events


class ActionStartMelding(Action):
    """Every way into the form: forget an earlier melding, fill in what the inwoner already
    told (topic, voor wie, first words) and say how it goes."""

    def name(self) -> str:
        return "action_start_melding"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        acknowledge(tracker, dispatcher)
        events = _reset_melding()
        onderwerp = prefill.known_onderwerp(tracker.events)
        voor_wie = prefill.known_voor_wie(tracker.events)
        eerste = prefill.first_words(tracker.events)
        if onderwerp:
            events.append(SlotSet("onderwerp", onderwerp))
            dispatcher.utter_message(text=texts.MELDING_INTRO_TOPIC.format(onderwerp=onderwerp))
        else:
            dispatcher.utter_message(text=texts.MELDING_INTRO)
        if voor_wie:
            events.append(SlotSet("voor_wie", voor_wie))
        if eerste and check_text(eerste, MAX_BESCHRIJVING).ok:
            events.append(SlotSet("eerste_bericht", eerste))
        return events


def acknowledge(tracker: Tracker, dispatcher: CollectingDispatcher) -> None:
    """One short sentence for a signal in the latest message ("doodop", "ik ben bang")."""
    sentence = signals.acknowledgement((tracker.latest_message or {}).get("text"))
    if sentence:
        dispatcher.utter_message(text=sentence)


class ActionAcknowledgeSignal(Action):
    """Before an informational answer: acknowledge what the inwoner feels, if anything."""

    def name(self) -> str:
        return "action_acknowledge_signal"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        acknowledge(tracker, dispatcher)
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


class ActionHeavyAnswer(Action):
    """Heavy but not a crisis: acknowledge, De Luisterlijn, the huisarts and 113."""

    def name(self) -> str:
        return "action_heavy_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(text=texts.heavy_answer(current_organisation()))
        return []


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


def _requested_before_latest_message(tracker: Tracker) -> str | None:
    """The slot the form asked for when the inwoner sent the latest message."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "slot" and event.get("name") == "requested_slot":
            return event.get("value")
    return None


def _latest(tracker: Tracker) -> tuple[str | None, str | None, float | None]:
    """Text, intent name and confidence of the latest user message."""
    message = tracker.latest_message or {}
    intent = message.get("intent") or {}
    return message.get("text"), intent.get("name"), intent.get("confidence")


# A longer answer to "Voor wie is de hulp?" is also the answer to "Wat is er aan de hand?".
STORY_MIN_WORDS = 8

# Where a correction of the contact details ("nee, mijn nummer is ...") is understood: after
# they were given. At the summary any message with a new number or address counts.
CORRECTABLE_AT = ("naam", "bereikbaar", "bevestigd")


def _corrections(tracker: Tracker) -> dict[str, str]:
    requested = tracker.get_slot("requested_slot")
    if requested not in CORRECTABLE_AT:
        return {}
    text, intent, _ = _latest(tracker)
    if intent == "crisis":
        return {}
    return find_corrections(text, cue_required=requested != "bevestigd")


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
        dispatcher.utter_message(text=texts.BESCHRIJVING_MORE.format(eerste=eerste))
        return []


class ActionAskBevestigd(Action):
    """Read the melding back ("Klopt dit?"); after a plain "nee" ask what is wrong."""

    def name(self) -> str:
        return "action_ask_bevestigd"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text, intent, _ = _latest(tracker)
        plain_no = (
            _requested_before_latest_message(tracker) == "bevestigd"
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


_VIOLENCE_TOPIC = re.compile(r"\b(geweld|onveilig|mishandel\w*)\b", re.I)
VIOLENCE_TOPIC_MAX_WORDS = 5


def is_violence_topic(text: object) -> bool:
    """'Huiselijk geweld', 'geweld thuis', the button: a short answer naming violence."""
    if not isinstance(text, str):
        return False
    if text.strip().lower() == texts.VIOLENCE_ONDERWERP.lower():
        return True
    return len(text.split()) <= VIOLENCE_TOPIC_MAX_WORDS and bool(_VIOLENCE_TOPIC.search(text))


NOTHING_TO_ADD = {"nee", "nee hoor", "nee dank u", "nee dank je", "niets", "niks", "dat is alles"}

_URGENT = re.compile(r"\b(dringend|spoed|vandaag|meteen|direct|zo snel mogelijk|nu)\b", re.I)
_NOT_URGENT = re.compile(
    r"\b(niet\s+(zo\s+)?dringend|geen\s+haast|kan\s+(wel\s+)?wachten|rustig|geen\s+spoed)\b",
    re.I,
)


def _tells_the_known_violence(tracker: Tracker) -> bool:
    """In a melding about violence at home, the inwoner describing that violence is answering
    the question, not starting a new crisis (the numbers were already given). Danger at this
    moment ("hij staat nu voor de deur met een mes"), suicidal thoughts or a medical emergency
    still get the crisis answer."""
    _, intent, _ = _latest(tracker)
    if intent != "crisis" or tracker.get_slot("veiligheid") is not True:
        return False
    text = (tracker.latest_message or {}).get("text") or ""
    return (
        not text.startswith("/")
        and crisis_category(tracker) in (*SAFETY_CATEGORIES, None)
        and not crisis_lexicon.acute_danger(text)
    )


def _possible_crisis_in_an_answer(tracker: Tracker) -> bool:
    """A free-text answer that only the classifier (not the crisis lexicon) calls a crisis."""
    _, intent, _ = _latest(tracker)
    if intent != "crisis" or tracker.get_slot("requested_slot") not in FREE_TEXT_SLOTS:
        return False
    text = (tracker.latest_message or {}).get("text") or ""
    return not text.startswith("/") and crisis_category(tracker) is None


class ValidateMeldingForm(FormValidationAction):
    def name(self) -> str:
        return "validate_melding_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        slots = list(domain_slots)
        # Without consent we stop asking: the form ends right after the consent question.
        if tracker.get_slot("toestemming") is False and "toestemming" in slots:
            return slots[: slots.index("toestemming") + 1]
        skip = {"telefoon"} if tracker.get_slot("contactwijze") == EMAIL else {"email"}
        if tracker.get_slot("spoed") is True and tracker.get_slot("dringend") is None:
            skip.add("dringend")  # a crisis already made the melding spoed
        if tracker.get_slot("veiligheid") is not True:
            skip.add("veilig_contact")
        return [slot for slot in slots if slot not in skip]

    @staticmethod
    def _answer(slot: str, tracker: Tracker, dispatcher: CollectingDispatcher) -> dict[str, Any]:
        """The latest message as the answer to ``slot``, if it was asked and is an answer."""
        if tracker.get_slot("requested_slot") != slot:
            return {}
        text, intent, confidence = _latest(tracker)
        if _tells_the_known_violence(tracker):
            return {slot: text}
        if _possible_crisis_in_an_answer(tracker):
            # Only the classifier thought "crisis", the lexicon did not: while the inwoner is
            # describing their situation that is usually the description itself. The answer is
            # kept and the numbers are given in one line; the form goes on.
            dispatcher.utter_message(text=texts.crisis_check_line(current_organisation()))
            return {slot: text}
        if not counts_as_answer(text, intent, confidence):
            return {}
        return {slot: text}

    async def extract_onderwerp(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        # "Huiselijk geweld" as the topic is an answer, not a new crisis message: no loop
        # through the crisis answer; the melding gets the safety flag instead.
        text, _, _ = _latest(tracker)
        if tracker.get_slot("requested_slot") == "onderwerp" and is_violence_topic(text):
            dispatcher.utter_message(text=texts.violence_topic_numbers(current_organisation()))
            return {"onderwerp": texts.VIOLENCE_ONDERWERP}
        return self._answer("onderwerp", tracker, dispatcher)

    async def extract_veilig_contact(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._answer("veilig_contact", tracker, dispatcher)

    def validate_veilig_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._text_field("veilig_contact", value, check_bereikbaar, dispatcher)

    async def extract_voor_wie(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = self._answer("voor_wie", tracker, dispatcher).get("voor_wie")
        value = parse_voor_wie(text)
        if not value:
            return {}
        # "Ik zorg voor mijn man met dementie en ben op": the whole story at once. Keep it as
        # the beschrijving too, so the inwoner does not have to tell it again.
        story = (
            len(text.split()) > STORY_MIN_WORDS
            and text not in texts.VOOR_WIE_TEXT.values()
            and not tracker.get_slot("beschrijving")
        )
        return {"voor_wie": value, "beschrijving": text} if story else {"voor_wie": value}

    async def extract_beschrijving(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        answer = self._answer("beschrijving", tracker, dispatcher).get("beschrijving")
        eerste = tracker.get_slot("eerste_bericht")
        if answer is None or not eerste:
            return {} if answer is None else {"beschrijving": answer}
        # The inwoner's first words start the beschrijving; "nee" adds nothing.
        _, intent, _ = _latest(tracker)
        if intent == "deny" or answer.strip().lower().rstrip(".!") in NOTHING_TO_ADD:
            return {"beschrijving": eerste}
        return {"beschrijving": f"{eerste}\n{answer}"}

    async def extract_dringend(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        # "Ja" and "Nee" fill it through the domain's from_intent mappings.
        text, intent, _ = _latest(tracker)
        if tracker.get_slot("requested_slot") != "dringend" or intent in ("affirm", "deny"):
            return {}
        if not isinstance(text, str) or intent == "crisis":
            return {}
        if _NOT_URGENT.search(text):
            return {"dringend": False}
        if _URGENT.search(text):
            return {"dringend": True}
        return {}

    async def extract_contactwijze(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        answer = self._answer("contactwijze", tracker, dispatcher).get("contactwijze")
        if answer is None:
            return {}
        # The inwoner may answer with the number or address itself.
        given = find_corrections(answer, cue_required=False)
        if EMAIL in given:
            return {"contactwijze": EMAIL, "email": given[EMAIL]}
        if TELEFOON in given:
            return {"contactwijze": TELEFOON, "telefoon": given[TELEFOON]}
        value = parse_contactwijze(answer)
        return {"contactwijze": value} if value else {}

    async def extract_telefoon(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._answer("telefoon", tracker, dispatcher)

    async def extract_email(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._answer("email", tracker, dispatcher)

    async def extract_naam(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        corrections = _corrections(tracker)
        if TELEFOON in corrections or EMAIL in corrections:
            return {}  # "nee, mijn nummer is ...": applied by extract_bevestigd
        if tracker.get_slot("requested_slot") == "naam" and "naam" in corrections:
            return {"naam": corrections["naam"]}  # "ik heet ..."
        return self._answer("naam", tracker, dispatcher)

    async def extract_bereikbaar(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if _corrections(tracker):
            return {}
        return self._answer("bereikbaar", tracker, dispatcher)

    async def extract_bevestigd(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Corrections of earlier answers, and 'opnieuw' at the summary."""
        requested = tracker.get_slot("requested_slot")
        text, _, _ = _latest(tracker)
        if requested == "bevestigd" and is_restart(text):
            dispatcher.utter_message(text=texts.RESTART)
            return {slot: None for slot in melding.MELDING_SLOTS if slot != "toestemming"}
        corrections = _corrections(tracker)
        if requested == "naam":
            corrections.pop("naam", None)  # that is the answer, see extract_naam
        if not corrections:
            return {}
        if TELEFOON in corrections:
            corrections["contactwijze"] = TELEFOON
        elif EMAIL in corrections:
            corrections["contactwijze"] = EMAIL
        if requested != "bevestigd":
            dispatcher.utter_message(text=texts.CORRECTED)
        return corrections

    @staticmethod
    def _text_field(
        fieldname: str,
        value: Any,
        check: Callable[[object], Outcome],
        dispatcher: CollectingDispatcher,
    ) -> dict[str, Any]:
        if value is None:
            # Cleared (e.g. by action_reset_melding just before the form started): nothing
            # was answered, so there is nothing to complain about.
            return {fieldname: None}
        outcome = check(value)
        if outcome.ok:
            return {fieldname: outcome.value}
        dispatcher.utter_message(text=texts.error_text(fieldname, outcome.error or ""))
        return {fieldname: None}

    def validate_onderwerp(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        result = self._text_field("onderwerp", value, check_onderwerp, dispatcher)
        if result["onderwerp"] == texts.VIOLENCE_ONDERWERP:
            # Set here, not in extract_onderwerp: rasa-sdk drops extracted slots that are not
            # required slots, but keeps what a validate method returns.
            result["veiligheid"] = True
        return result

    def validate_beschrijving(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._text_field("beschrijving", value, check_beschrijving, dispatcher)

    def validate_naam(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._text_field("naam", value, check_naam, dispatcher)

    def validate_bereikbaar(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._text_field("bereikbaar", value, check_bereikbaar, dispatcher)

    def validate_voor_wie(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"voor_wie": value if value in melding.VOOR_WIE else None}

    def validate_contactwijze(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"contactwijze": value if value in (TELEFOON, EMAIL) else None}

    def validate_dringend(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is True:
            return {"dringend": True, "spoed": True}
        return {"dringend": value if isinstance(value, bool) else None}

    def validate_telefoon(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {"telefoon": None}
        outcome = normalise_telefoon(value)
        if outcome.ok:
            return {"telefoon": outcome.value}
        dispatcher.utter_message(
            text=texts.error_telefoon(outcome.error or "", current_organisation())
        )
        return {"telefoon": None}

    def validate_email(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {"email": None}
        outcome = normalise_email(value)
        if outcome.ok:
            return {"email": outcome.value}
        dispatcher.utter_message(text=texts.ERROR_EMAIL_INVALID)
        return {"email": None}

    def validate_toestemming(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"toestemming": value if isinstance(value, bool) else None}

    def validate_bevestigd(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        # Only "Ja" ends the form; after "Nee" action_ask_bevestigd asks what is wrong.
        return {"bevestigd": True if value is True else None}


class ActionNoConsent(Action):
    """No consent: explain, give the organisation's number, forget the answers."""

    def name(self) -> str:
        return "action_no_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(text=texts.no_consent(current_organisation()))
        dispatcher.utter_message(response="utter_anders_helpen")
        return _reset_melding()


class ActionResetMelding(Action):
    """Forget everything the inwoner filled in for a melding."""

    def name(self) -> str:
        return "action_reset_melding"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return _reset_melding()


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
        if _active_loop(tracker) == melding.FORM_NAME:
            requested = tracker.get_slot("requested_slot")
            dispatcher.utter_message(
                text=texts.NOT_UNDERSTOOD_IN_FORM.get(
                    requested or "", texts.NOT_UNDERSTOOD_IN_MELDING
                )
            )
            return []
        org = current_organisation()
        _, intent, _ = _latest(tracker)
        acknowledge(tracker, dispatcher)
        if intent == "out_of_scope":
            dispatcher.utter_message(text=texts.out_of_scope_text(org))
        elif _previous_action(tracker) == self.name():
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


def _previous_action(tracker: Tracker) -> str | None:
    """The last action before the latest user message (action_listen not counted)."""
    seen_user = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            seen_user = True
        elif seen_user and kind == "action" and event.get("name") != "action_listen":
            return event.get("name")
    return None


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


class ActionCreateMelding(Action):
    """Send the confirmed melding to the escalation service and tell the inwoner the result."""

    def name(self) -> str:
        return "action_create_melding"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        org = current_organisation()
        slots = tracker.slots
        spoed = slots.get("spoed") is True
        if all(slots.get(slot) is None for slot in melding.MELDING_SLOTS):
            # Already sent (the slots were cleared): this "Ja" answered "Kan ik u nog ergens
            # anders mee helpen?" (see data/rules.yml).
            dispatcher.utter_message(response="utter_hoe_helpen")
            return []
        missing = melding.missing_fields(slots)
        if missing:
            logger.error("Melding niet verstuurd, velden ontbreken: %s", ", ".join(missing))
            dispatcher.utter_message(
                text=texts.melding_failed(org, spoed), buttons=texts.BUTTONS_AFTER_ERROR
            )
            return []

        body = melding.payload(slots, tracker.sender_id, tracker.events)
        content = {
            key: body[key] for key in ("onderwerp", "beschrijving", "naam", "telefoon", "email")
        }
        key = melding.idempotency_key(tracker.sender_id, tracker.events, content)
        try:
            result = await asyncio.to_thread(send_melding, body, key, Settings.from_env())
        except EscalationError as exc:
            if exc.retryable:
                # Kept on disk with its Idempotency-Key; the delivery thread sends it when the
                # service is back, and exactly one melding results.
                melding_outbox().put(key, body)
                logger.warning("Melding bewaard in de outbox, wordt later afgeleverd: %s", exc)
                dispatcher.utter_message(text=texts.melding_queued(org, spoed))
                dispatcher.utter_message(response="utter_anders_helpen")
                return _reset_melding()
            logger.error("Melding niet aangemaakt: %s", exc)
            # The answers stay, so "Opnieuw proberen" (a new form run) can send them again.
            dispatcher.utter_message(
                text=texts.melding_failed(org, spoed), buttons=texts.BUTTONS_AFTER_ERROR
            )
            return []

        logger.info("Melding %s aangemaakt", result.get("referentie"))
        dispatcher.utter_message(
            text=texts.melding_received(
                str(result["referentie"]), result.get("deadline_tekst"), spoed, org
            )
        )
        dispatcher.utter_message(response="utter_anders_helpen")
        return _reset_melding()
