"""Fixtures for the bot's unit tests: a test organisation file and a tiny real HTTP server.

Run from the repo root: ``.venv-rasa/bin/python -m pytest bot/tests``.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

BOT_DIR = Path(__file__).resolve().parents[1]
if str(BOT_DIR) not in sys.path:
    sys.path.insert(0, str(BOT_DIR))

TEST_ORGANISATION = """
naam: "Test Team"
gemeente: "Testgemeente"
telefoon: "0599 11 22 33"
email: "test@example.nl"
aanspreekvorm: "u"
openingstijden:
  maandag: ["08:30", "17:00"]
  dinsdag: ["08:30", "17:00"]
  woensdag: ["08:30", "17:00"]
  donderdag: ["08:30", "17:00"]
  vrijdag: ["08:30", "12:30"]
crisis:
  noodnummer: "112"
  zelfmoordpreventie: "113 of gratis 0800-0113"
  veilig_thuis: "0800-2000"
  huisartsenpost: "0599 77 66 55"
  buiten_kantoortijd: "0599 99 88 77"
  kindertelefoon: "0800-0432"
  luisterlijn: "088 0767 000"
  chat_113: "113.nl"
"""


@pytest.fixture(autouse=True)
def _outbox_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own melding outbox, never the repository's ``var/``."""
    monkeypatch.setenv("ACTIONS_OUTBOX_PATH", str(tmp_path / "outbox.sqlite3"))
    monkeypatch.setenv("ACTIONS_OUTBOX_RETRY_SECONDS", "0.2")


@pytest.fixture
def org_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "organisation.yml"
    path.write_text(TEST_ORGANISATION, encoding="utf-8")
    monkeypatch.setenv("VOORDEUR_ORGANISATION_FILE", str(path))
    return path


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class FakeEscalation:
    """A real HTTP server on 127.0.0.1 that answers from a queue and records every request."""

    url: str
    answers: list[tuple[int, Any]] = field(default_factory=list)
    recorded: list[RecordedRequest] = field(default_factory=list)
    delay: float = 0.0  # seconds to wait before answering (to test timeouts)

    def melding(self, body: dict[str, Any], referentie: str = "VD-ABC234") -> dict[str, Any]:
        return {
            **body,
            "id": "0b5c8f5e-8a3e-4d44-9d0e-1c2b3a4d5e6f",
            "referentie": referentie,
            "status": "nieuw",
            "aangemaakt_op": "2025-11-25T13:00:00+00:00",
            "deadline": "2025-11-26T14:00:00+01:00",
            "deadline_tekst": "uiterlijk woensdag 26 november",
        }


@pytest.fixture
def fake_escalation() -> Iterator[FakeEscalation]:
    state: dict[str, FakeEscalation] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            try:
                body = json.loads(raw)
            except ValueError:
                body = raw.decode("utf-8", "replace")
            server = state["server"]
            server.recorded.append(
                RecordedRequest("POST", self.path, {k: v for k, v in self.headers.items()}, body)
            )
            if server.delay:
                time.sleep(server.delay)
            if server.answers:
                status, answer = server.answers.pop(0)
            else:
                status, answer = 201, server.melding(body if isinstance(body, dict) else {})
            data = json.dumps(answer).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            return

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state["server"] = FakeEscalation(url=f"http://127.0.0.1:{httpd.server_address[1]}")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state["server"]
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def free_port() -> str:
    """A URL on which nothing listens (connection refused)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
