"""The review inbox: assign an unanswered message to an intent, a new topic, or dismiss it."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session
from voordeur_common.redaction import redact_inwoner_text

from insights.models import (
    REVIEW_ASSIGNED,
    REVIEW_DISMISSED,
    REVIEW_NEW_TOPIC,
    REVIEW_OPEN,
    UnansweredMessage,
)

INTENT_NAME = re.compile(r"^[a-z][a-z0-9_]{1,59}$")
MAX_TEXT = 1000


class ReviewError(ValueError):
    """A review decision that cannot be stored (message in Dutch, for the manager)."""


def open_messages(session: Session, limit: int = 200) -> list[UnansweredMessage]:
    """The newest messages that still wait for a review."""
    return list(
        session.scalars(
            sa.select(UnansweredMessage)
            .where(UnansweredMessage.review_status == REVIEW_OPEN)
            .order_by(UnansweredMessage.received_at.desc(), UnansweredMessage.id.desc())
            .limit(limit)
        )
    )


def decide(
    session: Session,
    message_id: int,
    decision: str,
    *,
    intent: str | None,
    known_intents: list[str],
    reviewer: str,
    text_checked: bool = False,
    corrected_text: str | None = None,
) -> UnansweredMessage:
    """Store a decision: ``toewijzen`` (known intent), ``nieuw`` (proposed name), ``afwijzen``.

    Keeping a message as training data (``toewijzen``, ``nieuw``) needs ``text_checked``: the
    manager confirms the text holds no personal data. ``corrected_text`` replaces the stored
    text (redacted once more), for a detail the redactor missed.
    """
    message = session.get(UnansweredMessage, message_id)
    if message is None:
        raise ReviewError("Dit bericht bestaat niet (meer).")
    intent = (intent or "").strip()
    if decision == "toewijzen":
        if intent not in known_intents:
            raise ReviewError("Kies een bestaand onderwerp (intent) uit de lijst.")
        status = REVIEW_ASSIGNED
    elif decision == "nieuw":
        if not INTENT_NAME.match(intent):
            raise ReviewError(
                "Geef het nieuwe onderwerp een naam met kleine letters, cijfers en _ "
                "(bijvoorbeeld info_parkeren)."
            )
        if intent in known_intents:
            raise ReviewError("Dit onderwerp bestaat al: kies dan 'toewijzen'.")
        status = REVIEW_NEW_TOPIC
    elif decision == "afwijzen":
        status = REVIEW_DISMISSED
    else:
        raise ReviewError("Onbekende keuze.")
    keep = status != REVIEW_DISMISSED
    if keep and not text_checked:
        raise ReviewError(
            "Lees de tekst eerst na. Staat er nog een naam, adres, datum of ander persoonlijk "
            "gegeven in? Haal het weg en vink dan aan dat de tekst gecontroleerd is."
        )
    text = " ".join((corrected_text or "").split())
    if len(text) > MAX_TEXT:
        raise ReviewError(f"De tekst is te lang (hoogstens {MAX_TEXT} tekens).")
    message.review_status, message.review_intent = status, intent if keep else None
    message.reviewed_at = datetime.now(UTC)
    message.reviewed_by = reviewer[:100]
    if text:
        message.tekst = redact_inwoner_text(text)
    message.text_checked_at = message.reviewed_at if keep else None
    message.text_checked_by = reviewer[:100] if keep else None
    return message


def undo(session: Session, message_id: int) -> UnansweredMessage:
    """Ongedaan maken: the message goes back to the review inbox, with nothing chosen.

    A text the manager corrected stays corrected (the original is not kept).
    """
    message = session.get(UnansweredMessage, message_id)
    if message is None:
        raise ReviewError("Dit bericht bestaat niet (meer).")
    if message.review_status == REVIEW_OPEN:
        raise ReviewError("Dit bericht staat al in de lijst om te beoordelen.")
    message.review_status, message.review_intent = REVIEW_OPEN, None
    message.reviewed_at = message.reviewed_by = None
    message.text_checked_at = message.text_checked_by = None
    return message
