"""A small real HTTP server that answers like Rasa's REST channel and records what it got."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = Callable[[dict[str, Any]], Any]

GREETING_TEXT = "Goedendag! Ik ben de chatassistent. Waar kan ik u mee helpen?"


def default_reply(request: dict[str, Any]) -> list[dict[str, Any]]:
    """Answer like a Rasa bot: a greeting with buttons for /greet, an echo otherwise."""
    sender = request.get("sender")
    if request.get("message") == "/greet":
        return [
            {
                "recipient_id": sender,
                "text": GREETING_TEXT,
                "buttons": [
                    {"title": "Ik zoek hulp", "payload": "/zoek_hulp"},
                    {
                        "title": "Ik ben mantelzorger",
                        "payload": '/mantelzorg{"rol":"mantelzorger"}',
                    },
                ],
            },
            {"recipient_id": sender, "image": "https://example.org/logo.png"},
            {"recipient_id": sender, "custom": {"type": "kaart", "data": [1, 2]}},
        ]
    return [{"recipient_id": sender, "text": f"U zei: {request.get('message')}"}]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class RasaStandIn:
    """Serves ``POST /webhooks/rest/webhook`` on 127.0.0.1 in a background thread.

    Change ``reply``, ``delay_seconds``, ``status`` or ``raw_body`` to shape the answer;
    ``received`` holds every JSON body that came in, in order.
    """

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.paths: list[str] = []
        # The Authorization header of every message (None when it had none).
        self.authorizations: list[str | None] = []
        self.reply: Reply = default_reply
        self.delay_seconds = 0.0
        self.status = 200
        self.raw_body: bytes | None = None
        # DELETE /voordeur/conversations/<sender> (bot/voordeur_erase.py): status and answer,
        # and every (path, Authorization header) that came in.
        self.erase_status = 200
        self.erase_answer: Any = {"deleted": True, "melding": False, "referenties": []}
        self.erased: list[tuple[str, str | None]] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        port = self._server.server_address[1]
        return f"http://127.0.0.1:{port}"

    def start(self) -> RasaStandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"null")
                stand_in.received.append(body)
                stand_in.paths.append(self.path)
                stand_in.authorizations.append(self.headers.get("Authorization"))
                if stand_in.delay_seconds:
                    time.sleep(stand_in.delay_seconds)
                if self.path != "/webhooks/rest/webhook":
                    self._send(404, b'{"error": "not found"}')
                    return
                payload = stand_in.raw_body
                if payload is None:
                    payload = json.dumps(stand_in.reply(body)).encode()
                self._send(stand_in.status, payload)

            def do_DELETE(self) -> None:
                stand_in.erased.append((self.path, self.headers.get("Authorization")))
                self._send(stand_in.erase_status, json.dumps(stand_in.erase_answer).encode())

            def _send(self, status: int, payload: bytes) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the gateway gave up waiting (timeout tests)

            def log_message(self, format: str, *args: Any) -> None:
                """Keep test output quiet."""

        return Handler
