"""Start the real Rasa launcher (``voordeur_rasa``) on a free port for a test, and stop it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

BOT_DIR = Path(__file__).resolve().parents[1]
MODEL = BOT_DIR / "models" / "voordeur.tar.gz"
START_SECONDS = 240
# Rasa's channel takes messages only with this token (bot/voordeur_channel.py).
CHANNEL_TOKEN = "k" * 40


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_rasa(endpoints: Path, folder: Path, env: dict[str, str]) -> Iterator[str]:
    """Rasa with ``endpoints``, its log in ``folder``; yields its base URL."""
    if not MODEL.exists():
        pytest.skip(f"no trained model at {MODEL}")
    port = _free_port()
    log_path = folder / "rasa.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "voordeur_rasa", "run", "--model", str(MODEL)]
            + ["--interface", "127.0.0.1", "--port", str(port)]
            + ["--credentials", "credentials.yml", "--endpoints", str(endpoints)],
            cwd=BOT_DIR,
            env={
                **os.environ,
                "TF_CPP_MIN_LOG_LEVEL": "3",
                "RASA_CHANNEL_TOKEN": CHANNEL_TOKEN,
                **env,
            },
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + START_SECONDS
            while True:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("Rasa did not start:\n" + log_path.read_text()[-3000:])
                try:
                    if requests.get(url, timeout=2).status_code == 200:
                        break
                except requests.RequestException:
                    time.sleep(0.5)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=30)


def say(url: str, sender: str, text: str) -> None:
    """One message from ``sender`` through Rasa's REST channel, as the gateway sends it."""
    body = {"sender": sender, "message": text, "metadata": {"kanaal": "web"}}
    headers = {"Authorization": f"Bearer {CHANNEL_TOKEN}"}
    response = requests.post(f"{url}/webhooks/rest/webhook", json=body, headers=headers, timeout=60)
    assert response.status_code == 200
