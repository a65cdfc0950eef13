"""Sender ids are keyed hashes of channel and session id."""

from __future__ import annotations

import hashlib
import hmac
import re

import pytest

from gateway.pseudonym import sender_id


def test_format_and_value() -> None:
    result = sender_id("key", "web", "session-0123456789")
    assert re.fullmatch(r"web-[0-9a-f]{32}", result)
    expected = hmac.new(b"key", b"web:session-0123456789", hashlib.sha256).hexdigest()[:32]
    assert result == f"web-{expected}"


def test_stable_and_distinct() -> None:
    assert sender_id("key", "web", "a" * 20) == sender_id(b"key", "web", "a" * 20)
    assert sender_id("key", "web", "a" * 20) != sender_id("key", "web", "b" * 20)
    assert sender_id("key", "web", "a" * 20) != sender_id("other", "web", "a" * 20)
    assert sender_id("key", "web", "a" * 20)[4:] != sender_id("key", "telegram", "a" * 20)[9:]


def test_raw_id_is_not_in_the_sender() -> None:
    assert "mysession" not in sender_id("key", "web", "mysession0123456")


@pytest.mark.parametrize("channel", ["", "Web", "web:x", "a" * 30])
def test_bad_channel_is_refused(channel: str) -> None:
    with pytest.raises(ValueError, match="channel"):
        sender_id("key", channel, "session")


def test_empty_key_is_refused() -> None:
    with pytest.raises(ValueError, match="key"):
        sender_id("", "web", "session")
