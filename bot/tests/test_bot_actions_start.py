"""The actions package starts nothing when imported; the server's start hook does the rest.

rasa-sdk imports every module of the package to find the actions (also in tests and tools), so
a thread, a database or a missing organisation file at import time would hit all of them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import actions
import pytest
from actions.outbox import Outbox, outbox_path

BOT_DIR = Path(__file__).resolve().parents[1]
REPO_DIR = BOT_DIR.parent

# Registers the package as the action server does and reports what the import did.
REGISTER = """
import json, os, sys, threading
from rasa_sdk.executor import ActionExecutor

seen = []
WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND


def audit(event, args):
    if event == "open":
        path, mode = str(args[0]), args[1]
        writes = any(c in mode for c in "wax+") if isinstance(mode, str) else False
        if len(args) > 2 and isinstance(args[2], int):
            writes = writes or bool(args[2] & WRITE)
        seen.append(["open", path, writes])
    elif event.startswith(("sqlite3.connect", "socket.connect", "socket.getaddrinfo")):
        seen.append([event, repr(args)[:200], True])


threads = threading.active_count()
sys.addaudithook(audit)
executor = ActionExecutor()
executor.register_package("actions")
print(json.dumps({
    "threads_before": threads,
    "threads_after": threading.active_count(),
    "actions": sorted(executor.actions),
    "seen": seen,
}))
"""


def _python(code: str, **environ: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh Python process in ``bot/``, with ``environ`` added."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BOT_DIR,
        env={**os.environ, **environ},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _register_in_a_fresh_process(tmp_path: Path) -> dict:
    done = _python(
        REGISTER,
        VOORDEUR_ORGANISATION_FILE=str(tmp_path / "missing-organisation.yml"),
        ACTIONS_OUTBOX_PATH=str(tmp_path / "outbox" / "outbox.sqlite3"),
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_the_actions_starts_nothing(tmp_path: Path) -> None:
    report = _register_in_a_fresh_process(tmp_path)
    assert "action_crisis_answer" in report["actions"]  # the import itself worked
    assert report["threads_after"] == report["threads_before"]
    assert not (tmp_path / "outbox").exists()
    assert [event for event in report["seen"] if event[0] != "open"] == []
    opened = [path for kind, path, _ in report["seen"] if kind == "open"]
    written = [path for kind, path, writes in report["seen"] if kind == "open" and writes]
    assert written == []
    # Only code and installed packages: not the organisation file, not the outbox.
    data = [
        path
        for path in opened
        if path.startswith(str(REPO_DIR))
        and not path.startswith(sys.prefix)
        and not path.endswith((".py", ".pyc"))
    ]
    assert data == []


def test_every_feature_module_registers_its_actions(tmp_path: Path) -> None:
    """The split into feature modules kept every action (the domain checks the full list)."""
    registered = set(_register_in_a_fresh_process(tmp_path)["actions"])
    assert {
        "action_crisis_answer",
        "action_offer_callback",
        "action_start_melding",
        "action_ask_bevestigd",
        "validate_melding_form",
        "action_create_melding",
        "action_not_understood",
    } <= registered


def test_start_hook_refuses_a_missing_organisation_file(tmp_path: Path) -> None:
    """In a fresh process: this one may already hold a good organisation (kept on errors)."""
    done = _python(
        "import actions; actions.on_server_start()",
        VOORDEUR_ORGANISATION_FILE=str(tmp_path / "missing.yml"),
    )
    assert done.returncode != 0
    assert "OrganisationConfigError" in done.stderr


def test_start_hook_delivers_what_an_earlier_run_left(
    org_file: Path, fake_escalation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESCALATION_URL", fake_escalation.url)
    monkeypatch.setenv("ESCALATION_API_TOKEN", "dev")
    Outbox(outbox_path()).put("key-from-an-earlier-run", {"naam": "Jan de Vries"})
    actions.on_server_start()
    # The stand-in records the request before it answers, and the outbox forgets the melding
    # only after the answer: wait for both, or a slow machine sees the melding still pending.
    outbox = Outbox(outbox_path())
    deadline = time.monotonic() + 10
    while (not fake_escalation.recorded or outbox.pending()) and time.monotonic() < deadline:
        time.sleep(0.1)
    [delivered] = fake_escalation.recorded
    assert delivered.headers["Idempotency-Key"] == "key-from-an-earlier-run"
    assert outbox.pending() == []
