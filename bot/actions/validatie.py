"""Pure validation of the melding fields (limits match docs/contracts.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

MAX_ONDERWERP = 100
MAX_BESCHRIJVING = 4000
MAX_NAAM = 200

# Why a value was refused; actions/teksten.py turns these into Dutch messages.
LEEG = "leeg"
TE_LANG = "te_lang"
ONGELDIG = "ongeldig"
BUITENLANDS = "buitenlands"

_WHITESPACE = re.compile(r"[ \t\r\f\v]+")


@dataclass(frozen=True)
class Uitkomst:
    """Either a cleaned ``waarde`` or a ``fout`` code (LEEG, TE_LANG, ...)."""

    waarde: str | None = None
    fout: str | None = None

    @property
    def goed(self) -> bool:
        return self.fout is None


def controleer_tekst(value: object, max_lengte: int) -> Uitkomst:
    """Trim spaces; refuse empty text, button payloads ('/intent') and text over the limit."""
    if not isinstance(value, str):
        return Uitkomst(fout=LEEG)
    lines = [_WHITESPACE.sub(" ", line).strip() for line in value.strip().splitlines()]
    cleaned = "\n".join(line for line in lines if line)
    if not cleaned or cleaned.startswith("/"):
        return Uitkomst(fout=LEEG)
    if len(cleaned) > max_lengte:
        return Uitkomst(fout=TE_LANG)
    return Uitkomst(waarde=cleaned)


def controleer_onderwerp(value: object) -> Uitkomst:
    return controleer_tekst(value, MAX_ONDERWERP)


def controleer_beschrijving(value: object) -> Uitkomst:
    return controleer_tekst(value, MAX_BESCHRIJVING)


def controleer_naam(value: object) -> Uitkomst:
    uitkomst = controleer_tekst(value, MAX_NAAM)
    if uitkomst.goed and uitkomst.waarde is not None:
        return Uitkomst(waarde=" ".join(uitkomst.waarde.split()))
    return uitkomst


# "stop" ends the melding only when the classifier is sure AND the message is short:
# a description such as "de deurwaarder komt morgen en ik weet niet meer wat ik moet doen"
# must not throw away what the inwoner already told.
STOP_ZEKERHEID = 0.8
STOP_MAX_WOORDEN = 6


def telt_als_antwoord(tekst: object, intent: str | None, zekerheid: float | None) -> bool:
    """Whether a message in the form is an answer to a free-text question.

    Not an answer: a crisis message (crisis first, always) and a short, clear stop command.
    Everything else is an answer, whatever intent the classifier gave it.
    """
    if not isinstance(tekst, str):
        return False
    if intent == "crisis":
        return False
    if intent == "stop":
        zeker = zekerheid is not None and zekerheid >= STOP_ZEKERHEID
        if zeker and len(tekst.split()) <= STOP_MAX_WOORDEN:
            return False
    return True


def _nederlands(number: phonenumbers.PhoneNumber) -> Uitkomst:
    if not phonenumbers.is_valid_number(number):
        return Uitkomst(fout=ONGELDIG)
    if number.country_code != 31:
        return Uitkomst(fout=BUITENLANDS)
    return Uitkomst(waarde=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def normaliseer_telefoon(value: object) -> Uitkomst:
    """A valid Dutch phone number as E.164 ('+31612345678').

    Accepts the usual ways of writing it ('06-12345678', '06 1234 5678', '+31 6 12345678',
    '0031612345678') and a number inside a sentence ('mijn nummer is 0612345678').
    """
    if not isinstance(value, str) or not value.strip():
        return Uitkomst(fout=LEEG)
    text = value.strip()
    if len(text) > 200:
        return Uitkomst(fout=ONGELDIG)
    try:
        uitkomst = _nederlands(phonenumbers.parse(text, "NL"))
    except phonenumbers.NumberParseException:
        uitkomst = Uitkomst(fout=ONGELDIG)
    if uitkomst.goed:
        return uitkomst
    for match in phonenumbers.PhoneNumberMatcher(text, "NL"):
        found = _nederlands(match.number)
        if found.goed:
            return found
        uitkomst = found
    return uitkomst


def telefoon_leesbaar(e164: str) -> str:
    """'+31612345678' -> '06 12345678' (for reading the number back to the inwoner)."""
    try:
        number = phonenumbers.parse(e164, "NL")
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
