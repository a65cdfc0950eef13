"""Settings of the insights (ingest, purge, the pages in the staff app), from the environment.

Each field names its environment variable (``validation_alias``) and says what it is for.
``load_settings`` turns a bad value into an error that names the variable.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from escalation import reporting
from insights.db import DEFAULT_DATABASE_URL
from insights.domain import DOMAIN_FILE
from insights.retention import DEFAULT_RETENTION_DAYS


class SettingsError(RuntimeError):
    """The environment does not hold a usable configuration for the insights."""


class Settings(BaseSettings):
    """Where the insights read and write, and how long they keep data."""

    model_config = SettingsConfigDict(
        extra="ignore", frozen=True, populate_by_name=True, env_ignore_empty=True
    )

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        validation_alias="INSIGHTS_DATABASE_URL",
        description="SQLAlchemy URL of the insights tables (may be the escalation database).",
    )
    escalation_database_url: str = Field(
        default=reporting.DEFAULT_DATABASE_URL,
        validation_alias="ESCALATION_DATABASE_URL",
        description="The escalation service's database, read for the KPIs: the same variable "
        "and default as the escalation service's own.",
    )
    domain_file: Path = Field(
        default=DOMAIN_FILE,
        validation_alias="INSIGHTS_DOMAIN_FILE",
        description="The bot's domain.yml: the intents a manager can choose in the review.",
    )
    retention_days: int = Field(
        default=DEFAULT_RETENTION_DAYS,
        ge=1,
        validation_alias="INSIGHTS_RETENTION_DAYS",
        description="`python -m insights purge` deletes conversations and unanswered messages "
        "older than this many days (a whole number, at least 1).",
    )


def load_settings() -> Settings:
    """The settings from the environment; a bad value gives an error naming its variable."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, error['loc']))}: {error['msg']}" for error in exc.errors()
        )
        raise SettingsError(f"The insights cannot start: {problems}.") from None
