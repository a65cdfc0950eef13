"""The calendar every component counts with: one time zone, one list of closed days, Dutch names.

Days are Europe/Amsterdam calendar days. The response clock stands still on Saturdays, Sundays,
Dutch public holidays (the ``holidays`` package) and the organisation's own closing days, except
on the public holidays the organisation works on (for example Goede vrijdag).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Final
from zoneinfo import ZoneInfo

import holidays

AMSTERDAM: Final = ZoneInfo("Europe/Amsterdam")
WEEKDAYS: Final = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS: Final = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def _dutch_holidays(years: int | range) -> holidays.HolidayBase:
    return holidays.country_holidays("NL", years=years, language="nl")


def _names(holiday: str) -> frozenset[str]:
    """Two holidays on one day come as one name: "Bevrijdingsdag; Hemelvaartsdag"."""
    return frozenset(holiday.split("; "))


# Every name a Dutch public holiday has had or will have in these years, e.g. "Goede vrijdag".
HOLIDAY_NAMES: Final = frozenset().union(
    *(_names(holiday) for holiday in _dutch_holidays(range(2000, 2051)).values())
)


@dataclass(frozen=True)
class ClosedDays:
    """The organisation's own closing days and the public holidays it works on anyway."""

    extra: frozenset[date] = field(default_factory=frozenset)
    worked_holidays: frozenset[str] = field(default_factory=frozenset)


NO_CLOSING_DAYS: Final = ClosedDays()


def public_holiday(day: date) -> str | None:
    """The Dutch name of the public holiday on this day (``Tweede kerstdag``), or None."""
    return _dutch_holidays(day.year).get(day)


def is_public_holiday(day: date) -> bool:
    """A Dutch public holiday (Nieuwjaarsdag, Pasen, Koningsdag, Kerst, ...)."""
    return public_holiday(day) is not None


def is_closed(day: date, closed: ClosedDays = NO_CLOSING_DAYS) -> bool:
    """Whether the response clock stands still on this local calendar day."""
    if day.weekday() >= 5 or day in closed.extra:
        return True
    holiday = public_holiday(day)
    return holiday is not None and not _names(holiday) <= closed.worked_holidays


def day_text(day: date) -> str:
    """E.g. ``woensdag 26 november``."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"
