"""Remove personal data from an inwoner's message before it is stored.

Replaced by a placeholder: e-mail addresses, IBANs, telephone numbers, BSNs (any 9-digit
number) and postcodes with or without a house number. Better one digit too many removed than
a personal detail kept: every long digit run is treated as personal data.
"""

from __future__ import annotations

import re

_SEP = r"[\s.\-]?"
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
    ("<bsn>", re.compile(r"(?<!\d)\d(?:[\s.]?\d){7,8}(?!\d)")),
    (
        "<adres>",
        # "1234 AB" / "1234AB" / "1234ab"; not "2019 is" (a year and a word).
        re.compile(
            r"\b[1-9]\d{3}(?:\s?[A-Z]{2}|[a-z]{2})\b"
            r"(?:[\s,]*(?:nr\.?|nummer|huisnummer)?\s*\d{1,5}(?:\s?[a-zA-Z]\b)?)?"
        ),
    ),
    ("<nummer>", re.compile(r"\d{6,}")),
)


def redact(text: str) -> str:
    """The text with personal data replaced by placeholders such as ``<telefoon>``."""
    for placeholder, pattern in _PATTERNS:
        text = pattern.sub(placeholder, text)
    return text
