"""Dutch phone numbers in an answer, and the form Telegram makes tappable.

``find_phone_numbers`` uses the web chat's idea of a number (``LINK_PATTERN`` in
``gateway/static/chat.js``): 112, 113, or a number that starts with 0 (0800-0113, 088 0767 000,
0900 - 112 0 112), not inside a web address or an e-mail address.

Telegram cannot be told that a piece of text is a phone number: the Bot API drops
``phone_number`` entities a bot sends, and refuses ``tel:`` in text links and buttons.
Telegram marks numbers in international form (``+31 800 0113``) itself, and its apps make
those tappable. So ``with_international_numbers`` writes every valid Dutch number in that
form; 112 and 113 have no international form and stay as they are (see docs/gateway.md).
"""

from __future__ import annotations

import re

import phonenumbers

# The same alternatives, in the same order, as LINK_PATTERN in gateway/static/chat.js, with
# JavaScript's ASCII-only \d and \w written out.
_WEB_ADDRESS = r"https?://[^\s<>\"']+"
_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
_NUMBER = (
    r"(?<![A-Za-z0-9_.+@-])"
    r"(?:0[0-9]{1,3}(?: ?- ?| )?[0-9]{2,4}(?:[ -]?[0-9]{1,4}){0,3}|11[23])"
    r"(?!\.?[A-Za-z0-9_])"
)
_PATTERN = re.compile(rf"{_WEB_ADDRESS}|{_EMAIL}|(?P<number>{_NUMBER})")


def find_phone_numbers(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every phone number in ``text``, in order."""
    return [match.span("number") for match in _PATTERN.finditer(text) if match.group("number")]


def international_form(number: str) -> str | None:
    """``number`` as ``+31 ...`` when it is a valid Dutch number, else ``None`` (112, 113)."""
    try:
        parsed = phonenumbers.parse(number, "NL")
    except phonenumbers.NumberParseException:
        return None
    if parsed.country_code != 31 or not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def with_international_numbers(text: str) -> str:
    """``text`` with every valid Dutch number in international form (tappable in Telegram)."""
    parts: list[str] = []
    last = 0
    for start, end in find_phone_numbers(text):
        number = text[start:end]
        parts += [text[last:start], international_form(number) or number]
        last = end
    parts.append(text[last:])
    return "".join(parts)
