"""What the escalation service offers for reporting: a read-only view of its meldingen.

This is the one escalation module the manager insights (``insights/``) import; the seam is
checked by ``escalation/tests/test_seams.py`` and described in docs/architecture.md. The
insights get plain rows without personal data, never the ORM model, so a change to ``Melding``
reaches the KPIs only through this module. Besides the queries it shares what both databases
use: the UTC datetime column type, the engine rules and the escalation database's default URL;
and the staff app's template folder, whose ``_header.html`` the insight pages show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from escalation.db import make_engine, session_factory
from escalation.models import Melding, Notification, UTCDateTime
from escalation.settings import DEFAULT_DATABASE_URL
from escalation.staff.onderwerpen import onderwerp_uit_lijst
from escalation.staff.templating import TEMPLATE_DIR as STAFF_TEMPLATE_DIR
from escalation.status import OPEN_STATUSES, UNANSWERED_STATUSES, Status
from escalation.watch import GEEN_ACTIE, LOOPT_AF

__all__ = [
    "DEFAULT_DATABASE_URL",
    "STAFF_TEMPLATE_DIR",
    "MeldingRow",
    "OpenWork",
    "Status",
    "UTCDateTime",
    "make_engine",
    "melding_conversations",
    "meldingen_created",
    "open_work",
    "session_factory",
]


@dataclass(frozen=True)
class MeldingRow:
    """One melding as the KPIs see it: its times and status, no personal data."""

    # The topic from the fixed list (escalation/staff/onderwerpen.py), not the free text.
    onderwerp: str
    status: Status
    aangemaakt_op: datetime
    deadline: datetime
    claimed_at: datetime | None
    # The first response that counts for the 24-hour promise: forwarded or closed.
    gereageerd_op: datetime | None
    afgesloten_op: datetime | None


@dataclass(frozen=True)
class OpenWork:
    """The open werkvoorraad at one moment."""

    # When each open melding (nieuw, opgepakt, doorgezet) came in.
    created: list[datetime]
    # Open without response, past the deadline.
    late: int
    # Late, or warned "loopt af" / "actie nodig" by ``python -m escalation warn``.
    at_risk: int


def meldingen_created(session: Session, first: datetime, after: datetime) -> list[MeldingRow]:
    """The meldingen that came in from ``first`` up to (not including) ``after``."""
    rows = session.execute(
        sa.select(
            Melding.onderwerp,
            Melding.status,
            Melding.aangemaakt_op,
            Melding.deadline,
            Melding.claimed_at,
            Melding.gereageerd_op,
            Melding.afgesloten_op,
        ).where(Melding.aangemaakt_op >= first, Melding.aangemaakt_op < after)
    )
    return [
        MeldingRow(
            onderwerp=onderwerp_uit_lijst(row.onderwerp),
            status=Status(row.status),
            aangemaakt_op=row.aangemaakt_op,
            deadline=row.deadline,
            claimed_at=row.claimed_at,
            gereageerd_op=row.gereageerd_op,
            afgesloten_op=row.afgesloten_op,
        )
        for row in rows
    ]


def melding_conversations(session: Session, first: datetime, after: datetime) -> set[str]:
    """The conversations (``gesprek_id``, the bot's sender id) of meldingen made in the range."""
    return set(
        session.scalars(
            sa.select(Melding.gesprek_id).where(
                Melding.aangemaakt_op >= first, Melding.aangemaakt_op < after
            )
        )
    )


def open_work(session: Session, now: datetime) -> OpenWork:
    """The open meldingen as of ``now``: when they came in, how many are late or at risk."""
    opened = session.scalars(
        sa.select(Melding.aangemaakt_op).where(Melding.status.in_(OPEN_STATUSES))
    )
    unanswered = sa.and_(Melding.status.in_(UNANSWERED_STATUSES), Melding.gereageerd_op.is_(None))
    late = Melding.deadline <= now
    warned = sa.exists().where(
        Notification.melding_id == Melding.id, Notification.kind.in_((LOOPT_AF, GEEN_ACTIE))
    )
    count = sa.select(sa.func.count()).select_from(Melding)
    return OpenWork(
        created=list(opened),
        late=session.scalar(count.where(unanswered, late)) or 0,
        at_risk=session.scalar(count.where(unanswered, sa.or_(late, warned))) or 0,
    )
