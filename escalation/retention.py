"""Retention: purge personal data some days after a melding is closed; flag old open ones.

What stays after the purge is the non-personal record: referentie, dates, status, spoed, the
safety flag, channel, outcome and who worked on it. Everything the inwoner or staff wrote about
the inwoner goes: transcript, contact details, onderwerp, beschrijving, notes and the copies of
those texts in the audit trail.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from escalation.models import AuditEvent, Melding, Note, utcnow
from escalation.status import CLOSED_STATUSES, OPEN_STATUSES
from escalation.workflow import audit

PURGED_NAME = "(gewist)"
PURGED_TEXT = "(gewist)"
# Audit fields whose old and new values are free text or contact details.
FREE_TEXT_AUDIT_FIELDS = (
    "notitie",
    "onderwerp",
    "beschrijving",
    "naam",
    "telefoon",
    "email",
    "bereikbaar",
    "veilig_contact",
)
TOO_LONG_OPEN = "te_lang_open"


def _clear_audit_copies(session: Session, melding_id: str) -> None:
    for column in (AuditEvent.old_value, AuditEvent.new_value):
        session.execute(
            update(AuditEvent)
            .where(
                AuditEvent.melding_id == melding_id,
                AuditEvent.field.in_(FREE_TEXT_AUDIT_FIELDS),
                column.is_not(None),
            )
            .values({column.key: PURGED_TEXT})
            .execution_options(synchronize_session=False)
        )


def purge_closed(session: Session, retention_days: int, now: datetime | None = None) -> list[str]:
    """Purge meldingen closed more than ``retention_days`` ago; returns their referenties.

    The transcript, name, phone number, e-mail address, reachability, the safe-contact note,
    onderwerp, beschrijving, notes and their audit copies are removed; each purge is recorded in
    the audit trail and in ``gewist_op``.
    """
    moment = now or utcnow()
    cutoff = moment - timedelta(days=retention_days)
    due = session.scalars(
        select(Melding).where(
            Melding.status.in_(CLOSED_STATUSES),
            Melding.afgesloten_op <= cutoff,
            Melding.gewist_op.is_(None),
        )
    ).all()
    for melding in due:
        melding.transcript = []
        melding.naam = PURGED_NAME
        melding.telefoon = None
        melding.email = None
        melding.bereikbaar = None
        melding.veilig_contact = None
        melding.onderwerp = PURGED_TEXT
        melding.beschrijving = PURGED_TEXT
        melding.gewist_op = moment
        session.execute(
            update(Note)
            .where(Note.melding_id == melding.id)
            .values(tekst=PURGED_TEXT)
            .execution_options(synchronize_session=False)
        )
        _clear_audit_copies(session, melding.id)
        audit(
            session,
            melding.id,
            "systeem",
            "bewaartermijn",
            {"gewist_op": (None, moment.isoformat())},
            at=moment,
        )
    session.commit()
    return [melding.referentie for melding in due]


def flag_long_open(session: Session, max_open_days: int, now: datetime | None = None) -> list[str]:
    """Open meldingen received more than ``max_open_days`` ago; returns their referenties.

    They are not purged (someone still has to act), but staff must see them: each is marked
    once in its audit trail, and the inbox shows the age.
    """
    moment = now or utcnow()
    cutoff = moment - timedelta(days=max_open_days)
    overdue = session.scalars(
        select(Melding)
        .where(Melding.status.in_(OPEN_STATUSES), Melding.aangemaakt_op <= cutoff)
        .order_by(Melding.aangemaakt_op)
    ).all()
    flagged = set(
        session.scalars(
            select(AuditEvent.melding_id).where(
                AuditEvent.melding_id.in_([m.id for m in overdue]),
                AuditEvent.action == "bewaartermijn",
                AuditEvent.field == TOO_LONG_OPEN,
            )
        )
    )
    for melding in overdue:
        if melding.id not in flagged:
            days = (None, f"langer dan {max_open_days} dagen open")
            audit(session, melding.id, "systeem", "bewaartermijn", {TOO_LONG_OPEN: days}, at=moment)
    session.commit()
    return [melding.referentie for melding in overdue]
