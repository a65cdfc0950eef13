"""The organisation's settings the escalation service needs, from config/organisation.yml."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Organisation:
    """Closing days and the promised response window."""

    closing_days: frozenset[date]
    response_hours: int


def load_organisation(path: Path) -> Organisation:
    """Read the organisation file; unknown keys are ignored, a bad date is an error."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    closing_days = frozenset(date.fromisoformat(str(day)) for day in data.get("sluitingsdagen", []))
    return Organisation(
        closing_days=closing_days, response_hours=int(data.get("reactietermijn_uren", 24))
    )
