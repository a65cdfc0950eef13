"""The one phone rule: ordinary Dutch numbers in E.164, everything else refused with a reason."""

from __future__ import annotations

import pytest
from voordeur_common.phone import (
    PhoneError,
    PhoneProblem,
    callable_number,
    callable_number_in,
    readable,
)


@pytest.mark.parametrize(
    ("written", "e164"),
    [
        ("0612345678", "+31612345678"),
        ("06-12345678", "+31612345678"),
        ("06 1234 5678", "+31612345678"),
        ("+31 6 12345678", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("020 123 4567", "+31201234567"),
        ("0591-123456", "+31591123456"),
    ],
)
def test_dutch_numbers_are_accepted_in_e164(written: str, e164: str) -> None:
    assert callable_number(written) == e164


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("+32 470 12 34 56", PhoneProblem.FOREIGN),
        ("+49 151 23456789", PhoneProblem.FOREIGN),
        ("0800 0113", PhoneProblem.NOT_CALLABLE),
        ("0900 1234567", PhoneProblem.NOT_CALLABLE),
        ("088 0767 000", PhoneProblem.NOT_CALLABLE),
        ("12345", PhoneProblem.INVALID),
        ("geen idee", PhoneProblem.INVALID),
        ("", PhoneProblem.INVALID),
        ("0" * 500, PhoneProblem.INVALID),
    ],
)
def test_other_numbers_are_refused_with_the_reason(written: str, problem: PhoneProblem) -> None:
    with pytest.raises(PhoneError) as refused:
        callable_number(written)
    assert refused.value.problem is problem


def test_a_number_inside_a_sentence_is_found() -> None:
    assert callable_number_in("mijn nummer is 06-12345678, na 5 uur") == "+31612345678"
    assert callable_number_in("bel 0800 1234 of 0612345678") == "+31612345678"


def test_a_sentence_with_only_a_refused_number_says_why() -> None:
    with pytest.raises(PhoneError) as refused:
        callable_number_in("bel mij op +32 470 12 34 56 aub")
    assert refused.value.problem is PhoneProblem.FOREIGN


def test_readable_is_the_national_form() -> None:
    assert readable("+31612345678") == "06 12345678"
    assert readable("niet een nummer") == "niet een nummer"
