"""Organisation facts for the page and the fallback message, with safe defaults."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from gateway import texts
from gateway.organisation import Organisation, OrganisationConfigError, load_organisation

REPO_FILE = Path(__file__).resolve().parents[2] / "config" / "organisation.yml"
REAL = {
    "telefoon": "0592 26 88 00",
    "email": "info@sociaalteam-aaenhunze.nl",
    "website": "https://www.sociaalteam-aaenhunze.nl",
    "gemeente_website": "https://www.aaenhunze.nl",
}


def test_values_are_read(tmp_path: Path) -> None:
    path = tmp_path / "org.yml"
    path.write_text(
        'naam: "Team Noord"\ntelefoon: "050 123 45 67"\n'
        'crisis:\n  noodnummer: "112"\n  zelfmoordpreventie: "113"\n',
        encoding="utf-8",
    )
    assert load_organisation(path) == Organisation(
        name="Team Noord", phone="050 123 45 67", emergency_number="112", suicide_prevention="113"
    )


def test_missing_or_broken_file_gives_defaults(tmp_path: Path) -> None:
    assert load_organisation(tmp_path / "missing.yml") == Organisation()
    broken = tmp_path / "broken.yml"
    broken.write_text("naam: [unclosed", encoding="utf-8")
    assert load_organisation(broken) == Organisation()
    listing = tmp_path / "list.yml"
    listing.write_text("- a\n- b\n", encoding="utf-8")
    assert load_organisation(listing) == Organisation()


def test_repository_organisation_file_is_readable() -> None:
    organisation = load_organisation("config/organisation.yml")
    assert organisation.name
    assert organisation.emergency_number


def test_unavailable_message_without_phone_still_names_crisis_numbers() -> None:
    message = texts.assistant_unavailable(Organisation())
    assert "Probeer het later opnieuw." in message
    assert "Bel 112." in message
    assert "0800-0113" in message
    assert "Veilig Thuis: 0800-2000" in message
    assert "Hebt u een andere vraag" not in message


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("value", [None, "development"])
def test_examples_are_allowed_outside_production(
    value: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if value is None:
        monkeypatch.delenv("VOORDEUR_ENV", raising=False)
    else:
        monkeypatch.setenv("VOORDEUR_ENV", value)
    assert load_organisation(REPO_FILE).phone == "0592 00 00 00"


@pytest.mark.parametrize("field", sorted(REAL))
def test_production_refuses_each_example_field(
    field: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOORDEUR_ENV", "production")
    data = yaml.safe_load(REPO_FILE.read_text("utf-8")) | REAL
    assert load_organisation(_write(tmp_path / "real.yml", data)).phone == REAL["telefoon"]
    example = yaml.safe_load(REPO_FILE.read_text("utf-8"))[field]
    with pytest.raises(OrganisationConfigError, match=rf"'{field}'"):
        load_organisation(_write(tmp_path / "example.yml", data | {field: example}))


def test_production_refuses_the_repository_file_and_an_unknown_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOORDEUR_ENV", "production")
    with pytest.raises(OrganisationConfigError, match="example"):
        load_organisation(REPO_FILE)
    assert load_organisation(tmp_path / "missing.yml") == Organisation()
    monkeypatch.setenv("VOORDEUR_ENV", "prod")
    with pytest.raises(OrganisationConfigError, match="VOORDEUR_ENV"):
        load_organisation(tmp_path / "missing.yml")
