"""Gateway settings, read from environment variables with the prefix ``GATEWAY_``."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class SettingsError(RuntimeError):
    """The gateway cannot start because a setting is missing or invalid."""


class Settings(BaseSettings):
    """Everything the gateway needs to run; defaults suit a local run."""

    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore", populate_by_name=True)

    rasa_url: str = "http://127.0.0.1:5005"
    pseudonym_key: SecretStr
    rasa_timeout_seconds: float = Field(default=10.0, gt=0, le=300)
    max_message_length: int = Field(default=1000, ge=1, le=100_000)
    organisation_file: Path = Field(
        default=Path("config/organisation.yml"),
        validation_alias="VOORDEUR_ORGANISATION_FILE",
    )

    @field_validator("rasa_url")
    @classmethod
    def _strip_trailing_slash(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator("pseudonym_key")
    @classmethod
    def _key_not_blank(cls, value: SecretStr) -> SecretStr:
        if not value.get_secret_value().strip():
            raise ValueError("must not be empty")
        return value


def load_settings() -> Settings:
    """Read the settings from the environment, with a clear message when one is wrong."""
    try:
        return Settings()  # type: ignore[call-arg]  # values come from the environment
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            name = "_".join(str(part) for part in error["loc"]).upper()
            if not name.startswith("VOORDEUR_"):
                name = "GATEWAY_" + name
            if error["type"] == "missing":
                problems.append(f"{name} is not set")
            else:
                problems.append(f"{name}: {error['msg']}")
        hint = ""
        if any("PSEUDONYM_KEY" in problem for problem in problems):
            hint = (
                " GATEWAY_PSEUDONYM_KEY is the secret key that turns session ids into "
                "pseudonyms for Rasa; generate one with "
                "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`."
            )
        raise SettingsError(
            "The gateway cannot start: " + "; ".join(problems) + "." + hint
        ) from None
