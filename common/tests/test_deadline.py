"""Office time in the kernel, as the bot tells it and the escalation service counts it."""

from __future__ import annotations

from datetime import datetime, time

from voordeur_common.deadline import is_office_time, next_opening
from voordeur_common.office_calendar import AMSTERDAM, ClosedDays

HOURS = {day: (time(8, 30), time(17, 0)) for day in range(4)} | {4: (time(8, 30), time(12, 30))}


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=AMSTERDAM)


def test_office_time_is_within_the_hours_of_an_open_day() -> None:
    assert is_office_time(at(24, 10), HOURS)  # Tuesday
    assert not is_office_time(at(27, 14), HOURS)  # Friday afternoon
    assert not is_office_time(at(28, 10), HOURS)  # Saturday
    assert not is_office_time(at(25, 10, month=12), HOURS)  # Eerste kerstdag


def test_the_next_opening_skips_closed_days() -> None:
    assert next_opening(at(27, 14), HOURS) == at(30, 8, 30)
    assert next_opening(at(24, 7), HOURS) == at(24, 8, 30)
    monday_closed = ClosedDays(extra=frozenset({at(30, 0).date()}))
    assert next_opening(at(27, 14), HOURS, monday_closed) == at(1, 8, 30, month=12)
    assert next_opening(at(27, 14), HOURS, search_days=2) is None
