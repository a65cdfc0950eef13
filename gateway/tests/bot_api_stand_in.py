"""A local stand-in for Telegram's Bot API: a small ASGI app on a free port.

Serves ``/bot<token>/<method>`` the way python-telegram-bot calls it, records every call
(method and decoded parameters) and hands out queued updates to ``getUpdates``. Only the
Telegram cloud is replaced; the real python-telegram-bot library talks to it over HTTP.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from gateway.tests.threaded_server import ThreadedServer

BOT_USER = {"id": 42, "is_bot": True, "first_name": "Voordeur", "username": "voordeur_test_bot"}


def _decode(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value


class BotApiStandIn:
    """Records ``calls`` as ``(method, params)``; ``updates`` is the queue for getUpdates."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.updates: list[dict[str, Any]] = []
        self._message_ids = itertools.count(1000)
        app = Starlette(routes=[Route("/bot{token}/{method}", self._endpoint, methods=["POST"])])
        self._http = ThreadedServer(app, "Bot API stand-in")
        self.port = self._http.port

    @property
    def url(self) -> str:
        return self._http.url

    def start(self) -> BotApiStandIn:
        self._http.start()
        return self

    def stop(self) -> None:
        self._http.stop()

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        """The parameters of every call of ``method``, in order."""
        return [params for name, params in self.calls if name == method]

    async def _endpoint(self, request: Request) -> JSONResponse:
        if request.path_params["token"] != self.token:
            return JSONResponse(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, 401
            )
        method = request.path_params["method"]
        if request.headers.get("content-type", "").startswith("application/json"):
            params = await request.json()
        else:
            form = await request.form()
            params = {key: _decode(str(value)) for key, value in form.items()}
        self.calls.append((method, params))
        return JSONResponse({"ok": True, "result": await self._result(method, params)})

    async def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method == "sendMessage":
            return {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "from": BOT_USER,
                "text": params.get("text", ""),
            }
        if method == "getUpdates":
            offset = int(params.get("offset") or 0)
            self.updates = [update for update in self.updates if update["update_id"] >= offset]
            if not self.updates:
                await asyncio.sleep(0.1)
            return list(self.updates)
        return True
