"""Settings of the escalation service, read from the environment."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Escalation settings (prefix ``ESCALATION_``); defaults make a local run work."""

    model_config = SettingsConfigDict(env_prefix="ESCALATION_", extra="ignore")

    database_url: str = f"sqlite:///{REPO_ROOT / 'var' / 'escalation.db'}"
    api_token: SecretStr = Field(min_length=16)
    organisation_file: Path = Field(
        default=REPO_ROOT / "config" / "organisation.yml",
        validation_alias="VOORDEUR_ORGANISATION_FILE",
    )


class SettingsError(RuntimeError):
    """The environment does not hold a usable configuration."""


@lru_cache
def get_settings() -> Settings:
    """The settings of this process; a clear error when the token is missing."""
    try:
        return Settings()  # type: ignore[call-arg]
    except ValueError as exc:
        raise SettingsError(
            "ESCALATION_API_TOKEN must be set to a secret of at least 16 characters "
            f"(the bot and gateway use it to authenticate): {exc}"
        ) from exc
