"""Remove personal data from an inwoner's message before it is stored.

Replaced by a placeholder: e-mail addresses, IBANs, Dutch, foreign and international telephone
numbers, dates with a year (a date of birth cannot be told from other dates), BSNs (any 9-digit
number), postcodes with or without a house number, street + house number, and a name after
"ik ben", "ik heet", "mijn naam is" or "met" at the start of the message. Better one digit too
many removed than a personal detail kept: every long digit run is treated as personal data.
Names are only caught in those phrasings (one or two capitalised words), so "ik ben moe" stays.
"""

from __future__ import annotations

import re

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec"
)
_STREETS = (
    "straat|laan|weg|plein|dijk|kade|gracht|singel|hof|pad|dreef|steeg|baan|park|markt"
    "|wal|haven|veld|ring|plantsoen|boulevard|dam|kamp|erf|oord|hout|kwartier"
)
_PARTICLES = r"(?i:van|de|der|den|het|'t|ter|ten|te)"
# Capitalised words that follow "ik ben" without being a name.
_NOT_NAMES = r"(?:Mantelzorger|Nederlander|Nederlands|Alleenstaand|Gepensioneerd|Werkloos)\b"
_NAME_WORD = r"[A-Z](?:[a-zà-ÿ'\-]+|\.(?:\s?[A-Z]\.)*)"
_NAME_PARTICLES = r"(?i:van|de|der|den|het|'t|ter|ten|te|von|el|al|ben|bin|da|di|du|la|le)"
_NAME = rf"(?!{_NOT_NAMES}){_NAME_WORD}(?:\s+(?:{_NAME_PARTICLES}\s+){{0,2}}{_NAME_WORD})?"
_MET = r"^\s*(?i:(?:hallo|hoi|goedemorgen|goedemiddag|goedenavond|dag)[\s,!]+)?(?i:met)"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("<e-mail>", re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)),
    (
        "<iban>",
        re.compile(
            r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d){6,14}\b|\b[A-Z]{2}\d{2}(?:\s?\d{4}){3,7}\b", re.I
        ),
    ),
    (
        "<telefoon>",
        re.compile(
            r"(?<![\w+])(?:(?:\+|00)\s?31\s?(?:\(0\))?\s?|0)"
            r"[1-9](?:[\s\-.]?\d){7,8}(?!\d)"
        ),
    ),
    (
        "<telefoon>",
        # International: "+32 470 12 34 56", "0032 (0)470...", "+1 (212) 555-1234".
        re.compile(r"(?<![\w+])(?:\+|00)\s?[1-9](?:[\s\-.()/]{0,2}\d){7,14}(?!\d)"),
    ),
    (
        "<datum>",
        re.compile(
            rf"\b{_DAY}[\-/.](?:0?[1-9]|1[0-2])[\-/.](?:\d{{4}}|\d{{2}})(?![\d\-/])"
            rf"|\b{_DAY}\s+(?i:{_MONTHS})\.?\s+(?:1[89]|20)\d{{2}}\b"
        ),
    ),
    ("<bsn>", re.compile(r"(?<!\d)\d(?:[\s.]?\d){7,8}(?!\d)")),
    (
        "<adres>",
        # "1234 AB" / "1234AB" / "1234ab"; not "2019 is" (a year and a word).
        re.compile(
            r"\b[1-9]\d{3}(?:\s?[A-Z]{2}|[a-z]{2})\b"
            r"(?:[\s,]*(?:nr\.?|nummer|huisnummer)?\s*\d{1,5}(?:\s?[a-zA-Z]\b)?)?"
        ),
    ),
    (
        "<adres>",
        # "Kerkstraat 12", "Burgemeester de Withstraat 3a", "op de oude gracht 12-bis".
        re.compile(
            rf"(?:\b(?:[A-Z][\w'\-]*|{_PARTICLES})\s+){{0,3}}"
            rf"\b[^\W\d_]['\w\-]*?(?i:{_STREETS})\s+[1-9]\d{{0,4}}"
            r"(?:[\s\-]?(?:[a-zA-Z]|hs|bis|I{1,3}))?(?![\w\-])"
        ),
    ),
    (
        r"\g<lead><naam>",
        re.compile(
            rf"(?P<lead>(?:(?i:\b(?:ik\s+ben|ik\s+heet|mijn\s+naam\s+is))|{_MET})\s+){_NAME}"
        ),
    ),
    ("<nummer>", re.compile(r"\d{6,}")),
)


def redact(text: str) -> str:
    """The text with personal data replaced by placeholders such as ``<telefoon>``."""
    for replacement, pattern in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text
