"""The 24-hour response window skips Saturdays, Sundays, public holidays and closing days."""

from datetime import date, datetime, time, timedelta

import pytest
from voordeur_common.deadline import (
    AMSTERDAM,
    compute_deadline,
    compute_spoed_deadline,
    deadline_text,
    inwoner_deadline_text,
    promised_day,
)
from voordeur_common.office_calendar import NO_CLOSING_DAYS, ClosedDays

from escalation.organisation import Organisation
from escalation.service import pickup_deadline

# The example office hours of config/organisation.yml: Mon-Thu 8.30-17.00, Fri 8.30-12.30.
HOURS = {day: (time(8, 30), time(17, 0)) for day in range(4)} | {4: (time(8, 30), time(12, 30))}
NOON = time(12, 0)


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        # An ordinary weekday: exactly 24 hours later.
        (local(2026, 11, 24, 23, 10), local(2026, 11, 25, 23, 10)),
        # Friday evening: 3 hours on Friday, the remaining 21 on Monday.
        (local(2026, 11, 20, 21, 0), local(2026, 11, 23, 21, 0)),
        # Saturday: the clock starts Monday 00:00 and runs the whole Monday.
        (local(2026, 11, 21, 14, 0), local(2026, 11, 24, 0, 0)),
        # Sunday just before midnight: same.
        (local(2026, 11, 22, 23, 59), local(2026, 11, 24, 0, 0)),
        # Easter: Goede Vrijdag (3 April 2026, in the NL calendar of `holidays`) and
        # Tweede Paasdag (6 April) do not count.
        (local(2026, 4, 2, 12, 0), local(2026, 4, 7, 12, 0)),
        (local(2026, 4, 4, 10, 0), local(2026, 4, 8, 0, 0)),
        # Koningsdag, Monday 27 April 2026.
        (local(2026, 4, 24, 18, 0), local(2026, 4, 28, 18, 0)),
        # Christmas: 25 and 26 December 2026 are Friday and Saturday.
        (local(2026, 12, 24, 9, 0), local(2026, 12, 28, 9, 0)),
        # Hemelvaartsdag, Thursday 14 May 2026.
        (local(2026, 5, 13, 15, 30), local(2026, 5, 15, 15, 30)),
    ],
)
def test_deadline_skips_closed_days(received: datetime, expected: datetime) -> None:
    assert compute_deadline(received) == expected


def test_configured_closing_day_does_not_count() -> None:
    received = local(2026, 12, 30, 10, 0)
    assert compute_deadline(received) == local(2026, 12, 31, 10, 0)
    closing = ClosedDays(extra=frozenset({date(2026, 12, 31)}))
    # 31 Dec closed, 1 Jan Nieuwjaarsdag, then the weekend: Monday 4 January.
    assert compute_deadline(received, closed_days=closing) == local(2027, 1, 4, 10, 0)


def test_spring_forward_counts_real_hours() -> None:
    # Summer time starts Sunday 29 March 2026. Friday 12:00 CET + 12 h Friday + 12 h Monday.
    deadline = compute_deadline(local(2026, 3, 27, 12, 0))
    assert deadline == local(2026, 3, 30, 12, 0)
    assert deadline.utcoffset() == timedelta(hours=2)


def test_fall_back_counts_real_hours() -> None:
    # Winter time starts Sunday 25 October 2026.
    deadline = compute_deadline(local(2026, 10, 23, 20, 0))
    assert deadline == local(2026, 10, 26, 20, 0)
    assert deadline.utcoffset() == timedelta(hours=1)


def test_received_in_utc_is_handled_in_amsterdam_days() -> None:
    # Friday 23:30 UTC is Saturday 00:30 in Amsterdam (winter): clock starts Monday.
    received = datetime.fromisoformat("2026-11-20T23:30:00+00:00")
    assert compute_deadline(received) == local(2026, 11, 24, 0, 0)


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        compute_deadline(datetime(2026, 11, 24, 12, 0))


