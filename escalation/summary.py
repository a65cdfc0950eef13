"""The coordinator's daily summary e-mail: open, loopt af and te laat, at a set time.

With ``ESCALATION_SUMMARY_TIME`` (e.g. 08:30) the warning job sends it once per open day, at
or after that local time; a row per day in ``daily_summaries`` makes it once across processes,
and a failure is kept there and retried with the outbox's back-off. Only references, no
inwoner text.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from voordeur_common.deadline import AMSTERDAM, is_open_day

from escalation.db import rows_changed
from escalation.inbox import LOOPT_AF, TE_LAAT, risk
from escalation.models import DailySummary, Melding
from escalation.notify import LEASE_SECONDS, backoff, send_email
from escalation.organisation import Organisation
from escalation.settings import Settings
from escalation.status import OPEN_STATUSES

logger = logging.getLogger(__name__)


def build_summary(
    session: Session, organisation: Organisation, settings: Settings, now: datetime
) -> EmailMessage:
    """The summary as of ``now``: counts, and the references at risk."""
    meldingen = session.scalars(
        select(Melding).where(Melding.status.in_(OPEN_STATUSES)).order_by(Melding.deadline)
    ).all()
    risks = [(m, risk(m, organisation, settings.warn_before_hours, now)) for m in meldingen]
    late = [m.referentie for m, label in risks if label == TE_LAAT]
    soon = [m.referentie for m, label in risks if label == LOOPT_AF]
    day = now.astimezone(AMSTERDAM).date()
    message = EmailMessage()
    message["Subject"] = f"Dagoverzicht meldingen {day:%d-%m-%Y}: {len(late)} te laat"
    message["From"] = settings.smtp_from
    message["To"] = settings.coordinator_to or settings.smtp_to
    lines = [
        f"Open meldingen: {len(meldingen)}",
        f"Loopt af: {len(soon)}{': ' + ', '.join(soon) if soon else ''}",
        f"Te laat (nog niet doorgezet of afgehandeld): {len(late)}"
        f"{': ' + ', '.join(late) if late else ''}",
        "",
        f"Open de inbox: {settings.staff_url}",
    ]
    message.set_content("\n".join(lines))
    return message


def _due_day(organisation: Organisation, settings: Settings, now: datetime) -> date | None:
    """Today, when its summary is due at ``now``; else None."""
    if settings.summary_time is None:
        return None
    local = now.astimezone(AMSTERDAM)
    hours = organisation.opening_hours
    if hours and not is_open_day(local.date(), hours, organisation.closed_days):
        return None
    return local.date() if local.time() >= settings.summary_time else None


def send_summary(
    session: Session, organisation: Organisation, settings: Settings, now: datetime
) -> bool:
    """Send today's summary if it is due and not sent yet; True when this call sent it."""
    day = _due_day(organisation, settings, now)
    if day is None:
        return False
    if session.get(DailySummary, day) is None:
        session.add(DailySummary(day=day, next_attempt_at=now))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()  # another process made today's row
    taken = rows_changed(
        session,
        update(DailySummary)
        .where(
            DailySummary.day == day,
            DailySummary.sent_at.is_(None),
            DailySummary.next_attempt_at <= now,
        )
        .values(
            next_attempt_at=now + timedelta(seconds=LEASE_SECONDS),
            attempts=DailySummary.attempts + 1,
        )
        .execution_options(synchronize_session=False),
    )
    session.commit()
    if taken != 1:
        return False
    summary = session.get(DailySummary, day, populate_existing=True)
    assert summary is not None
    try:
        send_email(build_summary(session, organisation, settings, now), settings)
    except Exception as exc:  # recorded and retried later
        summary.last_error = f"{type(exc).__name__}: {exc}"[:1000]
        summary.next_attempt_at = now + backoff(summary.attempts, settings)
        session.commit()
        logger.warning("Daily summary not sent (attempt %d): %s", summary.attempts, type(exc))
        return False
    summary.sent_at = now
    summary.last_error = None
    session.commit()
    return True
