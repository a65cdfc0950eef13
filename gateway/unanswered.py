"""Messages Rasa did not answer, kept in memory per sender so a call-back request carries them.

Bounded twice: a few messages per sender and a maximum number of senders (the least recently
used sender is forgotten first). The data lives only in this process; a restart or a second
gateway instance does not see it.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from dataclasses import dataclass
from datetime import UTC, datetime

MESSAGES_PER_SENDER = 5


@dataclass(frozen=True)
class UnansweredMessage:
    """One message the inwoner typed, with the time the gateway received it (UTC)."""

    tekst: str
    tijd: datetime


class UnansweredStore:
    """The last ``MESSAGES_PER_SENDER`` unanswered messages for at most ``max_senders``."""

    def __init__(self, max_senders: int) -> None:
        self._max_senders = max_senders
        self._messages: OrderedDict[str, deque[UnansweredMessage]] = OrderedDict()

    def add(self, sender: str, tekst: str) -> None:
        """Remember ``tekst`` as unanswered for ``sender``."""
        messages = self._messages.pop(sender, None) or deque(maxlen=MESSAGES_PER_SENDER)
        messages.append(UnansweredMessage(tekst=tekst, tijd=datetime.now(UTC)))
        self._messages[sender] = messages
        while len(self._messages) > self._max_senders:
            self._messages.popitem(last=False)

    def get(self, sender: str) -> list[UnansweredMessage]:
        """The unanswered messages of ``sender``, oldest first (kept for a retry)."""
        return list(self._messages.get(sender, ()))

    def forget(self, sender: str) -> None:
        """Delete everything kept for ``sender``."""
        self._messages.pop(sender, None)
