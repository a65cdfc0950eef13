"""E-mail to the team for every new melding and every warning (``escalation.watch``), from the
outbox table, with retry and backoff.

The melding and its outbox row are stored in one transaction; this sender works through the due
rows, each on its own: any failure (SMTP, TLS, a bad setting) is stored in ``last_error`` and the
row is tried again later with back-off, while the other rows are still sent. The first failure and
a later success are written to the melding's audit trail, so staff see it on the melding's page.
The mail holds no text from the inwoner: reference, spoed, deadline, whether there is a safety
flag (not the inwoner's note about it) and a link to the melding.
"""

from __future__ import annotations

import asyncio
import email.policy
import logging
import smtplib
import ssl
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from escalation.countdown import deadline_kort
from escalation.db import rows_changed, session_factory
from escalation.models import Melding, Notification, StaffUser, utcnow
from escalation.settings import Settings
from escalation.workflow import audit

logger = logging.getLogger(__name__)
BATCH_SIZE = 50
FIRST_RETRY_SECONDS = 10.0
LEASE_SECONDS = 120
SAFETY_LINE = (
    "VEILIGHEID: geweld thuis. Neem alleen contact op zoals afgesproken; lees eerst in de inbox "
    "hoe en wanneer dat veilig kan."
)
MAIL_FAILED = "e-mail_team_mislukt"
MAIL_SENT_LATE = "e-mail_team_verstuurd"


class InsecureLoginError(smtplib.SMTPException):
    """The SMTP password would travel without TLS; set ESCALATION_SMTP_STARTTLS=true."""


def melding_url(melding: Melding, settings: Settings) -> str:
    """The staff page of this melding."""
    return f"{settings.staff_url.rstrip('/')}/meldingen/{melding.id}"


def build_message(melding: Melding, settings: Settings) -> EmailMessage:
    """The e-mail about one new melding; a spoed one names its (shorter) deadline up front.

    Nothing the inwoner typed goes in: not even the onderwerp, which is their own words.
    """
    deadline = deadline_kort(melding.deadline)
    message = EmailMessage()
    # Short enough for one header line: a folded subject can show up with a leading space.
    message["Subject"] = (
        f"SPOED, uiterlijk {deadline}: melding {melding.referentie}"
        if melding.spoed
        else f"Nieuwe melding {melding.referentie}"
    )
    message["From"] = settings.smtp_from
    message["To"] = settings.smtp_to
    message.set_content(_body("Er is een nieuwe melding binnengekomen.", melding, settings))
    return message


def _body(intro: str, melding: Melding, settings: Settings, status: str | None = None) -> str:
    """The lines every e-mail about one melding has: references and a link, no inwoner text."""
    lines = [
        intro,
        "",
        f"Referentie: {melding.referentie}",
        f"Spoed: {'ja' if melding.spoed else 'nee'}",
        f"Oppakken vóór: {deadline_kort(melding.deadline)}",
        *([f"Status: {status}"] if status else []),
        *([SAFETY_LINE] if melding.veiligheid else []),
        "",
        f"Open de melding: {melding_url(melding, settings)}",
    ]
    return "\n".join(lines)


ONE_LINE_HEADERS = email.policy.default.clone(max_line_length=200)
WARNING_INTRO = {
    "loopt_af": "Deze melding is nog niet opgepakt en de termijn loopt bijna af.",
    "geen_actie": (
        "{owner} heeft deze melding opgepakt, maar nog niet doorgezet, afgehandeld of er een "
        "notitie bij gezet. De termijn loopt bijna af."
    ),
    "te_laat": (
        "De termijn van deze melding is verstreken zonder respons: de melding is niet doorgezet "
        "en niet afgehandeld."
    ),
}


def build_warning(
    melding: Melding,
    kind: str,
    settings: Settings,
    owner: str | None = None,
    owner_email: str | None = None,
) -> EmailMessage:
    """The e-mail of one warning (see ``escalation.watch``); like the first one, no inwoner text.

    ``te_laat`` goes to the coordinator address (the team when none is set), ``geen_actie`` to
    the claimant's own address when they have one, the others to the team; ``owner`` is the
    display name of whoever claimed the melding.
    """
    deadline = deadline_kort(melding.deadline)
    spoed = "SPOED, " if melding.spoed else ""
    subjects = {
        "loopt_af": f"LOOPT AF, {spoed}uiterlijk {deadline}: melding {melding.referentie}",
        "geen_actie": f"ACTIE NODIG, {spoed}uiterlijk {deadline}: melding {melding.referentie}",
        "te_laat": f"TE LAAT, {spoed}termijn was {deadline}: melding {melding.referentie}",
    }
    # A folded subject can show up with a leading space: these long ones are kept on one line.
    message = EmailMessage(policy=ONE_LINE_HEADERS)
    message["Subject"] = subjects[kind]
    message["From"] = settings.smtp_from
    if kind == "te_laat":
        message["To"] = settings.coordinator_to or settings.smtp_to
    elif kind == "geen_actie" and owner_email:
        message["To"] = owner_email
    else:
        message["To"] = settings.smtp_to
    status = f"opgepakt door {owner}" if owner else "nog niet opgepakt"
    intro = WARNING_INTRO[kind].format(owner=owner or "Een collega")
    message.set_content(_body(intro, melding, settings, status))
    return message


