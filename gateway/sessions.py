"""Web chat session ids the gateway issues and can recognise again without storing them.

A session id is 16 random characters plus a 16-character keyed tag over them. Only the
gateway (which holds the pseudonym key) can make a valid tag, so an id the gateway never
issued is refused as unknown, by any gateway instance, also after a restart.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

RANDOM_LENGTH = 16
TAG_LENGTH = 16


def _tag(key: str, random_part: str) -> str:
    digest = hmac.new(key.encode(), f"sessie:{random_part}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode()[:TAG_LENGTH]


def new_session_id(key: str) -> str:
    """A fresh session id (32 URL-safe characters)."""
    random_part = secrets.token_urlsafe(12)[:RANDOM_LENGTH]
    return random_part + _tag(key, random_part)


def is_known(key: str, session_id: str) -> bool:
    """True when ``session_id`` was issued by a gateway with this key."""
    if len(session_id) != RANDOM_LENGTH + TAG_LENGTH:
        return False
    random_part, tag = session_id[:RANDOM_LENGTH], session_id[RANDOM_LENGTH:]
    return hmac.compare_digest(tag, _tag(key, random_part))
