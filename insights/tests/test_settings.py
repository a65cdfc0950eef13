"""Settings of the insights: each from its own variable, a bad value is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from escalation import reporting
from insights.__main__ import main
from insights.settings import Settings, SettingsError, load_settings


def test_defaults_are_the_services_own(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("INSIGHTS_DATABASE_URL", "ESCALATION_DATABASE_URL", "INSIGHTS_RETENTION_DAYS"):
        monkeypatch.delenv(variable, raising=False)
    settings = load_settings()
    # The escalation database is found where the escalation service keeps it, from any folder.
    assert settings.escalation_database_url == reporting.DEFAULT_DATABASE_URL
    assert Path(settings.database_url.removeprefix("sqlite:///")).is_absolute()
    assert settings.retention_days == 90


def test_values_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("INSIGHTS_DATABASE_URL", f"sqlite:///{tmp_path / 'i.db'}")
    monkeypatch.setenv("ESCALATION_DATABASE_URL", f"sqlite:///{tmp_path / 'e.db'}")
    monkeypatch.setenv("INSIGHTS_DOMAIN_FILE", str(tmp_path / "domain.yml"))
    monkeypatch.setenv("INSIGHTS_RETENTION_DAYS", "")
    settings = load_settings()
    assert settings.database_url.endswith("i.db")
    assert settings.escalation_database_url.endswith("e.db")
    assert settings.domain_file == tmp_path / "domain.yml"
    assert settings.retention_days == 90


def test_a_bad_value_names_its_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("INSIGHTS_RETENTION_DAYS", "twee")
    with pytest.raises(SettingsError, match="INSIGHTS_RETENTION_DAYS: "):
        load_settings()
    assert main(["migrate"]) == 2
    assert "INSIGHTS_RETENTION_DAYS: " in capsys.readouterr().err


def test_the_commands_use_the_database_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    database = tmp_path / "elsewhere.db"
    monkeypatch.setenv("INSIGHTS_DATABASE_URL", f"sqlite:///{database}")
    assert main(["migrate"]) == 0
    assert database.exists()


def test_every_setting_names_its_variable_and_says_what_it_is_for() -> None:
    for name, field in Settings.model_fields.items():
        assert isinstance(field.validation_alias, str), name
        assert field.description, name
