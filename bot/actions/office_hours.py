"""Office hours from config/organisation.yml: open now? When do we open next?

Closed on days without opening hours and on the days the shared calendar closes (weekends, Dutch
public holidays the organisation does not work on, its own closing days). All times are
Europe/Amsterdam.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from voordeur_common.office_calendar import AMSTERDAM, MONTHS, WEEKDAYS, is_closed

from .organisation import Organisation

_LOOKAHEAD_DAYS = 21


def now_local() -> datetime:
    return datetime.now(AMSTERDAM)


def _hours_on(org: Organisation, day: date) -> tuple[time, time] | None:
    """Opening and closing time on ``day``, or None when closed all day."""
    if is_closed(day, org.closed_days):
        return None
    name = WEEKDAYS[day.weekday()]
    for weekday, start, end in org.openingstijden:
        if weekday == name:
            return time.fromisoformat(start), time.fromisoformat(end)
    return None


def is_open(org: Organisation, moment: datetime) -> bool:
    local = moment.astimezone(AMSTERDAM)
    hours = _hours_on(org, local.date())
    return hours is not None and hours[0] <= local.time() < hours[1]


def next_opening(org: Organisation, moment: datetime) -> datetime | None:
    """The next moment the office opens (after ``moment``), or None within three weeks."""
    local = moment.astimezone(AMSTERDAM)
    for offset in range(_LOOKAHEAD_DAYS):
        day = local.date() + timedelta(days=offset)
        hours = _hours_on(org, day)
        if hours is None:
            continue
        opening = datetime.combine(day, hours[0], tzinfo=AMSTERDAM)
        if opening > local:
            return opening
    return None


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
