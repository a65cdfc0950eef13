"""Warnings so that no melding silently runs late, queued in the notification outbox.

Three kinds, each at most once per melding (the outbox's unique key on melding and kind):

- ``loopt_af``: still unclaimed ``warn_before_hours`` office hours before the deadline: the team
  is told again. A melding that arrives with less time left is not: its first e-mail said so.
- ``geen_actie``: claimed before that moment, but the claimant has not forwarded, closed or
  written a note: the claimant is told at their own address (``create-user --email``), or the
  team address, naming the claimant, when they have none.
- ``te_laat``: past the deadline without response (not forwarded, not closed): the coordinator
  address is told.

Only office time counts: the warning moment lies within office hours, and the job queues nothing
outside office hours, so what fell due at night goes out when the office opens. A warning that
is queued is written to the melding's history in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from voordeur_common.deadline import is_office_time, working_time_before

from escalation.models import Melding, Note, Notification, StaffUser
from escalation.organisation import Organisation
from escalation.status import UNANSWERED_STATUSES
from escalation.workflow import audit

LOOPT_AF = "loopt_af"
GEEN_ACTIE = "geen_actie"
TE_LAAT = "te_laat"
# Responded: forwarded to a sociaal werker or the bureaudienst, or closed.
WARNING_ACTION = "waarschuwing"
_HISTORY = {
    LOOPT_AF: "loopt af, niet opgepakt (e-mail aan het team)",
    GEEN_ACTIE: "loopt af, geen actie van {owner} (e-mail aan {to})",
    TE_LAAT: "termijn verstreken (e-mail aan de coördinator)",
}


@dataclass(frozen=True)
class DueWarning:
    """One warning that falls due now."""

    melding: Melding
    kind: str


def warn_moment(melding: Melding, organisation: Organisation, warn_hours: float) -> datetime:
    """When the melding is 'loopt af': ``warn_hours`` office hours before its deadline."""
    return working_time_before(
        melding.deadline, warn_hours, organisation.opening_hours, organisation.closed_days
    )


def _has_acted(session: Session, melding: Melding) -> bool:
    """Whether the claimant wrote a note (forwarding and closing change the status)."""
    return bool(
        session.scalar(
            select(
                exists().where(Note.melding_id == melding.id, Note.author_id == melding.claimed_by)
            )
        )
    )


def due_warnings(
    session: Session, organisation: Organisation, warn_hours: float, now: datetime
) -> list[DueWarning]:
    """The warnings that fall due at ``now``; none outside office hours."""
    if not is_office_time(now, organisation.opening_hours, organisation.closed_days):
        return []
    meldingen = session.scalars(
        select(Melding)
        .where(
            Melding.status.in_(UNANSWERED_STATUSES),
            Melding.gereageerd_op.is_(None),
            Melding.gewist_op.is_(None),
        )
        .order_by(Melding.deadline)
        .execution_options(populate_existing=True)
    ).all()
    due: list[DueWarning] = []
    for melding in meldingen:
        if melding.deadline <= now:
            due.append(DueWarning(melding, TE_LAAT))
            continue
        moment = warn_moment(melding, organisation, warn_hours)
        if now < moment:
            continue
        if melding.status == "nieuw" and melding.aangemaakt_op < moment:
            due.append(DueWarning(melding, LOOPT_AF))
        elif (
            melding.status == "opgepakt"
            and melding.claimed_at is not None
            and melding.claimed_at < moment
            and not _has_acted(session, melding)
        ):
            due.append(DueWarning(melding, GEEN_ACTIE))
    return due


def _history_text(session: Session, warning: DueWarning) -> str:
    owner = (
        session.get(StaffUser, warning.melding.claimed_by) if warning.melding.claimed_by else None
    )
    to = owner.username if owner and owner.email else "het team"
    return _HISTORY[warning.kind].format(owner=owner.username if owner else "de eigenaar", to=to)


def queue_warnings(
    session: Session, organisation: Organisation, warn_hours: float, now: datetime
) -> list[DueWarning]:
    """Queue each due warning once in the outbox, with its history entry; returns the new ones.

    Two jobs at once may both find a warning due; the unique key lets only one store it.
    """
    queued: list[DueWarning] = []
    for warning in due_warnings(session, organisation, warn_hours, now):
        already = session.scalar(
            select(
                exists().where(
                    Notification.melding_id == warning.melding.id,
                    Notification.kind == warning.kind,
                )
            )
        )
        if already:
            continue
        text = _history_text(session, warning)
        session.add(
            Notification(melding_id=warning.melding.id, kind=warning.kind, next_attempt_at=now)
        )
        audit(
            session, warning.melding.id, "systeem", WARNING_ACTION, {"e-mail": (None, text)}, at=now
        )
        try:
            session.commit()
        except IntegrityError:
            session.rollback()  # another job queued it first
            continue
        queued.append(warning)
    return queued
