from __future__ import annotations

from datetime import date

from voordeur_common.office_calendar import (
    HOLIDAY_NAMES,
    ClosedDays,
    day_text,
    is_closed,
    is_public_holiday,
    public_holiday,
)


def test_weekends_public_holidays_and_closing_days_are_closed() -> None:
    assert is_closed(date(2026, 11, 28))  # a Saturday
    assert is_closed(date(2026, 12, 25)) and is_public_holiday(date(2026, 12, 25))
    assert is_closed(date(2026, 4, 27))  # Koningsdag
    assert not is_closed(date(2026, 11, 26))
    assert is_closed(date(2026, 11, 26), ClosedDays(extra=frozenset({date(2026, 11, 26)})))


def test_days_are_said_in_dutch() -> None:
    assert day_text(date(2026, 11, 25)) == "woensdag 25 november"


def test_an_organisation_can_work_on_a_public_holiday() -> None:
    good_friday = date(2026, 4, 3)
    assert public_holiday(good_friday) == "Goede vrijdag" and is_closed(good_friday)
    works = ClosedDays(worked_holidays=frozenset({"Goede vrijdag"}))
    assert not is_closed(good_friday, works)
    assert is_closed(date(2026, 4, 6), works)  # Tweede paasdag stays closed
    assert is_closed(date(2026, 4, 4), works)  # a Saturday stays closed


def test_two_holidays_on_one_day_are_both_needed_to_work() -> None:
    both = date(2005, 5, 5)  # Bevrijdingsdag and Hemelvaartsdag
    assert public_holiday(both) == "Bevrijdingsdag; Hemelvaartsdag"
    only_one = ClosedDays(worked_holidays=frozenset({"Bevrijdingsdag"}))
    assert is_closed(both, only_one)
    both_worked = ClosedDays(worked_holidays=frozenset({"Bevrijdingsdag", "Hemelvaartsdag"}))
    assert not is_closed(both, both_worked)


def test_holiday_names_are_dutch_and_single() -> None:
    assert {"Goede vrijdag", "Bevrijdingsdag", "Tweede kerstdag"} <= HOLIDAY_NAMES
    assert not any("; " in name for name in HOLIDAY_NAMES)
