"""The response window: a melding must be picked up within 24 hours, not counting Saturdays,
Sundays, Dutch public holidays and the organisation's closing days.

Hours are real elapsed hours. Days are Europe/Amsterdam calendar days; the arithmetic is done in
UTC, so a day of 23 or 25 hours (summer/winter time change) counts as long as it really is.

A spoed melding can have a shorter target: received on an open day before a set time (e.g.
12:00), it is due at that day's closing time; otherwise at that time on the next open day. An
open day is a day with office hours that is not closed.

Staff see the exact deadline (``deadline_text``); the inwoner is told a day within office hours
(``inwoner_deadline_text``), never a time at night.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta

# The calendar is the kernel's; AMSTERDAM is named here too for the escalation modules.
from voordeur_common.office_calendar import AMSTERDAM as AMSTERDAM
from voordeur_common.office_calendar import NO_CLOSING_DAYS, ClosedDays, day_text, is_closed

OpeningHours = Mapping[int, tuple[time, time]]  # weekday (0 = Monday) -> (opening, closing)
# Used when the organisation file gives no office hours: every day from midnight to midnight.
ALL_DAY: OpeningHours = {weekday: (time(0), time.max) for weekday in range(7)}
_SEARCH_DAYS = 366


def is_open_day(
    day: date, opening_hours: OpeningHours, closed_days: ClosedDays = NO_CLOSING_DAYS
) -> bool:
    """Whether staff work on this day: it has office hours and is not closed."""
    return day.weekday() in opening_hours and not is_closed(day, closed_days)


def _next_open_day(
    day: date, opening_hours: OpeningHours, closed_days: ClosedDays = NO_CLOSING_DAYS
) -> date:
    """The first open day after ``day``."""
    for offset in range(1, _SEARCH_DAYS + 1):
        candidate = day + timedelta(days=offset)
        if is_open_day(candidate, opening_hours, closed_days):
            return candidate
    raise ValueError("no open day within a year: check openingstijden and sluitingsdagen")


def compute_spoed_deadline(
    received: datetime,
    same_day_before: time,
    opening_hours: OpeningHours,
    closed_days: ClosedDays = NO_CLOSING_DAYS,
) -> datetime:
    """The pick-up target of a spoed melding, in Amsterdam time (see the module docstring).

    On the next open day the target is ``same_day_before``, or its closing time if earlier.
    """
    if received.tzinfo is None:
        raise ValueError("received must be timezone-aware")
    local = received.astimezone(AMSTERDAM)
    day = local.date()
    if is_open_day(day, opening_hours, closed_days):
        closing = opening_hours[day.weekday()][1]
        if local.time() < min(same_day_before, closing):
            return datetime.combine(day, closing, tzinfo=AMSTERDAM)
    day = _next_open_day(day, opening_hours, closed_days)
    target = min(same_day_before, opening_hours[day.weekday()][1])
    return datetime.combine(day, target, tzinfo=AMSTERDAM)


def _start_of_day(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=AMSTERDAM)


def compute_deadline(
    received: datetime, hours: int = 24, closed_days: ClosedDays = NO_CLOSING_DAYS
) -> datetime:
    """When a melding received at ``received`` (tz-aware) must be picked up, in Amsterdam time."""
    if received.tzinfo is None:
        raise ValueError("received must be timezone-aware")
    remaining = timedelta(hours=hours)
    cursor = received.astimezone(AMSTERDAM)
    while True:
        day = cursor.date()
        next_midnight = _start_of_day(day + timedelta(days=1))
        if is_closed(day, closed_days):
            cursor = next_midnight
            continue
        available = next_midnight.astimezone(UTC) - cursor.astimezone(UTC)
        if remaining <= available:
            return (cursor.astimezone(UTC) + remaining).astimezone(AMSTERDAM)
        remaining -= available
        cursor = next_midnight


def deadline_text(deadline: datetime) -> str:
    """The exact deadline for staff, e.g. ``uiterlijk woensdag 26 november om 14:00``.

    A deadline at midnight is said as the end of the day before, which is what people mean.
    """
    local = deadline.astimezone(AMSTERDAM)
    if local.time() == time(0):
        return f"uiterlijk {day_text(local.date() - timedelta(days=1))} (eind van de dag)"
    return f"uiterlijk {day_text(local.date())} om {local:%H:%M}"


def promised_day(
    deadline: datetime,
    received: datetime,
    opening_hours: OpeningHours,
    closed_days: ClosedDays = NO_CLOSING_DAYS,
) -> date:
    """The open day by whose end the melding is picked up, as the inwoner is told it.

    A deadline at or before a day's opening time, or on a closed day, means the last open day
    before it; but never a day before the first one staff can work on after ``received``.
    Without office hours every day that is not closed counts as open from midnight.
    """
    hours = opening_hours or ALL_DAY
    arrived = received.astimezone(AMSTERDAM)
    first = arrived.date()
    if not is_open_day(first, hours, closed_days) or arrived.time() >= hours[first.weekday()][1]:
        first = _next_open_day(first, hours, closed_days)

    local = deadline.astimezone(AMSTERDAM)
    day = local.date()
    if not is_open_day(day, hours, closed_days) or local.time() <= hours[day.weekday()][0]:
        day -= timedelta(days=1)
        while day > first and not is_open_day(day, hours, closed_days):
            day -= timedelta(days=1)
    return max(day, first)


def inwoner_deadline_text(
    deadline: datetime,
    received: datetime,
    now: datetime,
    opening_hours: OpeningHours,
    closed_days: ClosedDays = NO_CLOSING_DAYS,
) -> str:
    """The deadline for the inwoner: a day, never a time.

    E.g. ``uiterlijk woensdag 26 november``, or ``uiterlijk vandaag, woensdag 26 november``.
    """
    day = promised_day(deadline, received, opening_hours, closed_days)
    today = " vandaag," if day == now.astimezone(AMSTERDAM).date() else ""
    return f"uiterlijk{today} {day_text(day)}"


def office_span(day: date, opening_hours: OpeningHours) -> tuple[datetime, datetime]:
    """The office hours of ``day`` as two aware moments; a closing of ``time.max`` is midnight."""
    opening, closing = opening_hours[day.weekday()]
    start = datetime.combine(day, opening, tzinfo=AMSTERDAM)
    if closing == time.max:
        return start, _start_of_day(day + timedelta(days=1))
    return start, datetime.combine(day, closing, tzinfo=AMSTERDAM)


def is_office_time(
    moment: datetime, opening_hours: OpeningHours, closed_days: ClosedDays = NO_CLOSING_DAYS
) -> bool:
    """Whether staff are at work at ``moment`` (without office hours: any time of an open day)."""
    hours = opening_hours or ALL_DAY
    day = moment.astimezone(AMSTERDAM).date()
    if not is_open_day(day, hours, closed_days):
        return False
    start, end = office_span(day, hours)
    return start <= moment < end


def next_opening(
    moment: datetime,
    opening_hours: OpeningHours,
    closed_days: ClosedDays = NO_CLOSING_DAYS,
    search_days: int = _SEARCH_DAYS,
) -> datetime | None:
    """The first moment after ``moment`` that the office opens, within ``search_days``."""
    local = moment.astimezone(AMSTERDAM)
    for offset in range(search_days):
        day = local.date() + timedelta(days=offset)
        if is_open_day(day, opening_hours, closed_days):
            start, _ = office_span(day, opening_hours)
            if start > local:
                return start
    return None


def working_time_before(
    deadline: datetime,
    working_hours: float,
    opening_hours: OpeningHours,
    closed_days: ClosedDays = NO_CLOSING_DAYS,
) -> datetime:
    """The moment ``working_hours`` of office time before ``deadline``.

    Only office hours of open days count, so the moment always lies within office hours: a
    deadline on Monday 10:00 with 4 hours gives Friday afternoon, never Sunday night.
    Without office hours every hour of an open day counts.
    """
    hours = opening_hours or ALL_DAY
    remaining = timedelta(hours=working_hours)
    cursor = deadline.astimezone(UTC)
    day = deadline.astimezone(AMSTERDAM).date()
    for _ in range(_SEARCH_DAYS):
        if is_open_day(day, hours, closed_days):
            start, end = office_span(day, hours)
            end_utc = min(end.astimezone(UTC), cursor)
            available = end_utc - start.astimezone(UTC)
            if available > timedelta(0):
                if remaining <= available:
                    return (end_utc - remaining).astimezone(AMSTERDAM)
                remaining -= available
        day -= timedelta(days=1)
        cursor = _start_of_day(day + timedelta(days=1)).astimezone(UTC)
    raise ValueError("no office hours within a year: check openingstijden and sluitingsdagen")
