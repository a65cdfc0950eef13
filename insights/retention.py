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

    A message of a deleted conversation goes with it, so none is left that an erasure by
    sender could no longer find. Reviewed messages go too: what was exported to training data
    lives in ``bot/data``. The caller commits.
    """
    if retention_days < 1:
        raise ValueError("retention_days must be at least 1")
    cutoff = (now or datetime.now(UTC)) - timedelta(days=retention_days)
    old_conversations = sa.select(Conversation.id).where(Conversation.started_at < cutoff)
    unanswered = session.execute(
        sa.delete(UnansweredMessage).where(
            sa.or_(
                UnansweredMessage.received_at < cutoff,
                UnansweredMessage.conversation_id.in_(old_conversations),
            )
        ),
        execution_options={"synchronize_session": False},
    )
    conversations = session.execute(sa.delete(Conversation).where(Conversation.started_at < cutoff))
    # A DELETE gives a CursorResult (with the row count); execute() is typed for any statement.
    assert isinstance(unanswered, sa.CursorResult) and isinstance(conversations, sa.CursorResult)
    return PurgeResult(conversations=conversations.rowcount, unanswered=unanswered.rowcount)
