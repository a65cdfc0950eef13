"""Custom actions of the Voordeur assistant (rasa-sdk 3.6).

Started with ``cd bot && rasa run actions --actions actions``. Settings from the environment:
``ESCALATION_URL``, ``ESCALATION_API_TOKEN``, ``VOORDEUR_ORGANISATION_FILE``.
The logic lives in small modules (validatie, melding, teksten, escalatie, organisatie); the
classes here only connect it to the tracker.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from . import melding, teksten
from .escalatie import EscalatieFout, Instellingen, verstuur_melding
from .organisatie import organisatie
from .validatie import (
    MAX_BESCHRIJVING,
    Uitkomst,
    controleer_beschrijving,
    controleer_naam,
    controleer_onderwerp,
    controleer_tekst,
    normaliseer_telefoon,
    telt_als_antwoord,
)

logger = logging.getLogger(__name__)

# Fail fast: the action server must not start without a readable organisation file, because
# the crisis answer depends on it.
organisatie()


def _actieve_loop(tracker: Tracker) -> str | None:
    return (tracker.active_loop or {}).get("name")


def _reset_melding(spoed_ook: bool = True) -> list[EventType]:
    events: list[EventType] = [SlotSet(slot, None) for slot in melding.MELDING_SLOTS]
    if spoed_ook:
        events.append(SlotSet("spoed", False))
    return events


class ActionCrisisAnswer(Action):
    """Crisis first: all emergency numbers at once, then offer a melding with spoed."""

    def name(self) -> str:
        return "action_crisis_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        org = organisatie()
        dispatcher.utter_message(text=teksten.crisis_nummers(org))
        if _actieve_loop(tracker) != melding.FORM_NAME:
            dispatcher.utter_message(
                text=teksten.CRISIS_VRAAG_SPOEDMELDING, buttons=teksten.KNOPPEN_SPOEDMELDING
            )
            return []

        # Already in a melding: mark it spoed and carry on. If we were asking what is going on,
        # this message IS the answer: keep it, so the inwoner does not have to tell it again.
        events: list[EventType] = [SlotSet("spoed", True)]
        if tracker.get_slot("requested_slot") == "beschrijving":
            uitkomst = controleer_tekst(tracker.latest_message.get("text"), MAX_BESCHRIJVING)
            if uitkomst.goed:
                events.append(SlotSet("beschrijving", uitkomst.waarde))
        dispatcher.utter_message(text=teksten.CRISIS_TIJDENS_MELDING)
        return events


class ActionSpoedAan(Action):
    """The inwoner accepted the offer after a crisis answer: the melding gets spoed."""

    def name(self) -> str:
        return "action_spoed_aan"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return [SlotSet("spoed", True)]


def _vraag(slot: str, dispatcher: CollectingDispatcher) -> list[EventType]:
    tekst, knoppen = teksten.VRAGEN[slot]
    dispatcher.utter_message(text=tekst, buttons=knoppen or None)
    return []


class ActionAskOnderwerp(Action):
    def name(self) -> str:
        return "action_ask_onderwerp"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return _vraag("onderwerp", dispatcher)


class ActionAskBeschrijving(Action):
    def name(self) -> str:
        return "action_ask_beschrijving"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return _vraag("beschrijving", dispatcher)


class ActionAskToestemming(Action):
    def name(self) -> str:
        return "action_ask_toestemming"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return _vraag("toestemming", dispatcher)


class ActionAskNaam(Action):
    def name(self) -> str:
        return "action_ask_naam"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return _vraag("naam", dispatcher)


class ActionAskTelefoon(Action):
    def name(self) -> str:
        return "action_ask_telefoon"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return _vraag("telefoon", dispatcher)


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
        # Without consent we stop asking: the form ends right after the consent question.
        if tracker.get_slot("toestemming") is False and "toestemming" in domain_slots:
            return domain_slots[: domain_slots.index("toestemming") + 1]
        return domain_slots

    @staticmethod
    def _antwoord(slot: str, tracker: Tracker) -> dict[str, Any]:
        """The latest message as the answer to ``slot``, if it was asked and is an answer."""
        if tracker.get_slot("requested_slot") != slot:
            return {}
        bericht = tracker.latest_message or {}
        intent = bericht.get("intent") or {}
        tekst = bericht.get("text")
        if not telt_als_antwoord(tekst, intent.get("name"), intent.get("confidence")):
            return {}
        return {slot: tekst}

    async def extract_onderwerp(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._antwoord("onderwerp", tracker)

    async def extract_beschrijving(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._antwoord("beschrijving", tracker)

    async def extract_naam(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._antwoord("naam", tracker)

    async def extract_telefoon(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._antwoord("telefoon", tracker)

    @staticmethod
    def _tekstveld(
        veld: str,
        value: Any,
        controleer: Callable[[object], Uitkomst],
        dispatcher: CollectingDispatcher,
    ) -> dict[str, Any]:
        if value is None:
            # Cleared (e.g. by action_reset_melding just before the form started): nothing
            # was answered, so there is nothing to complain about.
            return {veld: None}
        uitkomst = controleer(value)
        if uitkomst.goed:
            return {veld: uitkomst.waarde}
        dispatcher.utter_message(text=teksten.fout_tekst(veld, uitkomst.fout or ""))
        return {veld: None}

    def validate_onderwerp(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._tekstveld("onderwerp", value, controleer_onderwerp, dispatcher)

    def validate_beschrijving(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._tekstveld("beschrijving", value, controleer_beschrijving, dispatcher)

    def validate_naam(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._tekstveld("naam", value, controleer_naam, dispatcher)

    def validate_telefoon(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {"telefoon": None}
        uitkomst = normaliseer_telefoon(value)
        if uitkomst.goed:
            return {"telefoon": uitkomst.waarde}
        dispatcher.utter_message(text=teksten.fout_telefoon(uitkomst.fout or "", organisatie()))
        return {"telefoon": None}

    def validate_toestemming(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"toestemming": value if isinstance(value, bool) else None}


class ActionMeldingSamenvatting(Action):
    """Read the melding back and ask 'Klopt dit?'."""

    def name(self) -> str:
        return "action_melding_samenvatting"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(
            text=teksten.samenvatting(tracker.slots), buttons=teksten.KNOPPEN_JA_NEE
        )
        return []


class ActionGeenToestemming(Action):
    """No consent: explain, give the organisation's number, forget the answers."""

    def name(self) -> str:
        return "action_geen_toestemming"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(text=teksten.geen_toestemming(organisatie()))
        dispatcher.utter_message(response="utter_anders_helpen")
        return _reset_melding()


