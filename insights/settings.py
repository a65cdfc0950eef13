"""Where the insights read and write: database URLs and the bot's domain file."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from insights.db import DEFAULT_DATABASE_URL
from insights.domain import DOMAIN_FILE
from insights.retention import DEFAULT_RETENTION_DAYS


def _retention_days() -> int:
    """``INSIGHTS_RETENTION_DAYS``: a whole number of days, at least 1."""
    value = os.environ.get("INSIGHTS_RETENTION_DAYS", "").strip()
    if not value:
        return DEFAULT_RETENTION_DAYS
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"INSIGHTS_RETENTION_DAYS must be a whole number >= 1, not {value!r}")
    return int(value)


@dataclass(frozen=True)
class Settings:
    """``INSIGHTS_DATABASE_URL``, ``ESCALATION_DATABASE_URL``, ``INSIGHTS_DOMAIN_FILE`` and
    ``INSIGHTS_RETENTION_DAYS`` (default 90)."""

    database_url: str = field(
        default_factory=lambda: os.environ.get("INSIGHTS_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    escalation_database_url: str = field(
        default_factory=lambda: os.environ.get(
            "ESCALATION_DATABASE_URL", "sqlite:///var/escalation.db"
        )
    )
    domain_file: Path = field(
        default_factory=lambda: Path(os.environ.get("INSIGHTS_DOMAIN_FILE", str(DOMAIN_FILE)))
    )
    retention_days: int = field(default_factory=_retention_days)
