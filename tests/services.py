"""Start Voordeur's real services as subprocesses on free ports, for end-to-end tests."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager as ContextManager
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = REPO / ".venv" / "bin"
RASA_BIN = REPO / ".venv-rasa" / "bin"
MODEL = REPO / "bot" / "models" / "voordeur.tar.gz"
# Rasa takes messages only with this token (bot/voordeur_channel.py); the gateway sends it.
RASA_CHANNEL_TOKEN = "test-channel-token-" + secrets.token_urlsafe(24)
RASA_HEADERS = {"Authorization": f"Bearer {RASA_CHANNEL_TOKEN}"}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Service:
    """A running service process and where it answers."""

    name: str
    process: subprocess.Popen[bytes]
    base_url: str
    log_path: Path

    def log_tail(self, lines: int = 40) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def _wait_healthy(service: Service, health_path: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if service.process.poll() is not None:
            raise RuntimeError(
                f"{service.name} exited with {service.process.returncode}:\n{service.log_tail()}"
            )
        try:
            if httpx.get(service.base_url + health_path, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{service.name} not healthy after {timeout} s:\n{service.log_tail()}")


@contextmanager
def running(
    name: str,
    command: list[str],
    *,
    port: int,
    env: Mapping[str, str],
    log_dir: Path,
    cwd: Path = REPO,
    health_path: str = "/health",
    timeout: float = 60,
) -> Iterator[Service]:
    """Run one service until the block ends; fail with its log if it does not come up."""
    log_path = log_dir / f"{name}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=cwd, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
        )
    service = Service(name, process, f"http://127.0.0.1:{port}", log_path)
    try:
        _wait_healthy(service, health_path, timeout)
        yield service
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def uvicorn_server(
    name: str, app: str, port: int, env: Mapping[str, str], log_dir: Path
) -> ContextManager[Service]:
    """One of our FastAPI apps (``escalation.app:app``, ``gateway.app:app``) under uvicorn."""
    command = [str(VENV_BIN / "python"), "-m", "uvicorn", "--host", "127.0.0.1", app]
    return running(name, [*command, "--port", str(port)], port=port, env=env, log_dir=log_dir)


def actions_server(port: int, env: Mapping[str, str], log_dir: Path) -> ContextManager[Service]:
    """The action server of ``bot/actions`` on 127.0.0.1:``port``, as the Procfile starts it.

    It only accepts callers with ``ACTION_SERVER_TOKEN``. When ``env`` has none, one is put in
    this process's environment, so that a Rasa started from here sends the same token.
    """
    if "ACTION_SERVER_TOKEN" not in env:
        os.environ.setdefault("ACTION_SERVER_TOKEN", secrets.token_urlsafe(32))
    return running(
        "actions",
        [str(RASA_BIN / "python"), "-m", "voordeur_actions", "--actions", "actions"]
        + ["--interface", "127.0.0.1", "--port", str(port)],
        port=port,
        env=env,
        log_dir=log_dir,
        cwd=REPO / "bot",
        timeout=120,
    )


def rasa_server(
    name: str,
    port: int,
    env: Mapping[str, str],
    log_dir: Path,
    endpoints: str = "endpoints.yml",
    extra_args: Sequence[str] = (),
) -> ContextManager[Service]:
    """Rasa with the trained model on ``port``; ``endpoints`` relative to ``bot/`` or absolute.

    It takes messages only with ``RASA_HEADERS`` (unless ``env`` sets another channel token).
    """
    return running(
        name,
        [str(RASA_BIN / "python"), "-m", "voordeur_rasa", "run", "--model", str(MODEL)]
        + ["--interface", "127.0.0.1"]
        + ["--port", str(port), "--credentials", "credentials.yml", "--endpoints", endpoints]
        + list(extra_args),
        port=port,
        env={"RASA_CHANNEL_TOKEN": RASA_CHANNEL_TOKEN, **env},
        log_dir=log_dir,
        cwd=REPO / "bot",
        health_path="/",
        timeout=240,
    )


@dataclass
class Stack:
    """The whole system, started for a test session."""

    gateway: Service
    escalation: Service
    rasa_instances: list[Service]
    actions: Service
    database_url: str
    # Creates meldingen (what the gateway and the action server hold).
    escalation_token: str
    # Reads meldingen back through GET /api/v1/meldingen/{id}.
    escalation_read_token: str
    env: Mapping[str, str]

    @property
    def rasa(self) -> Service:
        """The (first) Rasa instance."""
        return self.rasa_instances[0]


def migrate(database_url: str, env: Mapping[str, str]) -> None:
    """Bring an escalation database to the newest schema."""
    subprocess.run(
        [str(VENV_BIN / "python"), "-m", "escalation", "migrate"],
        cwd=REPO,
        env={**os.environ, **env, "ESCALATION_DATABASE_URL": database_url},
        check=True,
    )


@contextmanager
def full_stack(
    database_url: str,
    log_dir: Path,
    extra_env: Mapping[str, str] | None = None,
    *,
    rasa_instances: int = 1,
    rasa_endpoints: str = "endpoints.yml",
) -> Iterator[Stack]:
    """Start escalation, action server, Rasa and gateway, wired to each other.

    ``extra_env`` adds or overrides environment variables of all services. With
    ``rasa_instances`` above 1 the gateway gets every instance's URL; they then need a shared
    tracker and lock store (``rasa_endpoints="endpoints-scaled.yml"`` and its variables).
    """
    if not MODEL.exists():
        subprocess.run([str(REPO / "scripts" / "train.sh")], check=True)
    ports = {name: free_port() for name in ("gateway", "escalation", "actions")}
    rasa_ports = [free_port() for _ in range(rasa_instances)]
    token = "e2e-" + os.urandom(8).hex()
    read_token = "e2e-read-" + os.urandom(8).hex()
    erase_token = secrets.token_urlsafe(32)
    env = {
        "ESCALATION_API_TOKEN": token,
        "ESCALATION_READ_TOKEN": read_token,
        "ESCALATION_DATABASE_URL": database_url,
        "ESCALATION_SESSION_SECRET": "e2e-session-" + os.urandom(16).hex(),
        "ESCALATION_URL": f"http://127.0.0.1:{ports['escalation']}",
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{ports['actions']}/webhook",
        "ACTION_SERVER_TOKEN": secrets.token_urlsafe(32),
        # "Gesprek beëindigen en wissen" erases the conversation in Rasa with this token.
        "RASA_DELETE_TOKEN": erase_token,
        "GATEWAY_RASA_DELETE_TOKEN": erase_token,
        "RASA_CHANNEL_TOKEN": RASA_CHANNEL_TOKEN,
        "GATEWAY_RASA_CHANNEL_TOKEN": RASA_CHANNEL_TOKEN,
        "GATEWAY_RASA_URL": ",".join(f"http://127.0.0.1:{port}" for port in rasa_ports),
        "GATEWAY_ESCALATION_URL": f"http://127.0.0.1:{ports['escalation']}",
        "GATEWAY_PSEUDONYM_KEY": "e2e-pseudonym-key-0123456789abcdef",
        "ACTIONS_OUTBOX_PATH": str(log_dir / "melding-outbox.sqlite3"),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "PYTHONUNBUFFERED": "1",
        **(extra_env or {}),
    }
    migrate(database_url, env)
    with ExitStack() as stack:
        escalation = stack.enter_context(
            uvicorn_server("escalation", "escalation.app:app", ports["escalation"], env, log_dir)
        )
        actions = stack.enter_context(actions_server(ports["actions"], env, log_dir))
        rasas = [
            stack.enter_context(
                rasa_server(
                    f"rasa-{number}" if rasa_instances > 1 else "rasa",
                    port,
                    env,
                    log_dir,
                    rasa_endpoints,
                )
            )
            for number, port in enumerate(rasa_ports, start=1)
        ]
        gateway = stack.enter_context(
            uvicorn_server("gateway", "gateway.app:app", ports["gateway"], env, log_dir)
        )
        yield Stack(gateway, escalation, rasas, actions, database_url, token, read_token, env)
