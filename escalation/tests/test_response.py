"""The first response (forwarded or closed) is recorded once; migration 0006 fills it in."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from escalation.db import make_engine
from escalation.migrate import alembic_config
from escalation.models import Melding, StaffUser
from escalation.tests.conftest import new_melding
from escalation.workflow import add_note, claim, close, forward


def _responded(db: Session, melding_id: str) -> object:
    db.expire_all()
    melding = db.get(Melding, melding_id)
    assert melding is not None
    return melding.gereageerd_op


def test_claim_and_note_are_no_response_forward_is_and_stays_the_first(
    client: TestClient, db: Session, users: dict[str, StaffUser]
) -> None:
    melding_id = new_melding(client)["id"]
    claim(db, melding_id, users["anna"])
    add_note(db, melding_id, users["anna"], "Voicemail ingesproken.")
    assert _responded(db, melding_id) is None
    forward(db, melding_id, users["anna"], "sociaal_werker", "Graag bellen.")
    first = _responded(db, melding_id)
    assert first is not None
    close(db, melding_id, users["anna"], "hulp_ingezet")
    assert _responded(db, melding_id) == first


def test_closing_directly_is_a_response(
    client: TestClient, db: Session, users: dict[str, StaffUser]
) -> None:
    melding_id = new_melding(client)["id"]
    claim(db, melding_id, users["anna"])
    close(db, melding_id, users["anna"], "vraag_beantwoord")
    assert _responded(db, melding_id) is not None


def test_migration_fills_in_the_first_response_from_the_history(
    client: TestClient, db: Session, users: dict[str, StaffUser], database_url: str
) -> None:
    answered = new_melding(client, "k1")["id"]
    waiting = new_melding(client, "k2")["id"]
    claim(db, answered, users["anna"])
    forward(db, answered, users["anna"], "bureaudienst", "Vandaag nog.")
    at = db.scalar(
        sa.text("SELECT at FROM audit_events WHERE action = 'doorzetten' AND melding_id = :m"),
        {"m": answered},
    )
    db.close()
    config = alembic_config(database_url)
    command.downgrade(config, "0005")
    command.upgrade(config, "head")
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            result = connection.execute(sa.text("SELECT id, gereageerd_op FROM meldingen"))
            rows = {row[0]: row[1] for row in result}
    finally:
        engine.dispose()
    assert rows[waiting] is None
    assert str(rows[answered])[:19] == str(at)[:19]
