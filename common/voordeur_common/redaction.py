"""Remove personal data from text: each detector written once, two policies built from them.

``redact_log_line`` (the gateway's logs) removes only what is surely personal: e-mail, phone
numbers (``phonenumbers``), IBANs that pass mod-97, BSNs that pass the 11-proef, postcode +
huisnummer. Pseudonyms are kept: the logs need them to follow one conversation.

``redact_inwoner_text`` (texts stored by the insights) runs the same detectors without the
checksums, so it removes at least what ``redact_log_line`` removes, plus numbers that only look
like a phone number, dates with a year (a date of birth cannot be told from other dates), street
+ house number, a name after "ik ben", "ik heet", "mijn naam is" or "met" at the start, and every
run of six or more digits. Better one digit too many removed than a personal detail kept.

``install_redaction`` puts a ``PiiRedactingFilter`` (``redact_log_line`` on every record) on a
logger and the loggers below it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import phonenumbers

Span = tuple[int, int]


@dataclass(frozen=True)
class Detector:
    """One kind of personal data: ``find`` gives the spans to replace by ``kind``'s placeholder."""

    kind: str
    find: Callable[[str], Iterator[Span]]


def _spans(
    pattern: re.Pattern[str], keep: Callable[[re.Match[str]], bool] | None = None
) -> Callable[[str], Iterator[Span]]:
    """The matches of ``pattern`` (its group ``pii`` when it has one) that ``keep`` accepts."""

    def find(text: str) -> Iterator[Span]:
        for match in pattern.finditer(text):
            if keep is None or keep(match):
                yield match.span("pii" if "pii" in pattern.groupindex else 0)

    return find


# --- E-mail -------------------------------------------------------------------------------------

EMAIL_PATTERN = re.compile(r"[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)+")
EMAIL = Detector("e-mail", _spans(EMAIL_PATTERN))

# --- IBAN (ISO 13616) ---------------------------------------------------------------------------

IBAN_PATTERN = re.compile(r"\b[A-Za-z]{2}\d{2}(?:\s?[A-Za-z0-9]{4}){2,7}(?:\s?[A-Za-z0-9]{1,3})?\b")


def iban_valid(candidate: str) -> bool:
    """The ISO 13616 mod-97 check."""
    compact = re.sub(r"\s", "", candidate).upper()
    digits = "".join(str(int(char, 36)) for char in compact[4:] + compact[:4])
    return int(digits) % 97 == 1


def _written_as_iban(match: re.Match[str]) -> bool:
    """Upper case as an IBAN is written (so surely meant as one, even with a typo), or valid."""
    text = match.group(0)
    return re.sub(r"\s", "", text).isupper() or iban_valid(text)


IBAN = Detector("iban", _spans(IBAN_PATTERN, _written_as_iban))
ANY_IBAN = Detector("iban", _spans(IBAN_PATTERN))

# --- BSN ----------------------------------------------------------------------------------------

# Eight or nine digits, in groups separated by a dot or a space ("123.456.782", "1234 56 782").
BSN_PATTERN = re.compile(r"(?<![\d.])\d(?:[.\s]?\d){7,8}(?![\d.]?\d)")


def bsn_valid(candidate: str) -> bool:
    """The 11-proef: weights 9..2 for the first eight digits, -1 for the last.

    An old 8-digit BSN is checked with a 0 before it.
    """
    digits = re.sub(r"\D", "", candidate).zfill(9)
    total = sum(int(digit) * weight for digit, weight in zip(digits, range(9, 1, -1), strict=False))
    return (total - int(digits[8])) % 11 == 0 and digits != "000000000"


BSN = Detector("bsn", _spans(BSN_PATTERN, lambda match: bsn_valid(match.group(0))))
ANY_BSN = Detector("bsn", _spans(BSN_PATTERN))

# --- Phone numbers ------------------------------------------------------------------------------


