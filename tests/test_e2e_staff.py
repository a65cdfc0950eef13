"""Acceptance: an officemedewerker handles a melding the bot created, in a real browser.

Starts the whole system (escalation, action server, Rasa, gateway) plus a local SMTP server,
holds a conversation through the gateway's HTTP API until the bot has created a melding, makes
an officemedewerker with the CLI, and then drives Debian's chromium with Playwright: log in, find
the melding in the inbox, claim it, forward it with a note and close it with an outcome. The
inbox screenshot is kept with the test's files (docs/staff-inbox.png, with a full team's seeded
inbox, comes from escalation/tests/test_staff_browser.py).
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller
from playwright.sync_api import Browser, Page, expect

from tests.chromium import launch_chromium
from tests.services import REPO, VENV_BIN, Stack, free_port, full_stack

pytestmark = pytest.mark.e2e

SCREENSHOT = "staff-inbox-e2e.png"
USERNAME = "sanne"
PASSWORD = "e2e-wachtwoord-lang-genoeg"
DESCRIPTION = "Ik zorg voor mijn man met dementie en ik ben erg moe. <script>alert(1)</script>"

# The bot's questions (lower case fragments) and how the inwoner answers, checked in this order.
ANSWERS = (
    ("klopt", "ja"),
    ("toestemming", "ja"),
    ("waar gaat uw vraag over", "Mantelzorg"),
    ("voor wie", "Voor iemand voor wie ik zorg (mantelzorg)"),
    ("aan de hand", DESCRIPTION),
    ("dringend", "nee"),
    ("hoe wilt u dat wij contact", "Telefoon"),
    ("telefoonnummer", "06 12345678"),
    ("e-mailadres", "anna@example.org"),
    ("uw naam", "Anna de Vries"),
    ("bereikbaar", "Op werkdagen na 14.00 uur"),
)


class Mailbox:
    """aiosmtpd handler keeping what the escalation service sends."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture(scope="module")
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    box, port = Mailbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def stack(
    tmp_path_factory: pytest.TempPathFactory, mailbox: tuple[Mailbox, int]
) -> Iterator[Stack]:
    workdir: Path = tmp_path_factory.mktemp("e2e-staff")
    smtp = {
        "ESCALATION_SMTP_HOST": "127.0.0.1",
        "ESCALATION_SMTP_PORT": str(mailbox[1]),
        "ESCALATION_SMTP_TO": "team@sociaalteam.example",
        "ESCALATION_NOTIFY_POLL_SECONDS": "0.5",
    }
    with full_stack(f"sqlite:///{workdir / 'escalation.db'}", workdir, smtp) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_chromium() as launched:
        yield launched


def chat_until_melding(gateway_url: str) -> str:
    """Talk with the bot until it confirms a melding; returns the confirmation text."""
    session_id: str | None = None
    message = "ik wil teruggebeld worden"
    transcript: list[str] = []
    for _ in range(20):
        response = httpx.post(
            gateway_url + "/api/v1/chat",
            json={"session_id": session_id, "message": message},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        session_id = response.json()["session_id"]
        reply = "\n".join(m["text"] or "" for m in response.json()["messages"])
        transcript += [f"> {message}", reply]
        if re.search(r"VD-[A-Z0-9]{6}", reply):
            return reply
        last = reply.lower().strip().rsplit("\n", 1)[-1] if reply.strip() else ""
        message = next((a for q, a in ANSWERS if q in last), None) or next(
            (a for q, a in ANSWERS if q in reply.lower()), None
        )
        assert message, "the bot asked something this test cannot answer:\n" + "\n".join(transcript)
    raise AssertionError("no melding after 20 turns:\n" + "\n".join(transcript))


def create_officemedewerker(stack: Stack, username: str, display_name: str) -> None:
    """Make a staff user with the CLI, the password on stdin."""
    result = subprocess.run(
        [str(VENV_BIN / "python"), "-m", "escalation", "create-user", "--username", username]
        + ["--role", "officemedewerker", "--display-name", display_name],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "ESCALATION_DATABASE_URL": stack.database_url},
        check=False,
    )
    assert result.returncode == 0, result.stderr


def add_example_meldingen(stack: Stack) -> None:
    """Two more meldingen for a realistic inbox: one spoed, one overdue."""
    headers = {"Authorization": f"Bearer {stack.escalation_token}"}
    examples = (
        {"onderwerp": "Geld en schulden", "naam": "Piet Jansen", "spoed": True},
        {"onderwerp": "Wonen", "naam": "Fatima El Amrani", "spoed": False},
    )
    for number, example in enumerate(examples):
        body = {
            **example,
            "beschrijving": "Voorbeeldmelding voor de test.",
            "telefoon": "0201234567",
            "toestemming": True,
            "gesprek_id": f"test-{number}",
            "kanaal": "test",
        }
        response = httpx.post(
            stack.escalation.base_url + "/api/v1/meldingen",
            json=body,
            headers={**headers, "Idempotency-Key": f"e2e-staff-{number}"},
        )
        assert response.status_code == 201, response.text
    engine = sa.create_engine(stack.database_url)
    with engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE meldingen SET deadline = :past WHERE naam = 'Fatima El Amrani'"),
            {"past": datetime.now(UTC) - timedelta(hours=3)},
        )
    engine.dispose()


