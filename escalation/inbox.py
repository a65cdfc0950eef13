"""The officemedewerker's inbox: open meldingen at risk first (te laat, then loopt af), then
spoed, then the nearest deadline.

Filters: status (default: all open ones), onderwerp, kanaal, only mine, and a search in the
reference, name and onderwerp.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from escalation.models import Melding
from escalation.organisation import Organisation
from escalation.watch import UNANSWERED_STATUSES, warn_moment
from escalation.workflow import OPEN_STATUSES, STATUSES

TE_LAAT = "TE LAAT"
LOOPT_AF = "LOOPT AF"

INBOX_LIMIT = 500


@dataclass(frozen=True)
class InboxFilter:
    """What the officemedewerker chose to see; empty values mean 'all'."""

    status: str = ""
    onderwerp: str = ""
    kanaal: str = ""
    mine: bool = False
    zoek: str = ""


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def inbox_query(selection: InboxFilter, user_id: int) -> Select[tuple[Melding]]:
    """The SELECT for the inbox with these filters."""
    statuses = (selection.status,) if selection.status in STATUSES else OPEN_STATUSES
    query = select(Melding).where(Melding.status.in_(statuses))
    if selection.onderwerp:
        query = query.where(Melding.onderwerp == selection.onderwerp)
    if selection.kanaal:
        query = query.where(Melding.kanaal == selection.kanaal)
    if selection.mine:
        query = query.where(Melding.claimed_by == user_id)
    zoek = selection.zoek.strip().lower()
    if zoek:
        pattern = f"%{_escape_like(zoek)}%"
        query = query.where(
            or_(
                *(
                    func.lower(column).like(pattern, escape="\\")
                    for column in (Melding.referentie, Melding.naam, Melding.onderwerp)
                )
            )
        )
    return query.order_by(Melding.spoed.desc(), Melding.deadline.asc()).limit(INBOX_LIMIT)


def open_meldingen(session: Session, selection: InboxFilter, user_id: int) -> list[Melding]:
    """The open meldingen matching the filter, in working order."""
    return list(session.scalars(inbox_query(selection, user_id)))


def open_onderwerpen(session: Session) -> list[str]:
    """The onderwerpen of open meldingen, for the filter menu."""
    query = (
        select(Melding.onderwerp)
        .where(Melding.status.in_(OPEN_STATUSES))
        .distinct()
        .order_by(Melding.onderwerp)
    )
    return list(session.scalars(query))


def risk(melding: Melding, organisation: Organisation, warn_hours: float, now: datetime) -> str:
    """``TE LAAT`` or ``LOOPT AF`` for an open melding without response yet, else empty.

    The response (``gereageerd_op``) is the first doorzetten or afhandelen; a claim is none.
    """
    if melding.status not in UNANSWERED_STATUSES or melding.gereageerd_op is not None:
        return ""
    if melding.deadline <= now:
        return TE_LAAT
    if now >= warn_moment(melding, organisation, warn_hours):
        return LOOPT_AF
    return ""


def by_risk(
    meldingen: list[Melding], organisation: Organisation, warn_hours: float, now: datetime
) -> list[tuple[Melding, str]]:
    """Each melding with its risk, te laat first, then loopt af, otherwise in the given order."""
    rank = {TE_LAAT: 0, LOOPT_AF: 1, "": 2}
    rows = [(melding, risk(melding, organisation, warn_hours, now)) for melding in meldingen]
    return sorted(rows, key=lambda row: rank[row[1]])
