"""Notes and the Wmo mark over HTTP against the real service: only the officemedewerker who
claimed the melding, or a manager. Anyone else gets 403 with a Dutch message; nothing changes,
not even the audit trail."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from escalation.models import AuditEvent, Melding, Note, StaffUser
from escalation.tests.conftest import PASSWORD, SESSION_SECRET, TOKEN, csrf_of
from tests.services import Service, free_port, running


@pytest.fixture
def service(database_url: str, users: dict[str, StaffUser], tmp_path: Path) -> Iterator[Service]:
    """The escalation service under uvicorn, with anna, bram (office), mila (manager), ada."""
    port = free_port()
    env = {
        "ESCALATION_DATABASE_URL": database_url,
        "ESCALATION_API_TOKEN": TOKEN,
        "ESCALATION_SESSION_SECRET": SESSION_SECRET,
    }
    command = [sys.executable, "-m", "uvicorn", "escalation.app:app", "--host", "127.0.0.1"]
    with running(
        "escalation", [*command, "--port", str(port)], port=port, env=env, log_dir=tmp_path
    ) as app:
        yield app


class Browser:
    """One signed-in member of staff; an allowed step ends on the melding's page (200)."""

    def __init__(self, base_url: str, username: str) -> None:
        self.client = httpx.Client(base_url=base_url, timeout=30)
        token = csrf_of(self.client.get("/staff/login").text)
        form = {"username": username, "password": PASSWORD, "csrf_token": token}
        assert self.client.post("/staff/login", data=form).status_code == 303

    def page(self, melding_id: str) -> httpx.Response:
        return self.client.get(f"/staff/meldingen/{melding_id}")

    def act(self, melding_id: str, action: str, **form: str) -> httpx.Response:
        token = csrf_of(self.page(melding_id).text)
        return self.client.post(
            f"/staff/meldingen/{melding_id}/{action}",
            data={"csrf_token": token, **form},
            follow_redirects=True,
        )


def new_melding(base_url: str, key: str) -> str:
    body = {
        "onderwerp": "Mantelzorg",
        "beschrijving": "Graag hulp.",
        "naam": "Anna de Vries",
        "telefoon": "0612345678",
        "toestemming": True,
        "gesprek_id": f"web-{key}",
    }
    headers = {"Authorization": f"Bearer {TOKEN}", "Idempotency-Key": key}
    response = httpx.post(f"{base_url}/api/v1/meldingen", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def stored(db: Session, melding_id: str) -> tuple[int, int, object]:
    """Notes, audit events and the Wmo date of the melding, as the database has them now."""
    notes = db.scalar(select(func.count()).select_from(Note).where(Note.melding_id == melding_id))
    events = db.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.melding_id == melding_id)
    )
    wmo = db.scalar(select(Melding.wmo_melding_op).where(Melding.id == melding_id))
    db.rollback()  # end the read, so the service can write (SQLite)
    return int(notes or 0), int(events or 0), wmo


def test_only_the_owner_or_a_manager_adds_notes_and_marks_wmo(
    service: Service, db: Session
) -> None:
    claimed = new_melding(service.base_url, "claimed")
    unclaimed = new_melding(service.base_url, "unclaimed")
    anna, bram = Browser(service.base_url, "anna"), Browser(service.base_url, "bram")
    assert anna.act(claimed, "oppakken").status_code == 200  # redirected to the page

    before = {melding: stored(db, melding) for melding in (claimed, unclaimed)}
    refusals = (
        (claimed, "notitie", "Deze melding is opgepakt door Anna Office. Alleen die collega"),
        (claimed, "wmo", "Deze melding is opgepakt door Anna Office. Alleen die collega"),
        (unclaimed, "notitie", "Pak de melding eerst op. Alleen wie de melding heeft opgepakt"),
        (unclaimed, "wmo", "Pak de melding eerst op. Alleen wie de melding heeft opgepakt"),
    )
    for melding, action, message in refusals:
        response = bram.act(melding, action, notitie="Ik was het niet.", bevestig="ja")
        assert response.status_code == 403, (melding, action)
        assert message in response.text
        assert "Ik was het niet." not in response.text
    assert {melding: stored(db, melding) for melding in (claimed, unclaimed)} == before
    # Bram does not even see the forms on Anna's melding.
    page = bram.page(claimed).text
    assert f"/staff/meldingen/{claimed}/notitie" not in page
    assert f"/staff/meldingen/{claimed}/wmo" not in page

    # The owner may.
    assert anna.act(claimed, "notitie", notitie="Voicemail ingesproken.").status_code == 200
    assert "Voicemail ingesproken." in anna.page(claimed).text
    assert "<dt>Wmo-melding</dt><dd>nog niet vastgelegd</dd>" in anna.page(claimed).text
    assert anna.act(claimed, "wmo", bevestig="ja").status_code == 200
    assert "<dt>Wmo-melding</dt><dd>ja, gemeld op" in anna.page(claimed).text
    notes, events, wmo = stored(db, claimed)
    assert (notes, wmo is not None) == (1, True)
    assert events == before[claimed][1] + 2  # the note and the Wmo date, both audited

    # So does a manager, also on a melding nobody claimed.
    mila = Browser(service.base_url, "mila")
    assert mila.act(claimed, "notitie", notitie="Manager kijkt mee.").status_code == 200
    assert mila.act(unclaimed, "wmo", bevestig="ja").status_code == 200
    assert stored(db, claimed)[0] == 2
    assert stored(db, unclaimed)[2] is not None

    # The admin works on no melding at all.
    ada = Browser(service.base_url, "ada")
    token = csrf_of(ada.client.get("/staff/login").text)
    refused = ada.client.post(
        f"/staff/meldingen/{unclaimed}/notitie", data={"csrf_token": token, "notitie": "x"}
    )
    assert refused.status_code == 403 and "geen toegang" in refused.text
    assert stored(db, unclaimed)[0] == 0
    for browser in (anna, bram, mila, ada):
        browser.client.close()