def _valid_phone_numbers(text: str) -> Iterator[Span]:
    for found in phonenumbers.PhoneNumberMatcher(text, "NL"):
        yield found.start, found.end


PHONE = Detector("telefoon", _valid_phone_numbers)
# Anything written like a phone number, valid or not: Dutch ("06-1234567", "+31 (0)20 ...") and
# international ("+32 470 12 34 56", "0032 (0)470...", "+1 (212) 555-1234").
PHONE_SHAPED = (
    Detector(
        "telefoon",
        _spans(
            re.compile(
                r"(?<![\w+])(?:(?:\+|00)\s?31\s?(?:\(0\))?\s?|0)[1-9](?:[\s\-.]?\d){7,8}(?!\d)"
            )
        ),
    ),
    Detector(
        "telefoon",
        _spans(re.compile(r"(?<![\w+])(?:\+|00)\s?[1-9](?:[\s\-.()/]{0,2}\d){7,14}(?!\d)")),
    ),
)

# --- Postcode + huisnummer ----------------------------------------------------------------------

POSTCODE_PATTERN = re.compile(
    r"\b[1-9]\d{3}\s?(?P<letters>[A-Za-z]{2})\b"
    r"(?:[\s,]*(?:(?:nr\.?|nummer|huisnummer)\s*)?\d{1,5}"
    r"(?:\s?[-/]\s?[A-Za-z0-9]{1,4}\b|[A-Za-z]{1,2}\b|\s[A-Za-z]\b)?)?"
)
# Lower-case words and units that follow a number in ordinary Dutch ("in 2024 en"): no postcode.
COMMON_PAIRS = frozenset(
    {"en", "in", "op", "of", "is", "te", "om", "na", "al", "de", "je", "uw", "we", "ze", "zo"}
    | {"ik", "ga", "nu", "er", "ja", "me"}
) | frozenset({"km", "kg", "mg", "ml", "cm", "mm"})


def _not_a_common_word(match: re.Match[str]) -> bool:
    letters = match.group("letters")
    return not (letters.islower() and letters in COMMON_PAIRS)


POSTCODE = Detector("adres", _spans(POSTCODE_PATTERN, _not_a_common_word))

# --- Only in stored inwoner texts: dates, street addresses, names, long digit runs --------------

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec"
)
DATE = Detector(
    "datum",
    _spans(
        re.compile(
            rf"\b{_DAY}[\-/.](?:0?[1-9]|1[0-2])[\-/.](?:\d{{4}}|\d{{2}})(?![\d\-/])"
            rf"|\b{_DAY}\s+(?i:{_MONTHS})\.?\s+(?:1[89]|20)\d{{2}}\b"
        )
    ),
)

_STREETS = (
    "straat|laan|weg|plein|dijk|kade|gracht|singel|hof|pad|dreef|steeg|baan|park|markt"
    "|wal|haven|veld|ring|plantsoen|boulevard|dam|kamp|erf|oord|hout|kwartier"
)
_PARTICLES = r"(?i:van|de|der|den|het|'t|ter|ten|te)"
# "Kerkstraat 12", "Burgemeester de Withstraat 3a", "op de oude gracht 12-bis".
STREET_ADDRESS = Detector(
    "adres",
    _spans(
        re.compile(
            rf"(?:\b(?:[A-Z][\w'\-]*|{_PARTICLES})\s+){{0,3}}"
            rf"\b[^\W\d_]['\w\-]*?(?i:{_STREETS})\s+[1-9]\d{{0,4}}"
            r"(?:[\s\-]?(?:[a-zA-Z]|hs|bis|I{1,3}))?(?![\w\-])"
        )
    ),
)

