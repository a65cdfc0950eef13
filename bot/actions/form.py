"""The melding form's validation action: which questions it asks, how each answer is read
from the message (``extract_<slot>``), and how it is checked (``validate_<slot>``).

The checks themselves are in ``validation.py``; the questions in ``questions.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from voordeur_nlu import crisis_lexicon

from . import melding, texts
from .conversation import latest
from .crisis import SAFETY_CATEGORIES, crisis_category
from .organisation import current_organisation
from .validation import (
    EMAIL,
    TELEFOON,
    Outcome,
    check_bereikbaar,
    check_beschrijving,
    check_naam,
    check_onderwerp,
    counts_as_answer,
    find_corrections,
    is_restart,
    normalise_email,
    normalise_telefoon,
    parse_contactwijze,
    parse_voor_wie,
)

# Questions whose answer is the inwoner's own words (a description may sound alarming).
FREE_TEXT_SLOTS = ("voor_wie", "beschrijving", "bereikbaar", "veilig_contact")

# A longer answer to "Voor wie is de hulp?" is also the answer to "Wat is er aan de hand?".
STORY_MIN_WORDS = 8

# Where a correction of the contact details ("nee, mijn nummer is ...") is understood: after
# they were given. At the summary any message with a new number or address counts.
CORRECTABLE_AT = ("naam", "bereikbaar", "bevestigd")


def _corrections(tracker: Tracker) -> dict[str, str]:
    requested = tracker.get_slot("requested_slot")
    if requested not in CORRECTABLE_AT:
        return {}
    text, intent, _ = latest(tracker)
    if intent == "crisis":
        return {}
    return find_corrections(text, cue_required=requested != "bevestigd")


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
    _, intent, _ = latest(tracker)
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
    _, intent, _ = latest(tracker)
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
        text, intent, confidence = latest(tracker)
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
        text, _, _ = latest(tracker)
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
        _, intent, _ = latest(tracker)
        if intent == "deny" or answer.strip().lower().rstrip(".!") in NOTHING_TO_ADD:
            return {"beschrijving": eerste}
        return {"beschrijving": f"{eerste}\n{answer}"}

    async def extract_dringend(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        # "Ja" and "Nee" fill it through the domain's from_intent mappings.
        text, intent, _ = latest(tracker)
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
        text, _, _ = latest(tracker)
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
