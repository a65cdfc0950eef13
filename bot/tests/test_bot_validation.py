from __future__ import annotations

import pytest
from actions.validation import (
    EMPTY,
    FOREIGN,
    INVALID,
    MAX_BESCHRIJVING,
    MAX_NAAM,
    MAX_ONDERWERP,
    SERVICE_NUMBER,
    TOO_LONG,
    check_beschrijving,
    check_naam,
    check_onderwerp,
    counts_as_answer,
    normalise_telefoon,
    telefoon_readable,
)


@pytest.mark.parametrize(
    ("given", "expected"),
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
def test_valid_dutch_number_becomes_e164(given: str, expected: str) -> None:
    outcome = normalise_telefoon(given)
    assert outcome.ok
    assert outcome.value == expected


@pytest.mark.parametrize("given", ["0612", "123", "geen", "06123456789012", "abc 06 xx"])
def test_invalid_number(given: str) -> None:
    outcome = normalise_telefoon(given)
    assert not outcome.ok
    assert outcome.error == INVALID
    assert outcome.value is None


@pytest.mark.parametrize("given", ["+32 470 12 34 56", "+49 30 1234567"])
def test_foreign_number_is_refused(given: str) -> None:
    assert normalise_telefoon(given).error == FOREIGN


@pytest.mark.parametrize(
    "given",
    [
        "0900 1234567",  # premium rate
        "0906 123456",
        "0909 123456",
        "0800 1234",  # free
        "0800 123456",
        "088 1234567",  # company number (UAN)
        "084 1234567",  # personal number
        "066 1234567",  # pager
        "+31 900 1234567",
        "bel mij op 0900-1234567",
    ],
)
def test_service_numbers_are_refused(given: str) -> None:
    outcome = normalise_telefoon(given)
    assert outcome.error == SERVICE_NUMBER
    assert outcome.value is None


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("020 1234567", "+31201234567"),
        ("085 1234567", "+31851234567"),  # VoIP
        ("0900 1234567 of anders 06 12345678", "+31612345678"),
    ],
)
def test_fixed_line_and_voip_numbers_are_accepted(given: str, expected: str) -> None:
    assert normalise_telefoon(given).value == expected


@pytest.mark.parametrize("given", ["", "   ", None, 612345678])
def test_empty_or_no_text(given: object) -> None:
    assert normalise_telefoon(given).error == EMPTY


def test_telefoon_readable() -> None:
    assert telefoon_readable("+31612345678") == "06 12345678"
    assert telefoon_readable("+31592123456") == "0592 123 456"
    assert telefoon_readable("onzin") == "onzin"


def test_text_is_cleaned() -> None:
    assert check_onderwerp("  Mantelzorg \t ").value == "Mantelzorg"
    outcome = check_beschrijving("regel  een\n\n   regel twee  ")
    assert outcome.value == "regel een\nregel twee"
    assert check_naam("  Jan   de  Vries ").value == "Jan de Vries"


@pytest.mark.parametrize("given", ["", "   \n  ", None, "/affirm"])
def test_empty_text_or_button_payload_is_empty(given: object) -> None:
    assert check_onderwerp(given).error == EMPTY


@pytest.mark.parametrize(
    ("function", "maximum"),
    [
        (check_onderwerp, MAX_ONDERWERP),
        (check_beschrijving, MAX_BESCHRIJVING),
        (check_naam, MAX_NAAM),
    ],
)
def test_limits_from_the_contract(function, maximum: int) -> None:
    assert (MAX_ONDERWERP, MAX_BESCHRIJVING, MAX_NAAM) == (100, 4000, 200)
    assert function("a" * maximum).ok
    assert function("a" * (maximum + 1)).error == TOO_LONG


@pytest.mark.parametrize(
    ("text", "intent", "confidence", "expected"),
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
def test_counts_as_answer(text, intent, confidence, expected: bool) -> None:
    assert counts_as_answer(text, intent, confidence) is expected


def test_single_line_fields_have_no_line_breaks_or_bidi_controls() -> None:
    from actions.validation import check_bereikbaar, check_beschrijving, check_onderwerp

    assert check_onderwerp("Schulden\nhuur").value == "Schulden huur"
    assert check_bereikbaar("'s ochtends\u2028of 's middags").value == "'s ochtends of 's middags"
    assert check_onderwerp("Wonen\u202e").value == "Wonen"
    assert check_beschrijving("Regel een\nRegel twee").value == "Regel een\nRegel twee"
