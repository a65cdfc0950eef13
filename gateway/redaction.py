"""Remove personal data from log lines: phone numbers, e-mail, BSN, IBAN, postcode + huisnummer.

``PiiRedactingFilter`` rewrites each record's message (with its arguments filled in) before
any handler sees it. Logger filters do not run for records from child loggers, so
``install_redaction`` puts the filter on every ``gateway`` logger itself.
"""

from __future__ import annotations

import logging
import re

import phonenumbers

PSEUDONYM = re.compile(r"(\b[a-z][a-z0-9_]{0,19}-[0-9a-f]{32}\b)")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?\b")
BSN = re.compile(r"(?<![\d.])\d{3}[. ]?\d{3}[. ]?\d{3}(?![\d.]?\d)")
POSTCODE = re.compile(
    r"\b[1-9]\d{3} ?([A-Za-z]{2})\b(?:[ ,]+\d{1,5}(?: ?[-/] ?[A-Za-z0-9]{1,4}|[A-Za-z]{1,2}\b)?)?"
)
# Lower-case words and units that follow a number in ordinary Dutch ("in 2024 en"): no postcode.
COMMON_PAIRS = frozenset(
    {"en", "in", "op", "of", "is", "te", "om", "na", "al", "de", "je", "uw", "we", "ze", "zo"}
) | frozenset({"km", "kg", "mg", "ml", "cm", "mm"})
PLACEHOLDERS = {
    "email": "[e-mail]",
    "iban": "[iban]",
    "bsn": "[bsn]",
    "postcode": "[adres]",
    "phone": "[telefoon]",
}


def _iban_valid(candidate: str) -> bool:
    """The ISO 13616 mod-97 check."""
    compact = candidate.replace(" ", "").upper()
    digits = "".join(str(int(char, 36)) for char in compact[4:] + compact[:4])
    return int(digits) % 97 == 1


def _iban(match: re.Match[str]) -> str:
    text = match.group(0)
    if text.replace(" ", "").isupper() or _iban_valid(text):
        return PLACEHOLDERS["iban"]
    return text


def _bsn_valid(digits: str) -> bool:
    """The 11-proef for a BSN: weights 9..2 for the first eight digits, -1 for the last."""
    total = sum(int(digit) * weight for digit, weight in zip(digits, range(9, 1, -1), strict=False))
    return (total - int(digits[8])) % 11 == 0 and digits != "000000000"


def _bsn(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return PLACEHOLDERS["bsn"] if _bsn_valid(digits) else match.group(0)


def _postcode(match: re.Match[str]) -> str:
    letters = match.group(1)
    if letters.islower() and letters in COMMON_PAIRS:
        return match.group(0)
    return PLACEHOLDERS["postcode"]


def _phones(text: str) -> str:
    parts, last = [], 0
    for found in phonenumbers.PhoneNumberMatcher(text, "NL"):
        parts.append(text[last : found.start])
        parts.append(PLACEHOLDERS["phone"])
        last = found.end
    parts.append(text[last:])
    return "".join(parts)


def redact(text: str) -> str:
    """``text`` with personal data replaced by placeholders such as ``[telefoon]``.

    Pseudonyms (``web-`` + 32 hex digits) are kept as they are: they are not personal data
    on their own and the logs need them to follow one conversation.
    """
    parts = PSEUDONYM.split(text)
    return "".join(part if PSEUDONYM.fullmatch(part) else _redact(part) for part in parts)


def _redact(text: str) -> str:
    text = EMAIL.sub(PLACEHOLDERS["email"], text)
    text = IBAN.sub(_iban, text)
    text = POSTCODE.sub(_postcode, text)
    text = BSN.sub(_bsn, text)
    return _phones(text)


class PiiRedactingFilter(logging.Filter):
    """Replaces a record's message and arguments by the redacted message; never drops it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        return True


# Libraries that log personal data or secrets below WARNING: httpx logs request URLs (the
# Telegram bot token is part of them), python-telegram-bot logs call parameters (chat ids).
CHATTY_LIBRARIES = ("httpx", "httpcore", "telegram", "hpack")


def install_redaction(prefix: str = "gateway") -> None:
    """Put one ``PiiRedactingFilter`` on the ``prefix`` logger and every logger below it.

    Also caps ``CHATTY_LIBRARIES`` at WARNING, whatever the log configuration says.
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
