"""Gateway settings, read from environment variables with the prefix ``GATEWAY_``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class SettingsError(RuntimeError):
    """The gateway cannot start because a setting is missing or invalid."""


MIN_PSEUDONYM_KEY_LENGTH = 32


class Settings(BaseSettings):
    """Everything the gateway needs to run; defaults suit a local run."""

    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore", populate_by_name=True)

    rasa_url: str = Field(
        default="http://127.0.0.1:5005",
        description="GATEWAY_RASA_URL: Rasa's base URL, or several separated by commas (one per "
        "Rasa instance; a conversation sticks to one).",
    )
    rasa_channel_token: SecretStr | None = Field(
        default=None,
        description="GATEWAY_RASA_CHANNEL_TOKEN: sent to Rasa with every message; Rasa's channel "
        "refuses messages without it (RASA_CHANNEL_TOKEN there, bot/voordeur_channel.py).",
    )
    rasa_delete_token: SecretStr | None = Field(
        default=None,
        description="GATEWAY_RASA_DELETE_TOKEN: lets the gateway have Rasa erase a conversation "
        "(RASA_DELETE_TOKEN there); unset: the inwoner is told how long it is kept.",
    )
    conversation_kept_days: int = Field(
        default=30,
        ge=1,
        description="GATEWAY_CONVERSATION_KEPT_DAYS: how long a conversation that could not be "
        "erased is kept, as the inwoner is told.",
    )
    pseudonym_key: SecretStr = Field(
        description="GATEWAY_PSEUDONYM_KEY (required, 32+ characters): the secret key that turns "
        "session ids into pseudonyms for Rasa.",
    )
    rasa_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        le=300,
        description="GATEWAY_RASA_TIMEOUT_SECONDS: after this long without an answer from Rasa "
        "the inwoner is offered a call-back.",
    )
    max_message_length: int = Field(
        default=1000,
        ge=1,
        le=100_000,
        description="GATEWAY_MAX_MESSAGE_LENGTH: longer messages are refused (characters).",
    )
    organisation_file: Path = Field(
        default=Path("config/organisation.yml"),
        validation_alias="VOORDEUR_ORGANISATION_FILE",
        description="VOORDEUR_ORGANISATION_FILE: the organisation file, shared by all components.",
    )
    escalation_url: str = Field(
        default="http://127.0.0.1:8001",
        validation_alias="ESCALATION_URL",
        description="ESCALATION_URL: where the escalation service answers (call-back requests); "
        "the same variable as the action server's.",
    )
    gateway_escalation_url: str | None = Field(
        default=None,
        validation_alias="GATEWAY_ESCALATION_URL",
        exclude=True,
        description="GATEWAY_ESCALATION_URL: the older name of ESCALATION_URL, still read when "
        "that is not set; both set to different URLs is an error.",
    )
    escalation_api_token: SecretStr | None = Field(
        default=None,
        validation_alias="ESCALATION_API_TOKEN",
        description="ESCALATION_API_TOKEN: the escalation service's create-only token; unset: no "
        "call-back requests.",
    )
    escalation_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        le=300,
        description="GATEWAY_ESCALATION_TIMEOUT_SECONDS: per call to the escalation service.",
    )
    unanswered_sessions_max: int = Field(
        default=10_000,
        ge=1,
        description="GATEWAY_UNANSWERED_SESSIONS_MAX: senders whose unanswered messages are kept "
        "in memory (without Redis) for a call-back request.",
    )
    redis_url: str | None = Field(
        default=None,
        description="GATEWAY_REDIS_URL: rate limits, outages and unanswered messages live in this "
        "Redis, shared by all gateway instances; unset: in memory.",
    )
    chat_limit_per_sender: int = Field(
        default=30,
        ge=1,
        description="GATEWAY_CHAT_LIMIT_PER_SENDER: chat messages per conversation per window.",
    )
    chat_limit_per_client: int = Field(
        default=120,
        ge=1,
        description="GATEWAY_CHAT_LIMIT_PER_CLIENT: chat messages per client address (IPv6: per "
        "/64) per window.",
    )
    chat_limit_window_seconds: int = Field(
        default=60, ge=1, description="GATEWAY_CHAT_LIMIT_WINDOW_SECONDS: the chat limits' window."
    )
    callback_limit_per_sender: int = Field(
        default=5,
        ge=1,
        description="GATEWAY_CALLBACK_LIMIT_PER_SENDER: call-back requests per conversation per "
        "window.",
    )
    callback_limit_per_client: int = Field(
        default=20,
        ge=1,
        description="GATEWAY_CALLBACK_LIMIT_PER_CLIENT: call-back requests per client address per "
        "window.",
    )
    callback_limit_window_seconds: int = Field(
        default=3600,
        ge=1,
        description="GATEWAY_CALLBACK_LIMIT_WINDOW_SECONDS: the call-back limits' window.",
    )
    callback_limit_global: int = Field(
        default=50,
        ge=1,
        description="GATEWAY_CALLBACK_LIMIT_GLOBAL: call-back requests per window for everyone "
        "together.",
    )
    callback_outage_seconds: int = Field(
        default=1800,
        ge=1,
        description="GATEWAY_CALLBACK_OUTAGE_SECONDS: a conversation may ask for a call-back this "
        "long after it met an outage of Rasa.",
    )
    widget_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="GATEWAY_WIDGET_ORIGINS: web sites that may embed the chat widget, "
        "comma-separated origins like https://www.example.nl.",
    )
    telegram_token: SecretStr | None = Field(
        default=None,
        description="GATEWAY_TELEGRAM_TOKEN: the Telegram bot's token; unset: no Telegram.",
    )
    telegram_webhook_secret: SecretStr | None = Field(
        default=None,
        description="GATEWAY_TELEGRAM_WEBHOOK_SECRET: Telegram sends it with every update; unset: "
        "the gateway polls instead of taking webhooks (python -m gateway telegram-poll).",
    )
    telegram_api_url: str = Field(
        default="https://api.telegram.org",
        description="GATEWAY_TELEGRAM_API_URL: Telegram's Bot API (a stand-in in tests).",
    )
    whatsapp_token: SecretStr | None = Field(
        default=None,
        description="GATEWAY_WHATSAPP_TOKEN: the WhatsApp Business Cloud API access token. The "
        "WhatsApp channel is on when all four GATEWAY_WHATSAPP_* secrets and the id are set.",
    )
    whatsapp_phone_number_id: str | None = Field(
        default=None,
        description="GATEWAY_WHATSAPP_PHONE_NUMBER_ID: the Phone number ID (digits) from Meta's "
        "app dashboard.",
    )
    whatsapp_app_secret: SecretStr | None = Field(
        default=None,
        description="GATEWAY_WHATSAPP_APP_SECRET: the app secret that signs every delivery.",
    )
    whatsapp_verify_token: SecretStr | None = Field(
        default=None,
        description="GATEWAY_WHATSAPP_VERIFY_TOKEN: the token Meta sends when the webhook is "
        "registered.",
    )
    whatsapp_api_url: str = Field(
        default="https://graph.facebook.com",
        description="GATEWAY_WHATSAPP_API_URL: Meta's Graph API (a stand-in in tests).",
    )

    @field_validator("telegram_api_url")
    @classmethod
    def _strip_trailing_slash(cls, value: str) -> str:
        return _http_url(value)

    @field_validator("escalation_url")
    @classmethod
    def _escalation_url(cls, value: str) -> str:
        return _http_url(value)

    @field_validator("gateway_escalation_url")
    @classmethod
    def _old_escalation_url(cls, value: str | None) -> str | None:
        return _http_url(value) if value and value.strip() else None

    @model_validator(mode="after")
    def _one_escalation_url(self) -> Settings:
        """``ESCALATION_URL``, else its older name ``GATEWAY_ESCALATION_URL``; never two URLs."""
        old = self.gateway_escalation_url
        if old is None:
            return self
        if "escalation_url" not in self.model_fields_set:
            self.escalation_url = old
        elif old != self.escalation_url:
            raise ValueError(
                "ESCALATION_URL and GATEWAY_ESCALATION_URL name different URLs; set only "
                "ESCALATION_URL (GATEWAY_ESCALATION_URL is its older name)"
            )
        return self

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
        "escalation_api_token",
        "telegram_token",
        "telegram_webhook_secret",
        "rasa_channel_token",
        "rasa_delete_token",
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


def _variable(loc: tuple[int | str, ...]) -> str:
    """The environment variable of an error's field (aliases are the variable's own name)."""
    name = str(loc[0]) if loc else ""
    return f"GATEWAY_{name.upper()}" if name in Settings.model_fields else name


def load_settings() -> Settings:
    """Read the settings from the environment, with a clear message when one is wrong."""
    try:
        return Settings()  # type: ignore[call-arg]  # values come from the environment
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            name = _variable(error["loc"])
            if error["type"] == "missing":
                problems.append(f"{name} is not set")
            else:
                problems.append(f"{name}: {error['msg']}" if name else error["msg"])
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
