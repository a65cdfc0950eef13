"""The response window: a melding must be picked up within 24 hours, not counting Saturdays,
Sundays, Dutch public holidays and the organisation's closing days.

Hours are real elapsed hours. Days are Europe/Amsterdam calendar days; the arithmetic is done in
UTC, so a day of 23 or 25 hours (summer/winter time change) counts as long as it really is.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

_DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def is_closed(day: date, closing_days: Collection[date] = ()) -> bool:
    """Whether the response clock stands still on this local calendar day."""
    return (
        day.weekday() >= 5
        or day in holidays.country_holidays("NL", years=day.year)
        or (day in closing_days)
    )


def _start_of_day(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=AMSTERDAM)


def compute_deadline(
    received: datetime, hours: int = 24, closing_days: Collection[date] = ()
) -> datetime:
    """When a melding received at ``received`` (tz-aware) must be picked up, in Amsterdam time."""
    if received.tzinfo is None:
        raise ValueError("received must be timezone-aware")
    remaining = timedelta(hours=hours)
    cursor = received.astimezone(AMSTERDAM)
    while True:
        day = cursor.date()
        next_midnight = _start_of_day(day + timedelta(days=1))
        if is_closed(day, closing_days):
            cursor = next_midnight
            continue
        available = next_midnight.astimezone(UTC) - cursor.astimezone(UTC)
        if remaining <= available:
            return (cursor.astimezone(UTC) + remaining).astimezone(AMSTERDAM)
        remaining -= available
        cursor = next_midnight


def deadline_text(deadline: datetime) -> str:
    """The deadline in plain Dutch, e.g. ``uiterlijk woensdag 26 november om 14:00``.

    A deadline at midnight is said as the end of the day before, which is what people mean.
    """
    local = deadline.astimezone(AMSTERDAM)
    if local.time() == time(0):
        day = local.date() - timedelta(days=1)
        return (
            f"uiterlijk {_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} (eind van de dag)"
        )
    return (
        f"uiterlijk {_DAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]} "
        f"om {local:%H:%M}"
    )
