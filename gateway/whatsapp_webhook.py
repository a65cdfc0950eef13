"""What Meta's webhook sends for WhatsApp: the verify handshake, the signature, the messages.

The gateway checks these itself rather than through pywa's webhook server: the handshake also
checks ``hub.mode`` and compares the token in constant time, the signature is compared as
bytes (a header with other characters cannot raise), and every message in a batched delivery
is read (pywa's dispatcher reads only the first).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from enum import Enum
from typing import Any

SIGNATURE_HEADER = "X-Hub-Signature-256"
SIGNATURE_PREFIX = "sha256="
# Messages that need no answer: an emoji reaction, a system notice, an unsupported type.
_SILENT_TYPES = frozenset({"reaction", "system", "unsupported", "request_welcome"})


def handshake_answer(params: dict[str, str], verify_token: str) -> str | None:
    """The challenge to echo when Meta verifies the webhook with our token, else ``None``."""
    mode = params.get("hub.mode", "")
    given = params.get("hub.verify_token", "").encode()
    challenge = params.get("hub.challenge")
    if mode != "subscribe" or challenge is None:
        return None
    if not hmac.compare_digest(given, verify_token.encode()):
        return None
    return challenge


def signature_valid(body: bytes, header: str | None, app_secret: str) -> bool:
    """Whether ``header`` is ``sha256=<HMAC-SHA256 of the raw body under the app secret>``."""
    if not header or not header.startswith(SIGNATURE_PREFIX):
        return False
    expected = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest().encode()
    given = header[len(SIGNATURE_PREFIX) :].strip().lower().encode("utf-8", "replace")
    return hmac.compare_digest(given, expected)


class Kind(Enum):
    """What the inwoner sent."""

    TEXT = "text"
    CHOICE = "choice"  # a reply button or a list row: ``content`` is its id
    OTHER = "other"  # a photo, voice message, location, ...: only text can be read


@dataclass(frozen=True)
class Incoming:
    """One message of an inwoner. ``address`` and ``phone`` are personal data: never log them."""

    message_id: str
    address: str  # what to answer to: the wa_id (phone number) or else the BSUID
    phone: str | None  # the wa_id, when WhatsApp gave it
    name: str | None  # the WhatsApp profile name
    kind: Kind
    content: str


def parse_messages(data: Any, phone_number_id: str) -> list[Incoming] | None:
    """The inwoners' messages to our number in a webhook body; ``None`` when it is no such body.

    Deliveries of status updates, to another number of the same app, from groups or without a
    sender are skipped.
    """
    if not isinstance(data, dict) or data.get("object") != "whatsapp_business_account":
        return None
    entries = data.get("entry")
    if not isinstance(entries, list):
        return None
    found: list[Incoming] = []
    for entry in entries:
        for change in _dicts(entry.get("changes") if isinstance(entry, dict) else None):
            value = change.get("value")
            if change.get("field") != "messages" or not isinstance(value, dict):
                continue
            metadata = value.get("metadata")
            if not isinstance(metadata, dict) or metadata.get("phone_number_id") != phone_number_id:
                continue
            contacts = _dicts(value.get("contacts"))
            for message in _dicts(value.get("messages")):
                incoming = _incoming(message, contacts)
                if incoming is not None:
                    found.append(incoming)
    return found


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _incoming(message: dict[str, Any], contacts: list[dict[str, Any]]) -> Incoming | None:
    message_id, kind = message.get("id"), message.get("type")
    if not isinstance(message_id, str) or not isinstance(kind, str) or "group_id" in message:
        return None
    if kind in _SILENT_TYPES:
        return None
    sender = message.get("from")
    contact = next((c for c in contacts if sender and c.get("wa_id") == sender), None)
    if contact is None and len(contacts) == 1:
        contact = contacts[0]
    contact = contact or {}
    phone = _digits(contact.get("wa_id")) or _digits(sender)
    address = phone or _text(contact.get("user_id")) or _text(message.get("from_user_id"))
    if address is None:
        return None
    profile = contact.get("profile")
    name = _text(profile.get("name")) if isinstance(profile, dict) else None
    kind_of, content = _content(message, kind)
    return Incoming(message_id, address, phone, name, kind_of, content)


def _content(message: dict[str, Any], kind: str) -> tuple[Kind, str]:
    if kind == "text":
        text = message.get("text")
        body = text.get("body") if isinstance(text, dict) else None
        return (Kind.TEXT, body) if isinstance(body, str) else (Kind.OTHER, "")
    if kind == "interactive":
        interactive = message.get("interactive")
        if isinstance(interactive, dict):
            for reply_type in ("button_reply", "list_reply"):
                reply = interactive.get(reply_type)
                if isinstance(reply, dict) and isinstance(reply.get("id"), str):
                    return Kind.CHOICE, reply["id"]
    return Kind.OTHER, ""


def _digits(value: Any) -> str | None:
    """A wa_id: the phone number in international form, digits only."""
    return value if isinstance(value, str) and value.isdigit() else None


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
