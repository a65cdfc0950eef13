"""The review inbox: assign an unanswered message to an intent, a new topic, or dismiss it."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from insights.models import (
    REVIEW_ASSIGNED,
    REVIEW_DISMISSED,
    REVIEW_NEW_TOPIC,
    REVIEW_OPEN,
    UnansweredMessage,
)

INTENT_NAME = re.compile(r"^[a-z][a-z0-9_]{1,59}$")


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
) -> UnansweredMessage:
    """Store a decision: ``toewijzen`` (known intent), ``nieuw`` (proposed name), ``afwijzen``."""
    message = session.get(UnansweredMessage, message_id)
    if message is None:
        raise ReviewError("Dit bericht bestaat niet (meer).")
    intent = (intent or "").strip()
    if decision == "toewijzen":
        if intent not in known_intents:
            raise ReviewError("Kies een bestaand onderwerp (intent) uit de lijst.")
        message.review_status, message.review_intent = REVIEW_ASSIGNED, intent
    elif decision == "nieuw":
        if not INTENT_NAME.match(intent):
            raise ReviewError(
                "Geef het nieuwe onderwerp een naam met kleine letters, cijfers en _ "
                "(bijvoorbeeld info_parkeren)."
            )
        if intent in known_intents:
            raise ReviewError("Dit onderwerp bestaat al: kies dan 'toewijzen'.")
        message.review_status, message.review_intent = REVIEW_NEW_TOPIC, intent
    elif decision == "afwijzen":
        message.review_status, message.review_intent = REVIEW_DISMISSED, None
    else:
        raise ReviewError("Onbekende keuze.")
    message.reviewed_at = datetime.now(UTC)
    message.reviewed_by = reviewer[:100]
    return message
