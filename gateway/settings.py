"""Gateway settings, read from environment variables with the prefix ``GATEWAY_``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class SettingsError(RuntimeError):
    """The gateway cannot start because a setting is missing or invalid."""


MIN_PSEUDONYM_KEY_LENGTH = 32


class Settings(BaseSettings):
    """Everything the gateway needs to run; defaults suit a local run."""

    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore", populate_by_name=True)

    rasa_url: str = "http://127.0.0.1:5005"
    # Sent to Rasa with every message; Rasa's channel refuses messages without it
    # (RASA_CHANNEL_TOKEN there, bot/voordeur_channel.py).
    rasa_channel_token: SecretStr | None = None
    pseudonym_key: SecretStr
    rasa_timeout_seconds: float = Field(default=10.0, gt=0, le=300)
    max_message_length: int = Field(default=1000, ge=1, le=100_000)
    organisation_file: Path = Field(
        default=Path("config/organisation.yml"),
        validation_alias="VOORDEUR_ORGANISATION_FILE",
    )
    escalation_url: str = "http://127.0.0.1:8001"
    escalation_api_token: SecretStr | None = Field(
        default=None, validation_alias="ESCALATION_API_TOKEN"
    )
    escalation_timeout_seconds: float = Field(default=10.0, gt=0, le=300)
    unanswered_sessions_max: int = Field(default=10_000, ge=1)
    redis_url: str | None = None
    chat_limit_per_sender: int = Field(default=30, ge=1)
    chat_limit_per_client: int = Field(default=120, ge=1)
    chat_limit_window_seconds: int = Field(default=60, ge=1)
    callback_limit_per_sender: int = Field(default=5, ge=1)
    callback_limit_per_client: int = Field(default=20, ge=1)
    callback_limit_window_seconds: int = Field(default=3600, ge=1)
    callback_limit_global: int = Field(default=50, ge=1)
    callback_outage_seconds: int = Field(default=1800, ge=1)
    widget_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    telegram_token: SecretStr | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    # WhatsApp Business Cloud API: the channel is on when all four of these are set.
    whatsapp_token: SecretStr | None = None
    whatsapp_phone_number_id: str | None = None
    whatsapp_app_secret: SecretStr | None = None
    whatsapp_verify_token: SecretStr | None = None
    whatsapp_api_url: str = "https://graph.facebook.com"

    @field_validator("escalation_url", "telegram_api_url")
    @classmethod
    def _strip_trailing_slash(cls, value: str) -> str:
        return _http_url(value)

    @field_validator("whatsapp_api_url")
    @classmethod
    def _whatsapp_api_url(cls, value: str) -> str:
        return _http_url(value)

    @field_validator("whatsapp_token", "whatsapp_app_secret", "whatsapp_verify_token")
    @classmethod
    def _blank_whatsapp_secret_is_missing(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        return value

    @field_validator("whatsapp_phone_number_id")
    @classmethod
    def _whatsapp_phone_number_id(cls, value: str | None) -> str | None:
        """The Phone number ID from Meta's app dashboard: digits, not the phone number."""
        value = value.strip() if value is not None else None
        if value and not value.isdigit():
            raise ValueError("must be the Phone number ID (digits) from Meta's app dashboard")
        return value or None

    @property
    def whatsapp_missing(self) -> list[str]:
        """The WhatsApp settings not set; all four (channel on) or none (off) is right."""
        names = ("token", "phone_number_id", "app_secret", "verify_token")
        missing = [name for name in names if not getattr(self, f"whatsapp_{name}")]
        return [f"GATEWAY_WHATSAPP_{name.upper()}" for name in missing]

    @field_validator("rasa_url")
    @classmethod
    def _rasa_urls(cls, value: str) -> str:
        """One URL, or several separated by commas (one per Rasa instance)."""
        return ",".join(_http_url(url) for url in value.split(","))

    @property
    def rasa_urls(self) -> list[str]:
        """Every Rasa instance's base URL (``GATEWAY_RASA_URL``, comma-separated)."""
        return self.rasa_url.split(",")

    @field_validator("pseudonym_key")
    @classmethod
    def _key_long_enough(cls, value: SecretStr) -> SecretStr:
        # A short key can be found offline from one session id (security review L2).
        if len(value.get_secret_value().strip()) < MIN_PSEUDONYM_KEY_LENGTH:
            raise ValueError(f"must be at least {MIN_PSEUDONYM_KEY_LENGTH} characters")
        return value

    @field_validator(
        "escalation_api_token", "telegram_token", "telegram_webhook_secret", "rasa_channel_token"
    )
    @classmethod
    def _blank_secret_is_missing(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        return value

    @field_validator("redis_url")
    @classmethod
    def _blank_url_is_missing(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @field_validator("widget_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        """``GATEWAY_WIDGET_ORIGINS``: web sites that may embed the chat, comma-separated."""
        if isinstance(value, str):
            value = [part for part in value.split(",") if part.strip()]
        if isinstance(value, list):
            for origin in value:
                if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d{1,5})?", str(origin).strip()):
                    raise ValueError(f"not an origin like https://www.example.nl: {origin!r}")
            return [str(origin).strip() for origin in value]
        return value


def load_settings() -> Settings:
    """Read the settings from the environment, with a clear message when one is wrong."""
    try:
        return Settings()  # type: ignore[call-arg]  # values come from the environment
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            name = "_".join(str(part) for part in error["loc"]).upper()
            if not name.startswith(("VOORDEUR_", "ESCALATION_")):
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


def _http_url(value: str) -> str:
    value = value.strip().rstrip("/")
    if not value.startswith(("http://", "https://")):
        raise ValueError("must start with http:// or https://")
    return value
