"""The organisation file as the escalation service reads it (the shared checks, such as the
production refusal of example values, are tested in common/tests/test_organisation.py)."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from escalation.app import create_app
from escalation.organisation import OrganisationConfigError, load_organisation, parse_organisation
from escalation.settings import Settings

REPO_FILE = Path(__file__).resolve().parents[2] / "config" / "organisation.yml"


def repo_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(REPO_FILE.read_text("utf-8"))
    return data


def test_repository_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOORDEUR_ENV", raising=False)
    organisation = load_organisation(REPO_FILE)
    assert organisation.response_hours == 24
    assert date(2026, 12, 24) in organisation.closed_days.extra
    assert organisation.opening_hours[0] == (time(8, 30), time(17, 0))
    assert organisation.opening_hours[4] == (time(8, 30), time(12, 30))
    assert 5 not in organisation.opening_hours
    assert organisation.spoed_same_day_before == time(12, 0)


def test_spoed_termijn_is_optional() -> None:
    data = repo_data()
    del data["spoed_termijn"]
    assert parse_organisation(data).spoed_same_day_before is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"spoed_termijn": {"zelfde_werkdag_voor": "middag"}}, "spoed_termijn"),
        ({"spoed_termijn": "12:00"}, "spoed_termijn"),
        (
            {"spoed_termijn": {"zelfde_werkdag_voor": "12:00"}, "openingstijden": {}},
            "openingstijden",
        ),
        ({"openingstijden": {"maandag": ["17:00", "08:30"]}}, "openingstijden.maandag"),
        ({"openingstijden": {"maandag": "08:30"}}, "openingstijden.maandag"),
        ({"sluitingsdagen": ["24-12-2026"]}, "sluitingsdagen"),
        ({"reactietermijn_uren": 0}, "reactietermijn_uren"),
    ],
)
def test_bad_values_are_named(change: dict[str, Any], message: str) -> None:
    with pytest.raises(OrganisationConfigError, match=message):
        parse_organisation(repo_data() | change)


@pytest.mark.parametrize("value", [None, "development"])
def test_examples_are_allowed_outside_production(
    value: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if value is None:
        monkeypatch.delenv("VOORDEUR_ENV", raising=False)
    else:
        monkeypatch.setenv("VOORDEUR_ENV", value)
    assert load_organisation(REPO_FILE).response_hours == 24


def test_the_service_does_not_start_with_examples_in_production(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOORDEUR_ENV", "production")
    settings = Settings(
        api_token="test-service-token-0123456789",  # type: ignore[arg-type]
        database_url=f"sqlite:///{tmp_path / 'escalation.db'}",
    )
    client = TestClient(create_app(settings))
    with pytest.raises(OrganisationConfigError, match="'telefoon'"):
        client.__enter__()
