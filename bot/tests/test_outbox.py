"""The durable melding outbox: nothing is lost when the escalation service is down, and
parked meldingen (with personal data) are purged after the retention."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from actions.outbox import DeliveryLoop, Outbox

BOT_DIR = Path(__file__).resolve().parents[1]

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


def _age(path: Path, key: str, days: int) -> None:
    """Make a row look ``days`` days old."""
    created = (datetime.now(UTC) - timedelta(days=days)).isoformat()
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(
            "UPDATE pending_meldingen SET created_at = ? WHERE idempotency_key = ?", (created, key)
        )


def _keys(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as connection:
        return {
            key for (key,) in connection.execute("SELECT idempotency_key FROM pending_meldingen")
        }


def _files_holding(directory: Path, text: str) -> list[Path]:
    """The files (database, write-ahead log) whose raw bytes contain ``text``."""
    return [file for file in directory.iterdir() if text.encode() in file.read_bytes()]


def _refuse(body: dict[str, Any], key: str) -> dict[str, Any]:
    raise Refused("HTTP 422")


def test_old_parked_meldingen_are_purged_and_leave_no_trace(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    outbox = Outbox(path)
    secret = "Geparkeerde Grietje Oudenaarde"
    outbox.put("parked-old", {**BODY, "naam": secret})
    outbox.put("parked-new", BODY)
    outbox.deliver_pending(_refuse, is_retryable)  # both are parked now
    outbox.put("waiting-old", BODY)
    _age(path, "parked-old", 31)
    _age(path, "waiting-old", 90)
    assert _files_holding(tmp_path, secret) == [path]

    assert outbox.purge_parked(30) == 1
    assert _keys(path) == {"parked-new", "waiting-old"}  # a melding not yet delivered stays
    assert outbox.counts() == (1, 1)
    assert _files_holding(tmp_path, secret) == []
    assert outbox.purge_parked(30) == 0


def test_a_delivered_melding_is_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    outbox = Outbox(path)
    outbox.put("key-4", {**BODY, "naam": "Afgeleverde Aaltje"})
    assert outbox.deliver_pending(FlakyService(failures=0).send, is_retryable) == 1
    assert _keys(path) == set()
    assert outbox.counts() == (0, 0)


def _purge_command(path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("ACTIONS_OUTBOX_")}
    environ.update(env, ACTIONS_OUTBOX_PATH=str(path))
    return subprocess.run(
        [sys.executable, "-m", "actions.outbox", "purge", *args],
        cwd=BOT_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_purge_command_uses_the_configured_retention(tmp_path: Path) -> None:
    path = tmp_path / "outbox.sqlite3"
    outbox = Outbox(path)
    for key in ("parked-10", "parked-40"):
        outbox.put(key, BODY)
    outbox.deliver_pending(_refuse, is_retryable)
    _age(path, "parked-10", 10)
    _age(path, "parked-40", 40)

    default = _purge_command(path)
    assert default.returncode == 0, default.stderr
    assert "Deleted 1 parked melding(en) older than 30 days" in default.stdout
    assert _keys(path) == {"parked-10"}
    shorter = _purge_command(path, ACTIONS_OUTBOX_RETENTION_DAYS="7")
    assert "Deleted 1 parked melding(en) older than 7 days" in shorter.stdout
    assert _keys(path) == set()

    bad = _purge_command(path, ACTIONS_OUTBOX_RETENTION_DAYS="dertig")
    assert bad.returncode == 2 and "ACTIONS_OUTBOX_RETENTION_DAYS" in bad.stderr
    assert _purge_command(path, "--days", "0").returncode == 2
    missing = _purge_command(tmp_path / "none.sqlite3")
    assert missing.returncode == 0 and "nothing to purge" in missing.stdout
    assert not (tmp_path / "none.sqlite3").exists()
