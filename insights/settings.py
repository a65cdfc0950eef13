"""Where the insights read and write: database URLs and the bot's domain file."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from insights.db import DEFAULT_DATABASE_URL
from insights.domain import DOMAIN_FILE


@dataclass(frozen=True)
class Settings:
    """``INSIGHTS_DATABASE_URL``, ``ESCALATION_DATABASE_URL`` and ``INSIGHTS_DOMAIN_FILE``."""

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