def test_deadline_text_is_plain_dutch() -> None:
    assert deadline_text(local(2026, 11, 26, 14, 0)) == "uiterlijk donderdag 26 november om 14:00"
    assert (
        deadline_text(local(2026, 11, 24, 0, 0))
        == "uiterlijk maandag 23 november (eind van de dag)"
    )


# --- spoed: the same working day when it arrives before noon, else the next one at noon -----


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        # Wednesday 25 November 2026 before noon: that day's closing time.
        (local(2026, 11, 25, 10, 0), local(2026, 11, 25, 17, 0)),
        # Before opening time counts as before noon too.
        (local(2026, 11, 25, 7, 0), local(2026, 11, 25, 17, 0)),
        # At noon or later: the next working day at noon.
        (local(2026, 11, 25, 12, 0), local(2026, 11, 26, 12, 0)),
        (local(2026, 11, 25, 23, 30), local(2026, 11, 26, 12, 0)),
        # Friday morning: Friday's closing time, 12.30.
        (local(2026, 11, 27, 11, 0), local(2026, 11, 27, 12, 30)),
        # Friday afternoon and the weekend: Monday at noon.
        (local(2026, 11, 27, 14, 0), local(2026, 11, 30, 12, 0)),
        (local(2026, 11, 28, 9, 0), local(2026, 11, 30, 12, 0)),
        # Koningsdag, Monday 27 April 2026: Tuesday at noon.
        (local(2026, 4, 27, 9, 0), local(2026, 4, 28, 12, 0)),
        # Christmas Eve is an open day without closing days ...
        (local(2026, 12, 24, 10, 0), local(2026, 12, 24, 17, 0)),
    ],
)
def test_spoed_deadline(received: datetime, expected: datetime) -> None:
    assert compute_spoed_deadline(received, NOON, HOURS) == expected


def test_spoed_deadline_skips_closing_days_and_holidays() -> None:
    # ... but a closing day: 25/26 December are holidays, then the weekend: Monday 28th at noon.
    closing = ClosedDays(extra=frozenset({date(2026, 12, 24), date(2026, 12, 31)}))
    received = local(2026, 12, 24, 10, 0)
    assert compute_spoed_deadline(received, NOON, HOURS, closing) == local(2026, 12, 28, 12, 0)


def test_spoed_deadline_on_a_day_closing_before_noon() -> None:
    hours = dict(HOURS) | {4: (time(8, 30), time(11, 0))}
    # Thursday afternoon: Friday, but no later than Friday's closing time.
    assert compute_spoed_deadline(local(2026, 11, 26, 14, 0), NOON, hours) == local(
        2026, 11, 27, 11, 0
    )
    # Friday after closing but before noon: Monday at noon.
    assert compute_spoed_deadline(local(2026, 11, 27, 11, 30), NOON, hours) == local(
        2026, 11, 30, 12, 0
    )


def test_spoed_deadline_skips_days_without_office_hours() -> None:
    hours = {day: span for day, span in HOURS.items() if day != 3}  # closed on Thursday
    assert compute_spoed_deadline(local(2026, 11, 25, 14, 0), NOON, hours) == local(
        2026, 11, 27, 12, 0
    )


def test_pickup_deadline_uses_the_spoed_target_only_for_spoed() -> None:
    organisation = Organisation(NO_CLOSING_DAYS, 24, HOURS, NOON)
    received = local(2026, 11, 27, 14, 0)  # Friday afternoon
    assert pickup_deadline(received, False, organisation) == local(2026, 11, 30, 14, 0)
    assert pickup_deadline(received, True, organisation) == local(2026, 11, 30, 12, 0)
    # Without spoed_termijn, spoed has the normal deadline.
    plain = Organisation(NO_CLOSING_DAYS, 24, HOURS)
    assert pickup_deadline(received, True, plain) == local(2026, 11, 30, 14, 0)
    # The spoed target is never later than the normal window.
    short = Organisation(NO_CLOSING_DAYS, 1, HOURS, NOON)
    assert pickup_deadline(local(2026, 11, 25, 10, 0), True, short) == local(2026, 11, 25, 11, 0)


