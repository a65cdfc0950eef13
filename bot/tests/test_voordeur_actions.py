"""The action server launcher refuses callers without the token, encoded and oversized bodies.

Each test talks over HTTP to a real server started with ``python -m voordeur_actions``.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.utils.endpoints import read_endpoint_config
from voordeur_actions import MAX_BODY_BYTES

BOT_DIR = Path(__file__).resolve().parents[1]
TOKEN = "test-action-server-token-" + "x" * 16
ESCALATION_TOKEN = "test-escalation-token-0123456789"
PROBE_ACTIONS = """
from rasa_sdk import Action

STARTS = []


def on_server_start():
    STARTS.append("started")


class ActionProbe(Action):
    def name(self):
        return "action_probe"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text="ok", json_message={"starts": STARTS})
        return []
"""
ACTION_CALL = {
    "next_action": "action_probe",
    "sender_id": "test",
    "domain": {},
    "tracker": {"sender_id": "test", "slots": {}, "latest_message": {}, "events": []},
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    (tmp_path / "probe_actions.py").write_text(PROBE_ACTIONS)
    own = ("SANIC_HOST", "ACTION_SERVER_TOKEN", "ESCALATION_API_TOKEN")
    environ = {k: v for k, v in os.environ.items() if k not in own}
    environ.update(env, PYTHONPATH=f"{tmp_path}{os.pathsep}{BOT_DIR}")
    command = [sys.executable, "-m", "voordeur_actions", "--actions", "probe_actions", *args]
    with (tmp_path / "server.log").open("wb") as log:
        return subprocess.Popen(command, cwd=tmp_path, env=environ, stdout=log, stderr=log)


def _request(
    url: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=body, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 (local http)
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A guarded action server with the probe action, started without ``--interface``."""
    port = _free_port()
    directory = tmp_path_factory.mktemp("actions")
    env = {"ACTION_SERVER_TOKEN": TOKEN, "ESCALATION_API_TOKEN": ESCALATION_TOKEN}
    process = _start(directory, env, "--port", str(port))
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            assert process.poll() is None, (directory / "server.log").read_text()
            try:
                if _request(base_url + "/health")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "action server did not start"
            time.sleep(0.3)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=15)


def _webhook(server: str, body: bytes, **headers: str) -> tuple[int, dict[str, str], bytes]:
    return _request(server + "/webhook", body, {"Content-Type": "application/json", **headers})


def test_right_token_runs_the_action(server: str) -> None:
    status, _, body = _webhook(
        server, json.dumps(ACTION_CALL).encode(), Authorization=f"Bearer {TOKEN}"
    )
    assert status == 200
    assert json.loads(body)["responses"][0]["text"] == "ok"


def test_the_start_hook_ran_once_before_serving(server: str) -> None:
    status, _, body = _webhook(
        server, json.dumps(ACTION_CALL).encode(), Authorization=f"Bearer {TOKEN}"
    )
    assert status == 200
    assert json.loads(body)["responses"][0]["custom"] == {"starts": ["started"]}


@pytest.mark.parametrize(
    "authorization", [None, "Bearer wrong-token-of-some-length-xxxxxxxxxx", TOKEN, "Bearer "]
)
def test_missing_or_wrong_token_is_refused(server: str, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization is not None else {}
    assert _webhook(server, json.dumps(ACTION_CALL).encode(), **headers)[0] == 401
    assert _request(server + "/actions", headers=headers)[0] == 401


def test_actions_list_needs_the_token(server: str) -> None:
    status, _, body = _request(server + "/actions", headers={"Authorization": f"Bearer {TOKEN}"})
    assert status == 200
    assert {"name": "action_probe"} in json.loads(body)


def test_deflate_body_is_refused_without_inflating(server: str) -> None:
    # 64 MiB of zeroes compress to about 64 KiB: rasa-sdk alone would inflate it in memory.
    bomb = zlib.compress(b"0" * (64 << 20), 9)
    for encoding in ("deflate", "gzip", "identity, deflate"):
        status, _, _ = _webhook(
            server, bomb, Authorization=f"Bearer {TOKEN}", **{"Content-Encoding": encoding}
        )
        assert status == 415
    assert _request(server + "/health")[0] == 200


def test_oversized_body_is_refused(server: str) -> None:
    # Announced too large: refused from the headers, before the body is read.
    address = urllib.parse.urlsplit(server)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    connection.putrequest("POST", "/webhook")
    connection.putheader("Authorization", f"Bearer {TOKEN}")
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Content-Length", str(MAX_BODY_BYTES + 1))
    connection.endheaders()
    try:
        status = connection.getresponse().status
    except (ConnectionError, http.client.HTTPException):
        pytest.fail("the server closed the connection without an answer")
    finally:
        connection.close()
    assert status == 413
    assert _request(server + "/health")[0] == 200


def test_a_long_session_is_not_too_large(server: str) -> None:
    # About 600 turns of events (3.5 KiB each): past the old 1 MiB limit, the actions failed.
    status = _webhook(server, b"0" * (2 << 20), Authorization=f"Bearer {TOKEN}")[0]
    assert status != 413


def test_no_cors_headers(server: str) -> None:
    _, headers, _ = _request(server + "/health", headers={"Origin": "http://evil.example"})
    assert not any(name.lower().startswith("access-control-") for name in headers)


def test_listens_on_loopback_only_by_default(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    listening = subprocess.run(
        ["ss", "-ltnH", f"( sport = :{port} )"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert f"127.0.0.1:{port}" in listening
    assert not [word for word in listening if word.endswith(f":{port}") and "127.0.0.1" not in word]


@pytest.mark.parametrize("token", [None, "too-short"])
def test_refuses_to_start_without_a_proper_token(tmp_path: Path, token: str | None) -> None:
    env = {"ACTION_SERVER_TOKEN": token} if token else {}
    process = _start(tmp_path, env, "--port", str(_free_port()))
    assert process.wait(timeout=60) != 0
    assert "ACTION_SERVER_TOKEN" in (tmp_path / "server.log").read_text()


@pytest.mark.parametrize("escalation_token", [None, "", "too-short"])
def test_refuses_to_start_without_the_escalation_token(
    tmp_path: Path, escalation_token: str | None
) -> None:
    """Without it every melding would fail later; better to stop at once with a clear error."""
    env = {"ACTION_SERVER_TOKEN": TOKEN}
    if escalation_token is not None:
        env["ESCALATION_API_TOKEN"] = escalation_token
    process = _start(tmp_path, env, "--port", str(_free_port()))
    assert process.wait(timeout=60) == 2  # argparse's usage error, before anything listens
    log = (tmp_path / "server.log").read_text()
    assert "ESCALATION_API_TOKEN is not set or shorter than 16 characters" in log


def test_endpoints_send_the_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACTION_ENDPOINT_URL", "http://127.0.0.1:5055/webhook")
    monkeypatch.setenv("ACTION_SERVER_TOKEN", TOKEN)
    for name in ("HOST", "PORT", "NAME", "USER", "PASSWORD"):
        monkeypatch.setenv(f"RASA_TRACKER_DB_{name}", "1")
    for name in ("HOST", "PORT"):
        monkeypatch.setenv(f"RASA_LOCK_REDIS_{name}", "1")
    for name in ("endpoints.yml", "endpoints-scaled.yml"):
        config = read_endpoint_config(str(BOT_DIR / name), "action_endpoint")
        assert config.headers == {"Authorization": f"Bearer {TOKEN}"}
        assert config.url == "http://127.0.0.1:5055/webhook"
