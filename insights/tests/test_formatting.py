"""Figures as a manager reads them: minutes or hours, Dutch channel names, no codes (issue 15)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from voordeur_common.channels import channel_name

from insights.formatting import channels, duration, local_time, percent


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        (None, "-"),
        (0.0, "0 minuten"),
        (1 / 60, "1 minuut"),
        (3 / 60, "3 minuten"),
        (59 / 60, "59 minuten"),
        (1.0, "1,0 uur"),
        (13.84, "13,8 uur"),
        (47.9, "47,9 uur"),
        (60.0, "2,5 dagen"),
    ],
)
def test_durations_in_minutes_hours_or_days(hours: float | None, text: str) -> None:
    assert duration(hours) == text


def test_channels_have_dutch_names_and_unknown_codes_are_one_group() -> None:
    assert channel_name("web") == "Chat op de website"
    assert channel_name("telegram") == "Telegram"
    assert channel_name("ext") == channel_name("onbekend") == "Ander of onbekend kanaal"
    counted = channels({"web": 507, "ext": 40, "onbekend": 41, "telegram": 100})
    assert counted == [
        ("Chat op de website", 507),
        ("Telegram", 100),
        ("Ander of onbekend kanaal", 81),
    ]


def test_percent_and_local_time() -> None:
    assert (percent(None), percent(0.756), percent(1.0)) == ("-", "76%", "100%")
    # Summer and winter time: 10:00 UTC is 12:00 in July and 11:00 in November.
    assert local_time(datetime(2026, 7, 1, 10, 0, tzinfo=UTC)) == "01-07-2026 12:00"
    assert local_time(datetime(2026, 11, 1, 10, 0, tzinfo=UTC)) == "01-11-2026 11:00"
