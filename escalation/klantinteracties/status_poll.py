"""Status back from the Klantinteracties API: a melding whose interne taak the team marked
``verwerkt`` in the municipality's system is closed in Voordeur, with an audit entry.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from escalation.db import rows_changed
from escalation.klantinteracties.client import KlantinteractiesClient, KlantinteractiesError
from escalation.models import KlantinteractiesExport, Melding, utcnow
from escalation.status import OPEN_STATUSES, Status
from escalation.workflow import audit

logger = logging.getLogger(__name__)
BATCH_SIZE = 100
VERWERKT = "verwerkt"
# The audit action of a melding closed because its interne taak was done elsewhere.
CLOSED_EXTERNALLY = "afhandelen_klantinteracties"


def close_melding(session: Session, melding_id: str, at: datetime) -> bool:
    """Open → afgehandeld, audited as done in Klantinteracties; False when it was not open."""
    melding = session.get(Melding, melding_id, populate_existing=True)
    if melding is None or melding.status not in OPEN_STATUSES:
        return False
    old_status = melding.status
    changed = rows_changed(
        session,
        update(Melding)
        .where(Melding.id == melding_id, Melding.status == old_status)
        .values(status=Status.AFGEHANDELD.value, afgesloten_op=at)
        .execution_options(synchronize_session=False),
    )
    if changed != 1:
        return False
    # Closing is a response to the inwoner's question, as when staff close it.
    session.execute(
        update(Melding)
        .where(Melding.id == melding_id, Melding.gereageerd_op.is_(None))
        .values(gereageerd_op=at)
        .execution_options(synchronize_session=False)
    )
    changes = {"status": (old_status, Status.AFGEHANDELD.value), "interne_taak": (None, VERWERKT)}
    audit(session, melding_id, "systeem", CLOSED_EXTERNALLY, changes, at)
    return True


def poll_status(session: Session, client: KlantinteractiesClient) -> int:
    """Check the interne taak of open, exported meldingen; returns how many were closed.

    Those checked longest ago come first; one failing call does not stop the others.
    """
    rows = session.execute(
        select(KlantinteractiesExport, Melding.status)
        .join(Melding, Melding.id == KlantinteractiesExport.melding_id)
        .where(
            KlantinteractiesExport.internetaak_uuid.is_not(None),
            KlantinteractiesExport.internetaak_status != VERWERKT,
            Melding.status.in_(OPEN_STATUSES),
        )
        .order_by(KlantinteractiesExport.status_checked_at.asc().nulls_first())
        .limit(BATCH_SIZE)
    ).all()
    closed = 0
    for export, _status in rows:
        try:
            taak = client.get("internetaken", str(export.internetaak_uuid))
        except KlantinteractiesError as exc:
            logger.warning("Status of interne taak %s not read: %s", export.internetaak_uuid, exc)
            continue
        now = utcnow()
        export.status_checked_at = now
        export.internetaak_status = str(taak.get("status"))[:20]
        if export.internetaak_status == VERWERKT:
            closed += close_melding(session, export.melding_id, now)
        session.commit()
    return closed
