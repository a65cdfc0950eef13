"""Input rules for chat messages, and Dutch error messages for bad requests."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from gateway import texts

ALLOWED_CONTROL_CHARACTERS = frozenset("\n\t")
# Cc: control characters; Cs: lone surrogates (valid in JSON escapes, not encodable as UTF-8).
_REJECTED_CATEGORIES = frozenset({"Cc", "Cs"})


class InputError(ValueError):
    """The inwoner's input breaks a rule; ``detail`` is the Dutch message to show."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def clean_message(raw: str, max_length: int) -> str:
    """Return the message without surrounding whitespace, or raise ``InputError``.

    Windows line ends become ``\\n``. Control characters other than newline and tab are
    refused, as are messages that are empty after stripping or longer than ``max_length``.
    """
    message = raw.replace("\r\n", "\n").strip()
    if not message:
        raise InputError(texts.MESSAGE_EMPTY)
    if len(message) > max_length:
        raise InputError(texts.message_too_long(max_length))
    for character in message:
        if (
            character not in ALLOWED_CONTROL_CHARACTERS
            and unicodedata.category(character) in _REJECTED_CATEGORIES
        ):
            raise InputError(texts.MESSAGE_CONTROL_CHARACTERS)
    return message


def detail_for_validation_errors(errors: Iterable[Mapping[str, Any]]) -> str:
    """Pick one Dutch message for FastAPI's validation errors on the chat request.

    A body that cannot be read at all wins over a problem with ``message``, which wins over
    a problem with ``session_id``.
    """
    found: dict[str, str] = {}
    for error in errors:
        loc = tuple(error.get("loc", ()))
        kind = error.get("type", "")
        field = loc[1] if len(loc) > 1 and loc[0] == "body" else None
        if kind == "json_invalid" or field is None or not isinstance(field, str):
            found.setdefault("body", texts.UNREADABLE_REQUEST)
        elif field == "message":
            message = texts.MESSAGE_MISSING if kind == "missing" else texts.MESSAGE_NOT_TEXT
            found.setdefault("message", message)
        elif field == "session_id":
            found.setdefault("session_id", texts.SESSION_ID_INVALID)
        else:
            found.setdefault("body", texts.UNREADABLE_REQUEST)
    for key in ("body", "message", "session_id"):
        if key in found:
            return found[key]
    return texts.UNREADABLE_REQUEST
