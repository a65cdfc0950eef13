"""Organisation facts for the page and the fallback message, with safe defaults."""

from __future__ import annotations

from pathlib import Path

from gateway import texts
from gateway.organisation import Organisation, load_organisation


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
