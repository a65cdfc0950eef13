"""Database tables of the escalation service."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored as UTC; SQLite gives it back tz-aware too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime}


class Melding(Base):
    """A help question that an officemedewerker must pick up before ``deadline``."""

    __tablename__ = "meldingen"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
    referentie: Mapped[str] = mapped_column(String(12), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="nieuw", index=True)
    onderwerp: Mapped[str] = mapped_column(String(100))
    beschrijving: Mapped[str] = mapped_column(Text)
    naam: Mapped[str] = mapped_column(String(200))
    telefoon: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    toestemming: Mapped[bool]
    spoed: Mapped[bool] = mapped_column(default=False)
    kanaal: Mapped[str] = mapped_column(String(20))
    gesprek_id: Mapped[str] = mapped_column(String(200), index=True)
    bron: Mapped[str] = mapped_column(String(40))
    transcript: Mapped[list[Any]] = mapped_column(JSON, default=list)
    aangemaakt_op: Mapped[datetime] = mapped_column(default=utcnow)
    deadline: Mapped[datetime] = mapped_column(index=True)


class IdempotencyRecord(Base):
    """Which melding a client's idempotency key created, and for which request body."""

    __tablename__ = "idempotency_records"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    melding_id: Mapped[str] = mapped_column(ForeignKey("meldingen.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
