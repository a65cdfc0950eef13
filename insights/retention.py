"""Retention: delete insights data older than a number of days (setting, default 90)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from insights.models import Conversation, UnansweredMessage

DEFAULT_RETENTION_DAYS = 90


@dataclass(frozen=True)
class PurgeResult:
    """How many rows the purge deleted."""

    conversations: int
    unanswered: int


def purge(session: Session, retention_days: int, now: datetime | None = None) -> PurgeResult:
    """Delete conversations started and messages received more than ``retention_days`` ago.

    Reviewed messages go too: what was exported to training data lives in ``bot/data``.
    The caller commits.
    """
    if retention_days < 1:
        raise ValueError("retention_days must be at least 1")
    cutoff = (now or datetime.now(UTC)) - timedelta(days=retention_days)
    unanswered = session.execute(
        sa.delete(UnansweredMessage).where(UnansweredMessage.received_at < cutoff)
    )
    conversations = session.execute(sa.delete(Conversation).where(Conversation.started_at < cutoff))
    return PurgeResult(conversations=conversations.rowcount, unanswered=unanswered.rowcount)
