"""The assistant's answers in the shapes WhatsApp allows.

WhatsApp's limits (Cloud API, interactive and text messages): a text message holds at most
4096 characters; an interactive message's body at most 1024. Reply buttons: at most 3, title
at most 20 characters, id at most 256. A list message: one button (label at most 20) that opens
at most 10 rows, row title at most 24, description at most 72, row id at most 200. So up to
three short choices become reply buttons and anything else a list (more than ten: several
lists). Phone numbers stay plain text: WhatsApp's apps make them tappable themselves.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

from gateway.models import BotMessage, Button
from gateway.phone_numbers import find_phone_numbers

TEXT_MAX = 4096
INTERACTIVE_BODY_MAX = 1024
REPLY_BUTTONS_MAX = 3
BUTTON_TITLE_MAX = 20
BUTTON_ID_MAX = 256
LIST_ROWS_MAX = 10
ROW_TITLE_MAX = 24
ROW_DESCRIPTION_MAX = 72
ROW_ID_MAX = 200
KEY_PREFIX = "#"
BUTTONS_ONLY_TEXT = "Kies een antwoord:"
MORE_CHOICES_TEXT = "Meer keuzes:"
LIST_BUTTON = "Kies een antwoord"
# Where a long text may be cut, best first: a paragraph, a line, a sentence, a word.
_BREAKS = tuple(re.compile(p) for p in (r"\n\s*\n", r"\n", r"(?<=[.!?])\s+", r"\s+"))


@dataclass(frozen=True)
class Choice:
    """One choice as sent: what is shown, an optional longer line under it, and its id."""

    title: str
    id: str
    description: str | None = None


@dataclass(frozen=True)
class Outgoing:
    """One WhatsApp message: plain text, or a body with reply buttons or a list."""

    text: str
    buttons: tuple[Choice, ...] = ()
    rows: tuple[Choice, ...] = ()


def split_text(text: str, limit: int = TEXT_MAX) -> list[str]:
    """``text`` in parts of at most ``limit`` characters, never inside a phone number.

    A part ends at the last paragraph break that fits, else a line break, a sentence end or a
    space; only a part without any of those is cut hard.
    """
    parts: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = _cut_position(rest, limit)
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts


def _cut_position(text: str, limit: int) -> int:
    numbers = find_phone_numbers(text[: limit + 40])
    for pattern in _BREAKS:
        for match in reversed(list(pattern.finditer(text, 0, limit + 1))):
            if match.start() > 0 and not any(s < match.start() < e for s, e in numbers):
                return match.start()
    return limit


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class PayloadKeys:
    """Short ``#n`` keys for payloads too long for a WhatsApp id, per sender, in memory.

    Bounded: the oldest senders are dropped first; a key that is gone (or was made by another
    gateway instance) is answered with "this button no longer works".
    """

    def __init__(self, senders_max: int = 10_000, keys_max: int = 100) -> None:
        self._keys: OrderedDict[str, dict[str, str]] = OrderedDict()
        self._senders_max = senders_max
        self._keys_max = keys_max

    def key(self, sender: str, payload: str) -> str:
        """A new key for ``payload`` of ``sender``."""
        keys = self._keys.setdefault(sender, {})
        self._keys.move_to_end(sender)
        while len(self._keys) > self._senders_max:
            self._keys.popitem(last=False)
        if len(keys) >= self._keys_max:
            keys.clear()
        key = f"{KEY_PREFIX}{len(keys)}"
        keys[key] = payload
        return key

    def payload(self, sender: str, key: str) -> str | None:
        """The payload behind ``key``, or ``None`` when it is unknown."""
        return self._keys.get(sender, {}).get(key)

    def forget(self, sender: str) -> None:
        """Drop every key of ``sender`` (the conversation was deleted)."""
        self._keys.pop(sender, None)


def _ids(sender: str, buttons: list[Button], id_max: int, keys: PayloadKeys) -> list[str]:
    ids: list[str] = []
    for button in buttons:
        payload = button.payload
        usable = payload and len(payload) <= id_max and not payload.startswith(KEY_PREFIX)
        ids.append(payload if usable and payload not in ids else keys.key(sender, payload))
    return ids


def outgoing(sender: str, reply: BotMessage, keys: PayloadKeys) -> list[Outgoing]:
    """The WhatsApp messages for one answer of the assistant, in order."""
    text = (reply.text or "").strip()
    buttons = [button for button in reply.buttons if button.title.strip()]
    if not buttons:
        return [Outgoing(part) for part in split_text(text)]
    messages: list[Outgoing] = []
    if len(text) > INTERACTIVE_BODY_MAX:
        messages = [Outgoing(part) for part in split_text(text)]
        text = ""
    body = text or BUTTONS_ONLY_TEXT
    short = all(len(button.title.strip()) <= BUTTON_TITLE_MAX for button in buttons)
    if len(buttons) <= REPLY_BUTTONS_MAX and short:
        ids = _ids(sender, buttons, BUTTON_ID_MAX, keys)
        choices = tuple(Choice(b.title.strip(), i) for b, i in zip(buttons, ids, strict=True))
        return [*messages, Outgoing(body, buttons=choices)]
    ids = _ids(sender, buttons, ROW_ID_MAX, keys)
    rows = [_row(button.title.strip(), id_) for button, id_ in zip(buttons, ids, strict=True)]
    for start in range(0, len(rows), LIST_ROWS_MAX):
        chunk = tuple(rows[start : start + LIST_ROWS_MAX])
        messages.append(Outgoing(body if start == 0 else MORE_CHOICES_TEXT, rows=chunk))
    return messages


def _row(title: str, id_: str) -> Choice:
    if len(title) <= ROW_TITLE_MAX:
        return Choice(title, id_)
    return Choice(_shorten(title, ROW_TITLE_MAX), id_, _shorten(title, ROW_DESCRIPTION_MAX))
