"""Shared helpers for the browser tests: Debian's chromium, axe-core and a host web site.

No browser and no script is downloaded at test time: chromium comes from apt and axe-core from
``gateway/tests/js/node_modules`` (``npm ci`` in ``gateway/tests/js``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.chromium import CHROMIUM

AXE = Path(__file__).resolve().parent / "js" / "node_modules" / "axe-core" / "axe.min.js"

HOST_PAGE = """<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>Gemeente Voorbeeld</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<main><h1>Gemeente Voorbeeld</h1><p>Welkom op de website van de gemeente.</p></main>
<script src="{gateway}/widget.js" defer></script>
</body>
</html>
"""


def missing_tools() -> str | None:
    """Why the browser tests cannot run here, or ``None`` when they can."""
    if CHROMIUM is None:
        return "chromium is not installed (apt-get install chromium; scripts/install.sh does it)"
    if not AXE.exists():
        return f"axe-core is not installed: run `npm ci` in {AXE.parents[2]}"
    return None


def skip_without_tools() -> pytest.MarkDecorator:
    """Skip, with the reason, where chromium or axe-core is missing.

    Not under ``VOORDEUR_REQUIRE_BROWSER=1`` (scripts/test.sh installs both and sets it): there
    the tests run and fail loudly instead of being skipped.
    """
    reason = missing_tools()
    required = os.environ.get("VOORDEUR_REQUIRE_BROWSER") == "1"
    return pytest.mark.skipif(reason is not None and not required, reason=str(reason))


def run_axe(page: Any) -> list[dict[str, Any]]:
    """Inject axe-core into every frame and return the violations for the whole page."""
    source = AXE.read_text(encoding="utf-8")
    for frame in page.frames:
        frame.evaluate(source + "\n;undefined")
    violations: list[dict[str, Any]] = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"
    )
    return violations


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""


@contextmanager
def host_site(directory: Path, port: int, gateway_url: str) -> Iterator[str]:
    """Serve a municipality's page that embeds the widget with one script tag."""
    (directory / "index.html").write_text(HOST_PAGE.format(gateway=gateway_url), encoding="utf-8")
    server = ThreadingHTTPServer(
        ("127.0.0.1", port), partial(_QuietHandler, directory=str(directory))
    )
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