def _message_for(
    session: Session, notification: Notification, melding: Melding, settings: Settings
) -> EmailMessage:
    if notification.kind == "nieuw":
        return build_message(melding, settings)
    owner = session.get(StaffUser, melding.claimed_by) if melding.claimed_by else None
    return build_warning(
        melding,
        notification.kind,
        settings,
        owner.display_name if owner else None,
        owner.email if owner else None,
    )


def send_email(message: EmailMessage, settings: Settings) -> None:
    """Deliver one message over SMTP; raises on any failure.

    STARTTLS checks the server's certificate and host name; a login without TLS is refused.
    """
    if settings.smtp_username and not settings.smtp_starttls:
        raise InsecureLoginError("SMTP login without TLS refused; set ESCALATION_SMTP_STARTTLS")
    with smtplib.SMTP(
        settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_seconds
    ) as smtp:
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_username:
            smtp.login(settings.smtp_username, settings.smtp_password.get_secret_value())
        smtp.send_message(message)


def backoff(attempts: int, settings: Settings) -> timedelta:
    """Wait 10 s, 20 s, 40 s, ... after each failure, at most the configured maximum."""
    seconds = min(FIRST_RETRY_SECONDS * 2 ** (attempts - 1), settings.notify_max_backoff_seconds)
    return timedelta(seconds=seconds)


def _lease(session: Session, notification: Notification, now: datetime) -> bool:
    """Take one row for this process for a while, so parallel senders never mail twice."""
    taken = rows_changed(
        session,
        update(Notification)
        .where(
            Notification.id == notification.id,
            Notification.sent_at.is_(None),
            Notification.next_attempt_at == notification.next_attempt_at,
        )
        .values(next_attempt_at=now + timedelta(seconds=LEASE_SECONDS))
        .execution_options(synchronize_session=False),
    )
    session.commit()
    if taken == 1:
        session.refresh(notification)
    return taken == 1


def send_due(session: Session, settings: Settings, now: datetime | None = None) -> int:
    """Send every due e-mail once; returns how many were sent."""
    moment = now or utcnow()
    due = session.scalars(
        select(Notification)
        .where(Notification.sent_at.is_(None), Notification.next_attempt_at <= moment)
        .order_by(Notification.next_attempt_at)
        .limit(BATCH_SIZE)
    ).all()
    sent = 0
    for notification in due:
        if not _lease(session, notification, moment):
            continue  # another process is sending this one
        melding = session.get(Melding, notification.melding_id)
        assert melding is not None  # a foreign key guarantees it
        notification.attempts += 1
        try:
            send_email(_message_for(session, notification, melding, settings), settings)
        except Exception as exc:  # any failure is recorded; the next row is still sent
            _record_failure(session, notification, melding, exc, settings)
        else:
            if notification.last_error is not None:
                attempt = {"poging": (None, notification.attempts)}
                audit(session, melding.id, "systeem", MAIL_SENT_LATE, attempt)
            notification.sent_at = utcnow()
            notification.last_error = None
            sent += 1
        session.commit()
    return sent


def _record_failure(
    session: Session,
    notification: Notification,
    melding: Melding,
    exc: Exception,
    settings: Settings,
) -> None:
    """Keep the error on the row, plan the next attempt; the first failure goes in the audit."""
    error = f"{type(exc).__name__}: {exc}"[:1000]
    notification.last_error = error
    notification.next_attempt_at = utcnow() + backoff(notification.attempts, settings)
    if notification.attempts == 1:
        audit(session, melding.id, "systeem", MAIL_FAILED, {"fout": (None, error)})
    logger.warning(
        "E-mail about %s not sent (attempt %d): %s",
        melding.referentie,
        notification.attempts,
        type(exc).__name__,
    )


def _send_due_now(settings: Settings) -> int:
    with session_factory(settings.database_url)() as session:
        return send_due(session, settings)


async def run_sender(settings: Settings) -> None:
    """Keep sending due e-mails until cancelled."""
    while True:
        try:
            await asyncio.to_thread(_send_due_now, settings)
        except Exception:
            logger.exception("The notification sender failed; trying again later")
        await asyncio.sleep(settings.notify_poll_seconds)
