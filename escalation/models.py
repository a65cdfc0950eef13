"""Database tables of the escalation service."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from escalation.status import Status, check_constraint_sql


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
    # Only the statuses of escalation.status (migration 0009 adds it to existing databases).
    __table_args__ = (CheckConstraint(check_constraint_sql(), name="ck_meldingen_status"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
    referentie: Mapped[str] = mapped_column(String(12), unique=True)
    status: Mapped[str] = mapped_column(String(20), default=Status.NIEUW.value, index=True)
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
    voor_wie: Mapped[str | None] = mapped_column(String(10))
    bereikbaar: Mapped[str | None] = mapped_column(String(200))
    # Violence at home: contact the inwoner only as agreed in ``veilig_contact``.
    veiligheid: Mapped[bool] = mapped_column(default=False, server_default=false())
    veilig_contact: Mapped[str | None] = mapped_column(String(200))
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    claimed_at: Mapped[datetime | None]
    # The first response that counts for the 24-hour promise: forwarded or closed.
    gereageerd_op: Mapped[datetime | None]
    doorgezet_naar: Mapped[str | None] = mapped_column(String(40))
    uitkomst: Mapped[str | None] = mapped_column(String(40))
    afgesloten_op: Mapped[datetime | None] = mapped_column(index=True)
    wmo_melding_op: Mapped[date | None]
    gewist_op: Mapped[datetime | None]


class IdempotencyRecord(Base):
    """Which melding a client's idempotency key created, and for which request body."""

    __tablename__ = "idempotency_records"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    melding_id: Mapped[str] = mapped_column(ForeignKey("meldingen.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StaffUser(Base):
    """Someone who signs in to the staff web app."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    # Optional: the claimant's own "actie nodig" warnings go here (else to the team address).
    email: Mapped[str | None] = mapped_column(String(254), default=None)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Stored in every session of this user; raising it (logout, deactivation) ends them all.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")


class AuditEvent(Base):
    """One change to a melding: who (a username, "systeem" or "api"), when, what, from, to."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    melding_id: Mapped[str] = mapped_column(ForeignKey("meldingen.id"), index=True)
    actor: Mapped[str] = mapped_column(String(50))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    action: Mapped[str] = mapped_column(String(40))
    field: Mapped[str | None] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


class Note(Base):
    """A note a staff member wrote on a melding, e.g. when forwarding it."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    melding_id: Mapped[str] = mapped_column(ForeignKey("meldingen.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    tekst: Mapped[str] = mapped_column(Text)


class Notification(Base):
    """An e-mail about a melding, kept until it is sent (the outbox).

    ``kind`` says which e-mail: at most one of each kind per melding, also with several
    processes (the unique constraint decides).
    """

    __tablename__ = "notifications"
    __table_args__ = (UniqueConstraint("melding_id", "kind", name="uq_notifications_melding_kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    melding_id: Mapped[str] = mapped_column(ForeignKey("meldingen.id"))
    kind: Mapped[str] = mapped_column(String(20), default="nieuw", server_default="nieuw")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)


class DailySummary(Base):
    """The coordinator's daily summary e-mail of one local day: sent once, retried until sent."""

    __tablename__ = "daily_summaries"

    day: Mapped[date] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)


class KlantinteractiesExport(Base):
    """The export of one melding to the Klantinteracties API (the outbox row, one per melding).

    Each remote uuid is stored as soon as it is created, so a failed export resumes at the step
    that failed. ``next_attempt_at`` is None once the export is done or has stopped (failed).
    """

    __tablename__ = "klantinteracties_exports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    melding_id: Mapped[str] = mapped_column(ForeignKey("meldingen.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(default=utcnow, index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    done_at: Mapped[datetime | None]
    klantcontact_uuid: Mapped[str | None] = mapped_column(String(36))
    betrokkene_uuid: Mapped[str | None] = mapped_column(String(36))
    # The uuids of the digitale adressen, once all are there.
    digitale_adressen: Mapped[list[str] | None] = mapped_column(JSON)
    team_actor_uuid: Mapped[str | None] = mapped_column(String(36))
    assistent_actor_uuid: Mapped[str | None] = mapped_column(String(36))
    actorklantcontact_uuid: Mapped[str | None] = mapped_column(String(36))
    internetaak_uuid: Mapped[str | None] = mapped_column(String(36))
    # The interne taak's last known status (te_verwerken, verwerkt) and when it was checked.
    internetaak_status: Mapped[str | None] = mapped_column(String(20))
    status_checked_at: Mapped[datetime | None]


class KlantinteractiesActor(Base):
    """The remote uuid of an actor every export shares (the team, the assistant), found or made
    once: the row is claimed before the actor is made, so parallel workers never make two.
    """

    __tablename__ = "klantinteracties_actors"

    # soortActor and naam, e.g. "organisatorische_eenheid:Sociaal team".
    key: Mapped[str] = mapped_column(String(250), primary_key=True)
    uuid: Mapped[str | None] = mapped_column(String(36))
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)
