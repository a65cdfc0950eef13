"""Rasa's REST channel, for the gateway only: every message needs the gateway's token.

Rasa 3.6's ``rest`` channel accepts a message for any sender from anyone who can reach Rasa, so
in the scaled setup (Rasa on the network) anyone there could speak as any inwoner and skip the
gateway's limits. This channel is the same REST channel at the same address
(``POST /webhooks/rest/webhook``), but it answers 401 unless the request carries
``Authorization: Bearer <RASA_CHANNEL_TOKEN>``; the gateway sends it as
``GATEWAY_RASA_CHANNEL_TOKEN``. Rasa refuses to start without a token of 32+ characters.
The health route (``GET /webhooks/rest/``) stays open; it reveals nothing.

Configured in ``credentials.yml`` as ``voordeur_channel.GatewayRestInput:``.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse, json

TOKEN_ENV = "RASA_CHANNEL_TOKEN"  # noqa: S105 (the name of the variable)
MIN_TOKEN_LENGTH = 32


def channel_token() -> str:
    """The token from the environment; refuse to start without one that is long enough."""
    token = os.environ.get(TOKEN_ENV) or ""
    if len(token) < MIN_TOKEN_LENGTH:
        raise SystemExit(
            f"{TOKEN_ENV} must be set to at least {MIN_TOKEN_LENGTH} characters: "
            "only the gateway, which holds it, may send messages to Rasa"
        )
    return token


class GatewayRestInput(RestInput):
    """The REST channel, refusing every message without the gateway's token."""

    def __init__(self, token: str) -> None:
        self._expected = f"Bearer {token}".encode()

    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> GatewayRestInput:
        return cls(channel_token())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)
        expected = self._expected

        @webhook.on_request
        async def require_token(request: Request) -> HTTPResponse | None:
            if request.method == "GET":
                return None
            supplied = request.headers.get("Authorization", "").encode()
            if not hmac.compare_digest(supplied, expected):
                return json({"error": "unauthorised"}, status=401)
            return None

        return webhook
