"""The chat page in a real browser (Debian's chromium, driven by Playwright).

The gateway runs under uvicorn in a thread, talking to the Rasa stand-in. Skipped when no
chromium is installed (``scripts/install.sh`` installs it).
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from gateway.app import create_app
from gateway.settings import Settings
from gateway.tests.conftest import PSEUDONYM_KEY
from gateway.tests.rasa_stand_in import RasaStandIn, default_reply, free_port

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

TRICKY_TEXT = (
    "Kijk op https://www.example.nl/wmo. Of lees [onze pagina](https://example.nl/hulp).\n"
    "Mail naar info@example.nl. <img src=x onerror=alert(1)> [klik](javascript:alert(1))"
)


def reply(request: dict[str, Any]) -> Any:
    if request.get("message") == "/greet":
        return default_reply(request)
    return [{"recipient_id": request["sender"], "text": TRICKY_TEXT}]


@pytest.fixture
def served_gateway(rasa: RasaStandIn, organisation_file: Path) -> Iterator[str]:
    """The gateway on a real port, for the browser."""
    rasa.reply = reply
    settings = Settings(
        pseudonym_key=PSEUDONYM_KEY,
        rasa_url=rasa.url,
        rasa_timeout_seconds=2,
        organisation_file=organisation_file,
    )
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "gateway did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_conversation_in_a_narrow_browser(served_gateway: str, rasa: RasaStandIn) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 320, "height": 640})
            requests: list[str] = []
            problems: list[str] = []
            dialogs: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.on(
                "console", lambda msg: problems.append(msg.text) if msg.type == "error" else None
            )
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

            # A new conversation greets by itself, with the buttons as real buttons.
            page.goto(served_gateway + "/")
            page.wait_for_selector("button.quick-reply")
            assert rasa.received[0]["message"] == "/greet"
            assert "Goedendag" in page.inner_text("#messages")
            session_id = page.evaluate("localStorage.getItem('voordeur.sessionId')")
            assert session_id and len(session_id) == 32

            # A quick reply sends its payload and shows its title as the inwoner's message.
            page.click("button.quick-reply >> text=Ik ben mantelzorger")
            page.wait_for_selector(".message-bot >> nth=1")
            assert rasa.received[1]["message"] == '/mantelzorg{"rol":"mantelzorger"}'
            assert page.inner_text(".message-user").endswith("Ik ben mantelzorger")
            assert page.locator("button.quick-reply").count() == 0

            # Typed with the keyboard; links become safe links, markup stays text.
            page.focus("#message-input")
            page.keyboard.type("Waar vind ik informatie?")
            page.keyboard.press("Enter")
            page.wait_for_selector(".message-bot >> nth=2")
            assert rasa.received[2]["message"] == "Waar vind ik informatie?"
            links = page.eval_on_selector_all(
                ".message-bot a", "els => els.map(e => [e.getAttribute('href'), e.rel])"
            )
            hrefs = [href for href, _ in links]
            assert "https://www.example.nl/wmo" in hrefs
            assert "https://example.nl/hulp" in hrefs
            assert "mailto:info@example.nl" in hrefs
            assert not any(href.startswith("javascript") for href in hrefs)
            assert all("noopener" in rel for href, rel in links if href.startswith("https"))
            assert page.locator(".message-bot img").count() == 0
            assert "<img src=x onerror=alert(1)>" in page.inner_text(".message-bot >> nth=1")

            # Fits in 320 px without sideways scrolling; the same session is used throughout.
            assert page.evaluate("document.documentElement.scrollWidth") <= 320
            senders = {body["sender"] for body in rasa.received}
            assert len(senders) == 1 and session_id not in next(iter(senders))

            # Rasa down: an honest notice, and the typed text is kept for another try.
            rasa.status = 500
            rasa.raw_body = b"{}"
            page.fill("#message-input", "Hallo?")
            page.click("#send-button")
            page.wait_for_selector(".message-notice")
            assert "later opnieuw" in page.inner_text(".message-notice")
            assert page.input_value("#message-input") == "Hallo?"

            # After a reload the session is kept and no new greeting is sent.
            greetings = sum(body["message"] == "/greet" for body in rasa.received)
            page.reload()
            page.wait_for_selector(".message-info")
            assert sum(body["message"] == "/greet" for body in rasa.received) == greetings

            assert dialogs == []
            own = served_gateway + "/"
            assert all(url.startswith(own) for url in requests), requests
            unexpected = [text for text in problems if "503" not in text]
            assert unexpected == [], unexpected
        finally:
            browser.close()
