"""Erase one conversation everywhere Rasa keeps it, through a protected route on Rasa's server.

``DELETE /voordeur/conversations/<sender_id>`` with ``Authorization: Bearer <token>`` (the token
is ``RASA_DELETE_TOKEN``; the gateway sends it as ``GATEWAY_RASA_DELETE_TOKEN``) deletes the
sender's tracker (in memory, SQL or Redis) and the sender's rows in the SQL event broker, under
the sender's conversation lock so no message of the same sender is handled at the same time.
The answer says whether a melding was made in the conversation (and its referenties), so the
gateway can tell the inwoner that the melding stays with the team.

Without the token the route answers 503; with a wrong or missing token 401. A tracker store or
event broker this module cannot delete from (Mongo, Dynamo, Kafka, RabbitMQ) gives 501: then
nothing is claimed as deleted.
"""

from __future__ import annotations

import hmac
import logging
import os
import re
import time
from typing import Any

import sqlalchemy as sa
from purge_conversations import erase_sender_from_broker
from rasa.core.brokers.broker import EventBroker
from rasa.core.brokers.sql import SQLEventBroker
from rasa.core.tracker_store import (
    InMemoryTrackerStore,
    RedisTrackerStore,
    SQLTrackerStore,
    TrackerStore,
)
from rasa.shared.core.events import ActionExecuted, BotUttered
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json

logger = logging.getLogger(__name__)

TOKEN_ENV = "RASA_DELETE_TOKEN"  # noqa: S105 (the name of the variable)
MIN_TOKEN_LENGTH = 32
ROUTE = "/voordeur/conversations/<sender_id>"
MELDING_ACTION = "action_create_melding"
REFERENTIE = re.compile(r"\bVD-[A-Z2-9]{6}\b")


class NotErasableError(Exception):
    """A store is configured from which this module cannot delete a conversation."""


def delete_token() -> str | None:
    """The token from the environment; refuse to start with one that is too short."""
    token = os.environ.get(TOKEN_ENV) or None
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise SystemExit(f"{TOKEN_ENV} must be at least {MIN_TOKEN_LENGTH} characters")
    return token


def _layers(store: TrackerStore) -> list[TrackerStore]:
    """The store and every store it wraps (Rasa wraps them in fail-safe and awaitable layers)."""
    layers: list[TrackerStore] = []
    current: Any = store
    while isinstance(current, TrackerStore):
        layers.append(current)
        fallback = getattr(current, "_fallback_tracker_store", None)
        if isinstance(fallback, TrackerStore):
            layers.append(fallback)
        current = getattr(current, "_tracker_store", None)
    return layers


def _delete_tracker(store: TrackerStore, sender_id: str) -> None:
    if isinstance(store, InMemoryTrackerStore):
        store.store.pop(sender_id, None)
    elif isinstance(store, SQLTrackerStore):
        with store.session_scope() as session:
            session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender_id).delete()
            session.commit()
    elif isinstance(store, RedisTrackerStore):
        store.red.delete(store.key_prefix + sender_id)


def _broker(layers: list[TrackerStore]) -> EventBroker | None:
    return next((s.event_broker for s in layers if s.event_broker is not None), None)


def melding_referenties(events: list[Any]) -> tuple[bool, list[str]]:
    """Whether the melding action ran, and the referenties the bot told the inwoner."""
    made = any(isinstance(e, ActionExecuted) and e.action_name == MELDING_ACTION for e in events)
    found: list[str] = []
    for event in events:
        if isinstance(event, BotUttered) and event.text:
            found += [ref for ref in REFERENTIE.findall(event.text) if ref not in found]
    return made or bool(found), found


async def erase_conversation(store: TrackerStore, sender_id: str) -> dict[str, Any]:
    """Delete ``sender_id`` from every tracker store layer and the SQL event broker.

    Checks first that every layer can be erased, so nothing is half deleted when one cannot.
    """
    layers = _layers(store)
    concrete = [s for s in layers if not hasattr(s, "_tracker_store")]
    broker = _broker(layers)
    unsupported = [
        type(s).__name__
        for s in concrete
        if not isinstance(s, InMemoryTrackerStore | SQLTrackerStore | RedisTrackerStore)
    ]
    if broker is not None and not isinstance(broker, SQLEventBroker):
        unsupported.append(type(broker).__name__)
    if unsupported:
        raise NotErasableError("no way to erase a conversation in " + ", ".join(unsupported))
    tracker = await store.retrieve_full_tracker(sender_id)
    melding, referenties = melding_referenties(list(tracker.events) if tracker else [])
    for layer in concrete:
        _delete_tracker(layer, sender_id)
    broker_rows = 0
    if isinstance(broker, SQLEventBroker):
        with broker.engine.begin() as connection:
            broker_rows = erase_sender_from_broker(connection, sender_id, time.time())
    return {
        "deleted": True,
        "found": tracker is not None,
        "event_broker_rows": broker_rows,
        "melding": melding,
        "referenties": referenties,
    }


def _authorised(request: Request, token: str) -> bool:
    header = request.headers.get("authorization", "")
    given = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""
    return hmac.compare_digest(given.encode(), token.encode())


def add_erase_route(app: Sanic, token: str | None) -> None:
    """Register the protected delete route on Rasa's Sanic app."""

    async def erase(request: Request, sender_id: str) -> HTTPResponse:
        if token is None:
            return json({"error": f"{TOKEN_ENV} is not set: deleting is off"}, status=503)
        if not _authorised(request, token):
            return json({"error": "unauthorised"}, status=401)
        agent = getattr(request.app.ctx, "agent", None)
        if agent is None or agent.tracker_store is None:
            return json({"error": "the model is not loaded yet"}, status=503)
        try:
            async with agent.lock_store.lock(sender_id):
                result = await erase_conversation(agent.tracker_store, sender_id)
        except NotErasableError as exc:
            logger.error("conversation %s not erased: %s", sender_id, exc)
            return json({"error": str(exc)}, status=501)
        except sa.exc.SQLAlchemyError as exc:
            logger.error("conversation %s not erased: %s", sender_id, type(exc).__name__)
            return json({"error": "database error"}, status=500)
        logger.info(
            "conversation %s erased (%s broker rows)", sender_id, result["event_broker_rows"]
        )
        return json(result)

    app.add_route(erase, ROUTE, methods=["DELETE"], name="voordeur_erase_conversation")
