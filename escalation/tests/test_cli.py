"""The command line: creating staff users and purging old personal data."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.models import AuditEvent, Melding, StaffUser, utcnow
from escalation.passwords import verify_password
from escalation.retention import PURGED_NAME, PURGED_TEXT, purge_closed
from escalation.settings import Settings
from escalation.tests.conftest import new_melding
from escalation.workflow import claim, close

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_cli(settings: Settings, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "escalation", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "ESCALATION_DATABASE_URL": settings.database_url},
        timeout=60,
    )


def test_create_user_reads_the_password_from_stdin(settings: Settings, db: Session) -> None:
    result = run_cli(
        settings,
        "create-user", "--username", "Fatima", "--role", "manager",
        "--display-name", "Fatima B.",
        stdin="een lang genoeg wachtwoord\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Created manager 'fatima'" in result.stdout
    user = db.scalars(select(StaffUser)).one()
    assert (user.username, user.display_name, user.role) == ("fatima", "Fatima B.", "manager")
    assert user.password_hash.startswith("$argon2id$")
    assert verify_password(user.password_hash, "een lang genoeg wachtwoord")
    assert "wachtwoord" not in " ".join(result.args)


def test_create_user_with_an_e_mail_address_for_their_own_warnings(
    settings: Settings, db: Session
) -> None:
    made = run_cli(
        settings, "create-user", "--username", "joris", "--role", "officemedewerker",
        "--email", "joris@team.example", stdin="een lang genoeg wachtwoord\n",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert db.scalars(select(StaffUser.email)).one() == "joris@team.example"
    wrong = run_cli(
        settings, "create-user", "--username", "kim", "--role", "officemedewerker",
        "--email", "kim@", stdin="een lang genoeg wachtwoord\n",
    )  # fmt: skip
    assert wrong.returncode == 1 and "Not a valid e-mail address" in wrong.stderr


def test_create_user_refuses_bad_input(settings: Settings, db: Session) -> None:
    short = run_cli(
        settings, "create-user", "--username", "kees", "--role", "admin", stdin="kort\n"
    )
    assert short.returncode == 1 and "at least 12" in short.stderr
    role = run_cli(settings, "create-user", "--username", "kees", "--role", "baas", stdin="x\n")
    assert role.returncode == 2 and "invalid choice" in role.stderr
    name = run_cli(settings, "create-user", "--username", "<b>", "--role", "admin", stdin="y" * 12)
    assert name.returncode == 1 and "Username" in name.stderr
    ok = run_cli(settings, "create-user", "--username", "kees", "--role", "admin", stdin="z" * 12)
    again = run_cli(
        settings, "create-user", "--username", "KEES", "--role", "admin", stdin="z" * 12
    )
    assert ok.returncode == 0 and again.returncode == 1 and "already exists" in again.stderr
    kept = run_cli(
        settings, "create-user", "--username", "kees", "--role", "admin", "--exists-ok", stdin=""
    )
    assert kept.returncode == 0 and "nothing changed" in kept.stdout
    assert len(db.scalars(select(StaffUser)).all()) == 1


def test_purge_removes_transcript_and_contact_details_after_retention(
    client: TestClient, settings: Settings, db: Session, users: dict[str, StaffUser]
) -> None:
    old = new_melding(
        client,
        "k1",
        email="anna@example.org",
        bereikbaar="Na 14:00",
        veiligheid=True,
        veilig_contact="Alleen 's ochtends",
    )
    recent = new_melding(client, "k2")
    still_open = new_melding(client, "k3")
    for melding in (old, recent):
        claim(db, melding["id"], users["anna"])
        close(db, melding["id"], users["anna"], "vraag_beantwoord")
    stored = db.get(Melding, old["id"], populate_existing=True)
    assert stored is not None
    stored.afgesloten_op = utcnow() - timedelta(days=31)
    db.commit()

    result = run_cli(settings, "purge")
    assert result.returncode == 0, result.stderr
    assert "Purged 1 melding(en) closed more than 30 days ago" in result.stdout
    assert old["referentie"] in result.stdout

    db.expire_all()
    purged = db.get(Melding, old["id"])
    assert purged is not None and purged.gewist_op is not None
    assert (purged.transcript, purged.naam, purged.telefoon, purged.email, purged.bereikbaar) == (
        [], PURGED_NAME, None, None, None,
    )  # fmt: skip
    assert purged.onderwerp == PURGED_TEXT and purged.uitkomst == "vraag_beantwoord"
    assert (purged.veiligheid, purged.veilig_contact) == (True, None)
    record = db.scalars(
        select(AuditEvent).where(
            AuditEvent.melding_id == old["id"], AuditEvent.action == "bewaartermijn"
        )
    ).one()
    assert record.actor == "systeem"
    for untouched in (recent, still_open):
        kept = db.get(Melding, untouched["id"])
        assert kept is not None and kept.naam == "Anna de Vries" and kept.transcript

    assert purge_closed(db, 30) == []  # once only
    assert (
        "Purged 0 melding(en) closed more than 1 days"
        in run_cli(settings, "purge", "--days", "1").stdout
    )
    assert run_cli(settings, "purge", "--days", "0").returncode == 1
