"""Settings come from ESCALATION_* variables (and a few shared names); a bad value is named."""

from __future__ import annotations

import pytest

from escalation.__main__ import main
from escalation.settings import (
    ENV_PREFIX,
    Settings,
    SettingsError,
    load_settings,
    load_storage_settings,
)

TOKEN = "create-token-0123456789"


@pytest.fixture(autouse=True)
def _token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESCALATION_API_TOKEN", TOKEN)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("ESCALATION_RETENTION_DAYS", "0"),
        ("ESCALATION_SMTP_PORT", "smtp"),
        ("ESCALATION_SUMMARY_TIME", "25:00"),
        ("ESCALATION_SESSION_SECRET", "geheim-maar-te-kort"),
        ("KLANTINTERACTIES_TIMEOUT_SECONDS", "-1"),
    ],
)
def test_a_bad_value_names_its_variable_not_its_value(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=f"cannot start: {variable}: ") as error:
        load_settings()
    assert value not in str(error.value)


def test_a_missing_token_is_named() -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("ESCALATION_API_TOKEN")
        with pytest.raises(SettingsError, match="ESCALATION_API_TOKEN is not set"):
            load_settings()


def test_the_command_line_names_a_bad_value(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ESCALATION_MAX_OPEN_DAYS", "veel")
    with pytest.raises(SettingsError, match="ESCALATION_MAX_OPEN_DAYS: "):
        load_storage_settings()
    assert main(["migrate"]) == 1
    assert "ESCALATION_MAX_OPEN_DAYS: " in capsys.readouterr().err


def test_values_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESCALATION_RETENTION_DAYS", "14")
    monkeypatch.setenv("KLANTINTERACTIES_TEAM", "Wijkteam")
    settings = load_settings()
    assert settings.retention_days == 14
    assert settings.klantinteracties_team == "Wijkteam"
    assert settings.api_token.get_secret_value() == TOKEN


def test_every_setting_says_what_it_is_for_under_its_variable_name() -> None:
    for name, field in Settings.model_fields.items():
        variable = field.validation_alias or f"{ENV_PREFIX}{name.upper()}"
        assert field.description and field.description.startswith(f"{variable}"), name
