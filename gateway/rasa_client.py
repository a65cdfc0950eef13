"""Talk to Rasa's REST channel and turn its answer into our message model."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx

from gateway.models import BotMessage, Button

logger = logging.getLogger(__name__)

WEBHOOK_PATH = "/webhooks/rest/webhook"
ERASE_PATH = "/voordeur/conversations/"


class RasaError(Exception):
    """Rasa did not give a usable answer; the inwoner must be told honestly."""


class RasaUnavailableError(RasaError):
    """Rasa could not be reached (connection refused, DNS, network error)."""


class RasaTimeoutError(RasaError):
    """Rasa did not answer within the configured time."""


class RasaBadResponseError(RasaError):
    """Rasa answered, but with an error status or a body we cannot read."""


@dataclass(frozen=True)
class ErasedConversation:
    """What Rasa reported after erasing a conversation (``bot/voordeur_erase.py``)."""

    melding: bool = False
    referenties: list[str] = field(default_factory=list)


def map_rasa_reply(reply: Any) -> list[BotMessage]:
    """Map Rasa's list of replies to our messages.

    Only ``text`` and ``buttons`` are kept; ``image``, ``custom``, ``attachment`` and anything
    unknown are ignored. Items with neither text nor buttons are left out.
    """
    if not isinstance(reply, list):
        raise RasaBadResponseError(f"expected a list from Rasa, got {type(reply).__name__}")
    messages: list[BotMessage] = []
    for item in reply:
        if not isinstance(item, dict):
            continue
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            text = None
        buttons = _map_buttons(item.get("buttons"))
        if text is None and not buttons:
            continue
        messages.append(BotMessage(text=text, buttons=buttons))
    return messages


def _map_buttons(raw: Any) -> list[Button]:
    if not isinstance(raw, list):
        return []
    buttons = []
    for button in raw:
        if not isinstance(button, dict):
            continue
        title, payload = button.get("title"), button.get("payload")
        if isinstance(title, str) and title.strip() and isinstance(payload, str) and payload:
            buttons.append(Button(title=title, payload=payload))
    return buttons


class RasaClient:
    """Sends one inwoner message to Rasa and returns the assistant's answers.

    With more than one Rasa instance, a conversation always goes to the same instance (chosen by
    a hash of the sender), and to the next one only when that instance cannot be reached. A
    timeout is not retried elsewhere: the message may still be handled, and sending it twice
    would make the assistant answer twice. Uses one shared ``httpx.AsyncClient``; the owner
    (the app's lifespan) closes it.
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        base_urls: str | Sequence[str],
        channel_token: str | None = None,
    ) -> None:
        self._http = http
        # Rasa's channel (bot/voordeur_channel.py) takes messages only with this token.
        self._headers = {"Authorization": f"Bearer {channel_token}"} if channel_token else {}
        urls = [base_urls] if isinstance(base_urls, str) else list(base_urls)
        if not urls:
            raise ValueError("at least one Rasa URL is needed")
        self._bases = [url.rstrip("/") for url in urls]
        self._urls = [base + WEBHOOK_PATH for base in self._bases]

    def urls_for(self, sender: str) -> list[str]:
        """The webhook URLs to try for ``sender``, its own instance first."""
        return [base + WEBHOOK_PATH for base in self._bases_for(sender)]

    def _bases_for(self, sender: str) -> list[str]:
        start = int.from_bytes(hashlib.sha256(sender.encode()).digest()[:8]) % len(self._bases)
        return self._bases[start:] + self._bases[:start]

    async def erase(self, sender: str, token: str) -> ErasedConversation:
        """Delete the conversation of ``sender`` everywhere Rasa keeps it; ``RasaError`` if not.

        With several instances every instance is asked (an in-memory tracker lives in one
        process); they are asked in the sender's order, the sender's own instance first.
        """
        headers = {"Authorization": f"Bearer {token}"}
        result = ErasedConversation()
        for base in self._bases_for(sender):
            url = base + ERASE_PATH + quote(sender, safe="")
            response = await self._request(
                "DELETE", url, "erase", "Rasa did not erase: status {}", headers=headers
            )
            try:
                body = response.json()
                melding = result.melding or body["melding"] is True
                referenties = [*result.referenties, *map(str, body["referenties"])]
            except (ValueError, KeyError, TypeError) as exc:
                raise RasaBadResponseError("Rasa's erase answer cannot be read") from exc
            result = ErasedConversation(melding, list(dict.fromkeys(referenties)))
        return result

    async def send(self, sender: str, message: str, channel: str) -> list[BotMessage]:
        """Post ``message`` for the pseudonymous ``sender``; raise a ``RasaError`` on failure."""
        body = {"sender": sender, "message": message, "metadata": {"kanaal": channel}}
        *others, last = self.urls_for(sender)
        for url in others:
            try:
                return await self._post(url, body)
            except RasaUnavailableError:
                logger.warning("Rasa instance %s not reachable, trying the next one", url)
        return await self._post(last, body)

    async def _request(
        self, method: str, url: str, what: str, status_error: str, **kwargs: Any
    ) -> httpx.Response:
        """One HTTP call to Rasa; transport failures and non-200 answers become ``RasaError``."""
        try:
            response = await self._http.request(method, url, **kwargs)
        except httpx.TimeoutException as exc:
            raise RasaTimeoutError(f"Rasa did not {what} in time ({type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            raise RasaUnavailableError(f"Rasa not reachable ({type(exc).__name__})") from exc
        if response.status_code != 200:
            raise RasaBadResponseError(status_error.format(response.status_code))
        return response

    async def _post(self, url: str, body: dict[str, Any]) -> list[BotMessage]:
        response = await self._request(
            "POST", url, "answer", "Rasa answered with status {}", json=body, headers=self._headers
        )
        try:
            reply = response.json()
        except ValueError as exc:
            raise RasaBadResponseError("Rasa answered with a body that is not JSON") from exc
        return map_rasa_reply(reply)


def make_http_client(timeout_seconds: float) -> httpx.AsyncClient:
    """A shared HTTP client (Rasa, escalation): one timeout for connect, read, write and pool."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout_seconds),
        limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        trust_env=False,
    )
