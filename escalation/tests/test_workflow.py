"""The melding lifecycle, its audit trail and safe claiming, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.db import session_factory
from escalation.inbox import InboxFilter, open_meldingen
from escalation.models import AuditEvent, Melding, Note, StaffUser
from escalation.settings import Settings
from escalation.tests.conftest import new_melding
from escalation.wmo import onderzoek_uiterlijk
from escalation.workflow import (
    NotAllowed,
    TransitionError,
    add_note,
    claim,
    close,
    forward,
    mark_wmo,
    today_in_amsterdam,
    withdraw,
)

CLAIMERS = 8


def _trail(
    db: Session, melding_id: str
) -> list[tuple[str, str, str | None, str | None, str | None]]:
    events = db.scalars(
        select(AuditEvent).where(AuditEvent.melding_id == melding_id).order_by(AuditEvent.id)
    )
    return [(e.actor, e.action, e.field, e.old_value, e.new_value) for e in events]


def test_lifecycle_is_audited(client: TestClient, db: Session, users: dict[str, StaffUser]) -> None:
    melding_id = new_melding(client)["id"]
    anna = users["anna"]
    claim(db, melding_id, anna)
    forward(db, melding_id, anna, "sociaal_werker", "  Graag terugbellen na 14:00.  ")
    close(db, melding_id, anna, "hulp_ingezet")

    stored = db.get(Melding, melding_id, populate_existing=True)
    assert stored is not None
    assert (stored.status, stored.claimed_by, stored.doorgezet_naar, stored.uitkomst) == (
        "afgehandeld", anna.id, "sociaal_werker", "hulp_ingezet",
    )  # fmt: skip
    assert stored.afgesloten_op is not None
    assert [n.tekst for n in db.scalars(select(Note))] == ["Graag terugbellen na 14:00."]
    assert _trail(db, melding_id) == [
        ("api", "aanmaken", "status", None, "nieuw"),
        ("anna", "oppakken", "status", "nieuw", "opgepakt"),
        ("anna", "oppakken", "opgepakt_door", None, "anna"),
        ("anna", "doorzetten", "status", "opgepakt", "doorgezet"),
        ("anna", "doorzetten", "doorgezet_naar", None, "sociaal_werker"),
        ("anna", "doorzetten", "notitie", None, "Graag terugbellen na 14:00."),
        ("anna", "afhandelen", "status", "doorgezet", "afgehandeld"),
        ("anna", "afhandelen", "uitkomst", None, "hulp_ingezet"),
    ]


def test_steps_out_of_order_or_by_others_are_refused(
    client: TestClient, db: Session, users: dict[str, StaffUser]
) -> None:
    melding_id = new_melding(client)["id"]
    anna, bram = users["anna"], users["bram"]
    with pytest.raises(TransitionError, match="status is nu 'nieuw'"):
        close(db, melding_id, anna, "hulp_ingezet")
    claim(db, melding_id, anna)
    with pytest.raises(TransitionError, match="al opgepakt door Anna Office"):
        forward(db, melding_id, bram, "bureaudienst", "mag niet")
    with pytest.raises(TransitionError, match="Kies aan wie"):
        forward(db, melding_id, anna, "de buurvrouw", "notitie")
    with pytest.raises(TransitionError, match="Schrijf een notitie"):
        forward(db, melding_id, anna, "bureaudienst", "   ")
    with pytest.raises(TransitionError, match="te lang"):
        forward(db, melding_id, anna, "bureaudienst", "x" * 4001)
    with pytest.raises(TransitionError, match="uitkomst"):
        close(db, melding_id, anna, "weet niet")
    with pytest.raises(TransitionError, match="bestaat niet"):
        claim(db, "geen-melding", anna)
    withdraw(db, melding_id, users["mila"])
    with pytest.raises(TransitionError, match="'ingetrokken'"):
        withdraw(db, melding_id, anna)
    assert db.get(Melding, melding_id, populate_existing=True).status == "ingetrokken"  # type: ignore[union-attr]


def test_notes_and_wmo_melding(
    client: TestClient, db: Session, users: dict[str, StaffUser]
) -> None:
    melding_id = new_melding(client)["id"]
    with pytest.raises(NotAllowed, match="Pak de melding eerst op"):
        add_note(db, melding_id, users["anna"], "Voicemail ingesproken.")
    claim(db, melding_id, users["anna"])
    add_note(db, melding_id, users["anna"], "Voicemail ingesproken.")
    with pytest.raises(NotAllowed, match="opgepakt door Anna Office"):
        mark_wmo(db, melding_id, users["bram"])
    assert db.get(Melding, melding_id, populate_existing=True).wmo_melding_op is None  # type: ignore[union-attr]
    mark_wmo(db, melding_id, users["anna"])
    with pytest.raises(TransitionError, match="al als Wmo-melding"):
        mark_wmo(db, melding_id, users["mila"])
    stored = db.get(Melding, melding_id, populate_existing=True)
    assert stored is not None and stored.wmo_melding_op == today_in_amsterdam()
    assert onderzoek_uiterlijk(stored.wmo_melding_op) - stored.wmo_melding_op == timedelta(weeks=6)
    assert ("anna", "wmo_melding", "wmo_melding_op", None, str(stored.wmo_melding_op)) in _trail(
        db, melding_id
    )


def test_concurrent_claims_exactly_one_wins(
    client: TestClient, settings: Settings, db: Session
) -> None:
    """Several officemedewerkers press 'oppakken' at the same instant, each in own session."""
    from escalation.users import create_user

    claimers = [
        create_user(db, f"medewerker{i}", f"Medewerker {i}", "officemedewerker", "x" * 12)
        for i in range(CLAIMERS)
    ]
    melding_id = new_melding(client)["id"]
    factory = session_factory(settings.database_url)
    start = threading.Barrier(CLAIMERS)

    def attempt(user: StaffUser) -> str:
        with factory() as session:
            start.wait()
            try:
                claim(session, melding_id, user)
            except TransitionError as exc:
                return str(exc)
            return "gewonnen"

    with ThreadPoolExecutor(CLAIMERS) as pool:
        results = list(pool.map(attempt, claimers))

    assert results.count("gewonnen") == 1, results
    stored = db.get(Melding, melding_id, populate_existing=True)
    assert stored is not None and stored.status == "opgepakt"
    winner = next(u for u, r in zip(claimers, results, strict=True) if r == "gewonnen")
    assert stored.claimed_by == winner.id
    losers = [r for r in results if r != "gewonnen"]
    assert losers == [f"Deze melding is al opgepakt door {winner.display_name}."] * (CLAIMERS - 1)
    claims = [t for t in _trail(db, melding_id) if t[1] == "oppakken" and t[2] == "status"]
    assert len(claims) == 1


def test_inbox_spoed_first_then_deadline_with_filters(
    client: TestClient, db: Session, users: dict[str, StaffUser]
) -> None:
    first = new_melding(client, "k1", onderwerp="Schulden")
    second = new_melding(client, "k2", naam="Piet Jansen", kanaal="telegram")
    urgent = new_melding(client, "k3", spoed=True, onderwerp="Schulden")
    anna = users["anna"]

    def refs(**selection: object) -> list[str]:
        found = open_meldingen(db, InboxFilter(**selection), anna.id)  # type: ignore[arg-type]
        return [m.referentie for m in found]

    assert refs() == [urgent["referentie"], first["referentie"], second["referentie"]]
    assert refs(onderwerp="Schulden") == [urgent["referentie"], first["referentie"]]
    assert refs(kanaal="telegram") == [second["referentie"]]
    assert refs(zoek="jansen") == [second["referentie"]]
    assert refs(zoek=second["referentie"].lower()) == [second["referentie"]]
    assert refs(zoek="%") == []
    claim(db, first["id"], anna)
    assert refs(mine=True) == [first["referentie"]]
    assert refs(status="opgepakt") == [first["referentie"]]
    close(db, first["id"], anna, "vraag_beantwoord")
    assert first["referentie"] not in refs()
    assert refs(status="afgehandeld") == [first["referentie"]]
