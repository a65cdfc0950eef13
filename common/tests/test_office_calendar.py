from __future__ import annotations

from datetime import date

from voordeur_common.office_calendar import day_text, is_closed, is_public_holiday


def test_weekends_public_holidays_and_closing_days_are_closed() -> None:
    assert is_closed(date(2026, 11, 28))  # a Saturday
    assert is_closed(date(2026, 12, 25)) and is_public_holiday(date(2026, 12, 25))
    assert is_closed(date(2026, 4, 27))  # Koningsdag
    assert not is_closed(date(2026, 11, 26))
    assert is_closed(date(2026, 11, 26), closing_days={date(2026, 11, 26)})


def test_days_are_said_in_dutch() -> None:
    assert day_text(date(2026, 11, 25)) == "woensdag 25 november"
