from __future__ import annotations

import pytest
from actions.validatie import (
    BUITENLANDS,
    LEEG,
    MAX_BESCHRIJVING,
    MAX_NAAM,
    MAX_ONDERWERP,
    ONGELDIG,
    TE_LANG,
    controleer_beschrijving,
    controleer_naam,
    controleer_onderwerp,
    normaliseer_telefoon,
    telefoon_leesbaar,
    telt_als_antwoord,
)


@pytest.mark.parametrize(
    ("invoer", "verwacht"),
    [
        ("0612345678", "+31612345678"),
        ("06-12345678", "+31612345678"),
        ("06 1234 5678", "+31612345678"),
        ("+31 6 12345678", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("(0592) 123456", "+31592123456"),
        ("mijn nummer is 06-12345678, na 17 uur", "+31612345678"),
        ("  0592-123456  ", "+31592123456"),
    ],
)
def test_geldig_nederlands_nummer_wordt_e164(invoer: str, verwacht: str) -> None:
    uitkomst = normaliseer_telefoon(invoer)
    assert uitkomst.goed
    assert uitkomst.waarde == verwacht


@pytest.mark.parametrize("invoer", ["0612", "123", "geen", "06123456789012", "abc 06 xx"])
def test_ongeldig_nummer(invoer: str) -> None:
    uitkomst = normaliseer_telefoon(invoer)
    assert not uitkomst.goed
    assert uitkomst.fout == ONGELDIG
    assert uitkomst.waarde is None


@pytest.mark.parametrize("invoer", ["+32 470 12 34 56", "+49 30 1234567"])
def test_buitenlands_nummer_wordt_geweigerd(invoer: str) -> None:
    assert normaliseer_telefoon(invoer).fout == BUITENLANDS


@pytest.mark.parametrize("invoer", ["", "   ", None, 612345678])
def test_leeg_of_geen_tekst(invoer: object) -> None:
    assert normaliseer_telefoon(invoer).fout == LEEG


def test_telefoon_leesbaar() -> None:
    assert telefoon_leesbaar("+31612345678") == "06 12345678"
    assert telefoon_leesbaar("+31592123456") == "0592 123 456"
    assert telefoon_leesbaar("onzin") == "onzin"


def test_tekst_wordt_opgeschoond() -> None:
    assert controleer_onderwerp("  Mantelzorg \t ").waarde == "Mantelzorg"
    uitkomst = controleer_beschrijving("regel  een\n\n   regel twee  ")
    assert uitkomst.waarde == "regel een\nregel twee"
    assert controleer_naam("  Jan   de  Vries ").waarde == "Jan de Vries"


@pytest.mark.parametrize("invoer", ["", "   \n  ", None, "/affirm"])
def test_lege_tekst_of_knop_payload_is_leeg(invoer: object) -> None:
    assert controleer_onderwerp(invoer).fout == LEEG


@pytest.mark.parametrize(
    ("functie", "maximum"),
    [
        (controleer_onderwerp, MAX_ONDERWERP),
        (controleer_beschrijving, MAX_BESCHRIJVING),
        (controleer_naam, MAX_NAAM),
    ],
)
def test_limieten_uit_het_contract(functie, maximum: int) -> None:
    assert (MAX_ONDERWERP, MAX_BESCHRIJVING, MAX_NAAM) == (100, 4000, 200)
    assert functie("a" * maximum).goed
    assert functie("a" * (maximum + 1)).fout == TE_LANG


@pytest.mark.parametrize(
    ("tekst", "intent", "zekerheid", "verwacht"),
    [
        ("Mantelzorg", "inform", 0.99, True),
        ("ik zorg voor mijn moeder", "info_respijtzorg", 0.9, True),
        ("mijn man slaat mij", "crisis", 0.6, False),
        ("/crisis", "crisis", 1.0, False),
        ("laat maar", "stop", 0.99, False),
        ("/stop", "stop", 1.0, False),
        # unsure, or too long to be a stop command: it is an answer
        ("de deurwaarder komt morgen", "stop", 0.51, True),
        ("mijn moeder woont alleen en vergeet steeds te eten", "stop", 0.95, True),
        ("stop", "stop", None, True),
        (None, "inform", 1.0, False),
    ],
)
def test_telt_als_antwoord(tekst, intent, zekerheid, verwacht: bool) -> None:
    assert telt_als_antwoord(tekst, intent, zekerheid) is verwacht
