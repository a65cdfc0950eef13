"""Which phone numbers a medewerker calls back, written once for the bot, gateway and API.

Only ordinary Dutch mobile and fixed-line numbers (also VoIP): no foreign numbers, no free
(0800), paid (0900, 0906, 0909), shared-cost, company (088), personal (084/087) or pager
numbers. Every accepted number is stored in E.164 form ("+31612345678").
"""

from __future__ import annotations

from enum import Enum

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

REGION = "NL"
COUNTRY_CODE = 31
# Longer than any way of writing a number in a sentence: refused before parsing.
MAX_INPUT_LENGTH = 200
CALLABLE_TYPES = frozenset(
    {
        PhoneNumberType.MOBILE,
        PhoneNumberType.FIXED_LINE,
        PhoneNumberType.FIXED_LINE_OR_MOBILE,
        PhoneNumberType.VOIP,
    }
)


class PhoneProblem(Enum):
    """Why a number is refused; each caller says it in its own Dutch words."""

    INVALID = "invalid"
    FOREIGN = "foreign"
    NOT_CALLABLE = "not_callable"


class PhoneError(ValueError):
    def __init__(self, problem: PhoneProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def _checked(number: phonenumbers.PhoneNumber) -> str:
    if not phonenumbers.is_valid_number(number):
        raise PhoneError(PhoneProblem.INVALID)
    if number.country_code != COUNTRY_CODE:
        raise PhoneError(PhoneProblem.FOREIGN)
    if phonenumbers.number_type(number) not in CALLABLE_TYPES:
        raise PhoneError(PhoneProblem.NOT_CALLABLE)
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def callable_number(text: str) -> str:
    """``text`` (one number, written as people write it) as E.164, or ``PhoneError``.

    Accepts "06-12345678", "06 1234 5678", "+31 6 12345678" and "0031612345678".
    """
    if len(text) > MAX_INPUT_LENGTH:
        raise PhoneError(PhoneProblem.INVALID)
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        raise PhoneError(PhoneProblem.INVALID) from None
    return _checked(number)


def callable_number_in(text: str) -> str:
    """Like ``callable_number``, but also finds the number inside a sentence.

    "mijn nummer is 0612345678" gives "+31612345678". When the sentence holds only numbers that
    are refused, the problem of the last one is raised.
    """
    try:
        return callable_number(text)
    except PhoneError as error:
        if len(text) > MAX_INPUT_LENGTH:
            raise
        problem = error
    for match in phonenumbers.PhoneNumberMatcher(text, REGION):
        try:
            return _checked(match.number)
        except PhoneError as error:
            problem = error
    raise problem


def readable(e164: str) -> str:
    """'+31612345678' as a Dutch reader writes it: '06 12345678' (unchanged when unparsable)."""
    try:
        number = phonenumbers.parse(e164, REGION)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
