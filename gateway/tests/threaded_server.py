"""An ASGI app served by uvicorn in a background thread on a free port, for local stand-ins."""

from __future__ import annotations

import threading
import time
from typing import Any

import uvicorn

from gateway.tests.rasa_stand_in import free_port


class ThreadedServer:
    """``start`` waits until the server answers (at most 10 s); ``stop`` shuts it down."""

    def __init__(self, app: Any, name: str) -> None:
        self.name = name
        self.port = free_port()
        self._server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        assert self._server.started, f"{self.name} did not start"

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
