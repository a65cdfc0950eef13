"""E-mail to the team for each new melding, against a real local SMTP server (aiosmtpd)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.app import create_app
from escalation.countdown import deadline_kort
from escalation.db import session_factory
from escalation.models import Melding, Notification, utcnow
from escalation.notify import SAFETY_LINE, send_due
from escalation.settings import Settings
from escalation.tests.conftest import new_melding
from tests.services import free_port

TEAM = "team@sociaalteam.example"


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


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
            f"Nieuwe melding {gewoon['referentie']}: Respijtzorg",
            f"SPOED, uiterlijk {deadline_kort(datetime.fromisoformat(spoed['deadline']))}: "
            f"Nieuwe melding {spoed['referentie']}: Geldzorgen",
        ]
    )
    for message in inbox.messages:
        assert message["To"] == TEAM
        body = message.get_payload(decode=True).decode()  # type: ignore[union-attr]
        assert "https://voordeur.example/staff/" in body and "Oppakken vóór" in body
        for personal in ("Anna de Vries", "+31612345678", "geheime", "teruggebeld", "voicemail"):
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
    assert notification.attempts == 1 and notification.sent_at is None
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