# --- what the inwoner is told: a day within office hours, never a time ---------------------


@pytest.mark.parametrize(
    ("received", "deadline", "day"),
    [
        # Received at night, due the next evening: that next day.
        (local(2026, 11, 24, 23, 10), local(2026, 11, 25, 23, 10), date(2026, 11, 25)),
        # Due before opening time: the open day before.
        (local(2026, 11, 24, 6, 0), local(2026, 11, 25, 6, 0), date(2026, 11, 24)),
        # Due at midnight after a weekend: Monday.
        (local(2026, 11, 21, 14, 0), local(2026, 11, 24, 0, 0), date(2026, 11, 23)),
        # Due after closing on Friday afternoon: Friday.
        (local(2026, 11, 26, 15, 0), local(2026, 11, 27, 15, 0), date(2026, 11, 27)),
        # Due on Monday morning before opening: the Friday before is still ahead of receipt.
        (local(2026, 11, 27, 7, 0), local(2026, 11, 30, 7, 0), date(2026, 11, 27)),
        # ... but never a day staff could not work on after receipt: Monday, not Friday.
        (local(2026, 11, 27, 20, 0), local(2026, 11, 30, 7, 0), date(2026, 11, 30)),
        # Due on a Saturday: Friday.
        (local(2026, 11, 26, 9, 0), local(2026, 11, 28, 9, 0), date(2026, 11, 27)),
    ],
)
def test_promised_day(received: datetime, deadline: datetime, day: date) -> None:
    assert promised_day(deadline, received, HOURS) == day


def test_promised_day_skips_closing_days_and_days_without_office_hours() -> None:
    closing = ClosedDays(extra=frozenset({date(2026, 12, 24)}))
    # Due Thursday 24 December 09:00 (a closing day): Wednesday 23rd.
    received = local(2026, 12, 22, 9, 0)
    assert promised_day(local(2026, 12, 24, 9, 0), received, HOURS, closing) == date(2026, 12, 23)
    # Closed on Wednesdays: due Wednesday 14:00 means Tuesday.
    hours = {day: span for day, span in HOURS.items() if day != 2}
    received = local(2026, 11, 24, 14, 0)
    assert promised_day(local(2026, 11, 25, 14, 0), received, hours) == date(2026, 11, 24)


def test_promised_day_without_office_hours_keeps_the_old_rule() -> None:
    received = local(2026, 11, 21, 14, 0)
    assert promised_day(local(2026, 11, 24, 0, 0), received, {}) == date(2026, 11, 23)
    assert promised_day(local(2026, 11, 24, 23, 0), received, {}) == date(2026, 11, 24)


def test_inwoner_text_is_a_day_and_says_today() -> None:
    received = local(2026, 11, 25, 10, 0)
    deadline = compute_spoed_deadline(received, NOON, HOURS)
    assert (
        inwoner_deadline_text(deadline, received, received, HOURS)
        == "uiterlijk vandaag, woensdag 25 november"
    )
    tomorrow = local(2026, 11, 26, 9, 0)
    assert (
        inwoner_deadline_text(deadline, received, tomorrow, HOURS)
        == "uiterlijk woensdag 25 november"
    )
    friday = local(2026, 11, 27, 14, 0)
    text = inwoner_deadline_text(compute_deadline(friday), friday, friday, HOURS)
    assert text == "uiterlijk maandag 30 november"
    assert "om" not in text and ":" not in text


def test_a_public_holiday_the_organisation_works_on_counts() -> None:
    # Thursday 2 April 2026 10:00; Good Friday 3 April is a holiday, then the weekend and
    # Easter Monday: Tuesday 7 April. Working on Good Friday: Friday 3 April.
    received = local(2026, 4, 2, 10, 0)
    assert compute_deadline(received) == local(2026, 4, 7, 10, 0)
    works = ClosedDays(worked_holidays=frozenset({"Goede vrijdag"}))
    assert compute_deadline(received, closed_days=works) == local(2026, 4, 3, 10, 0)
