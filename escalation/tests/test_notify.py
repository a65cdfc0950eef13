"""E-mail to the team for each new melding, against a real local SMTP server (aiosmtpd)."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation import notify
from escalation.app import create_app
from escalation.countdown import deadline_kort
from escalation.db import session_factory
from escalation.models import Melding, Notification, utcnow
from escalation.notify import SAFETY_LINE, build_message, send_due
from escalation.settings import Settings
from escalation.tests.conftest import login, new_melding
from tests.services import free_port

TEAM = "team@sociaalteam.example"


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def plain_body(message: EmailMessage) -> str:
    """The text/plain part of a received mail."""
    part = message.get_body(("plain",))
    assert part is not None, "no text/plain part"
    return str(part.get_content())


def smtp_server(port: int) -> tuple[Controller, Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, inbox


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def mail_settings(settings: Settings, port: int) -> Settings:
    return settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "smtp_to": TEAM,
            "smtp_timeout_seconds": 5,
            "notify_poll_seconds": 0.1,
            "staff_url": "https://voordeur.example/staff/",
        }
    )


@pytest.fixture
def mail_client(mail_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(mail_settings)) as test_client:
        yield test_client


def _wait_for(condition: Any, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_every_new_melding_is_mailed_without_personal_content(
    mail_client: TestClient, port: int
) -> None:
    controller, inbox = smtp_server(port)
    try:
        gewoon = new_melding(mail_client, "k1", beschrijving="Mijn geheime verhaal.")
        spoed = new_melding(
            mail_client,
            "k2",
            spoed=True,
            onderwerp="Geldzorgen",
            veiligheid=True,
            veilig_contact="Alleen na 9 uur, geen voicemail",
        )
        _wait_for(lambda: len(inbox.messages) == 2)
    finally:
        controller.stop()
    subjects = sorted(str(m["Subject"]) for m in inbox.messages)
    assert subjects == sorted(
        [
            f"Nieuwe melding {gewoon['referentie']}",
            f"SPOED, uiterlijk {deadline_kort(datetime.fromisoformat(spoed['deadline']))}: "
            f"melding {spoed['referentie']}",
        ]
    )
    links = {
        gewoon["referentie"]: f"https://voordeur.example/staff/meldingen/{gewoon['id']}",
        spoed["referentie"]: f"https://voordeur.example/staff/meldingen/{spoed['id']}",
    }
    inwoner_text = (
        "Anna de Vries", "+31612345678", "0612345678", "geheime", "teruggebeld", "voicemail",
        "Respijtzorg", "Geldzorgen", "moe",
    )  # fmt: skip
    for message in inbox.messages:
        assert message["To"] == TEAM
        body = plain_body(message)
        assert "Oppakken vóór" in body
        referentie = str(message["Subject"]).rsplit(" ", 1)[1]
        assert links[referentie] in body
        for personal in inwoner_text:
            assert personal not in body and personal not in str(message["Subject"])
        flagged = spoed["referentie"] in str(message["Subject"])
        assert (SAFETY_LINE in body) is flagged


def test_smtp_down_keeps_the_melding_and_retries_later(
    client: TestClient, db: Session, mail_settings: Settings, port: int
) -> None:
    melding = new_melding(client)
    # The plain ``client`` has no SMTP configured, so queue as the mailing app would.
    db.add(Notification(melding_id=melding["id"]))
    db.commit()

    assert send_due(db, mail_settings) == 0  # nothing listens on the port yet
    notification = db.scalars(select(Notification)).one()
    assert (notification.attempts, notification.sent_at) == (1, None)
    assert notification.last_error and notification.next_attempt_at > utcnow()
    assert db.get(Melding, melding["id"]) is not None

    controller, inbox = smtp_server(port)
    try:
        assert send_due(db, mail_settings) == 0  # still waiting for the backoff
        later = utcnow() + timedelta(minutes=1)
        assert send_due(db, mail_settings, now=later) == 1
    finally:
        controller.stop()
    assert len(inbox.messages) == 1 and melding["referentie"] in str(inbox.messages[0]["Subject"])
    db.refresh(notification)
    assert notification.sent_at is not None and notification.attempts == 2
    assert send_due(db, mail_settings, now=later) == 0  # never twice


def test_without_smtp_settings_nothing_is_queued(client: TestClient, db: Session) -> None:
    new_melding(client)
    assert db.scalars(select(Notification)).all() == []


def test_two_senders_at_once_send_each_mail_once(
    client: TestClient, db: Session, mail_settings: Settings, port: int
) -> None:
    for number in range(5):
        melding = new_melding(client, f"k{number}")
        db.add(Notification(melding_id=melding["id"]))
    db.commit()
    factory = session_factory(mail_settings.database_url)
    start = threading.Barrier(2)

    def sender() -> int:
        with factory() as session:
            start.wait()
            return send_due(session, mail_settings)

    controller, inbox = smtp_server(port)
    try:
        with ThreadPoolExecutor(2) as pool:
            counts = list(pool.map(lambda _: sender(), range(2)))
    finally:
        controller.stop()
    assert sum(counts) == 5 and len(inbox.messages) == 5


class PickyInbox(Inbox):
    """Refuses (554) every message that names one of ``refused``."""

    def __init__(self, refused: set[str]) -> None:
        super().__init__()
        self.refused = refused

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if any(referentie.encode() in envelope.content for referentie in self.refused):
            return "554 5.7.1 Message refused"
        return await super().handle_DATA(server, session, envelope)


def test_a_newline_in_the_onderwerp_is_refused_before_anything_is_stored(
    mail_client: TestClient, auth: dict[str, str], db: Session
) -> None:
    body = {
        "onderwerp": "Schulden\nhuur", "beschrijving": "poc", "naam": "Poc",
        "telefoon": "0201234567", "toestemming": True, "spoed": True, "kanaal": "test",
        "gesprek_id": "poc",
    }  # fmt: skip
    response = mail_client.post(
        "/api/v1/meldingen", json=body, headers={**auth, "Idempotency-Key": "poc-nl-1"}
    )
    assert response.status_code == 422
    assert "één regel" in response.text
    assert db.scalars(select(Melding)).all() == [] and db.scalars(select(Notification)).all() == []


def test_a_failing_notification_is_recorded_shown_and_never_blocks_the_others(
    client: TestClient,
    db: Session,
    mail_settings: Settings,
    port: int,
    users: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    refused, broken, fine = (new_melding(client, f"k{n}") for n in range(3))
    start = utcnow() - timedelta(seconds=30)
    for offset, melding in enumerate((refused, broken, fine)):  # the failing ones go first
        db.add(
            Notification(
                melding_id=melding["id"], next_attempt_at=start + timedelta(seconds=offset)
            )
        )
    db.commit()

    def build_or_fail(melding: Melding, settings: Settings) -> Any:
        if melding.id == broken["id"]:
            raise RuntimeError("template broke")
        return build_message(melding, settings)

    monkeypatch.setattr(notify, "build_message", build_or_fail)
    inbox = PickyInbox({refused["referentie"]})
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        assert send_due(db, mail_settings) == 1
    finally:
        controller.stop()
    assert [str(m["Subject"]) for m in inbox.messages] == [f"Nieuwe melding {fine['referentie']}"]
    rows = {n.melding_id: n for n in db.scalars(select(Notification))}
    assert "SMTPDataError" in (rows[refused["id"]].last_error or "")
    assert rows[broken["id"]].last_error == "RuntimeError: template broke"
    for failed in (refused, broken):
        row = rows[failed["id"]]
        assert row.attempts == 1 and row.sent_at is None and row.next_attempt_at > utcnow()
    assert rows[fine["id"]].sent_at is not None

    assert login(client, "anna").status_code == 303
    page = client.get(f"/staff/meldingen/{refused['id']}").text
    assert 'id="mail-fout"' in page and "SMTPDataError" in page
    assert 'id="mail-fout"' not in client.get(f"/staff/meldingen/{fine['id']}").text

    monkeypatch.setattr(notify, "build_message", build_message)
    controller, accepting = smtp_server(port)
    try:
        assert send_due(db, mail_settings, now=utcnow() + timedelta(minutes=1)) == 2
    finally:
        controller.stop()
    assert len(accepting.messages) == 2
    assert 'id="mail-fout"' not in client.get(f"/staff/meldingen/{refused['id']}").text


def test_smtp_login_without_tls_is_refused(
    client: TestClient, db: Session, mail_settings: Settings, port: int
) -> None:
    melding = new_melding(client)
    db.add(Notification(melding_id=melding["id"]))
    db.commit()
    insecure = mail_settings.model_copy(
        update={"smtp_username": "team", "smtp_password": SecretStr("geheim wachtwoord")}
    )
    controller, inbox = smtp_server(port)
    try:
        assert send_due(db, insecure) == 0
    finally:
        controller.stop()
    notification = db.scalars(select(Notification)).one()
    assert (notification.last_error or "").startswith("InsecureLoginError")
    assert inbox.messages == []


def _self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 made with the openssl command line."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


def test_starttls_checks_the_server_certificate(
    client: TestClient,
    db: Session,
    mail_settings: Settings,
    port: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cert, key = _self_signed_certificate(tmp_path)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    melding = new_melding(client)
    db.add(Notification(melding_id=melding["id"]))
    db.commit()
    tls = mail_settings.model_copy(update={"smtp_starttls": True})
    inbox = Inbox()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, tls_context=server_context, require_starttls=True
    )
    controller.start()
    try:
        assert send_due(db, tls) == 0  # an unknown certificate: a man in the middle
        notification = db.scalars(select(Notification)).one()
        assert "SSLCertVerificationError" in (notification.last_error or "")
        assert inbox.messages == []

        monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # now the certificate is trusted
        assert send_due(db, tls, now=utcnow() + timedelta(minutes=1)) == 1
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
