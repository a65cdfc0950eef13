"""The organisation file in the action server: optional night line and production guard (each
example field and domain is tested once, in common/tests/test_organisation.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from actions.organisation import OrganisationConfigError, parse_organisation, read_organisation

REPO_ROOT = Path(__file__).resolve().parents[2]
REPO_FILE = REPO_ROOT / "config" / "organisation.yml"


def repo_data() -> dict[str, Any]:
    return yaml.safe_load(REPO_FILE.read_text("utf-8"))


def test_repository_file_has_no_night_line_and_the_new_crisis_numbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("VOORDEUR_ENV", raising=False)
    crisis = read_organisation(REPO_FILE).crisis
    assert crisis.buiten_kantoortijd is None
    assert crisis.kindertelefoon == "0800-0432"
    assert crisis.luisterlijn == "088 0767 000"
    assert crisis.chat_113 == "113.nl"


def test_optional_crisis_numbers_are_none_when_absent() -> None:
    data = repo_data()
    for key in ("kindertelefoon", "luisterlijn", "chat_113", "huisartsenpost"):
        data["crisis"].pop(key, None)
    crisis = parse_organisation(data).crisis
    assert (crisis.kindertelefoon, crisis.luisterlijn, crisis.chat_113) == (None, None, None)
    assert crisis.huisartsenpost is None


def test_a_configured_night_line_is_read() -> None:
    data = repo_data()
    data["crisis"]["buiten_kantoortijd"] = "0592 12 34 56"
    assert parse_organisation(data).crisis.buiten_kantoortijd == "0592 12 34 56"


@pytest.mark.parametrize("value", [None, "", "development", "Development"])
def test_examples_are_allowed_outside_production(
    value: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if value is None:
        monkeypatch.delenv("VOORDEUR_ENV", raising=False)
    else:
        monkeypatch.setenv("VOORDEUR_ENV", value)
    assert parse_organisation(repo_data()).telefoon == "0592 00 00 00"


def test_production_refuses_the_repository_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOORDEUR_ENV", "production")
    with pytest.raises(OrganisationConfigError, match="example"):
        read_organisation(REPO_FILE)
