"""The durable melding outbox: nothing is lost when the escalation service is down."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from actions.outbox import DeliveryLoop, Outbox

BODY = {"onderwerp": "Respijtzorg", "naam": "Anna de Vries", "telefoon": "+31612345678"}


class ServiceDown(RuntimeError):
    retryable = True


class Refused(RuntimeError):
    retryable = False


def is_retryable(exc: Exception) -> bool:
    return getattr(exc, "retryable", True)


class FlakyService:
    """Refuses connections ``failures`` times, then creates meldingen (deduplicated by key)."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.meldingen: dict[str, dict[str, Any]] = {}
        self.calls = 0

    def send(self, body: dict[str, Any], key: str) -> dict[str, Any]:
        self.calls += 1
        if self.calls <= self.failures:
            raise ServiceDown("connection refused")
        self.meldingen.setdefault(key, {**body, "referentie": f"VD-{len(self.meldingen) + 1}"})
        return self.meldingen[key]


def test_a_pending_melding_survives_a_restart_and_is_delivered_once(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    Outbox(path).put("key-1", BODY)
    Outbox(path).put("key-1", BODY)  # the same melding again: still one

    service = FlakyService(failures=1)
    reopened = Outbox(path)
    assert reopened.deliver_pending(service.send, is_retryable) == 0
    assert [p.attempts for p in reopened.pending()] == [1]
    assert reopened.deliver_pending(service.send, is_retryable) == 1
    assert reopened.pending() == []
    assert list(service.meldingen) == ["key-1"]
    assert service.meldingen["key-1"]["naam"] == "Anna de Vries"


def test_a_refused_melding_is_parked_not_retried_and_not_lost(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    outbox.put("key-2", BODY)

    def refuse(body: dict[str, Any], key: str) -> dict[str, Any]:
        raise Refused("HTTP 422 (naam: te lang)")

    assert outbox.deliver_pending(refuse, is_retryable) == 0
    assert outbox.pending() == []
    with sqlite3.connect(outbox.path) as connection:
        row = connection.execute(
            "SELECT given_up, last_error FROM pending_meldingen WHERE idempotency_key = 'key-2'"
        ).fetchone()
    assert row == (1, "HTTP 422 (naam: te lang)")


def test_the_delivery_loop_delivers_when_the_service_comes_back(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    service = FlakyService(failures=2)
    outbox.put("key-3", BODY)
    loop = DeliveryLoop(outbox, service.send, is_retryable, interval=0.05).start()
    deadline = time.monotonic() + 5
    while outbox.pending() and time.monotonic() < deadline:
        loop.nudge()
        time.sleep(0.02)
    assert outbox.pending() == []
    assert service.calls == 3
    assert list(service.meldingen) == ["key-3"]


def test_concurrent_puts_of_one_melding_keep_one_row(tmp_path: Path) -> None:
    writers = 8
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    threads = [threading.Thread(target=outbox.put, args=("same", BODY)) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [p.idempotency_key for p in outbox.pending()] == ["same"]
