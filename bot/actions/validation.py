"""Pure validation of the melding fields (limits match docs/contracts.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from voordeur_common.email_address import email_in_text
from voordeur_common.phone import PhoneError, PhoneProblem, callable_number_in, readable

MAX_ONDERWERP = 100
MAX_BESCHRIJVING = 4000
MAX_NAAM = 200
MAX_BEREIKBAAR = 200

# Why a value was refused; actions/texts.py turns these into Dutch messages.
EMPTY = "leeg"
TOO_LONG = "te_lang"
INVALID = "ongeldig"
FOREIGN = "buitenlands"
SERVICE_NUMBER = "servicenummer"

_WHITESPACE = re.compile(r"[ \t\r\f\v]+")


@dataclass(frozen=True)
class Outcome:
    """Either a cleaned ``waarde`` or a ``fout`` code (LEEG, TE_LANG, ...)."""

    value: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


# Bidirectional overrides can make a text read differently on the staff's screen.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def check_text(value: object, max_length: int) -> Outcome:
    """Trim spaces; refuse empty text, button payloads ('/intent') and text over the limit."""
    if not isinstance(value, str):
        return Outcome(error=EMPTY)
    value = _BIDI_CONTROLS.sub("", value)
    lines = [_WHITESPACE.sub(" ", line).strip() for line in value.strip().splitlines()]
    cleaned = "\n".join(line for line in lines if line)
    if not cleaned or cleaned.startswith("/"):
        return Outcome(error=EMPTY)
    if len(cleaned) > max_length:
        return Outcome(error=TOO_LONG)
    return Outcome(value=cleaned)


def check_single_line(value: object, max_length: int) -> Outcome:
    """Like check_text, on one line: the escalation API refuses line breaks in these fields."""
    outcome = check_text(value, max_length)
    if outcome.ok and outcome.value is not None:
        return Outcome(value=" ".join(outcome.value.split()))
    return outcome


def check_onderwerp(value: object) -> Outcome:
    return check_single_line(value, MAX_ONDERWERP)


def check_beschrijving(value: object) -> Outcome:
    return check_text(value, MAX_BESCHRIJVING)


def check_naam(value: object) -> Outcome:
    return check_single_line(value, MAX_NAAM)


def check_bereikbaar(value: object) -> Outcome:
    return check_single_line(value, MAX_BEREIKBAAR)


# "stop" ends the melding only when the classifier is sure AND the message is short:
# a description such as "de deurwaarder komt morgen en ik weet niet meer wat ik moet doen"
# must not throw away what the inwoner already told.
STOP_CONFIDENCE = 0.8
STOP_MAX_WORDS = 6


# A question about a topic ("wat is een pgb?") in the middle of the form is answered, and then
# the form goes on; it is not taken as the answer to the form's question.
QUESTION_CONFIDENCE = 0.6
_QUESTION_WORDS = re.compile(
    r"^(wat|wie|waar|wanneer|hoe|hoeveel|waarom|welke?|kan|kun|kunt|mag|moet|is|zijn|heb|"
    r"hebben|krijg|krijgt|wordt|ben|bestaat)\b",
    re.IGNORECASE,
)


def looks_like_question(text: str) -> bool:
    stripped = text.strip()
    return stripped.endswith("?") or bool(_QUESTION_WORDS.match(stripped))


def counts_as_answer(text: object, intent: str | None, confidence: float | None) -> bool:
    """Whether a message in the form is an answer to a free-text question.

    Not an answer: a crisis message (crisis first, always), a short, clear stop command and a
    clear question about a topic (info_* intent). Everything else is an answer, whatever
    intent the classifier gave it.
    """
    if not isinstance(text, str):
        return False
    if intent == "crisis":
        return False
    confidence = confidence if confidence is not None else 0.0
    short = len(text.split()) <= STOP_MAX_WORDS
    if intent == "stop" and confidence >= STOP_CONFIDENCE and short:
        return False
    question = bool(intent and intent.startswith("info_")) and looks_like_question(text)
    return not (question and confidence >= QUESTION_CONFIDENCE)


# Which numbers a medewerker calls back is one rule for the bot, the gateway and the API
# (voordeur_common.phone); these are the form's words for why a number is refused.
_PHONE_ERRORS = {
    PhoneProblem.INVALID: INVALID,
    PhoneProblem.FOREIGN: FOREIGN,
    PhoneProblem.NOT_CALLABLE: SERVICE_NUMBER,
}


def normalise_telefoon(value: object) -> Outcome:
    """A valid Dutch phone number as E.164 ('+31612345678').

    Accepts the usual ways of writing it ('06-12345678', '06 1234 5678', '+31 6 12345678',
    '0031612345678') and a number inside a sentence ('mijn nummer is 0612345678'). Only
    mobile and fixed-line numbers: service numbers (0800, 0900, 088, ...) are refused.
    """
    if not isinstance(value, str) or not value.strip():
        return Outcome(error=EMPTY)
    try:
        return Outcome(value=callable_number_in(value.strip()))
    except PhoneError as error:
        return Outcome(error=_PHONE_ERRORS[error.problem])


def telefoon_readable(e164: str) -> str:
    """'+31612345678' -> '06 12345678' (for reading the number back to the inwoner)."""
    return readable(e164)


def normalise_email(value: object) -> Outcome:
    """A valid e-mail address (also inside a sentence: 'mijn mail is a@b.nl'), normalised by
    the kernel's one e-mail rule (no DNS look-up)."""
    if not isinstance(value, str) or not value.strip():
        return Outcome(error=EMPTY)
    address = email_in_text(value)
    return Outcome(value=address) if address else Outcome(error=INVALID)


