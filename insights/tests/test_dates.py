"""Dates typed as a Dutch manager types them (dd-mm-jjjj)."""

from __future__ import annotations

from datetime import date

import pytest

from insights import dates


@pytest.mark.parametrize(
    "text",
    ["27-11-2026", " 27-11-2026 ", "27/11/2026", "27.11.2026", "27 11 2026", "2026-11-27"],
)
def test_a_dutch_date_and_an_iso_date_are_read(text: str) -> None:
    assert dates.parse(text) == date(2026, 11, 27)


def test_day_and_month_may_have_one_digit() -> None:
    assert dates.parse("1-2-2026") == date(2026, 2, 1)


@pytest.mark.parametrize("text", ["11/27/2026", "31-02-2026", "gisteren", "27-11-26", ""])
def test_what_is_no_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        dates.parse(text)


def test_shown_and_explained_in_dutch() -> None:
    assert dates.show(date(2026, 3, 5)) == "05-03-2026"
    message = dates.error_message(date(2026, 11, 28))
    assert "dd-mm-jjjj" in message and "28-11-2026" in message
