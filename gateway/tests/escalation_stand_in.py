"""A small real HTTP server that answers ``POST /api/v1/meldingen`` like the escalation service.

Checks the bearer token, needs an Idempotency-Key and returns the same melding for the same
key and body, like the real service; records every request. Set ``status`` to simulate a
failure.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DEADLINE_TEKST = "uiterlijk woensdag 26 november"


class EscalationStandIn:
    """``received`` holds ``(headers, body)`` of every request."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.received: list[tuple[dict[str, str], dict[str, Any]]] = []
        self.status: int | None = None
        self._by_key: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        port = self._server.server_address[1]
        return f"http://127.0.0.1:{port}"

    def start(self) -> EscalationStandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _answer(self, headers: dict[str, str], body: dict[str, Any]) -> tuple[int, Any]:
        self.received.append((headers, body))
        if self.status is not None:
            return self.status, {"detail": "simulated failure"}
        if headers.get("authorization") != f"Bearer {self.token}":
            return 401, {"detail": "wrong token"}
        key = headers.get("idempotency-key")
        if not key:
            return 400, {"detail": "Idempotency-Key missing"}
        if key in self._by_key:
            stored_body, melding = self._by_key[key]
            return (200, melding) if stored_body == body else (409, {"detail": "conflict"})
        melding = {
            **body,
            "id": f"id-{len(self._by_key) + 1}",
            "referentie": f"VD-ABC{len(self._by_key) + 200}",
            "status": "nieuw",
            "deadline_tekst": DEADLINE_TEKST,
        }
        self._by_key[key] = (body, melding)
        return 201, melding

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"null")
                headers = {name.lower(): value for name, value in self.headers.items()}
                status, answer = stand_in._answer(headers, body)
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:
                """Keep test output quiet."""

        return Handler
