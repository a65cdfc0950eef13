"""How much time staff have left for a melding, in plain Dutch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from voordeur_common.deadline import ALL_DAY, AMSTERDAM, deadline_text, is_open_day, office_span

from escalation.organisation import Organisation


@dataclass(frozen=True)
class Countdown:
    """The remaining time as text, and whether the deadline has passed."""

    tekst: str
    te_laat: bool


def _amount(seconds: int) -> str:
    minutes = seconds // 60
    if minutes < 60:
        return "1 minuut" if minutes == 1 else f"{minutes} minuten"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} uur"
    days, rest = divmod(hours, 24)
    return f"{days} dagen" if rest == 0 else f"{days} dagen en {rest} uur"


def countdown(deadline: datetime, now: datetime) -> Countdown:
    """E.g. ``nog 5 uur`` or ``6 uur te laat``."""
    seconds = int((deadline - now).total_seconds())
    if seconds >= 0:
        return Countdown(f"nog {_amount(seconds)}", te_laat=False)
    return Countdown(f"{_amount(-seconds)} te laat", te_laat=True)


def deadline_kort(deadline: datetime) -> str:
    """The deadline as a Dutch date and time, e.g. ``woensdag 26 november om 14:00``."""
    return deadline_text(deadline).removeprefix("uiterlijk ")


def office_time_left(deadline: datetime, now: datetime, organisation: Organisation) -> timedelta:
    """Office time from ``now`` to ``deadline``: what 'loopt af' counts (escalation/watch.py)."""
    hours = organisation.opening_hours or ALL_DAY
    left = timedelta(0)
    day = now.astimezone(AMSTERDAM).date()
    while now < deadline and day <= deadline.astimezone(AMSTERDAM).date():
        if is_open_day(day, hours, organisation.closed_days):
            start, end = office_span(day, hours)
            left += max(timedelta(0), min(end, deadline) - max(start, now))
        day += timedelta(days=1)
    return left


def _office_amount(left: timedelta) -> str:
    minutes = int(left.total_seconds()) // 60
    if minutes < 60:
        return "1 minuut" if minutes == 1 else f"{minutes} minuten"
    hours, half = divmod(minutes // 30, 2)
    return f"{hours}{'½' if half else ''} uur"


def kantoortijd(deadline: datetime, now: datetime, organisation: Organisation) -> str:
    """E.g. ``waarvan 3½ uur kantoortijd`` beside ``nog 2 dagen en 3 uur``, when nights, weekends
    or closing days lie between: 'LOOPT AF' is about the office time. Empty when both are equal.
    """
    left = office_time_left(deadline, now, organisation)
    if deadline <= now or deadline - now - left < timedelta(minutes=1):
        return ""
    if left < timedelta(minutes=1):
        return "maar geen kantoortijd meer"
    return f"waarvan {_office_amount(left)} kantoortijd"
