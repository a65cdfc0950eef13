"""One conversation turn for any channel: pseudonymise, check limits and input, ask Rasa.

The web chat and Telegram both go through ``Conversations``, so the rules (limits, input checks,
what is kept when Rasa is down, what "delete my conversation" does) are the same everywhere.
"""

from __future__ import annotations

import logging

import httpx
from limits.aio.storage import Storage

from gateway import texts
from gateway.callback import OutageRecords
from gateway.models import BotMessage
from gateway.pseudonym import sender_id
from gateway.rasa_client import RasaClient, RasaError
from gateway.rate_limit import RateLimits
from gateway.settings import Settings
from gateway.unanswered import UnansweredMessage, UnansweredStore, make_unanswered_store
from gateway.validation import clean_message

logger = logging.getLogger(__name__)

RESTART = "/restart"
ERASE_TOKEN_VARIABLE = "GATEWAY_RASA_DELETE_TOKEN"  # noqa: S105 (the name of the variable)


class RateLimited(Exception):
    """The sender or client sent too much; ``retry_after`` is in seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"rate limited for {retry_after} s")
        self.retry_after = retry_after


class Conversations:
    """Turns raw channel ids into pseudonyms and passes messages to Rasa under them."""

    def __init__(
        self,
        rasa: RasaClient,
        unanswered: UnansweredStore,
        limits: RateLimits,
        pseudonym_key: str,
        max_message_length: int,
        outages: OutageRecords,
        erase_token: str | None = None,
        kept_days: int = 30,
    ) -> None:
        self._rasa = rasa
        self._erase_token = erase_token
        self._kept_days = kept_days
        self._unanswered = unanswered
        self._limits = limits
        self._outages = outages
        self._key = pseudonym_key
        self.max_message_length = max_message_length

    def sender(self, channel: str, raw_id: str) -> str:
        """The pseudonym Rasa, logs and meldingen see for a session, chat id or address."""
        return sender_id(self._key, channel, raw_id)

    async def check_limits(self, sender: str, client_address: str | None) -> None:
        """Raise ``RateLimited`` when the sender or the (pseudonymised) address sent too much."""
        client = self.sender("adres", client_address) if client_address else None
        wait = await self._limits.check(sender, client)
        if wait is not None:
            raise RateLimited(wait)

    async def send(self, channel: str, sender: str, raw_message: str) -> list[BotMessage]:
        """Check and send one message; raise ``InputError`` or ``RasaError``.

        When Rasa gives no answer the sender is recorded as having met an outage (only then
        may it ask for a call-back), and a typed message (not a button payload) is kept as
        unanswered, so a call-back request can carry it.
        """
        message = clean_message(raw_message, self.max_message_length)
        try:
            return await self._rasa.send(sender, message, channel)
        except RasaError as exc:
            logger.warning("Rasa gave no usable answer for sender %s: %s", sender, exc)
            await self._outages.record(sender)
            if not message.startswith("/"):
                await self._unanswered.add(sender, message)
            raise

    async def unanswered(self, sender: str) -> list[UnansweredMessage]:
        """The messages of ``sender`` that Rasa did not answer, oldest first."""
        return await self._unanswered.get(sender)

    async def met_outage(self, sender: str) -> bool:
        """Whether Rasa recently failed to answer ``sender`` (a call-back is allowed then)."""
        return await self._outages.met(sender)

    async def forget(self, channel: str, sender: str) -> str:
        """End and erase the conversation; return what to tell the inwoner.

        Drops what the gateway keeps, restarts the dialogue in Rasa (``/restart``: nothing said
        before is used again), then has Rasa erase the conversation from its tracker store and
        event broker (``bot/voordeur_erase.py``). Only when that worked is the inwoner told it
        is erased (and that a melding made in it stays with the team); otherwise (no token,
        Rasa down) they are told it is ended and kept at most ``kept_days`` days (the purge).
        """
        await self._unanswered.forget(sender)
        await self._outages.forget(sender)
        try:
            await self._rasa.send(sender, RESTART, channel)
        except RasaError as exc:
            logger.warning("could not restart the conversation of %s in Rasa: %s", sender, exc)
        if self._erase_token is None:
            logger.warning(
                "%s is not set: conversation of %s not erased", ERASE_TOKEN_VARIABLE, sender
            )
            return texts.conversation_kept(self._kept_days)
        try:
            erased = await self._rasa.erase(sender, self._erase_token)
        except RasaError as exc:
            logger.warning("could not erase the conversation of %s in Rasa: %s", sender, exc)
            return texts.conversation_kept(self._kept_days)
        logger.info("conversation of %s ended and erased", sender)
        return texts.conversation_erased(erased.melding, erased.referenties)

    async def aclose(self) -> None:
        """Release the connections of the unanswered-messages store."""
        await self._unanswered.aclose()


def build_conversations(
    settings: Settings, rasa_http: httpx.AsyncClient, storage: Storage
) -> Conversations:
    """The conversation service for the given settings, Rasa client and limit counters.

    The erase token and the days a conversation not erased is kept come from
    ``GATEWAY_RASA_DELETE_TOKEN`` and ``GATEWAY_CONVERSATION_KEPT_DAYS`` (default 30). The
    unanswered messages live in Redis when ``GATEWAY_REDIS_URL`` is set (``aclose`` releases
    that connection), else in memory.
    """
    return Conversations(
        RasaClient(
            rasa_http,
            settings.rasa_urls,
            settings.rasa_channel_token.get_secret_value() if settings.rasa_channel_token else None,
        ),
        make_unanswered_store(settings),
        RateLimits(
            storage,
            "chat",
            settings.chat_limit_per_sender,
            settings.chat_limit_per_client,
            settings.chat_limit_window_seconds,
        ),
        settings.pseudonym_key.get_secret_value(),
        settings.max_message_length,
        OutageRecords(storage, settings.callback_outage_seconds),
        erase_token=(
            settings.rasa_delete_token.get_secret_value() if settings.rasa_delete_token else None
        ),
        kept_days=settings.conversation_kept_days,
    )
