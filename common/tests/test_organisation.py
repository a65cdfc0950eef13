"""The one organisation loader: the repository's file, errors that name the field, production."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from voordeur_common.organisation import (
    REPO_ROOT,
    DayHours,
    OrganisationConfigError,
    day_hours,
    opening_hours_text,
    organisation_file,
    parse_organisation,
    read_mapping,
    read_organisation,
)

REPO_FILE = REPO_ROOT / "config" / "organisation.yml"
REAL = {
    "telefoon": "0592 26 88 00",
    "email": "info@sociaalteam-aaenhunze.nl",
    "website": "https://www.sociaalteam-aaenhunze.nl",
    "gemeente_website": "https://www.aaenhunze.nl",
}


@pytest.fixture(autouse=True)
def _development(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOORDEUR_ENV", raising=False)
    monkeypatch.delenv("VOORDEUR_ORGANISATION_FILE", raising=False)


def repo_data() -> dict[str, Any]:
    return read_mapping(REPO_FILE)


def test_the_repository_file_is_read_with_every_field() -> None:
    org = read_organisation()
    assert (org.naam, org.telefoon, org.aanspreekvorm) == ("Sociaal Team", "0592 00 00 00", "u")
    assert org.crisis.noodnummer == "112" and org.crisis.buiten_kantoortijd is None
    assert org.openingstijden[0] == DayHours("maandag", "08:30", "17:00")
    assert org.openingstijden[-1] == ("vrijdag", "08:30", "12:30")
    assert org.opening_hours_by_weekday()[4] == (time(8, 30), time(12, 30))
    assert 5 not in org.opening_hours_by_weekday()
    assert date(2026, 12, 24) in org.sluitingsdagen
    assert org.reactietermijn_uren == 24
    assert org.spoed_zelfde_werkdag_voor == time(12, 0)
    assert org.privacyverklaring == "https://www.example.nl/sociaalteam/privacy"
    assert org.abonnementstarief is None


def test_worked_holidays_are_read_by_their_dutch_names() -> None:
    data = repo_data()
    data["open_op_feestdagen"] = ["goede vrijdag", "Bevrijdingsdag"]
    org = parse_organisation(data)
    assert org.open_op_feestdagen == ("Goede vrijdag", "Bevrijdingsdag")
    assert org.closed_days.worked_holidays == {"Goede vrijdag", "Bevrijdingsdag"}
    assert date(2026, 12, 24) in org.closed_days.extra
    assert read_organisation().closed_days.worked_holidays == frozenset()


def test_the_path_comes_from_the_environment_and_is_found_from_a_subfolder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO_ROOT / "bot")
    assert organisation_file() == REPO_FILE
    own = tmp_path / "org.yml"
    monkeypatch.setenv("VOORDEUR_ORGANISATION_FILE", str(own))
    assert organisation_file() == own
    assert organisation_file("elsewhere.yml") == REPO_ROOT / "elsewhere.yml"


def test_optional_fields_are_none_and_times_are_written_alike() -> None:
    data = repo_data()
    for key in ("email", "website", "reactietermijn_uren", "spoed_termijn", "privacyverklaring"):
        del data[key]
    data["openingstijden"] = {"dinsdag": ["9:00", "12:30"]}
    org = parse_organisation(data)
    assert (org.email, org.website, org.reactietermijn_uren) == (None, None, None)
    assert org.spoed_zelfde_werkdag_voor is None and org.privacyverklaring is None
    assert org.openingstijden == (("dinsdag", "09:00", "12:30"),)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"naam": " "}, "'naam'"),
        ({"telefoon": None}, "'telefoon'"),
        ({"crisis": "112"}, "'crisis'"),
        ({"crisis": {"noodnummer": "112", "zelfmoordpreventie": "113"}}, r"'crisis\.veilig_thuis'"),
        ({"openingstijden": ["maandag"]}, "'openingstijden'"),
        ({"openingstijden": {"maandag": "08:30"}}, r"'openingstijden\.maandag'"),
        ({"openingstijden": {"maandag": ["17:00", "08:30"]}}, r"'openingstijden\.maandag'"),
        ({"openingstijden": {"dinsdag": ["08:30", "25:00"]}}, r"'openingstijden\.dinsdag'"),
        ({"openingstijden": {"Maandag": ["08:30", "17:00"]}}, "unknown day: 'Maandag'"),
        ({"sluitingsdagen": ["24-12-2026"]}, "'sluitingsdagen'"),
        ({"sluitingsdagen": "2026-12-24"}, "'sluitingsdagen'"),
        ({"open_op_feestdagen": "Goede vrijdag"}, "'open_op_feestdagen'"),
        (
            {"open_op_feestdagen": ["Goede Vrijdag", "Sinterklaas"]},
            "unknown holiday: 'Sinterklaas'",
        ),
        ({"reactietermijn_uren": 0}, "'reactietermijn_uren'"),
        ({"reactietermijn_uren": True}, "'reactietermijn_uren'"),
        ({"spoed_termijn": "12:00"}, "'spoed_termijn'"),
        ({"spoed_termijn": {"zelfde_werkdag_voor": "middag"}}, "'spoed_termijn"),
        (
            {"spoed_termijn": {"zelfde_werkdag_voor": "12:00"}, "openingstijden": {}},
            "needs 'openingstijden'",
        ),
        ({"privacyverklaring": "http://www.teststad.nl/privacy"}, "'privacyverklaring'"),
        ({"abonnementstarief": {"bedrag_per_maand": "21.80", "jaar": 2025}}, "bedrag_per_maand"),
        ({"abonnementstarief": {"bedrag_per_maand": "21,80", "jaar": 25}}, r"\.jaar'"),
    ],
)
def test_bad_values_are_errors_that_name_the_field(change: dict[str, Any], field: str) -> None:
    with pytest.raises(OrganisationConfigError, match=field):
        parse_organisation(repo_data() | change)


def test_unreadable_files_are_errors(tmp_path: Path) -> None:
    with pytest.raises(OrganisationConfigError, match="Cannot read"):
        read_organisation(tmp_path / "missing.yml")
    broken = tmp_path / "broken.yml"
    broken.write_text("naam: [unclosed", encoding="utf-8")
    with pytest.raises(OrganisationConfigError, match="Cannot read"):
        read_organisation(broken)
    broken.write_text("- a\n", encoding="utf-8")
    with pytest.raises(OrganisationConfigError, match="not a YAML mapping"):
        read_organisation(broken)


def test_abonnementstarief_is_read() -> None:
    data = repo_data() | {"abonnementstarief": {"bedrag_per_maand": "21,80", "jaar": 2025}}
    assert parse_organisation(data).abonnementstarief == ("21,80", 2025)


@pytest.mark.parametrize("field", sorted(REAL))
def test_production_refuses_each_example_field(field: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOORDEUR_ENV", "production")
    data = repo_data() | REAL
    assert parse_organisation(data).telefoon == REAL["telefoon"]
    with pytest.raises(OrganisationConfigError, match=rf"'{field}' is still the example"):
        parse_organisation(data | {field: repo_data()[field]})


@pytest.mark.parametrize("example", ["a@example.com", "https://example.org/x", "WWW.EXAMPLE.NL"])
def test_production_refuses_every_example_domain(
    example: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOORDEUR_ENV", "production")
    data = repo_data() | REAL | {"website": example}
    with pytest.raises(OrganisationConfigError, match="'website'"):
        parse_organisation(data)


def test_production_refuses_an_example_crisis_line_and_an_unknown_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VOORDEUR_ENV", "Production")
    with pytest.raises(OrganisationConfigError, match="'telefoon'"):
        read_organisation(REPO_FILE)
    data = repo_data() | REAL
    data["crisis"]["buiten_kantoortijd"] = "0592 00 00 00"
    with pytest.raises(OrganisationConfigError, match=r"'crisis\.buiten_kantoortijd'"):
        parse_organisation(data)
    monkeypatch.setenv("VOORDEUR_ENV", "staging")
    with pytest.raises(OrganisationConfigError, match="VOORDEUR_ENV"):
        parse_organisation(repo_data() | REAL)


def test_opening_hours_in_dutch_group_days_with_the_same_hours() -> None:
    hours = [
        day_hours("maandag", ["09:00", "12:00"]),
        day_hours("woensdag", ["09:00", "12:00"]),
        day_hours("donderdag", ["09:00", "12:00"]),
        day_hours("vrijdag", ["13:00", "16:30"]),
    ]
    assert opening_hours_text(hours) == (
        "maandag van 9.00 tot 12.00 uur, woensdag en donderdag van 9.00 tot 12.00 uur "
        "en vrijdag van 13.00 tot 16.30 uur"
    )
    assert opening_hours_text(read_organisation().openingstijden, day_prefix="op ") == (
        "op maandag tot en met donderdag van 8.30 tot 17.00 uur "
        "en op vrijdag van 8.30 tot 12.30 uur"
    )
    assert opening_hours_text([]) == ""
