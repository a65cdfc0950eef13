"""The calendar every component counts with: one time zone, one list of closed days, Dutch names.

Days are Europe/Amsterdam calendar days. The response clock stands still on Saturdays, Sundays,
Dutch public holidays (the ``holidays`` package) and the organisation's own closing days.
"""

from __future__ import annotations

from collections.abc import Collection
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


def is_public_holiday(day: date) -> bool:
    """A Dutch public holiday (Nieuwjaarsdag, Pasen, Koningsdag, Kerst, ...)."""
    return day in holidays.country_holidays("NL", years=day.year)


def is_closed(day: date, closing_days: Collection[date] = ()) -> bool:
    """Whether the response clock stands still on this local calendar day."""
    return day.weekday() >= 5 or is_public_holiday(day) or day in closing_days


def day_text(day: date) -> str:
    """E.g. ``woensdag 26 november``."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"
