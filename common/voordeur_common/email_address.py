"""The one e-mail rule: a syntactically valid address, normalised (lower-case domain).

No DNS look-up (nothing may be fetched at run time). Used by the bot's form (which first finds
the address inside a sentence), the escalation API's melding schema and staff accounts.
"""

from __future__ import annotations

import re
from typing import Final

from email_validator import EmailNotValidError, validate_email

MAX_LENGTH: Final = 254
_CANDIDATE: Final = re.compile(r"[^\s<>(),;:]+@[^\s<>(),;:]+\.[^\s<>(),;:]+")


def normalised_email(value: str) -> str:
    """The address in normal form; ValueError with a short English reason when it is not one."""
    candidate = value.strip()
    if len(candidate) > MAX_LENGTH:
        raise ValueError(f"an e-mail address has at most {MAX_LENGTH} characters")
    try:
        return validate_email(candidate, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(f"not a valid e-mail address: {exc}") from exc


def email_in_text(text: str) -> str | None:
    """The first e-mail address written inside a sentence ('mijn mail is a@b.nl.'), normalised,
    or the whole text when it is one; None when there is none."""
    match = _CANDIDATE.search(text)
    candidate = match.group(0).rstrip(".!?") if match else text
    try:
        return normalised_email(candidate)
    except ValueError:
        return None
