"""Custom action calls whose cost does not grow with the conversation (issue 16).

Rasa 3.6 sends every event of the session with every call to the action server
(``RemoteAction._action_call_format`` uses ``EventVerbosity.ALL``): at turn 100 some 750 events
and 360 KiB of JSON, built, encoded, sent and parsed again two or three times per message. The
actions need that history (the melding's transcript, the latest crisis message, the slot asked
before the latest message), so it cannot be cut; but the action server already had all of it
but the newest events at the previous call.

So each side remembers, per conversation, the events of the previous call, and Rasa sends only
what is new. The request carries one extra field, ``voordeur_events``::

    {"token": "...", "base": 740, "keep": 740, "idle_seconds": 7200, "max_conversations": 1000}

- Rasa (:func:`install`, done by ``voordeur_rasa``): ``base`` is how many events it sent with
  ``token`` last time, ``keep`` how many of those are still the first events of the tracker
  (the same event objects); ``tracker.events`` holds only the events after ``keep``. A
  conversation it has not sent yet, or that the action server did not confirm, goes with all its
  events, ``keep`` 0 and a new token.
- The action server (:func:`add_to_action_server`, done by ``voordeur_actions``) keeps the event
  list of the last call per conversation. When its token and length match ``token`` and
  ``base``, it cuts the list to ``keep``, appends the new events and hands rasa-sdk the whole
  list, exactly as Rasa would have sent it; it confirms by answering with the same field. When
  they do not match (it restarted, another Rasa instance called, the entry expired), it answers
  409 and Rasa sends the call again with all events.

What an action sees is unchanged: the same tracker with every event of the session. Both sides
forget a conversation after the tracker store's ``idle_seconds`` (Rasa's side lives in the
dialogue-state cache, which follows the tracker store; Rasa sends its bounds with every call),
and at most ``max_conversations`` (1000) conversations are kept. When Rasa erases a conversation
("Gesprek beëindigen en wissen"), :func:`forget` also makes the action server drop its copy
(``{"voordeur_events_forget": sender_id}`` to the same webhook). An action server that does not
know the field ignores it and does not confirm: Rasa then keeps sending all events.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

FIELD = "voordeur_events"
FORGET_FIELD = "voordeur_events_forget"
UNKNOWN = 409  # the action server does not hold the events this call builds on
MAX_CONVERSATIONS = 1000

logger = logging.getLogger(__name__)
_endpoints: dict[str, Any] = {}  # Rasa's side: the action endpoint by URL, for forget()


# --- Rasa's side ----------------------------------------------------------------------------


@dataclass
class _Sent:
    token: str
    events: list[Any]  # the tracker's events at the last confirmed call (Rasa's objects)


class _Confirming:
    """The action endpoint, but ``request`` notes whether the action server confirmed ``token``."""

    def __init__(self, endpoint: Any, token: str) -> None:
        self._endpoint = endpoint
        self._token = token
        self.confirmed = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._endpoint, name)

    async def request(self, *args: Any, **kwargs: Any) -> Any:
        response = await self._endpoint.request(*args, **kwargs)
        if isinstance(response, dict) and response.pop(FIELD, None) == self._token:
            self.confirmed = True
        return response


def install(setter: Callable[[Any, str, Any], None] = setattr) -> None:
    """Send custom actions only the new events (Rasa's side); ``setter`` as in tests."""
    import rasa
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.trackers import EventVerbosity
    from rasa.shared.exceptions import RasaException
    from rasa.utils.endpoints import ClientResponseError
    from voordeur_dialogue_states import CACHE, _common_length

    original_run = RemoteAction.run

    def call_format(self: Any, tracker: Any, domain: Any) -> dict[str, Any]:
        sent: _Sent | None = getattr(self, "_voordeur_sent", None)
        events = list(tracker.events)
        keep = _common_length(sent.events, events) if sent is not None else 0
        state = tracker.current_state(EventVerbosity.NONE)
        state["events"] = [event.as_dict() for event in events[keep:]]
        result = {
            "next_action": self._name,
            "sender_id": tracker.sender_id,
            "tracker": state,
            "version": rasa.__version__,
        }
        if (
            not self._is_selective_domain_enabled()
            or domain.does_custom_action_explicitly_need_domain(self.name())
        ):
            result["domain"] = domain.as_dict()
        result[FIELD] = {
            "token": self._voordeur_token,
            "base": len(sent.events) if sent is not None else 0,
            "keep": keep,
            "idle_seconds": CACHE.idle_seconds,
            "max_conversations": CACHE.max_conversations,
        }
        self._voordeur_events = events
        return result

    async def run(self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> Any:
        if self.action_endpoint is None:
            return await original_run(self, output_channel, nlg, tracker, domain)
        _endpoints.setdefault(self.action_endpoint.url, self.action_endpoint)
        sent: _Sent | None = CACHE.data(tracker.sender_id).pop(FIELD, None)
        for attempt in (sent, None):
            token = attempt.token if attempt is not None else secrets.token_hex(8)
            endpoint = self.action_endpoint
            confirming = _Confirming(endpoint, token)
            self._voordeur_sent, self._voordeur_token = attempt, token
            self.action_endpoint = confirming
            try:
                result = await original_run(self, output_channel, nlg, tracker, domain)
            except RasaException as error:
                cause = error.__cause__
                if attempt is None or not (
                    isinstance(cause, ClientResponseError) and cause.status == UNKNOWN
                ):
                    raise
                continue  # the action server lacks the events: once more, with all of them
            finally:
                self.action_endpoint = endpoint
            if confirming.confirmed:
                CACHE.data(tracker.sender_id)[FIELD] = _Sent(token, self._voordeur_events)
            return result
        raise AssertionError("unreachable")  # pragma: no cover

    setter(RemoteAction, "_action_call_format", call_format)
    setter(RemoteAction, "run", run)


async def forget(sender_id: str) -> None:
    """Ask the action server(s) Rasa called to drop what they keep of ``sender_id``.

    Never raises: an erasure must not fail on it (the copy expires with the idle time anyway).
    """
    for url, endpoint in list(_endpoints.items()):
        try:
            await endpoint.request(json={FORGET_FIELD: sender_id}, method="post", timeout=10)
        except Exception:  # logged; the erasure itself went through
            logger.warning("The action server at %s could not forget a conversation", url)


# --- the action server's side ---------------------------------------------------------------


@dataclass
class _Kept:
    token: str
    events: list[Any]
    used: float
    idle_seconds: float


class ServerEvents:
    """The event lists of the last calls, per conversation, bounded like Rasa's side."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._kept: OrderedDict[str, _Kept] = OrderedDict()

    def __len__(self) -> int:
        return len(self._kept)

    def forget(self, sender_id: str) -> None:
        self._kept.pop(sender_id, None)

    def complete(self, call: dict[str, Any]) -> str | None:
        """Put the whole event list into ``call`` (an action call with ``FIELD``).

        Returns the token to confirm, or None when the events it builds on are not here.
        Raises ValueError for a malformed field.
        """
        meta = call.pop(FIELD)
        sender_id = call.get("sender_id")
        tracker = call.get("tracker")
        if not isinstance(meta, dict) or not isinstance(tracker, dict):
            raise ValueError(f"{FIELD} needs a tracker")
        if not isinstance(sender_id, str):
            raise ValueError(f"{FIELD} needs a sender_id")
        token, base, keep = meta.get("token"), meta.get("base"), meta.get("keep")
        idle = meta.get("idle_seconds")
        most = meta.get("max_conversations")
        new = tracker.get("events") or []
        if not (
            isinstance(token, str)
            and all(type(value) is int and value >= 0 for value in (base, keep))
            and isinstance(idle, int | float)
            and idle > 0
            and type(most) is int
            and most > 0
            and isinstance(new, list)
        ):
            raise ValueError(f"malformed {FIELD}")
        now = self._clock()
        kept = self._kept.pop(sender_id, None)
        if keep == 0:
            events: list[Any] = []
        elif (
            kept is None
            or kept.token != token
            or len(kept.events) != base
            or keep > base
            or now - kept.used >= kept.idle_seconds
        ):
            return None
        else:
            events = kept.events
            del events[keep:]
        events.extend(new)
        self._kept[sender_id] = _Kept(token, events, now, float(idle))
        self._expire(now, min(most, MAX_CONVERSATIONS))
        tracker["events"] = list(events)  # rasa-sdk's own list: an action may change it
        return token

    def _expire(self, now: float, most: int) -> None:
        while self._kept:
            oldest = next(iter(self._kept.values()))
            if len(self._kept) <= most and now - oldest.used < oldest.idle_seconds:
                break
            self._kept.popitem(last=False)


def add_to_action_server(app: Any, events: ServerEvents | None = None) -> ServerEvents:
    """Let the action server ``app`` (Sanic, rasa-sdk's) take calls with only the new events.

    Register after the token check: it runs as a request middleware on ``POST /webhook``.
    """
    from sanic import response

    events = ServerEvents() if events is None else events

    async def complete(request: Any) -> Any:
        if request.method != "POST" or request.path != "/webhook":
            return None
        if b'"' + FIELD.encode() not in request.body:  # also FORGET_FIELD
            return None
        try:
            call = json.loads(request.body)
        except ValueError:
            return None  # rasa-sdk answers a broken body itself
        if isinstance(call, dict) and isinstance(call.get(FORGET_FIELD), str):
            events.forget(call[FORGET_FIELD])
            return response.json({"forgotten": True})
        if not isinstance(call, dict) or FIELD not in call:
            return None
        try:
            token = events.complete(call)
        except ValueError as error:
            return response.json({"error": str(error)}, status=400)
        if token is None:
            return response.json({"error": "the earlier events are not known here"}, UNKNOWN)
        request.parsed_json = call
        request.ctx.voordeur_events_token = token
        return None

    async def confirm(request: Any, answer: Any) -> Any:
        token = getattr(request.ctx, "voordeur_events_token", None)
        if token is None or answer.status != 200:
            return None
        body = json.loads(answer.body)
        if not isinstance(body, dict):
            return None
        body[FIELD] = token
        return response.json(body, status=200)

    app.register_middleware(complete, "request")
    app.register_middleware(confirm, "response")
    return events
