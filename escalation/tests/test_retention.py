"""Retention: the purge removes every free text of old closed meldingen and flags old open ones.

Runs the real command line on SQLite and PostgreSQL and looks at the staff pages over HTTP.
"""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.models import AuditEvent, Melding, Note, StaffUser, utcnow
from escalation.retention import PURGED_TEXT, TOO_LONG_OPEN
from escalation.settings import Settings
from escalation.tests.conftest import login, new_melding
from escalation.tests.test_cli import run_cli
from escalation.workflow import add_note, claim, close, forward

SECRETS = ("Schuldhulp Kerkstraat", "mijn man drinkt", "belt zijn zus", "huisarts weet ervan")


def _everything_stored(db: Session, melding_id: str) -> str:
    """Every text kept about one melding: its columns, its notes and its audit trail."""
    melding = db.get(Melding, melding_id, populate_existing=True)
    assert melding is not None
    texts = [str(getattr(melding, column.key)) for column in Melding.__table__.columns]
    texts += db.scalars(select(Note.tekst).where(Note.melding_id == melding_id))
    for event in db.scalars(select(AuditEvent).where(AuditEvent.melding_id == melding_id)):
        texts += [event.old_value or "", event.new_value or ""]
    return "\n".join(texts)


def test_purge_clears_free_text_and_its_audit_copies_but_keeps_the_record(
    client: TestClient, settings: Settings, db: Session, users: dict[str, StaffUser]
) -> None:
    old = new_melding(client, "k1", onderwerp=SECRETS[0], beschrijving=SECRETS[1], spoed=True)
    recent = new_melding(client, "k2", onderwerp=SECRETS[0], beschrijving=SECRETS[1])
    anna = users["anna"]
    for melding in (old, recent):
        claim(db, melding["id"], anna)
        add_note(db, melding["id"], anna, SECRETS[2])
        forward(db, melding["id"], anna, "sociaal_werker", SECRETS[3])
        close(db, melding["id"], anna, "hulp_ingezet")
    stored = db.get(Melding, old["id"], populate_existing=True)
    assert stored is not None
    closed_on = utcnow() - timedelta(days=31)
    stored.afgesloten_op = closed_on
    db.commit()
    assert all(secret in _everything_stored(db, old["id"]) for secret in SECRETS)

    result = run_cli(settings, "purge")
    assert result.returncode == 0, result.stderr
    assert old["referentie"] in result.stdout and recent["referentie"] not in result.stdout

    kept = _everything_stored(db, old["id"])
    for secret in (*SECRETS, "Anna de Vries", "+31612345678", "teruggebeld"):
        assert secret not in kept
    purged = db.get(Melding, old["id"])
    assert purged is not None
    assert (purged.onderwerp, purged.beschrijving) == (PURGED_TEXT, PURGED_TEXT)
    assert (purged.referentie, purged.status, purged.spoed, purged.uitkomst) == (
        old["referentie"], "afgehandeld", True, "hulp_ingezet",
    )  # fmt: skip
    assert purged.afgesloten_op == closed_on and purged.aangemaakt_op is not None
    assert purged.doorgezet_naar == "sociaal_werker"
    statuses = db.scalars(
        select(AuditEvent.new_value).where(
            AuditEvent.melding_id == old["id"], AuditEvent.field == "status"
        )
    ).all()
    assert "afgehandeld" in statuses  # the history of what happened stays
    assert all(secret in _everything_stored(db, recent["id"]) for secret in SECRETS)

    assert login(client, "anna").status_code == 303
    page = client.get(f"/staff/meldingen/{old['id']}").text
    assert all(secret not in page for secret in SECRETS)


def test_open_meldingen_past_the_maximum_age_are_flagged_not_kept_silently(
    client: TestClient, settings: Settings, db: Session, users: dict[str, StaffUser]
) -> None:
    forgotten = new_melding(client, "k1")
    fresh = new_melding(client, "k2")
    stored = db.get(Melding, forgotten["id"], populate_existing=True)
    assert stored is not None
    stored.aangemaakt_op = utcnow() - timedelta(days=settings.max_open_days + 1)
    db.commit()

    for _ in range(2):  # flagged once, listed every time
        result = run_cli(settings, "purge")
        assert result.returncode == 0, result.stderr
        assert forgotten["referentie"] in result.stdout
        assert fresh["referentie"] not in result.stdout
    flags = db.scalars(
        select(AuditEvent).where(
            AuditEvent.field == TOO_LONG_OPEN, AuditEvent.action == "bewaartermijn"
        )
    ).all()
    assert [flag.melding_id for flag in flags] == [forgotten["id"]]
    kept = db.get(Melding, forgotten["id"], populate_existing=True)
    assert kept is not None and kept.naam == "Anna de Vries" and kept.gewist_op is None

    assert login(client, "anna").status_code == 303
    rows = client.get("/staff/").text.split("<tr")
    flagged_rows = [row for row in rows if "TE LANG OPEN" in row]
    assert len(flagged_rows) == 1 and forgotten["referentie"] in flagged_rows[0]
    assert "te_lang_open" in client.get(f"/staff/meldingen/{forgotten['id']}").text
