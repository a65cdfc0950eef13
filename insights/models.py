"""Tables of the insights database (created by the Alembic migrations in ``migrations/``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Float, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from escalation.reporting import UTCDateTime

REVIEW_OPEN = "open"
REVIEW_ASSIGNED = "toegewezen"
REVIEW_NEW_TOPIC = "nieuw_onderwerp"
REVIEW_DISMISSED = "afgewezen"
REVIEW_STATES = (REVIEW_OPEN, REVIEW_ASSIGNED, REVIEW_NEW_TOPIC, REVIEW_DISMISSED)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime}


class IngestState(Base):
    """How far the ingest got in one event source (the highest event id read)."""

    __tablename__ = "insights_ingest_state"

    source: Mapped[str] = mapped_column(String(200), primary_key=True)
    last_event_id: Mapped[int] = mapped_column(Integer, default=0)


class Conversation(Base):
    """One conversation (a Rasa session of one sender) and what happened in it."""

    __tablename__ = "insights_conversations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sender_id: Mapped[str] = mapped_column(String(255), index=True)
    kanaal: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime] = mapped_column(index=True)
    user_messages: Mapped[int] = mapped_column(Integer, default=0)
    unanswered_messages: Mapped[int] = mapped_column(Integer, default=0)
    melding_made: Mapped[bool] = mapped_column(default=False)
    crisis_answers: Mapped[int] = mapped_column(Integer, default=0)


class UnansweredMessage(Base):
    """A message the assistant did not understand, redacted, with the review outcome.

    ``text_checked_at``/``_by``: a manager confirmed that the (redacted, possibly corrected)
    text holds no personal data; only then may it be exported as training data.
    """

    __tablename__ = "insights_unanswered"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_event_id: Mapped[str] = mapped_column(String(240), unique=True)
    conversation_id: Mapped[int] = mapped_column(Integer, index=True)
    tekst: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(40))
    intent: Mapped[str | None] = mapped_column(String(100))
    confidence: Mapped[float | None] = mapped_column(Float)
    ranking: Mapped[list[Any]] = mapped_column(JSON, default=list)
    kanaal: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[datetime] = mapped_column(index=True)
    # What the assistant said just before (redacted): the question this message answered.
    context: Mapped[str | None] = mapped_column(Text)
    review_status: Mapped[str] = mapped_column(String(20), default=REVIEW_OPEN, index=True)
    review_intent: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[datetime | None]
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    text_checked_at: Mapped[datetime | None]
    text_checked_by: Mapped[str | None] = mapped_column(String(100))
