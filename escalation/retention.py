"""Retention: purge transcripts and contact details some days after a melding is closed."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.models import Melding, utcnow
from escalation.workflow import audit

CLOSED_STATUSES = ("afgehandeld", "ingetrokken")
PURGED_NAME = "(gewist)"


def purge_closed(session: Session, retention_days: int, now: datetime | None = None) -> list[str]:
    """Purge meldingen closed more than ``retention_days`` ago; returns their referenties.

    The transcript, name, phone number, e-mail address, reachability and the safe-contact note
    are removed; each purge is recorded in the audit trail and in ``gewist_op``.
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
        melding.gewist_op = moment
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
