from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from actions import organisatie as organisatie_module
from actions import teksten
from actions.organisatie import (
    OrganisatieConfigFout,
    lees_organisatie,
    openingstijden_tekst,
    organisatie,
    parse_organisatie,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
BOT_DIR = REPO_ROOT / "bot"


def test_organisatie_uit_het_bestand(org_file: Path) -> None:
    org = organisatie()
    assert org.telefoon == "0599 11 22 33"
    assert org.crisis.buiten_kantoortijd == "0599 99 88 77"
    assert org.crisis.zelfmoordpreventie == "113 of gratis 0800-0113"
    assert org.aanspreekvorm == "u"


def test_standaardbestand_van_de_repo_wordt_gevonden_vanuit_bot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("VOORDEUR_ORGANISATION_FILE", raising=False)
    monkeypatch.chdir(BOT_DIR)
    assert organisatie_module.organisation_file() == REPO_ROOT / "config" / "organisation.yml"
    assert organisatie().crisis.noodnummer


def test_kapot_bestand_houdt_de_vorige_versie(org_file: Path) -> None:
    goed = organisatie()
    org_file.write_text("crisis: [kapot", encoding="utf-8")
    assert organisatie() == goed


def test_ontbrekend_crisisnummer_geeft_duidelijke_fout(tmp_path: Path) -> None:
    data = yaml.safe_load((REPO_ROOT / "config" / "organisation.yml").read_text("utf-8"))
    del data["crisis"]["veilig_thuis"]
    with pytest.raises(OrganisatieConfigFout, match=r"crisis\.veilig_thuis"):
        parse_organisatie(data)
    path = tmp_path / "leeg.yml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(OrganisatieConfigFout):
        lees_organisatie(path)


def test_openingstijden_in_gewone_taal(org_file: Path) -> None:
    assert openingstijden_tekst(organisatie()) == (
        "op maandag tot en met donderdag van 8.30 tot 17.00 uur "
        "en op vrijdag van 8.30 tot 12.30 uur"
    )


def test_crisisantwoord_noemt_alle_nummers_uit_de_config(org_file: Path) -> None:
    tekst = teksten.crisis_nummers(organisatie())
    for nummer in ("112", "113 of gratis 0800-0113", "0800-2000", "0599 77 66 55", "0599 99 88 77"):
        assert nummer in tekst


def test_geen_nummers_van_de_organisatie_in_code_of_domein() -> None:
    """Organisation numbers come from config/organisation.yml only."""
    data = yaml.safe_load((REPO_ROOT / "config" / "organisation.yml").read_text("utf-8"))
    nummers = {data["telefoon"], *data["crisis"].values()}
    bestanden = [*sorted((BOT_DIR / "actions").glob("*.py")), BOT_DIR / "domain.yml"]
    bestanden += sorted((BOT_DIR / "data").glob("*.yml"))
    for bestand in bestanden:
        inhoud = bestand.read_text("utf-8")
        for nummer in nummers:
            los = re.compile(rf"(?<!\d){re.escape(str(nummer))}(?!\d)")
            assert not los.search(inhoud), f"{nummer} staat in {bestand}"


def test_samenvatting() -> None:
    tekst = teksten.samenvatting(
        {
            "onderwerp": "Mantelzorg",
            "beschrijving": "Ik ben op.",
            "naam": "Jan",
            "telefoon": "+31612345678",
            "spoed": True,
        }
    )
    assert tekst == (
        "Ik heb dit genoteerd:\n"
        "Onderwerp: Mantelzorg\n"
        "Wat er aan de hand is: Ik ben op.\n"
        "Naam: Jan\n"
        "Telefoon: 06 12345678\n"
        "Spoed: ja\n"
        "Klopt dit?"
    )
    assert "Spoed" not in teksten.samenvatting({"spoed": False})


def test_melding_ontvangen(org_file: Path) -> None:
    tekst = teksten.melding_ontvangen(
        "VD-ABC234", "uiterlijk woensdag 26 november om 14:00", False, organisatie()
    )
    assert tekst == (
        "Uw melding is ontvangen. Uw nummer is VD-ABC234. "
        "Een medewerker neemt uiterlijk woensdag 26 november om 14:00 contact met u op."
    )
    spoed = teksten.melding_ontvangen("VD-ABC234", None, True, organisatie())
    assert "zo snel mogelijk" in spoed
    assert "Bel dan 112" in spoed


def test_mislukt_is_eerlijk_en_geeft_het_nummer(org_file: Path) -> None:
    tekst = teksten.melding_mislukt(organisatie(), spoed=False)
    assert "niet gelukt" in tekst
    assert "niet ontvangen" in tekst
    assert "0599 11 22 33" in tekst
    assert "maandag tot en met donderdag" in tekst
    assert "0599 99 88 77" in teksten.melding_mislukt(organisatie(), spoed=True)


def test_geen_toestemming_geeft_het_nummer(org_file: Path) -> None:
    tekst = teksten.geen_toestemming(organisatie())
    assert "toestemming" in tekst
    assert "0599 11 22 33" in tekst


def test_vragen_van_het_formulier_bestaan_voor_elk_veld() -> None:
    domain = yaml.safe_load((BOT_DIR / "domain.yml").read_text("utf-8"))
    velden = domain["forms"]["melding_form"]["required_slots"]
    assert set(teksten.VRAGEN) == set(velden)
    for veld in velden:
        assert f"action_ask_{veld}" in domain["actions"]