class ActionMeldingOpnieuw(Action):
    """The summary was wrong: clear the answers (spoed stays) and offer to start again."""

    def name(self) -> str:
        return "action_melding_opnieuw"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(text=teksten.MELDING_OPNIEUW, buttons=teksten.KNOPPEN_OPNIEUW)
        return _reset_melding(spoed_ook=False)


class ActionResetMelding(Action):
    """Forget everything the inwoner filled in for a melding."""

    def name(self) -> str:
        return "action_reset_melding"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return _reset_melding()


class ActionNietBegrepen(Action):
    """NLU fallback and core fallback; inside the melding a short hint instead of the menu."""

    def name(self) -> str:
        return "action_niet_begrepen"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if _actieve_loop(tracker) == melding.FORM_NAME:
            if tracker.get_slot("requested_slot") == "toestemming":
                dispatcher.utter_message(text=teksten.NIET_BEGREPEN_TOESTEMMING)
            else:
                dispatcher.utter_message(text=teksten.NIET_BEGREPEN_IN_MELDING)
            return []
        org = organisatie()
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        tekst = teksten.buiten_onderwerp(org) if intent == "out_of_scope" else None
        dispatcher.utter_message(
            text=tekst or teksten.niet_begrepen(org), buttons=teksten.KNOPPEN_HOOFDMENU
        )
        return []


class ActionCreateMelding(Action):
    """Send the confirmed melding to the escalation service and tell the inwoner the result."""

    def name(self) -> str:
        return "action_create_melding"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        org = organisatie()
        slots = tracker.slots
        spoed = slots.get("spoed") is True
        if all(slots.get(slot) is None for slot in melding.MELDING_SLOTS):
            # Already sent (the slots were cleared): this "Ja" answered "Kan ik u nog ergens
            # anders mee helpen?" (see data/rules.yml).
            dispatcher.utter_message(response="utter_hoe_helpen")
            return []
        ontbreekt = melding.ontbrekende_velden(slots)
        if ontbreekt:
            logger.error("Melding niet verstuurd, velden ontbreken: %s", ", ".join(ontbreekt))
            dispatcher.utter_message(
                text=teksten.melding_mislukt(org, spoed), buttons=teksten.KNOPPEN_NA_FOUT
            )
            return []

        body = melding.payload(slots, tracker.sender_id, tracker.events)
        inhoud = {key: body[key] for key in ("onderwerp", "beschrijving", "naam", "telefoon")}
        key = melding.idempotency_key(tracker.sender_id, tracker.events, inhoud)
        try:
            resultaat = await asyncio.to_thread(
                verstuur_melding, body, key, Instellingen.uit_omgeving()
            )
        except EscalatieFout as exc:
            logger.error("Melding niet aangemaakt: %s", exc)
            # The answers stay, so "Opnieuw proberen" (a new form run) can send them again.
            dispatcher.utter_message(
                text=teksten.melding_mislukt(org, spoed), buttons=teksten.KNOPPEN_NA_FOUT
            )
            return []

        logger.info("Melding %s aangemaakt", resultaat.get("referentie"))
        dispatcher.utter_message(
            text=teksten.melding_ontvangen(
                str(resultaat["referentie"]), resultaat.get("deadline_tekst"), spoed, org
            )
        )
        dispatcher.utter_message(response="utter_anders_helpen")
        return _reset_melding()
