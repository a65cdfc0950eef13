"""Heropenen: a coordinator reopens a closed melding (afgehandeld or ingetrokken), audited.

The melding goes back to the status it had before it was closed (from the audit trail), with
the same owner; the outcome and the closing time are cleared. The first response
(``gereageerd_op``) stays: it counts for the 24-hour promise, which reopening does not restart.
A melding whose personal data were already purged (retention) cannot be reopened.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from escalation.db import rows_changed
from escalation.models import AuditEvent, Melding, StaffUser
from escalation.status import CLOSED_STATUSES
from escalation.workflow import COORDINATOR_ROLES, NotAllowed, TransitionError, audit

MAX_REASON_LENGTH = 1000


def status_before_closing(session: Session, melding: Melding) -> str:
    """The status the melding had before its last closing step, from the audit trail."""
    previous = session.scalar(
        select(AuditEvent.old_value)
        .where(
            AuditEvent.melding_id == melding.id,
            AuditEvent.field == "status",
            AuditEvent.new_value == melding.status,
        )
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(1)
    )
    if previous in ("nieuw", "opgepakt", "doorgezet"):
        if previous == "nieuw" and melding.claimed_by is not None:
            return "opgepakt"
        return previous
    return "opgepakt" if melding.claimed_by is not None else "nieuw"


def reopen(session: Session, melding_id: str, user: StaffUser, reason: str) -> str:
    """Reopen a closed melding with a reason; returns the status it has again."""
    if user.role not in COORDINATOR_ROLES:
        raise NotAllowed("Alleen een manager kan een afgesloten melding heropenen.")
    reason = reason.strip()
    if not reason:
        raise TransitionError("Schrijf waarom u de melding heropent.")
    if len(reason) > MAX_REASON_LENGTH:
        raise TransitionError(f"De reden is te lang (hoogstens {MAX_REASON_LENGTH} tekens).")
    melding = session.get(Melding, melding_id, populate_existing=True)
    if melding is None:
        raise TransitionError("Deze melding bestaat niet.")
    if melding.status not in CLOSED_STATUSES:
        raise TransitionError("Alleen een afgehandelde of ingetrokken melding kan heropend worden.")
    if melding.gewist_op is not None:
        raise TransitionError(
            "De gegevens van deze melding zijn al gewist (bewaartermijn). Heropenen kan niet meer."
        )
    old_status, old_outcome = melding.status, melding.uitkomst
    new_status = status_before_closing(session, melding)
    statement = (
        update(Melding)
        .where(Melding.id == melding_id, Melding.status == old_status)
        .values(status=new_status, uitkomst=None, afgesloten_op=None)
        .execution_options(synchronize_session=False)
    )
    if rows_changed(session, statement) != 1:
        session.rollback()
        raise TransitionError(
            "De melding is intussen veranderd. Kijk opnieuw en probeer het nog eens."
        )
    changes: dict[str, tuple[str | None, str | None]] = {
        "status": (old_status, new_status),
        "reden": (None, reason),
    }
    if old_outcome is not None:
        changes["uitkomst"] = (old_outcome, None)
    audit(session, melding_id, user.username, "heropenen", changes)
    session.commit()
    return new_status
