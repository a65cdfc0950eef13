"""Settings come from GATEWAY_* variables; a missing pseudonym key stops the start."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from gateway.app import create_app
from gateway.settings import Settings, SettingsError, load_settings

KEY = "a-pseudonym-key-of-enough-length-0123456789"


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_PSEUDONYM_KEY", "s3cr3t-value-0123456789-abcdefghij")
    monkeypatch.setenv("GATEWAY_TELEGRAM_TOKEN", "123:t0ken-value")
    settings = load_settings()
    assert settings.rasa_url == "http://127.0.0.1:5005"
    assert settings.rasa_timeout_seconds == 10
    assert settings.max_message_length == 1000
    assert settings.organisation_file == Path("config/organisation.yml")
    assert "s3cr3t-value-0123456789-abcdefghij" not in repr(settings)
    assert "t0ken-value" not in repr(settings)
    assert settings.redis_url is None
    assert settings.widget_origins == []


def test_widget_origins_are_a_comma_separated_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_PSEUDONYM_KEY", KEY)
    monkeypatch.setenv("GATEWAY_WIDGET_ORIGINS", "https://www.example.nl, http://127.0.0.1:8080")
    assert load_settings().widget_origins == ["https://www.example.nl", "http://127.0.0.1:8080"]
    monkeypatch.setenv("GATEWAY_WIDGET_ORIGINS", "https://www.example.nl/pad")
    with pytest.raises(SettingsError, match="GATEWAY_WIDGET_ORIGINS"):
        load_settings()


def test_values_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_PSEUDONYM_KEY", KEY)
    monkeypatch.setenv("GATEWAY_RASA_URL", "http://rasa.internal:5005/")
    monkeypatch.setenv("GATEWAY_RASA_TIMEOUT_SECONDS", "2.5")
    monkeypatch.setenv("GATEWAY_MAX_MESSAGE_LENGTH", "500")
    monkeypatch.setenv("VOORDEUR_ORGANISATION_FILE", "/etc/voordeur/organisation.yml")
    settings = load_settings()
    assert settings.rasa_url == "http://rasa.internal:5005"
    assert settings.rasa_timeout_seconds == 2.5
    assert settings.max_message_length == 500
    assert settings.organisation_file == Path("/etc/voordeur/organisation.yml")
    assert settings.pseudonym_key.get_secret_value() == KEY


def test_missing_pseudonym_key_gives_a_clear_error() -> None:
    with pytest.raises(SettingsError, match="GATEWAY_PSEUDONYM_KEY is not set"):
        load_settings()


def test_blank_pseudonym_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_PSEUDONYM_KEY", "   ")
    with pytest.raises(SettingsError, match="GATEWAY_PSEUDONYM_KEY"):
        load_settings()


def test_invalid_values_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_PSEUDONYM_KEY", KEY)
    monkeypatch.setenv("GATEWAY_RASA_TIMEOUT_SECONDS", "-1")
    with pytest.raises(SettingsError, match="GATEWAY_RASA_TIMEOUT_SECONDS"):
        load_settings()


async def test_app_refuses_to_start_without_the_key() -> None:
    app = create_app()
    with pytest.raises(SettingsError, match="GATEWAY_PSEUDONYM_KEY"):
        async with app.router.lifespan_context(app):
            pass


async def test_app_from_the_environment_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_PSEUDONYM_KEY", KEY)
    app = create_app()
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            assert (await client.get("/health")).status_code == 200


def test_a_short_pseudonym_key_stops_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_PSEUDONYM_KEY", "a" * 31)
    with pytest.raises(SettingsError, match="GATEWAY_PSEUDONYM_KEY"):
        load_settings()


@pytest.mark.parametrize(
    ("environment", "url"),
    [
        ({}, "http://127.0.0.1:8001"),
        ({"ESCALATION_URL": "http://new.internal:8001/"}, "http://new.internal:8001"),
        # The older name still works, also beside the new one with the same URL.
        ({"GATEWAY_ESCALATION_URL": "http://old.internal:8001"}, "http://old.internal:8001"),
        (
            {
                "GATEWAY_ESCALATION_URL": "http://old.internal:8001",
                "ESCALATION_URL": "http://old.internal:8001",
            },
            "http://old.internal:8001",
        ),
    ],
)
def test_escalation_url_is_the_name_the_action_server_uses(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], url: str
) -> None:
    monkeypatch.setenv("GATEWAY_PSEUDONYM_KEY", KEY)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert load_settings().escalation_url == url


def test_two_names_for_two_urls_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_PSEUDONYM_KEY", KEY)
    monkeypatch.setenv("ESCALATION_URL", "http://new.internal:8001")
    monkeypatch.setenv("GATEWAY_ESCALATION_URL", "http://old.internal:8001")
    with pytest.raises(SettingsError, match="ESCALATION_URL and GATEWAY_ESCALATION_URL"):
        load_settings()


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("ESCALATION_URL", "escalation.internal"),
        ("GATEWAY_ESCALATION_URL", "ftp://old"),
        ("GATEWAY_CONVERSATION_KEPT_DAYS", "0"),
        ("GATEWAY_CHAT_LIMIT_PER_SENDER", "many"),
    ],
)
def test_a_bad_value_names_its_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv("GATEWAY_PSEUDONYM_KEY", KEY)
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=f"(^|[ ;]){variable}: "):
        load_settings()


def test_every_setting_says_what_it_is_for_under_its_variable_name() -> None:
    for name, field in Settings.model_fields.items():
        variable = field.validation_alias or f"GATEWAY_{name.upper()}"
        assert field.description and field.description.startswith(f"{variable}"), name
