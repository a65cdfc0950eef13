"""The action server's settings, from the environment (pydantic 1's BaseSettings: the Rasa
environment pins pydantic 1, so pydantic-settings cannot be installed here).

Every variable is described where it is defined; a bad value is an error that names the
variable, never its value. Read on use, so a changed environment needs no restart in tests.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseSettings, Field, ValidationError, validator

DEFAULT_ESCALATION_URL = "http://127.0.0.1:8001"
DEFAULT_OUTBOX_PATH = Path(__file__).resolve().parents[2] / "var" / "melding-outbox.sqlite3"


class ActionSettings(BaseSettings):
    escalation_url: str = Field(
        DEFAULT_ESCALATION_URL,
        env="ESCALATION_URL",
        description="Base address of the escalation service (the same name as the gateway's).",
    )
    escalation_api_token: str | None = Field(
        None,
        env="ESCALATION_API_TOKEN",
        description="Service token for creating meldingen; without it every melding is refused.",
    )
    outbox_path: Path = Field(
        DEFAULT_OUTBOX_PATH,
        env="ACTIONS_OUTBOX_PATH",
        description="SQLite file of the outbox that keeps meldingen while escalation is away.",
    )
    outbox_retry_seconds: float = Field(
        15.0,
        gt=0,
        env="ACTIONS_OUTBOX_RETRY_SECONDS",
        description="Seconds between delivery attempts of waiting meldingen.",
    )
    outbox_retention_days: int = Field(
        30,
        ge=1,
        env="ACTIONS_OUTBOX_RETENTION_DAYS",
        description="Days a melding that could not be delivered is kept before it is purged.",
    )

    class Config:
        case_sensitive = False

    @validator("escalation_url")
    def _without_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/") or DEFAULT_ESCALATION_URL

    @validator("escalation_api_token")
    def _empty_is_none(cls, value: str | None) -> str | None:
        return value or None


class SettingsError(ValueError):
    """A bad environment variable; the message names it."""


def load_settings() -> ActionSettings:
    """The settings now; SettingsError naming the variable when one is not valid."""
    try:
        return ActionSettings()
    except ValidationError as exc:
        names = sorted(
            str(ActionSettings.__fields__[str(error["loc"][0])].field_info.extra["env"])
            for error in exc.errors()
        )
        raise SettingsError(f"Invalid environment variable(s): {', '.join(names)}") from None
