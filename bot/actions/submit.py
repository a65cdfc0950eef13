"""The end of the melding form: send the confirmed melding, or without consent forget it.

A melding the escalation service cannot take yet waits in the outbox (``delivery.py``).
"""

from __future__ import annotations

import asyncio
import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from . import melding, texts
from .conversation import reset_melding
from .delivery import melding_outbox
from .escalation_client import EscalationError, Settings, send_melding
from .organisation import current_organisation

logger = logging.getLogger(__name__)


class ActionNoConsent(Action):
    """No consent: explain, give the organisation's number, forget the answers."""

    def name(self) -> str:
        return "action_no_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(text=texts.no_consent(current_organisation()))
        dispatcher.utter_message(response="utter_anders_helpen")
        return reset_melding()


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
                return reset_melding()
            logger.error("Melding niet aangemaakt: %s", exc)
            # The answers stay, so "Opnieuw proberen" (a new form run) can send them again.
            dispatcher.utter_message(
                text=texts.melding_failed(org, spoed), buttons=texts.BUTTONS_AFTER_ERROR
            )
            return []

        logger.info("Melding %s aangemaakt", result.get("referentie"))
        dispatcher.utter_message(
            text=texts.melding_received(
                str(result["referentie"]),
                result.get("deadline_tekst"),
                spoed,
                org,
                veiligheid=tracker.get_slot("veiligheid") is True,
            )
        )
        dispatcher.utter_message(response="utter_anders_helpen")
        return reset_melding()
