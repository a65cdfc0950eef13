"""The office time left beside the calendar countdown: what 'LOOPT AF' is based on."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from types import MappingProxyType

import pytest
from voordeur_common.deadline import AMSTERDAM, working_time_before
from voordeur_common.office_calendar import NO_CLOSING_DAYS, ClosedDays

from escalation.countdown import kantoortijd, office_time_left
from escalation.organisation import Organisation

# The example organisation's office hours (config/organisation.yml).
HOURS = {day: (time(8, 30), time(17, 0)) for day in range(4)} | {4: (time(8, 30), time(12, 30))}
ORGANISATION = Organisation(
    closed_days=NO_CLOSING_DAYS, response_hours=24, opening_hours=MappingProxyType(HOURS)
)
MONDAY_NOON = datetime(2026, 11, 30, 12, 0, tzinfo=AMSTERDAM)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("now", "deadline", "tekst"),
    [
        # The browser review's case: a spoed melding seen on Saturday, due Monday 12:00.
        (at(28, 9), MONDAY_NOON, "waarvan 3½ uur kantoortijd"),
        # Friday afternoon after closing (12:30): the weekend does not count.
        (at(27, 15), MONDAY_NOON, "waarvan 3½ uur kantoortijd"),
        (at(27, 11), MONDAY_NOON, "waarvan 5 uur kantoortijd"),
        (at(29, 23), at(30, 9, 15), "waarvan 45 minuten kantoortijd"),
        (at(29, 23), at(30, 8, 0), "maar geen kantoortijd meer"),
        # All of the time left is office time: nothing to add to the countdown.
        (at(30, 9), MONDAY_NOON, ""),
        # Past the deadline: the countdown says how late, the badge TE LAAT.
        (at(30, 13), MONDAY_NOON, ""),
    ],
)
def test_office_time_beside_the_countdown(now: datetime, deadline: datetime, tekst: str) -> None:
    assert kantoortijd(deadline, now, ORGANISATION) == tekst


@pytest.mark.parametrize("warn_hours", [1, 4, 8])
def test_loopt_af_starts_when_the_office_time_left_reaches_the_warning(warn_hours: int) -> None:
    """The badge (escalation/watch.py: ``warn_hours`` office hours before the deadline) and the
    text agree: at the warning moment exactly ``warn_hours`` of office time are left."""
    moment = working_time_before(MONDAY_NOON, warn_hours, HOURS)
    assert office_time_left(MONDAY_NOON, moment, ORGANISATION) == timedelta(hours=warn_hours)
    before = moment - timedelta(minutes=1)
    assert office_time_left(MONDAY_NOON, before, ORGANISATION) == timedelta(
        hours=warn_hours, minutes=1
    )


def test_closing_days_and_missing_office_hours() -> None:
    closed_monday = Organisation(
        closed_days=ClosedDays(extra=frozenset({MONDAY_NOON.date()})),
        response_hours=24,
        opening_hours=MappingProxyType(HOURS),
    )
    tuesday_noon = MONDAY_NOON + timedelta(days=1)
    assert office_time_left(tuesday_noon, at(28, 9), closed_monday) == timedelta(hours=3.5)
    # Without office hours every hour of an open day counts; the weekend still does not.
    all_day = Organisation(closed_days=NO_CLOSING_DAYS, response_hours=24)
    assert office_time_left(MONDAY_NOON, at(28, 9), all_day) == timedelta(hours=12)
    assert kantoortijd(MONDAY_NOON, at(28, 9), all_day) == "waarvan 12 uur kantoortijd"
