"""How much time staff have left for a melding, in plain Dutch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from escalation.deadline import deadline_text


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