# Capitalised words that follow "ik ben" without being a name.
_NOT_NAMES = r"(?:Mantelzorger|Nederlander|Nederlands|Alleenstaand|Gepensioneerd|Werkloos)\b"
_NAME_WORD = r"[A-Z](?:[a-zà-ÿ'\-]+|\.(?:\s?[A-Z]\.)*)"
_NAME_PARTICLES = r"(?i:van|de|der|den|het|'t|ter|ten|te|von|el|al|ben|bin|da|di|du|la|le)"
_NAME = rf"(?!{_NOT_NAMES}){_NAME_WORD}(?:\s+(?:{_NAME_PARTICLES}\s+){{0,2}}{_NAME_WORD})?"
_MET = r"^\s*(?i:(?:hallo|hoi|goedemorgen|goedemiddag|goedenavond|dag)[\s,!]+)?(?i:met)"
# One or two capitalised words after "ik ben", "ik heet", "mijn naam is", or "met" at the start.
NAME = Detector(
    "naam",
    _spans(
        re.compile(rf"(?:(?i:\b(?:ik\s+ben|ik\s+heet|mijn\s+naam\s+is))|{_MET})\s+(?P<pii>{_NAME})")
    ),
)

DIGIT_RUN = Detector("nummer", _spans(re.compile(r"\d{6,}")))

# --- Policies -----------------------------------------------------------------------------------

LOG_LINE_DETECTORS = (EMAIL, IBAN, PHONE, BSN, POSTCODE)
# The log line's detectors with the checksums off, in the same order, and the extra kinds.
INWONER_TEXT_DETECTORS = (
    EMAIL,
    ANY_IBAN,
    PHONE,
    *PHONE_SHAPED,
    DATE,
    ANY_BSN,
    POSTCODE,
    STREET_ADDRESS,
    NAME,
    DIGIT_RUN,
)


def _apply(text: str, detectors: Iterable[Detector], placeholder: str) -> str:
    """Each detector in turn on the text the previous ones left, spans replaced by placeholders."""
    for detector in detectors:
        parts, last = [], 0
        for start, end in detector.find(text):
            parts += [text[last:start], placeholder.format(detector.kind)]
            last = end
        text = "".join([*parts, text[last:]])
    return text


PSEUDONYM = re.compile(r"(\b[a-z][a-z0-9_]{0,19}-[0-9a-f]{32}\b)")


def redact_log_line(text: str) -> str:
    """``text`` with personal data replaced by placeholders such as ``[telefoon]``.

    Pseudonyms (``web-`` + 32 hex digits) are kept as they are: they are not personal data
    on their own and the logs need them to follow one conversation.
    """
    parts = PSEUDONYM.split(text)
    return "".join(
        part if PSEUDONYM.fullmatch(part) else _apply(part, LOG_LINE_DETECTORS, "[{}]")
        for part in parts
    )


def redact_inwoner_text(text: str) -> str:
    """An inwoner's message with personal data replaced by placeholders such as ``<telefoon>``."""
    return _apply(text, INWONER_TEXT_DETECTORS, "<{}>")


# --- Logging ------------------------------------------------------------------------------------


class PiiRedactingFilter(logging.Filter):
    """Replaces a record's message and arguments by the redacted message; never drops it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = redact_log_line(message)
        record.args = None
        return True


# Libraries that log personal data or secrets below WARNING: httpx logs request URLs (the
# Telegram bot token is part of them), python-telegram-bot logs call parameters (chat ids).
CHATTY_LIBRARIES = ("httpx", "httpcore", "telegram", "hpack")


def install_redaction(prefix: str) -> None:
    """Put one ``PiiRedactingFilter`` on the ``prefix`` logger and every logger below it.

    Logger filters do not run for records from child loggers, so each gets its own. Also caps
    ``CHATTY_LIBRARIES`` at WARNING, whatever the log configuration says.
    """
    for library in CHATTY_LIBRARIES:
        logging.getLogger(library).setLevel(logging.WARNING)
    names = [prefix] + [
        name for name in logging.root.manager.loggerDict if name.startswith(prefix + ".")
    ]
    for name in names:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, PiiRedactingFilter) for existing in logger.filters):
            logger.addFilter(PiiRedactingFilter())
