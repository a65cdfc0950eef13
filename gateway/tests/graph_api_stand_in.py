"""A local stand-in for Meta's Graph API (WhatsApp Cloud API messages), on a free port.

Serves ``POST /v<version>/<phone number id>/messages`` the way pywa calls it: checks the bearer
token and the phone number id, checks every message against WhatsApp's limits (text length,
interactive body, at most 3 reply buttons with titles of at most 20 characters, lists of at
most 10 rows with titles of at most 24, unique ids) and answers like the Graph API, with an
error (code 131009 or 100) when a rule is broken. Records every accepted message and every
message marked read (with a typing indicator). Only Meta's
cloud is replaced; the real pywa client talks to it over HTTP.
"""

from __future__ import annotations

import itertools
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from gateway.tests.threaded_server import ThreadedServer

TEXT_MAX = 4096
BODY_MAX = 1024


def _error(status: int, code: int, message: str) -> JSONResponse:
    return JSONResponse(
        {"error": {"message": message, "type": "OAuthException", "code": code}}, status
    )


def problems(message: dict[str, Any]) -> list[str]:
    """What the Cloud API would refuse in one message body (empty when it is valid)."""
    found: list[str] = []
    if message.get("messaging_product") != "whatsapp":
        found.append("messaging_product must be whatsapp")
    if not (message.get("to") or message.get("recipient")):
        found.append("no recipient")
    kind = message.get("type")
    if kind == "text":
        body = message.get("text", {}).get("body", "")
        if not body or len(body) > TEXT_MAX:
            found.append(f"text body must have 1 to {TEXT_MAX} characters")
    elif kind == "interactive":
        found += _interactive_problems(message.get("interactive", {}))
    else:
        found.append(f"unexpected type {kind!r}")
    return found


def _interactive_problems(interactive: dict[str, Any]) -> list[str]:
    found: list[str] = []
    body = interactive.get("body", {}).get("text", "")
    if not body or len(body) > BODY_MAX:
        found.append(f"interactive body must have 1 to {BODY_MAX} characters")
    action = interactive.get("action", {})
    if interactive.get("type") == "button":
        buttons = action.get("buttons", [])
        if not 1 <= len(buttons) <= 3:
            found.append("1 to 3 reply buttons")
        ids = [button["reply"]["id"] for button in buttons]
        titles = [button["reply"]["title"] for button in buttons]
        found += _choice_problems(ids, titles, id_max=256, title_max=20)
    elif interactive.get("type") == "list":
        button = action.get("button", "")
        if not button or len(button) > 20:
            found.append("list button label must have 1 to 20 characters")
        rows = [row for section in action.get("sections", []) for row in section["rows"]]
        if not 1 <= len(rows) <= 10:
            found.append("1 to 10 list rows")
        for section in action.get("sections", []):
            if len(section.get("title", "")) > 24:
                found.append("section title over 24 characters")
        for row in rows:
            if len(row.get("description", "")) > 72:
                found.append("row description over 72 characters")
        found += _choice_problems(
            [row["id"] for row in rows], [row["title"] for row in rows], id_max=200, title_max=24
        )
    else:
        found.append(f"unexpected interactive type {interactive.get('type')!r}")
    return found


def _choice_problems(ids: list[str], titles: list[str], id_max: int, title_max: int) -> list[str]:
    found = []
    if len(set(ids)) != len(ids):
        found.append("ids must be unique")
    if any(not id_ or len(id_) > id_max for id_ in ids):
        found.append(f"ids must have 1 to {id_max} characters")
    if any(not title or len(title) > title_max for title in titles):
        found.append(f"titles must have 1 to {title_max} characters")
    return found


class GraphApiStandIn:
    """``messages`` holds every accepted message body; set ``status`` to fail every call."""

    def __init__(self, token: str, phone_number_id: str) -> None:
        self.token = token
        self.phone_number_id = phone_number_id
        self.messages: list[dict[str, Any]] = []
        self.refused: list[tuple[dict[str, Any], list[str]]] = []
        self.read: list[str] = []  # message ids marked read (with "typing...")
        self.status: int | None = None
        self._ids = itertools.count(1)
        app = Starlette(
            routes=[Route("/{version}/{phone_id}/messages", self._messages, methods=["POST"])]
        )
        self._http = ThreadedServer(app, "Graph API stand-in")
        self.port = self._http.port

    @property
    def url(self) -> str:
        return self._http.url

    def start(self) -> GraphApiStandIn:
        self._http.start()
        return self

    def stop(self) -> None:
        self._http.stop()

    def texts(self) -> list[str]:
        """The shown text of every message sent, in order (a text's body, an interactive body)."""
        return [
            message["text"]["body"]
            if message["type"] == "text"
            else message["interactive"]["body"]["text"]
            for message in self.messages
        ]

    async def _messages(self, request: Request) -> JSONResponse:
        if request.headers.get("authorization") != f"Bearer {self.token}":
            return _error(401, 190, "Invalid OAuth access token.")
        if not request.path_params["version"].startswith("v"):
            return _error(400, 2500, "Unknown path components")
        if request.path_params["phone_id"] != self.phone_number_id:
            return _error(400, 100, "Unsupported post request.")
        if self.status is not None:
            return _error(self.status, 131000, "Something went wrong")
        message = await request.json()
        if message.get("status") == "read":  # mark as read, with a typing indicator
            if message.get("typing_indicator") not in (None, {"type": "text"}):
                return _error(400, 100, "Invalid parameter")
            self.read.append(message["message_id"])
            return JSONResponse({"success": True})
        found = problems(message)
        if found:
            self.refused.append((message, found))
            return _error(400, 131009, "Parameter value is not valid: " + "; ".join(found))
        self.messages.append(message)
        recipient = message.get("to") or message.get("recipient")
        return JSONResponse(
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": recipient, "wa_id": recipient}],
                "messages": [{"id": f"wamid.uit{next(self._ids)}"}],
            }
        )
