"""Export of meldingen to the Klantinteracties API, against a stand-in that checks the spec."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.app import create_app
from escalation.db import session_factory
from escalation.klantinteracties.client import KlantinteractiesError
from escalation.klantinteracties.export import export_due, export_state, make_client
from escalation.klantinteracties.status_poll import CLOSED_EXTERNALLY, poll_status
from escalation.models import AuditEvent, KlantinteractiesExport, Melding, utcnow
from escalation.organisation import load_organisation
from escalation.schemas import MeldingIn
from escalation.service import create_melding
from escalation.settings import Settings
from escalation.staff.routes import EXPORT_PAGE
from escalation.tests.conftest import csrf_of, login, new_melding
from escalation.tests.klantinteracties_standin import TOKEN, StandIn
from tests.services import free_port

LATER = timedelta(days=1)


@pytest.fixture
def standin() -> Iterator[StandIn]:
    server = StandIn(port=free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def ki_settings(settings: Settings, standin: StandIn) -> Settings:
    return settings.model_copy(
        update={
            "klantinteracties_url": standin.url,
            "klantinteracties_token": SecretStr(TOKEN),
            "klantinteracties_timeout_seconds": 5,
            "klantinteracties_poll_seconds": 0.1,
            "notify_poll_seconds": 0.1,
        }
    )


def melding_in(**overrides: Any) -> MeldingIn:
    body: dict[str, Any] = {
        "onderwerp": "Respijtzorg",
        "beschrijving": "Ik zorg voor mijn man en ben erg moe. " * 40,
        "naam": "Anna de Vries",
        "telefoon": "06 12345678",
        "email": "anna@voorbeeld.nl",
        "toestemming": True,
        "spoed": True,
        "voor_wie": "naaste",
        "bereikbaar": "na 14 uur",
        "gesprek_id": "web-0123456789abcdef",
    }
    body.update(overrides)
    return MeldingIn(**body)


def make_meldingen(db: Session, settings: Settings, count: int = 2) -> list[Melding]:
    organisation = load_organisation(settings.organisation_file)
    return [
        create_melding(db, melding_in(), f"key-{n}", organisation, export=True)[0]
        for n in range(count)
    ]


def export(db: Session, settings: Settings, later: bool = False) -> int:
    with make_client(settings) as client:
        return export_due(db, client, settings, now=utcnow() + LATER if later else None)


def rows(db: Session) -> list[KlantinteractiesExport]:
    db.expire_all()
    return list(db.scalars(select(KlantinteractiesExport)).all())


def assert_exactly_once(standin: StandIn, meldingen: list[Melding]) -> None:
    """One klantcontact, betrokkene and interne taak per melding; the team and assistant once."""
    for melding in meldingen:
        contacts = [
            item
            for item in standin.items("klantcontacten")
            if item["referentienummer"] == melding.referentie
        ]
        taken = [
            item
            for item in standin.items("internetaken")
            if item["referentienummer"] == melding.referentie
        ]
        assert len(contacts) == 1 and len(taken) == 1, melding.referentie
        assert taken[0]["aanleidinggevendKlantcontact"]["uuid"] == contacts[0]["uuid"]
    assert len(standin.items("klantcontacten")) == len(meldingen)
    assert len(standin.items("betrokkenen")) == len(meldingen)
    assert len(standin.items("digitaleadressen")) == 2 * len(meldingen)
    assert len(standin.items("actorklantcontacten")) == len(meldingen)
    assert len(standin.items("actoren")) == 2
    assert standin.violations == []


def test_happy_path_records_a_contactverzoek(
    db: Session, ki_settings: Settings, standin: StandIn
) -> None:
    meldingen = make_meldingen(db, ki_settings)
    assert export(db, ki_settings) == 2
    assert_exactly_once(standin, meldingen)
    assert standin.refusals == []
    melding = meldingen[0]
    row = next(row for row in rows(db) if row.melding_id == melding.id)
    assert export_state(row) == "klaar" and row.attempts == 1 and row.last_error is None
    assert row.klantcontact_uuid and row.betrokkene_uuid and row.internetaak_uuid
    assert row.team_actor_uuid and row.assistent_actor_uuid
    contact = standin.store["klantcontacten"][row.klantcontact_uuid]
    assert len(contact["inhoud"]) == 1000 and contact["inhoud"].endswith("…")
    assert contact["metadata"]["spoed"] == "ja"
    assert contact["metadata"]["deadline"] == melding.deadline.astimezone(UTC).isoformat()
    assert contact["vertrouwelijk"] is True and contact["taal"] == "nld"
    betrokkene = standin.store["betrokkenen"][row.betrokkene_uuid]
    assert betrokkene["rol"] == "vertegenwoordiger"
    assert betrokkene["contactnaam"] == {"voornaam": "Anna", "achternaam": "de Vries"}
    adressen = {item["adres"] for item in standin.items("digitaleadressen")}
    assert adressen == {"+31612345678", "anna@voorbeeld.nl"}
    taak = standin.store["internetaken"][row.internetaak_uuid]
    assert taak["status"] == "te_verwerken"
    assert taak["toegewezenAanActoren"] == [{"uuid": row.team_actor_uuid}]
    assert "toegewezenAanActor" not in taak
    assert "SPOED" in taak["toelichting"] and "na 14 uur" in taak["toelichting"]
    team = standin.store["actoren"][row.team_actor_uuid]
    assistent = standin.store["actoren"][row.assistent_actor_uuid]
    assert team["soortActor"] == "organisatorische_eenheid"
    assert assistent["soortActor"] == "geautomatiseerde_actor"
    # Done once: nothing more to do, nothing more sent.
    calls = len(standin.calls)
    assert export(db, ki_settings, later=True) == 0
    assert len(standin.calls) == calls


def test_remote_down_then_back(db: Session, ki_settings: Settings, standin: StandIn) -> None:
    meldingen = make_meldingen(db, ki_settings)
    standin.stop()
    assert export(db, ki_settings) == 0
    for row in rows(db):
        assert export_state(row) == "bezig" and row.attempts == 1
        assert "ConnectError" in (row.last_error or "")
        assert row.next_attempt_at is not None and row.next_attempt_at > utcnow()
    assert export(db, ki_settings) == 0  # not due yet: backing off
    failed = db.scalars(
        select(AuditEvent).where(AuditEvent.action == "export_klantinteracties_mislukt")
    ).all()
    assert len(failed) == 2
    standin.start()
    assert export(db, ki_settings, later=True) == 2
    assert_exactly_once(standin, meldingen)


@pytest.mark.parametrize("slow", [{"GET", "POST"}, {"POST"}], ids=["all-calls", "creates-only"])
def test_slow_remote_times_out_and_resumes(
    db: Session, ki_settings: Settings, standin: StandIn, slow: set[str]
) -> None:
    meldingen = make_meldingen(db, ki_settings, count=1)
    impatient = ki_settings.model_copy(update={"klantinteracties_timeout_seconds": 1})
    standin.delay_seconds = 3
    standin.slow_methods = slow
    assert export(db, impatient) == 0
    row = rows(db)[0]
    assert "Timeout" in (row.last_error or "") and row.klantcontact_uuid is None
    standin.wait_idle()
    if slow == {"POST"}:
        # The slow service created the klantcontact after the client gave up: the next attempt
        # must find it by referentienummer instead of creating a second one.
        assert len(standin.items("klantcontacten")) == 1
    standin.delay_seconds = 0
    assert export(db, ki_settings, later=True) == 1
    assert_exactly_once(standin, meldingen)


@pytest.mark.parametrize("after_create", [False, True], ids=["before", "after-create"])
def test_500_on_the_fourth_call_resumes_at_that_step(
    db: Session, ki_settings: Settings, standin: StandIn, after_create: bool
) -> None:
    meldingen = make_meldingen(db, ki_settings, count=1)
    standin.fail_calls = {4}  # GET + POST klantcontact, GET betrokkene, POST betrokkene
    standin.fail_after_create = after_create
    assert export(db, ki_settings) == 0
    row = rows(db)[0]
    assert row.klantcontact_uuid is not None and row.betrokkene_uuid is None
    assert "HTTP 500" in (row.last_error or "")
    calls = len(standin.calls)
    assert export(db, ki_settings, later=True) == 1
    assert standin.calls[calls][:2] == ("GET", "/betrokkenen")  # no new klantcontact
    assert_exactly_once(standin, meldingen)
    assert export_state(rows(db)[0]) == "klaar"


def test_refusal_stops_the_export(db: Session, ki_settings: Settings, standin: StandIn) -> None:
    """A 4xx will not change by trying again: the export stops until an admin retries it."""
    make_meldingen(db, ki_settings, count=1)
    standin.token = "another-token"
    assert export(db, ki_settings) == 0
    row = rows(db)[0]
    assert export_state(row) == "mislukt" and "HTTP 401" in (row.last_error or "")
    assert export(db, ki_settings, later=True) == 0
    assert row.attempts == 1


def test_standin_refuses_what_open_klant_refuses(
    db: Session, ki_settings: Settings, standin: StandIn
) -> None:
    """The rules outside the spec: a 0800 number, and both or neither toegewezenAanActor(en)."""
    with make_client(ki_settings) as client:
        contact = client.create(
            "klantcontacten",
            {"kanaal": "web", "onderwerp": "x", "taal": "nld", "vertrouwelijk": True},
        )
        betrokkene = client.create(
            "betrokkenen",
            {"hadKlantcontact": {"uuid": contact["uuid"]}, "rol": "klant", "initiator": True},
        )
        actor = client.create("actoren", {"naam": "Team", "soortActor": "organisatorische_eenheid"})
        for number in ("08001234567", "+319001234567"):
            # The error names the field, not the number (it is stored and shown to the admin).
            with pytest.raises(KlantinteractiesError, match=r"HTTP 400: adres \(invalid\)$"):
                client.create(
                    "digitaleadressen",
                    {
                        "verstrektDoorBetrokkene": {"uuid": betrokkene["uuid"]},
                        "soortDigitaalAdres": "telefoonnummer",
                        "adres": number,
                    },
                )
        taak: dict[str, Any] = {
            "gevraagdeHandeling": "Bellen",
            "aanleidinggevendKlantcontact": {"uuid": contact["uuid"]},
            "status": "te_verwerken",
        }
        with pytest.raises(Exception, match="HTTP 400"):
            client.create("internetaken", taak)
        both = {
            **taak,
            "toegewezenAanActoren": [{"uuid": actor["uuid"]}],
            "toegewezenAanActor": {"uuid": actor["uuid"]},
        }
        with pytest.raises(Exception, match="HTTP 400"):
            client.create("internetaken", both)
    assert len(standin.refusals) == 4
    assert standin.violations == []


def test_verwerkt_closes_the_melding(db: Session, ki_settings: Settings, standin: StandIn) -> None:
    meldingen = make_meldingen(db, ki_settings)
    export(db, ki_settings)
    with make_client(ki_settings) as client:
        assert poll_status(db, client) == 0
        done = next(row for row in rows(db) if row.melding_id == meldingen[0].id)
        assert done.internetaak_uuid is not None
        standin.store["internetaken"][done.internetaak_uuid]["status"] = "verwerkt"
        assert poll_status(db, client) == 1
        assert poll_status(db, client) == 0  # no longer polled
    db.expire_all()
    closed, still_open = (db.get(Melding, melding.id) for melding in meldingen)
    assert closed is not None and still_open is not None
    assert closed.status == "afgehandeld" and closed.afgesloten_op is not None
    assert closed.gereageerd_op is not None
    assert still_open.status == "nieuw"
    events = db.scalars(
        select(AuditEvent).where(
            AuditEvent.melding_id == closed.id, AuditEvent.action == CLOSED_EXTERNALLY
        )
    ).all()
    assert {(event.field, event.old_value, event.new_value) for event in events} == {
        ("status", "nieuw", "afgehandeld"),
        ("interne_taak", None, "verwerkt"),
    }
    assert standin.violations == []


def test_app_exports_and_closes_in_the_background(ki_settings: Settings, standin: StandIn) -> None:
    """Through the API: the melding's outbox row is made with it; the app's worker does the rest."""
    with TestClient(create_app(ki_settings)) as client:
        created = new_melding(client)
        deadline = time.monotonic() + 15
        while not standin.items("internetaken") and time.monotonic() < deadline:
            time.sleep(0.05)
        (taak,) = standin.items("internetaken")
        assert taak["referentienummer"] == created["referentie"]
        taak["status"] = "verwerkt"
        read = {"Authorization": "Bearer test-read-token-9876543210"}
        status = None
        while time.monotonic() < deadline:
            status = client.get(f"/api/v1/meldingen/{created['id']}", headers=read).json()["status"]
            if status == "afgehandeld":
                break
            time.sleep(0.05)
        assert status == "afgehandeld"
    assert standin.violations == []


def test_no_outbox_row_when_not_configured(db: Session, settings: Settings) -> None:
    assert not settings.klantinteracties_enabled
    with TestClient(create_app(settings)) as client:
        new_melding(client)
    assert rows(db) == []


def test_staff_see_the_export_state_and_an_admin_retries_a_failed_export(
    db: Session,
    settings: Settings,
    ki_settings: Settings,
    standin: StandIn,
    client: TestClient,
    users: dict[str, Any],
) -> None:
    """The app under test has no export worker (``settings``): the test runs the exports."""
    (melding,) = make_meldingen(db, ki_settings, count=1)
    standin.token = "a-token-that-was-changed"  # the service refuses ours: the export stops
    export(db, ki_settings)
    page = f"/staff/meldingen/{melding.id}"

    login(client, "anna")
    assert "is mislukt; de beheerder kan het opnieuw proberen" in client.get(page).text
    assert client.get(EXPORT_PAGE).status_code == 403
    retry_url = f"{EXPORT_PAGE}/{melding.id}/opnieuw"
    token = csrf_of(client.get(page).text)
    assert client.post(retry_url, data={"csrf_token": token}).status_code == 403
    client.post("/staff/logout", data={"csrf_token": token})

    login(client, "ada")
    listing = client.get(EXPORT_PAGE)
    assert listing.status_code == 200
    assert melding.referentie in listing.text and "HTTP 401" in listing.text
    assert melding.naam not in listing.text  # the admin sees no inwoner data
    assert client.post(retry_url, data={"csrf_token": "wrong"}).status_code == 403
    assert export_state(rows(db)[0]) == "mislukt"
    done = client.post(retry_url, data={"csrf_token": csrf_of(listing.text)})
    assert done.status_code == 200 and "wordt opnieuw geprobeerd" in done.text
    row = rows(db)[0]
    assert export_state(row) == "bezig" and row.attempts == 0
    event = db.scalars(
        select(AuditEvent).where(AuditEvent.action == "export_klantinteracties_opnieuw")
    ).one()
    assert event.actor == "ada"
    again = client.post(retry_url, data={"csrf_token": csrf_of(done.text)})
    assert "niet mislukt" in again.text

    standin.token = TOKEN
    assert export(db, ki_settings) == 1
    client.post("/staff/logout", data={"csrf_token": csrf_of(again.text)})
    login(client, "anna")
    assert "staat in het klantcontactsysteem van de gemeente (taak: te verwerken)" in (
        client.get(page).text
    )
    assert_exactly_once(standin, [melding])


def test_two_workers_at_once_export_each_melding_once(
    db: Session, ki_settings: Settings, standin: StandIn
) -> None:
    """Several instances of the service: the lease on the row lets only one export it."""
    meldingen = make_meldingen(db, ki_settings, count=4)
    standin.delay_seconds = 0.05  # long enough for the workers to overlap

    def work() -> int:
        with session_factory(ki_settings.database_url)() as session:
            return export(session, ki_settings)

    with ThreadPoolExecutor(max_workers=2) as pool:
        done = [future.result() for future in [pool.submit(work), pool.submit(work)]]
    assert sum(done) == 4
    assert_exactly_once(standin, meldingen)