# --- multiple-choice answers -----------------------------------------------------------------

ZELF = "zelf"
NAASTE = "naaste"
ANDER = "ander"
_VOOR_WIE = (
    (ANDER, re.compile(r"\b(zorgen\s+om|ander|anders|buur\w*|kennis|vriend\w*|collega)\b")),
    (
        NAASTE,
        re.compile(
            r"\b(ik\s+zorg|zorg\s+voor|mantelzorg\w*|naaste|moeder|vader|ouders?|man|vrouw|partner|"
            r"zoon|dochter|kind\w*|broer|zus|opa|oma|schoon\w+)\b"
        ),
    ),
    (ZELF, re.compile(r"\b(zelf|mezelf|mijzelf|mij|mijn\s+eigen|ikzelf|ik)\b")),
)


def parse_voor_wie(text: object) -> str | None:
    """'zelf', 'naaste' (the inwoner is a mantelzorger) or 'ander' (worried about someone)."""
    if not isinstance(text, str):
        return None
    lowered = text.lower()
    for value, pattern in _VOOR_WIE:
        if pattern.search(lowered):
            return value
    return None


TELEFOON = "telefoon"
EMAIL = "email"


def parse_contactwijze(text: object) -> str | None:
    """'telefoon' or 'email' from the answer to "Hoe wilt u dat wij contact opnemen?"."""
    if not isinstance(text, str):
        return None
    lowered = text.lower()
    if re.search(r"e-?mail|\bmail|@", lowered):
        return EMAIL
    if re.search(r"telefo|\bbel|gebeld|nummer|\d{6,}", lowered):
        return TELEFOON
    return None


# --- corrections ("nee, mijn nummer is ...") -------------------------------------------------

_CORRECTION_CUE = re.compile(
    r"\b(nee|sorry|oeps|foutje|verkeerd|fout|klopt\s+niet|moet\s+zijn|ik\s+bedoel|"
    r"mijn\s+(tele?foon)?nummer|mijn\s+naam|onderwerp|mijn\s+(e-?)?mail(adres)?|ik\s+heet)\b",
    re.IGNORECASE,
)
_NAAM_CORRECTION = re.compile(
    r"\b(?:mijn\s+naam\s+is|ik\s+heet|naam\s+moet\s+zijn)\s+(.+?)\s*[.!]*$", re.IGNORECASE
)
_ONDERWERP_CORRECTION = re.compile(
    r"\bonderwerp\s+(?:is|moet\s+zijn)\s*:?\s+(.+?)\s*[.!]*$", re.IGNORECASE
)
_RESTART = re.compile(r"^\s*(alles\s+)?opnieuw(\s+(beginnen|invullen))?\s*[.!]*\s*$", re.I)


def is_restart(text: object) -> bool:
    """'opnieuw': fill in the melding again."""
    return isinstance(text, str) and bool(_RESTART.match(text))


def find_corrections(text: object, *, cue_required: bool = True) -> dict[str, str]:
    """Corrected contact details in a message: {'telefoon': E.164, 'email': ..., 'naam': ...}.

    With ``cue_required`` only a message that sounds like a correction ("nee", "mijn nummer
    is ...") counts, so an ordinary answer is never mistaken for one.
    """
    if not isinstance(text, str) or (cue_required and not _CORRECTION_CUE.search(text)):
        return {}
    found: dict[str, str] = {}
    if sum(char.isdigit() for char in text) >= 8:
        telefoon = normalise_telefoon(text)
        if telefoon.ok and telefoon.value:
            found[TELEFOON] = telefoon.value
    if "@" in text:
        email = normalise_email(text)
        if email.ok and email.value:
            found[EMAIL] = email.value
    onderwerp = _ONDERWERP_CORRECTION.search(text)
    if onderwerp:
        checked = check_onderwerp(onderwerp.group(1))
        if checked.ok and checked.value:
            found["onderwerp"] = checked.value
    naam = _NAAM_CORRECTION.search(text)
    if naam:
        checked = check_naam(naam.group(1))
        if checked.ok and checked.value:
            found["naam"] = checked.value
    return found
