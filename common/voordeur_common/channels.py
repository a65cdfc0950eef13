"""The channels an inwoner can chat on: the one list the bot, the API and the staff pages use.

Adding a channel: one entry here, and its handler in the gateway (see docs/architecture.md).
The code is what the gateway sends as ``kanaal`` and what a melding stores; the name is how
staff and managers read it.
"""

from __future__ import annotations

from typing import Final

CHANNELS: Final[dict[str, str]] = {
    "web": "Chat op de website",
    "telegram": "Telegram",
    "whatsapp": "WhatsApp",
    # Conversations of the test suites and of `rasa shell`.
    "test": "Test",
}
DEFAULT_CHANNEL: Final = "web"
UNKNOWN_CHANNEL_NAME: Final = "Ander of onbekend kanaal"


def is_channel(code: object) -> bool:
    return isinstance(code, str) and code in CHANNELS


def channel_name(code: str) -> str:
    """``web`` -> ``Chat op de website``; a code nobody knows is shown as one group."""
    return CHANNELS.get(code, UNKNOWN_CHANNEL_NAME)
