"""The 24-hour response window skips Saturdays, Sundays, public holidays and closing days."""

from datetime import date, datetime

import pytest

from escalation.deadline import AMSTERDAM, compute_deadline, deadline_text


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


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
    closing = {date(2026, 12, 31)}
    # 31 Dec closed, 1 Jan Nieuwjaarsdag, then the weekend: Monday 4 January.
    assert compute_deadline(received, closing_days=closing) == local(2027, 1, 4, 10, 0)


def test_spring_forward_counts_real_hours() -> None:
    # Summer time starts Sunday 29 March 2026. Friday 12:00 CET + 12 h Friday + 12 h Monday.
    deadline = compute_deadline(local(2026, 3, 27, 12, 0))
    assert deadline == local(2026, 3, 30, 12, 0)
    assert deadline.utcoffset().total_seconds() == 2 * 3600


def test_fall_back_counts_real_hours() -> None:
    # Winter time starts Sunday 25 October 2026.
    deadline = compute_deadline(local(2026, 10, 23, 20, 0))
    assert deadline == local(2026, 10, 26, 20, 0)
    assert deadline.utcoffset().total_seconds() == 3600


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