def log_in(page: Page, base_url: str, username: str = USERNAME) -> None:
    page.goto(base_url + "/staff/login")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Inbox")).to_be_visible()


def audit_trail(stack: Stack, referentie: str) -> list[tuple[str, str, str | None]]:
    engine = sa.create_engine(stack.database_url)
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT a.actor, a.action, a.field, a.new_value FROM audit_events a "
                "JOIN meldingen m ON m.id = a.melding_id WHERE m.referentie = :ref ORDER BY a.id"
            ),
            {"ref": referentie},
        ).all()
    engine.dispose()
    return [(actor, action, f"{field}={value}") for actor, action, field, value in rows]


def test_officemedewerker_handles_a_melding_from_the_bot(
    stack: Stack, browser: Browser, mailbox: tuple[Mailbox, int], tmp_path: Path
) -> None:
    confirmation = chat_until_melding(stack.gateway.base_url)
    referentie = re.search(r"VD-[A-Z0-9]{6}", confirmation).group(0)  # type: ignore[union-attr]
    create_officemedewerker(stack, USERNAME, "Sanne (office)")
    add_example_meldingen(stack)

    page = browser.new_page(viewport={"width": 1280, "height": 720})
    log_in(page, stack.escalation.base_url)
    row = page.locator("tr", has_text=referentie)
    expect(row).to_contain_text("Anna de Vries")
    expect(row).to_contain_text("nieuw")
    # Late meldingen come first (issue 18), then spoed.
    expect(page.locator("tbody tr").first).to_contain_text("TE LAAT")
    expect(page.locator("tr.spoed").first).to_contain_text("SPOED")
    screenshot = tmp_path / SCREENSHOT
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 10_000

    row.get_by_role("link", name=referentie).click()
    expect(page.get_by_role("heading", name=f"Melding {referentie}")).to_be_visible()
    expect(page.locator(".samenvatting")).to_contain_text("<script>alert(1)</script>")
    expect(page.locator(".samenvatting")).to_contain_text("Op werkdagen na 14.00 uur")
    page.get_by_role("button", name="Oppakken").click()
    expect(page.locator("#status")).to_contain_text("opgepakt door Sanne (office)")

    page.get_by_label("Doorzetten naar").select_option("bureaudienst")
    page.get_by_label("Notitie voor de collega").fill("Mevrouw vandaag na 14.00 uur bellen.")
    page.get_by_role("button", name="Doorzetten").click()
    expect(page.locator("#status")).to_contain_text("doorgezet naar Bureaudienst")

    # No outcome is preselected, and closing needs a ticked confirmation (issue 15).
    expect(page.get_by_label("Uitkomst")).to_have_value("")
    page.get_by_label("Uitkomst").select_option("hulp_ingezet")
    page.get_by_label("Ja, ik handel deze melding af").check()
    page.get_by_role("button", name="Afhandelen").click()
    expect(page.locator("#status")).to_contain_text("afgehandeld")
    expect(page.locator("#audit")).to_contain_text("afhandelen")
    page.close()

    assert audit_trail(stack, referentie) == [
        ("api", "aanmaken", "status=nieuw"),
        (USERNAME, "oppakken", "status=opgepakt"),
        (USERNAME, "oppakken", f"opgepakt_door={USERNAME}"),
        (USERNAME, "doorzetten", "status=doorgezet"),
        (USERNAME, "doorzetten", "doorgezet_naar=bureaudienst"),
        (USERNAME, "doorzetten", "notitie=Mevrouw vandaag na 14.00 uur bellen."),
        (USERNAME, "afhandelen", "status=afgehandeld"),
        (USERNAME, "afhandelen", "uitkomst=hulp_ingezet"),
    ]
    box = mailbox[0]
    deadline = time.monotonic() + 15
    while not any(referentie in str(m["Subject"]) for m in box.messages):
        assert time.monotonic() < deadline, "no e-mail to the team about the melding"
        time.sleep(0.2)


def test_login_and_inbox_load_nothing_from_other_hosts(stack: Stack, browser: Browser) -> None:
    create_officemedewerker(stack, "kim", "Kim")
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    log_in(page, stack.escalation.base_url, "kim")
    page.wait_for_load_state("networkidle")
    page.close()
    assert any(url.endswith("/staff/static/staff.css") for url in requested)
    assert any(url.endswith("/staff/static/countdown.js") for url in requested)
    foreign = [url for url in requested if not url.startswith(stack.escalation.base_url + "/")]
    assert foreign == []
