"""Office hours from config/organisation.yml, as the inwoner is told them: open now? When do we
open next? The rules are the kernel's (``voordeur_common.deadline``: days with office hours that
the calendar does not close); without office hours in the file the bot never says it is open.
All times are Europe/Amsterdam.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from voordeur_common import deadline
from voordeur_common.office_calendar import AMSTERDAM, MONTHS, WEEKDAYS

from .organisation import Organisation

_LOOKAHEAD_DAYS = 21


def now_local() -> datetime:
    return datetime.now(AMSTERDAM)


def is_open(org: Organisation, moment: datetime) -> bool:
    hours = org.opening_hours_by_weekday()
    return bool(hours) and deadline.is_office_time(moment, hours, org.closed_days)


def next_opening(org: Organisation, moment: datetime) -> datetime | None:
    """The next moment the office opens (after ``moment``), or None within three weeks."""
    hours = org.opening_hours_by_weekday()
    if not hours:
        return None
    return deadline.next_opening(moment, hours, org.closed_days, _LOOKAHEAD_DAYS)


def moment_text(moment: datetime, now: datetime) -> str:
    """E.g. 'morgen om 8.30 uur' or 'maandag 24 november om 8.30 uur'."""
    local = moment.astimezone(AMSTERDAM)
    clock = f"{local.hour}.{local.minute:02d} uur"
    today = now.astimezone(AMSTERDAM).date()
    if local.date() == today:
        return f"vandaag om {clock}"
    if local.date() == today + timedelta(days=1):
        return f"morgen om {clock}"
    day = f"{WEEKDAYS[local.weekday()]} {local.day} {MONTHS[local.month - 1]}"
    return f"{day} om {clock}"
