"""Pseudonymous Rasa sender ids: a keyed hash of channel and session id, never the raw id."""

from __future__ import annotations

import hashlib
import hmac
import re

_CHANNEL = re.compile(r"^[a-z][a-z0-9_]{0,19}$")
HEX_LENGTH = 32


def sender_id(key: str | bytes, channel: str, session_id: str) -> str:
    """Return ``<channel>-<32 hex>``: HMAC-SHA256 of ``<channel>:<session id>`` under ``key``.

    The same key, channel and session id always give the same sender id; without the key
    the session id cannot be recovered or guessed from it.
    """
    if not _CHANNEL.match(channel):
        raise ValueError(f"invalid channel name: {channel!r}")
    if not key:
        raise ValueError("the pseudonym key must not be empty")
    key_bytes = key.encode() if isinstance(key, str) else key
    digest = hmac.new(key_bytes, f"{channel}:{session_id}".encode(), hashlib.sha256)
    return f"{channel}-{digest.hexdigest()[:HEX_LENGTH]}"
