"""Settings of the escalation service, read from the environment."""

from __future__ import annotations

import secrets
from datetime import time
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
DEFAULT_DATABASE_URL = f"sqlite:///{REPO_ROOT / 'var' / 'escalation.db'}"


class StorageSettings(BaseSettings):
    """What the command line needs: where the data is and how long it is kept."""

    model_config = SettingsConfigDict(env_prefix="ESCALATION_", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    # Transcripts and contact details are purged this many days after a melding is closed.
    retention_days: int = Field(default=30, ge=1, le=3650)
    # Open meldingen older than this are listed by ``purge`` and marked in the inbox for staff.
    max_open_days: int = Field(default=90, ge=1, le=3650)


class Settings(StorageSettings):
    """Escalation service settings (prefix ``ESCALATION_``); defaults make a local run work."""

    # Create-only: the gateway and the action server create meldingen with it.
    api_token: SecretStr = Field(min_length=16)
    # Reads meldingen (with personal data) back through the API; without it nobody can.
    read_token: SecretStr | None = Field(default=None, min_length=16)
    organisation_file: Path = Field(
        default=REPO_ROOT / "config" / "organisation.yml",
        validation_alias="VOORDEUR_ORGANISATION_FILE",
    )
    # The staff web app signs its session cookie with this; without it /staff answers 503.
    session_secret: SecretStr | None = Field(default=None, min_length=32)
    session_idle_minutes: int = Field(default=60, ge=5, le=24 * 60)
    session_max_age_hours: int = Field(default=8, ge=1, le=24)
    # The session cookie is sent over HTTPS only; it may be off only while staff_url is local.
    session_cookie_secure: bool = True
    # E-mail to the team for every new melding; off while smtp_host or smtp_to is empty.
    smtp_host: str = ""
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_starttls: bool = False
    smtp_username: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_from: str = "voordeur@localhost"
    smtp_to: str = ""
    smtp_timeout_seconds: float = Field(default=10, gt=0)
    notify_poll_seconds: float = Field(default=5, gt=0)
    notify_max_backoff_seconds: float = Field(default=15 * 60, gt=0)
    # Warnings (python -m escalation warn): this many office hours before the deadline the team
    # hears of an unclaimed melding, and the team of a claimed one nobody has acted on.
    warn_before_hours: float = Field(default=4, gt=0, le=24 * 7)
    # Who hears of a melding past its deadline without response; empty: the team address.
    coordinator_to: str = ""
    # Local time of the coordinator's daily summary (open days only); unset: no summary.
    summary_time: time | None = None
    # Where staff open the inbox; the notification e-mail links there.
    staff_url: str = "http://127.0.0.1:8001/staff/"
    # Login attempt counts are shared through Redis when set (several instances), else in memory.
    redis_url: str | None = None
    # Staff forms (login, notes) larger than this are refused with 413 before they are read.
    staff_max_body_bytes: int = Field(default=64 * 1024, ge=1024, le=1024 * 1024)
    # Export of every new melding to the municipality's Klantinteracties API (Open Klant), e.g.
    # https://openklant.gemeente.nl/klantinteracties/api/v1; off while the URL or token is empty.
    klantinteracties_url: str = Field(default="", validation_alias="KLANTINTERACTIES_URL")
    klantinteracties_token: SecretStr = Field(
        default=SecretStr(""), validation_alias="KLANTINTERACTIES_TOKEN"
    )
    klantinteracties_timeout_seconds: float = Field(
        default=10, gt=0, validation_alias="KLANTINTERACTIES_TIMEOUT_SECONDS"
    )
    # How often the interne taak of each open, exported melding is checked for ``verwerkt``.
    klantinteracties_poll_seconds: float = Field(
        default=300, gt=0, validation_alias="KLANTINTERACTIES_POLL_SECONDS"
    )
    # After this many failed attempts an export stops until an admin retries it.
    klantinteracties_max_attempts: int = Field(
        default=20, ge=1, validation_alias="KLANTINTERACTIES_MAX_ATTEMPTS"
    )
    # The team (organisatorische eenheid) the interne taak is assigned to, found or made by name.
    klantinteracties_team: str = Field(
        default="Sociaal team",
        min_length=1,
        max_length=200,
        validation_alias="KLANTINTERACTIES_TEAM",
    )

    @property
    def staff_is_local(self) -> bool:
        """Whether staff reach the app on this machine only (then plain HTTP is acceptable)."""
        return urlsplit(self.staff_url).hostname in LOCAL_HOSTS

    @property
    def cookie_secure(self) -> bool:
        """Whether the session cookie gets the Secure flag: always, except on a local http URL."""
        if not self.staff_is_local:
            return True
        return self.session_cookie_secure and urlsplit(self.staff_url).scheme == "https"

    @model_validator(mode="after")
    def _secure_off_only_locally(self) -> Settings:
        if not self.session_cookie_secure and not self.staff_is_local:
            raise ValueError(
                "ESCALATION_SESSION_COOKIE_SECURE=false is only allowed while ESCALATION_STAFF_URL "
                "is on localhost or 127.0.0.1"
            )
        return self

    @model_validator(mode="after")
    def _tokens_differ(self) -> Settings:
        if self.read_token is not None and secrets.compare_digest(
            self.read_token.get_secret_value().encode(), self.api_token.get_secret_value().encode()
        ):
            raise ValueError(
                "ESCALATION_READ_TOKEN must differ from ESCALATION_API_TOKEN: the create token "
                "of the gateway and the action server may not read meldingen back"
            )
        return self

    @property
    def smtp_enabled(self) -> bool:
        """Whether new meldingen are announced by e-mail."""
        return bool(self.smtp_host and self.smtp_to)

    @property
    def klantinteracties_enabled(self) -> bool:
        """Whether new meldingen are exported to the Klantinteracties API."""
        return bool(self.klantinteracties_url and self.klantinteracties_token.get_secret_value())


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
            "(the bot and gateway use it to create meldingen); ESCALATION_READ_TOKEN, when set, "
            "must be at least 16 characters and differ from it; ESCALATION_SESSION_SECRET, when "
            f"set, must be at least 32 characters: {exc}"
        ) from exc
