from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from actions import organisation as organisation_module
from actions import texts
from actions.organisation import (
    OrganisationConfigError,
    current_organisation,
    opening_hours_text,
    parse_organisation,
    read_organisation,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
BOT_DIR = REPO_ROOT / "bot"


def test_organisation_from_the_file(org_file: Path) -> None:
    org = current_organisation()
    assert org.telefoon == "0599 11 22 33"
    assert org.crisis.buiten_kantoortijd == "0599 99 88 77"
    assert org.crisis.zelfmoordpreventie == "113 of gratis 0800-0113"
    assert org.aanspreekvorm == "u"


def test_default_file_of_the_repo_is_found_from_bot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("VOORDEUR_ORGANISATION_FILE", raising=False)
    monkeypatch.chdir(BOT_DIR)
    assert organisation_module.organisation_file() == REPO_ROOT / "config" / "organisation.yml"
    assert current_organisation().crisis.noodnummer


def test_broken_file_keeps_the_previous_version(org_file: Path) -> None:
    ok = current_organisation()
    org_file.write_text("crisis: [kapot", encoding="utf-8")
    assert current_organisation() == ok


def test_missing_crisis_number_gives_a_clear_error(tmp_path: Path) -> None:
    data = yaml.safe_load((REPO_ROOT / "config" / "organisation.yml").read_text("utf-8"))
    del data["crisis"]["veilig_thuis"]
    with pytest.raises(OrganisationConfigError, match=r"crisis\.veilig_thuis"):
        parse_organisation(data)
    path = tmp_path / "leeg.yml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(OrganisationConfigError):
        read_organisation(path)


def test_opening_hours_in_plain_language(org_file: Path) -> None:
    assert opening_hours_text(current_organisation()) == (
        "op maandag tot en met donderdag van 8.30 tot 17.00 uur "
        "en op vrijdag van 8.30 tot 12.30 uur"
    )


def test_crisis_answer_names_all_numbers_from_the_config(org_file: Path) -> None:
    text = texts.crisis_numbers(current_organisation())
    for number in ("112", "113 of gratis 0800-0113", "0800-2000", "0599 77 66 55", "0599 99 88 77"):
        assert number in text


def test_no_organisation_numbers_in_code_or_domain() -> None:
    """Organisation numbers come from config/organisation.yml only.

    Exception: the national emergency number 112 may appear in domain.yml, where the greeting
    and the answer after a refused spoedmelding name it (content review §2 and row 21).
    """
    data = yaml.safe_load((REPO_ROOT / "config" / "organisation.yml").read_text("utf-8"))
    numbers = {data["telefoon"], *data["crisis"].values()}
    files = [*sorted((BOT_DIR / "actions").glob("*.py")), BOT_DIR / "domain.yml"]
    files += sorted((BOT_DIR / "data").glob("*.yml"))
    for file_path in files:
        content = file_path.read_text("utf-8")
        for number in numbers - ({"112"} if file_path.name == "domain.yml" else set()):
            loose = re.compile(rf"(?<!\d){re.escape(str(number))}(?!\d)")
            assert not loose.search(content), f"{number} staat in {file_path}"


def test_summary() -> None:
    text = texts.summary(
        {
            "onderwerp": "Mantelzorg",
            "voor_wie": "zelf",
            "beschrijving": "Ik ben op.",
            "naam": "Jan",
            "contactwijze": "telefoon",
            "telefoon": "+31612345678",
            "bereikbaar": "'s ochtends",
            "spoed": True,
        }
    )
    assert text == (
        "Ik heb dit genoteerd:\n"
        "Onderwerp: Mantelzorg\n"
        "Voor wie: Voor mijzelf\n"
        "Wat er aan de hand is: Ik ben op.\n"
        "Naam: Jan\n"
        "Telefoon: 06 12345678\n"
        "Bereikbaar: 's ochtends\n"
        "Spoed: ja\n"
        "Klopt dit?"
    )
    assert "Spoed" not in texts.summary({"spoed": False})


LONG_STORY = " ".join(f"woord{number}" for number in range(1, 81))


def test_a_long_first_message_is_quoted_by_its_start() -> None:
    text = texts.beschrijving_more(LONG_STORY)
    assert "'woord1 woord2" in text
    assert "woord20 ...'" in text
    assert "woord21" not in text
    assert texts.beschrijving_more("mijn man slaat mij") == texts.BESCHRIJVING_MORE.format(
        eerste="mijn man slaat mij"
    )


def test_the_read_back_shortens_a_long_beschrijving_and_says_all_goes_along() -> None:
    text = texts.summary({"beschrijving": LONG_STORY})
    assert "Wat er aan de hand is: woord1 " in text
    assert "woord20 ... (uw hele tekst gaat mee)" in text
    assert "woord21" not in text


def test_melding_received(org_file: Path) -> None:
    text = texts.melding_received(
        "VD-ABC234", "uiterlijk woensdag 26 november", False, current_organisation()
    )
    assert text == (
        "Uw melding is ontvangen. Uw nummer is VD-ABC234. "
        "Een medewerker neemt uiterlijk woensdag 26 november contact met u op."
    )
    spoed = texts.melding_received("VD-ABC234", None, True, current_organisation())
    assert "zo snel mogelijk" in spoed
    assert "Bel dan 112" in spoed
    assert "Veilig Thuis" not in spoed
    unsafe = texts.melding_received("VD-ABC234", None, True, current_organisation(), True)
    assert "Bel Veilig Thuis: 0800-2000" in unsafe


def test_failure_is_honest_and_gives_the_number(org_file: Path) -> None:
    text = texts.melding_failed(current_organisation(), spoed=False)
    assert "niet gelukt" in text
    assert "niet ontvangen" in text
    assert "0599 11 22 33" in text
    assert "maandag tot en met donderdag" in text
    spoed = texts.melding_failed(current_organisation(), spoed=True)
    assert "0599 99 88 77" not in spoed
    assert all(number in spoed for number in ("112", "0800-0113", "0800-2000"))


def test_queued_spoed_gives_day_and_night_numbers_not_the_office_night_line(org_file: Path) -> None:
    text = texts.melding_queued(current_organisation(), spoed=True)
    assert "Ik heb uw vraag bewaard" in text
    assert "0599 99 88 77" not in text
    assert all(number in text for number in ("112", "0800-0113", "0800-2000"))
    assert text.index("112") < text.index("0599 11 22 33")


def test_no_consent_gives_the_number(org_file: Path) -> None:
    text = texts.no_consent(current_organisation())
    assert "toestemming" in text
    assert "0599 11 22 33" in text


def test_form_questions_exist_for_every_field() -> None:
    domain = yaml.safe_load((BOT_DIR / "domain.yml").read_text("utf-8"))
    fieldnames = domain["forms"]["melding_form"]["required_slots"]
    assert set(texts.QUESTIONS) | {"bevestigd"} == set(fieldnames)
    for fieldname in fieldnames:
        assert f"action_ask_{fieldname}" in domain["actions"]


def test_office_hours(org_file: Path) -> None:
    from datetime import datetime

    from actions.office_hours import is_open, moment_text, next_opening
    from voordeur_common.office_calendar import AMSTERDAM

    org = current_organisation()
    tuesday_morning = datetime(2026, 11, 24, 10, 0, tzinfo=AMSTERDAM)
    friday_afternoon = datetime(2026, 11, 27, 14, 0, tzinfo=AMSTERDAM)
    christmas_eve = datetime(2026, 12, 25, 10, 0, tzinfo=AMSTERDAM)
    assert is_open(org, tuesday_morning)
    assert not is_open(org, friday_afternoon)
    assert not is_open(org, christmas_eve)  # Eerste Kerstdag
    opening = next_opening(org, friday_afternoon)
    assert moment_text(opening, friday_afternoon) == "maandag 30 november om 8.30 uur"
    assert "0599 11 22 33" in texts.reachability(org, tuesday_morning)
    closed = texts.reachability(org, friday_afternoon)
    assert "gesloten" in closed and "maandag 30 november" in closed
    assert moment_text(next_opening(org, christmas_eve), christmas_eve).startswith("maandag 28")


def test_the_office_is_open_on_a_public_holiday_it_works_on(org_file: Path) -> None:
    from dataclasses import replace
    from datetime import datetime

    from actions.office_hours import is_open, next_opening
    from voordeur_common.office_calendar import AMSTERDAM

    good_friday_morning = datetime(2026, 4, 3, 10, 0, tzinfo=AMSTERDAM)
    thursday_evening = datetime(2026, 4, 2, 18, 0, tzinfo=AMSTERDAM)
    org = current_organisation()
    assert not is_open(org, good_friday_morning)
    working = replace(org, open_op_feestdagen=("Goede vrijdag",))
    assert is_open(working, good_friday_morning)
    assert next_opening(working, thursday_evening) == datetime(2026, 4, 3, 8, 30, tzinfo=AMSTERDAM)
    assert next_opening(org, thursday_evening) == datetime(2026, 4, 7, 8, 30, tzinfo=AMSTERDAM)


def test_a_service_number_gets_its_own_explanation(org_file: Path) -> None:
    from actions.texts import error_telefoon
    from actions.validation import SERVICE_NUMBER

    text = error_telefoon(SERVICE_NUMBER, current_organisation())
    assert "0900" in text and "06" in text


def test_eigen_bijdrage_names_the_configured_amount_and_year(org_file: Path) -> None:
    without = current_organisation()
    assert without.abonnementstarief is None
    assert "€" not in texts.eigen_bijdrage(without)
    data = yaml.safe_load(org_file.read_text(encoding="utf-8"))
    data["abonnementstarief"] = {"bedrag_per_maand": "21,80", "jaar": 2025}
    text = texts.eigen_bijdrage(parse_organisation(data))
    assert "In 2025 is dat hoogstens € 21,80 per maand per huishouden." in text


@pytest.mark.parametrize(
    "bad",
    [{"bedrag_per_maand": "21.8", "jaar": 2025}, {"bedrag_per_maand": "21,80"}, "21,80"],
)
def test_a_wrong_abonnementstarief_is_a_clear_error(org_file: Path, bad: object) -> None:
    data = yaml.safe_load(org_file.read_text(encoding="utf-8"))
    data["abonnementstarief"] = bad
    with pytest.raises(OrganisationConfigError, match="abonnementstarief"):
        parse_organisation(data)
