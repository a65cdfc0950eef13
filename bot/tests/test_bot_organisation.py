"""The organisation file in the action server: optional night line and production guard."""

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


@pytest.mark.parametrize(
    ("field", "real"),
    [
        ("telefoon", "0592 26 88 00"),
        ("email", "info@sociaalteam-aaenhunze.nl"),
        ("website", "https://www.sociaalteam-aaenhunze.nl"),
        ("gemeente_website", "https://www.aaenhunze.nl"),
    ],
)
def test_production_refuses_each_example_field(
    field: str, real: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOORDEUR_ENV", "production")
    data = repo_data() | {
        "telefoon": "0592 26 88 00",
        "email": "info@sociaalteam-aaenhunze.nl",
        "website": "https://www.sociaalteam-aaenhunze.nl",
        "gemeente_website": "https://www.aaenhunze.nl",
    }
    parse_organisation(data)  # all real: accepted
    example = repo_data()[field]
    with pytest.raises(OrganisationConfigError, match=rf"'{field}'"):
        parse_organisation(data | {field: example})
    assert parse_organisation(data | {field: real})


@pytest.mark.parametrize("example", ["a@example.com", "https://example.org/x", "WWW.EXAMPLE.NL"])
def test_production_refuses_every_example_domain(
    example: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOORDEUR_ENV", "production")
    data = repo_data() | {"telefoon": "0592 26 88 00", "website": example}
    data |= {"email": None, "gemeente_website": None}
    with pytest.raises(OrganisationConfigError, match="'website'"):
        parse_organisation(data)


def test_production_refuses_an_example_night_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOORDEUR_ENV", "production")
    data = repo_data() | {"telefoon": "0592 26 88 00", "email": None, "website": None}
    data["gemeente_website"] = None
    data["crisis"]["buiten_kantoortijd"] = "0592 00 00 00"
    with pytest.raises(OrganisationConfigError, match=r"'crisis\.buiten_kantoortijd'"):
        parse_organisation(data)


def test_production_refuses_the_repository_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOORDEUR_ENV", "production")
    with pytest.raises(OrganisationConfigError, match="example"):
        read_organisation(REPO_FILE)


def test_unknown_environment_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOORDEUR_ENV", "productie")
    with pytest.raises(OrganisationConfigError, match="VOORDEUR_ENV"):
        parse_organisation(repo_data())
