"""Settings of the escalation service, read from the environment."""

from __future__ import annotations

import secrets
from datetime import time
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
ENV_PREFIX = "ESCALATION_"
DEFAULT_DATABASE_URL = f"sqlite:///{REPO_ROOT / 'var' / 'escalation.db'}"


class StorageSettings(BaseSettings):
    """What the command line needs: where the data is and how long it is kept."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description="ESCALATION_DATABASE_URL: SQLAlchemy URL of the database; default SQLite in "
        "var/escalation.db under the repository. The insights read it for the KPIs.",
    )
    retention_days: int = Field(
        default=30,
        ge=1,
        le=3650,
        description="ESCALATION_RETENTION_DAYS: transcripts and contact details are purged this "
        "many days after a melding is closed (python -m escalation purge).",
    )
    max_open_days: int = Field(
        default=90,
        ge=1,
        le=3650,
        description="ESCALATION_MAX_OPEN_DAYS: open meldingen older than this are listed by purge "
        "and marked in the inbox for staff.",
    )


class Settings(StorageSettings):
    """Escalation service settings (prefix ``ESCALATION_``); defaults make a local run work."""

    api_token: SecretStr = Field(
        min_length=16,
        description="ESCALATION_API_TOKEN (required, 16+ characters): the create-only service "
        "token the gateway and the action server create meldingen with.",
    )
    read_token: SecretStr | None = Field(
        default=None,
        min_length=16,
        description="ESCALATION_READ_TOKEN: reads meldingen (with personal data) back through the "
        "API; 16+ characters, not the API token; unset: nobody can.",
    )
    organisation_file: Path = Field(
        default=REPO_ROOT / "config" / "organisation.yml",
        validation_alias="VOORDEUR_ORGANISATION_FILE",
        description="VOORDEUR_ORGANISATION_FILE: the organisation file (opening hours, closing "
        "days, response time), shared by all components.",
    )
    session_secret: SecretStr | None = Field(
        default=None,
        min_length=32,
        description="ESCALATION_SESSION_SECRET: signs the staff session cookie (32+ characters); "
        "unset: /staff answers 503.",
    )
    session_idle_minutes: int = Field(
        default=60,
        ge=5,
        le=24 * 60,
        description="ESCALATION_SESSION_IDLE_MINUTES: a staff session ends after this long "
        "without a request.",
    )
    session_max_age_hours: int = Field(
        default=8,
        ge=1,
        le=24,
        description="ESCALATION_SESSION_MAX_AGE_HOURS: a staff session ends this long after login.",
    )
    session_cookie_secure: bool = Field(
        default=True,
        description="ESCALATION_SESSION_COOKIE_SECURE: send the session cookie over HTTPS only; "
        "false is allowed only while ESCALATION_STAFF_URL is local.",
    )
    smtp_host: str = Field(
        default="",
        description="ESCALATION_SMTP_HOST: mail server for the e-mail to the team about every new "
        "melding and the warnings; off while it or ESCALATION_SMTP_TO is empty.",
    )
    smtp_port: int = Field(
        default=25, ge=1, le=65535, description="ESCALATION_SMTP_PORT: the mail server's port."
    )
    smtp_starttls: bool = Field(
        default=False, description="ESCALATION_SMTP_STARTTLS: switch to TLS with STARTTLS."
    )
    smtp_username: str = Field(
        default="", description="ESCALATION_SMTP_USERNAME: login at the mail server, if any."
    )
    smtp_password: SecretStr = Field(
        default=SecretStr(""), description="ESCALATION_SMTP_PASSWORD: its password."
    )
    smtp_from: str = Field(
        default="voordeur@localhost", description="ESCALATION_SMTP_FROM: the sender address."
    )
    smtp_to: str = Field(
        default="", description="ESCALATION_SMTP_TO: the team address that hears of new meldingen."
    )
    smtp_timeout_seconds: float = Field(
        default=10, gt=0, description="ESCALATION_SMTP_TIMEOUT_SECONDS: per mail server call."
    )
    notify_poll_seconds: float = Field(
        default=5,
        gt=0,
        description="ESCALATION_NOTIFY_POLL_SECONDS: how often the sender looks for e-mail.",
    )
    notify_max_backoff_seconds: float = Field(
        default=15 * 60,
        gt=0,
        description="ESCALATION_NOTIFY_MAX_BACKOFF_SECONDS: the longest wait between two attempts "
        "at one e-mail.",
    )
    warn_before_hours: float = Field(
        default=4,
        gt=0,
        le=24 * 7,
        description="ESCALATION_WARN_BEFORE_HOURS: office hours before the deadline at which "
        "python -m escalation warn tells the team of an unclaimed melding, or of a claimed one "
        "nobody acted on.",
    )
    coordinator_to: str = Field(
        default="",
        description="ESCALATION_COORDINATOR_TO: who hears of a melding past its deadline without "
        "response; empty: the team address.",
    )
    summary_time: time | None = Field(
        default=None,
        description="ESCALATION_SUMMARY_TIME: local time (e.g. 08:30) of the coordinator's daily "
        "summary on open days; unset: no summary.",
    )
    staff_url: str = Field(
        default="http://127.0.0.1:8001/staff/",
        description="ESCALATION_STAFF_URL: where staff open the inbox; the e-mails link there.",
    )
    redis_url: str | None = Field(
        default=None,
        description="ESCALATION_REDIS_URL: login attempt counts are shared through this Redis "
        "(several instances); unset: in memory.",
    )
    staff_max_body_bytes: int = Field(
        default=64 * 1024,
        ge=1024,
        le=1024 * 1024,
        description="ESCALATION_STAFF_MAX_BODY_BYTES: larger staff forms (login, notes) are "
        "refused with 413 before they are read.",
    )
    klantinteracties_url: str = Field(
        default="",
        validation_alias="KLANTINTERACTIES_URL",
        description="KLANTINTERACTIES_URL: the municipality's Klantinteracties API (Open Klant), "
        "e.g. https://openklant.gemeente.nl/klantinteracties/api/v1; every new melding is "
        "exported there; off while it or KLANTINTERACTIES_TOKEN is empty.",
    )
    klantinteracties_token: SecretStr = Field(
        default=SecretStr(""),
        validation_alias="KLANTINTERACTIES_TOKEN",
        description="KLANTINTERACTIES_TOKEN: the API token for it.",
    )
    klantinteracties_timeout_seconds: float = Field(
        default=10,
        gt=0,
        validation_alias="KLANTINTERACTIES_TIMEOUT_SECONDS",
        description="KLANTINTERACTIES_TIMEOUT_SECONDS: per call to that API.",
    )
    klantinteracties_poll_seconds: float = Field(
        default=300,
        gt=0,
        validation_alias="KLANTINTERACTIES_POLL_SECONDS",
        description="KLANTINTERACTIES_POLL_SECONDS: how often the interne taak of each open, "
        "exported melding is checked for 'verwerkt'.",
    )
    klantinteracties_max_attempts: int = Field(
        default=20,
        ge=1,
        validation_alias="KLANTINTERACTIES_MAX_ATTEMPTS",
        description="KLANTINTERACTIES_MAX_ATTEMPTS: after this many failed attempts an export "
        "stops until an admin retries it.",
    )
    klantinteracties_team: str = Field(
        default="Sociaal team",
        min_length=1,
        max_length=200,
        validation_alias="KLANTINTERACTIES_TEAM",
        description="KLANTINTERACTIES_TEAM: the team (organisatorische eenheid) the interne taak "
        "is assigned to, found or made by name.",
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


_HINTS = {
    "ESCALATION_API_TOKEN": "a secret of at least 16 characters; the gateway and the action "
    "server use it to create meldingen",
}


def _problem(error: ErrorDetails) -> str:
    """One invalid setting, by its environment variable's name, without its value."""
    name = str(error["loc"][0]) if error["loc"] else ""
    if name in Settings.model_fields:
        name = ENV_PREFIX + name.upper()
    if error["type"] == "missing":
        return f"{name} is not set ({_HINTS.get(name, 'required')})"
    return f"{name}: {error['msg']}" if name else error["msg"]


_S = TypeVar("_S", bound=StorageSettings)


def _load(kind: type[_S]) -> _S:
    try:
        return kind()
    except ValidationError as exc:
        problems = "; ".join(_problem(error) for error in exc.errors())
        raise SettingsError(f"The escalation service cannot start: {problems}.") from None


def load_settings() -> Settings:
    """All settings of the service; a bad value gives an error naming its variable."""
    return _load(Settings)


def load_storage_settings() -> StorageSettings:
    """Only what the command line needs (database, retention), checked the same way."""
    return _load(StorageSettings)
