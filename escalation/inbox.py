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
from escalation.staff.onderwerpen import ONDERWERPEN, onderwerp_uit_lijst
from escalation.status import OPEN_STATUSES, STATUSES, UNANSWERED_STATUSES
from escalation.watch import warn_moment

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


def _statuses(selection: InboxFilter) -> tuple[str, ...]:
    return (selection.status,) if selection.status in STATUSES else OPEN_STATUSES


def inbox_query(
    selection: InboxFilter, user_id: int, stored_onderwerpen: list[str] | None = None
) -> Select[Melding]:
    """The SELECT for the inbox with these filters.

    ``selection.onderwerp`` is a topic from the fixed list: the meldingen whose stored onderwerp
    (``stored_onderwerpen``, the texts that map to it) belongs to it. Any other value is
    matched exactly.
    """
    query = select(Melding).where(Melding.status.in_(_statuses(selection)))
    if selection.onderwerp and stored_onderwerpen is not None:
        query = query.where(Melding.onderwerp.in_(stored_onderwerpen))
    elif selection.onderwerp:
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
    stored: list[str] | None = None
    if selection.onderwerp in ONDERWERPEN:
        texts = session.scalars(
            select(Melding.onderwerp).where(Melding.status.in_(_statuses(selection))).distinct()
        )
        stored = [text for text in texts if onderwerp_uit_lijst(text) == selection.onderwerp]
    return list(session.scalars(inbox_query(selection, user_id, stored)))


def open_onderwerpen(session: Session) -> list[str]:
    """The topics for the filter menu: the whole fixed list, always in the same order."""
    return list(ONDERWERPEN)


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
