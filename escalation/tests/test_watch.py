"""Warnings before and after the deadline, with a controllable clock and a real SMTP server.

The organisation is the repository's example: open Monday to Thursday 08:30-17:00 and Friday
08:30-12:30, closed on 24 and 31 December and Dutch public holidays; spoed before 12:00.
Warnings come 4 office hours before the deadline.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, time
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session
from voordeur_common.deadline import AMSTERDAM

from escalation.countdown import deadline_kort
from escalation.models import AuditEvent, Melding, Notification, StaffUser
from escalation.notify import send_due
from escalation.organisation import Organisation, load_organisation
from escalation.schemas import MeldingIn
from escalation.service import create_melding
from escalation.settings import REPO_ROOT, Settings
from escalation.summary import send_summary
from escalation.tests.conftest import TOKEN
from escalation.tests.test_notify import TEAM, Inbox, plain_body, smtp_server
from escalation.users import UserError, create_user
from escalation.watch import queue_warnings
from escalation.workflow import add_note, claim, forward
from tests.services import free_port

COORDINATOR = "coordinator@sociaalteam.example"
ORGANISATION_FILE = REPO_ROOT / "config" / "organisation.yml"
INWONER_TEXT = ("Anna de Vries", "0612345678", "+31612345678", "geheim", "Respijtzorg")


def at(text: str) -> datetime:
    """A local (Amsterdam) wall-clock moment, e.g. ``2026-11-30 10:00``."""
    return datetime.fromisoformat(text).replace(tzinfo=AMSTERDAM)


@pytest.fixture
def organisation() -> Organisation:
    return load_organisation(ORGANISATION_FILE)


@pytest.fixture
def smtp() -> Iterator[tuple[int, Inbox]]:
    port = free_port()
    controller, inbox = smtp_server(port)
    try:
        yield port, inbox
    finally:
        controller.stop()


@pytest.fixture
def watch_settings(settings: Settings, smtp: tuple[int, Inbox]) -> Settings:
    return settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": smtp[0],
            "smtp_to": TEAM,
            "coordinator_to": COORDINATOR,
            "smtp_timeout_seconds": 5,
            "staff_url": "https://voordeur.example/staff/",
            "organisation_file": ORGANISATION_FILE,
        }
    )


def make(
    db: Session, organisation: Organisation, received: datetime, key: str, spoed: bool = False
) -> Melding:
    """A melding received at ``received``, with its e-mail to the team queued."""
    data = MeldingIn(
        onderwerp="Respijtzorg",
        beschrijving="Mijn geheim verhaal.",
        naam="Anna de Vries",
        telefoon="06 12345678",
        toestemming=True,
        spoed=spoed,
        gesprek_id=f"web-{key}",
    )
    melding, created = create_melding(db, data, key, organisation, now=received, notify=True)
    assert created
    return melding


def run_job(db: Session, organisation: Organisation, settings: Settings, now: datetime) -> None:
    """One run of the warning job at the simulated ``now``."""
    queue_warnings(db, organisation, settings.warn_before_hours, now)
    send_due(db, settings, now)


def mails(inbox: Inbox) -> list[tuple[str, str]]:
    """(recipient, subject) of every received e-mail, in order."""
    return [(str(m["To"]), str(m["Subject"])) for m in inbox.messages]


def warnings_of(inbox: Inbox) -> list[tuple[str, str]]:
    return [mail for mail in mails(inbox) if not mail[1].startswith(("Nieuwe", "SPOED"))]


def claim_at(db: Session, melding: Melding, user: StaffUser, moment: datetime) -> None:
    claim(db, melding.id, user)
    db.execute(update(Melding).where(Melding.id == melding.id).values(claimed_at=moment))
    db.commit()


def test_friday_afternoon_melding_warns_on_monday_and_escalates_once(
    db: Session, organisation: Organisation, watch_settings: Settings, smtp: tuple[int, Inbox]
) -> None:
    """Received Friday 14:00 (after closing): due Monday 14:00; loopt af Monday 10:00."""
    _, inbox = smtp
    melding = make(db, organisation, at("2026-11-27 14:00"), "fri")
    assert melding.deadline == at("2026-11-30 14:00")
    ref = melding.referentie
    for moment in ("2026-11-27 14:00", "2026-11-28 03:00", "2026-11-29 03:00", "2026-11-30 09:59"):
        run_job(db, organisation, watch_settings, at(moment))
    assert mails(inbox) == [(TEAM, f"Nieuwe melding {ref}")]

    for moment in ("2026-11-30 10:00", "2026-11-30 10:05", "2026-11-30 13:59"):
        run_job(db, organisation, watch_settings, at(moment))
    loopt_af = (TEAM, f"LOOPT AF, uiterlijk maandag 30 november om 14:00: melding {ref}")
    assert warnings_of(inbox) == [loopt_af]

    for moment in ("2026-11-30 14:00", "2026-11-30 14:05", "2026-12-01 09:00"):
        run_job(db, organisation, watch_settings, at(moment))
    te_laat = (COORDINATOR, f"TE LAAT, termijn was maandag 30 november om 14:00: melding {ref}")
    assert warnings_of(inbox) == [loopt_af, te_laat]

    for message in inbox.messages:
        body = plain_body(message)
        assert f"https://voordeur.example/staff/meldingen/{melding.id}" in body
        for text in INWONER_TEXT:
            assert text not in body and text not in str(message["Subject"])
    history = db.scalars(
        select(AuditEvent.new_value).where(
            AuditEvent.melding_id == melding.id, AuditEvent.action == "waarschuwing"
        )
    ).all()
    assert history == [
        "loopt af, niet opgepakt (e-mail aan het team)",
        "termijn verstreken (e-mail aan de coördinator)",
    ]


def test_no_warning_at_night_or_on_sunday_they_go_out_when_the_office_opens(
    db: Session, organisation: Organisation, watch_settings: Settings, smtp: tuple[int, Inbox]
) -> None:
    """Received Friday 02:00: due Monday 02:00; 4 office hours before is Friday 08:30 (the
    whole Friday); past the deadline at 02:00 Monday, the coordinator hears at 08:30."""
    _, inbox = smtp
    melding = make(db, organisation, at("2026-11-27 02:00"), "night")
    assert melding.deadline == at("2026-11-30 02:00")
    for moment in ("2026-11-27 03:00", "2026-11-27 08:29"):
        run_job(db, organisation, watch_settings, at(moment))
    assert warnings_of(inbox) == []
    run_job(db, organisation, watch_settings, at("2026-11-27 08:30"))
    assert len(warnings_of(inbox)) == 1
    for moment in ("2026-11-29 03:00", "2026-11-30 02:00", "2026-11-30 03:00", "2026-11-30 08:29"):
        run_job(db, organisation, watch_settings, at(moment))
    assert len(warnings_of(inbox)) == 1
    run_job(db, organisation, watch_settings, at("2026-11-30 08:30"))
    assert warnings_of(inbox)[1][0] == COORDINATOR
    escalated = db.scalars(
        select(AuditEvent.at).where(
            AuditEvent.new_value == "termijn verstreken (e-mail aan de coördinator)"
        )
    ).one()
    assert escalated == at("2026-11-30 08:30")
    assert db.scalars(select(Notification.sent_at).where(Notification.kind == "te_laat")).one()


@pytest.mark.parametrize(
    ("received", "spoed", "deadline", "before", "warn"),
    [
        # Easter 2027: Good Friday, Easter Sunday and Monday closed; summer time starts Sunday.
        ("2027-03-25 15:00", False, "2027-03-30 15:00", "2027-03-30 10:59", "2027-03-30 11:00"),
        # Christmas 2026: 24 December is a closing day, 25 and 26 are holidays.
        ("2026-12-23 16:00", False, "2026-12-28 16:00", "2026-12-28 11:59", "2026-12-28 12:00"),
        # Spoed after 12:00 before Christmas: due Monday 12:00; 3.5 office hours that Monday,
        # so loopt af the same Wednesday at 16:30.
        ("2026-12-23 14:00", True, "2026-12-28 12:00", "2026-12-23 16:29", "2026-12-23 16:30"),
        # Winter time starts Sunday 25 October 2026: Monday 10:00 is 09:00 UTC, not 08:00.
        ("2026-10-23 14:00", False, "2026-10-26 14:00", "2026-10-26 09:59", "2026-10-26 10:00"),
        # Summer time starts Sunday 29 March 2026.
        ("2026-03-27 13:00", False, "2026-03-30 13:00", "2026-03-30 08:59", "2026-03-30 09:00"),
    ],
)
def test_holidays_and_clock_changes(
    db: Session,
    organisation: Organisation,
    watch_settings: Settings,
    smtp: tuple[int, Inbox],
    received: str,
    spoed: bool,
    deadline: str,
    before: str,
    warn: str,
) -> None:
    _, inbox = smtp
    melding = make(db, organisation, at(received), "k", spoed=spoed)
    assert melding.deadline == at(deadline)
    run_job(db, organisation, watch_settings, at(before))
    assert warnings_of(inbox) == []
    run_job(db, organisation, watch_settings, at(warn))
    run_job(db, organisation, watch_settings, at(warn))
    ref = melding.referentie
    label = "SPOED, " if spoed else ""
    day = melding.deadline.astimezone(AMSTERDAM)
    assert warnings_of(inbox) == [
        (TEAM, f"LOOPT AF, {label}uiterlijk {deadline_kort(day)}: melding {ref}"),
    ]


def test_claimed_melding_without_action_is_sent_to_the_team_naming_the_claimant(
    db: Session,
    organisation: Organisation,
    watch_settings: Settings,
    smtp: tuple[int, Inbox],
    users: dict[str, StaffUser],
) -> None:
    """Claimed Friday; Monday 10:00 only the one nobody acted on gets a warning. Forwarded is
    responded: no escalation; claimed with a note is still late at the deadline."""
    _, inbox = smtp
    stil = make(db, organisation, at("2026-11-27 14:00"), "stil")
    notitie = make(db, organisation, at("2026-11-27 14:00"), "notitie")
    doorgezet = make(db, organisation, at("2026-11-27 14:00"), "doorgezet")
    for melding in (stil, notitie, doorgezet):
        claim_at(db, melding, users["anna"], at("2026-11-27 14:30"))
    add_note(db, notitie.id, users["anna"], "Voicemail ingesproken.")
    forward(db, doorgezet.id, users["anna"], "sociaal_werker", "Graag bellen.")
    run_job(db, organisation, watch_settings, at("2026-11-30 10:00"))
    run_job(db, organisation, watch_settings, at("2026-11-30 10:01"))
    ref = stil.referentie
    assert warnings_of(inbox) == [
        (TEAM, f"ACTIE NODIG, uiterlijk maandag 30 november om 14:00: melding {ref}")
    ]
    body = plain_body(inbox.messages[-1])
    assert "Anna Office heeft deze melding opgepakt" in body
    run_job(db, organisation, watch_settings, at("2026-11-30 14:00"))
    late = sorted(subject for to, subject in warnings_of(inbox)[1:] if to == COORDINATOR)
    assert late == sorted(
        f"TE LAAT, termijn was maandag 30 november om 14:00: melding {m.referentie}"
        for m in (stil, notitie)
    )


def _cli(settings: Settings, organisation_file: Path, now: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "ESCALATION_API_TOKEN": TOKEN,
        "ESCALATION_DATABASE_URL": settings.database_url,
        "ESCALATION_SMTP_HOST": settings.smtp_host,
        "ESCALATION_SMTP_PORT": str(settings.smtp_port),
        "ESCALATION_SMTP_TO": settings.smtp_to,
        "ESCALATION_COORDINATOR_TO": settings.coordinator_to,
        "ESCALATION_STAFF_URL": settings.staff_url,
        "VOORDEUR_ORGANISATION_FILE": str(organisation_file),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "escalation", "warn", "--now", now],
        env=env,
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_at_once_send_each_warning_once(
    db: Session, organisation: Organisation, watch_settings: Settings, smtp: tuple[int, Inbox]
) -> None:
    """``python -m escalation warn --now`` in four processes at once, then again."""
    _, inbox = smtp
    meldingen = [make(db, organisation, at("2026-11-27 14:00"), f"p{n}") for n in range(5)]
    late = make(db, organisation, at("2026-11-26 09:00"), "late")  # due Friday 09:00
    now = at("2026-11-30 10:00").isoformat()
    for _ in range(2):
        with ThreadPoolExecutor(4) as pool:
            runs = list(pool.map(lambda _: _cli(watch_settings, ORGANISATION_FILE, now), range(4)))
        for run in runs:
            _, err = run.communicate(timeout=60)
            assert run.returncode == 0, err
    subjects = sorted(subject for _, subject in warnings_of(inbox))
    expected = [
        f"LOOPT AF, uiterlijk maandag 30 november om 14:00: melding {m.referentie}"
        for m in meldingen
    ]
    expected.append(f"TE LAAT, termijn was vrijdag 27 november om 09:00: melding {late.referentie}")
    assert subjects == sorted(expected)
    new = [m for m in mails(inbox) if m[1].startswith("Nieuwe")]
    assert len(new) == 6


def test_cli_refuses_a_moment_without_offset(watch_settings: Settings) -> None:
    run = _cli(watch_settings, ORGANISATION_FILE, "2026-11-30T10:00")
    _, err = run.communicate(timeout=60)
    assert run.returncode == 2
    assert "offset" in err


def test_inwoner_text_never_in_a_warning(
    db: Session, organisation: Organisation, watch_settings: Settings, smtp: tuple[int, Inbox]
) -> None:
    _, inbox = smtp
    make(db, organisation, at("2026-11-26 09:00"), "late", spoed=True)
    run_job(db, organisation, watch_settings, at("2026-11-30 10:00"))
    assert len(warnings_of(inbox)) == 1
    message: EmailMessage = inbox.messages[-1]
    raw = message.as_string()
    for text in INWONER_TEXT:
        assert text not in raw


# The coordinator's daily summary: once per open day at the set time, with counts only.


def test_daily_summary_once_per_open_day_at_the_set_time(
    db: Session, organisation: Organisation, watch_settings: Settings, smtp: tuple[int, Inbox]
) -> None:
    _, inbox = smtp
    settings = watch_settings.model_copy(update={"summary_time": time(8, 30)})
    late = make(db, organisation, at("2026-11-26 09:00"), "late")  # due Friday 09:00
    soon = make(db, organisation, at("2026-11-27 14:00"), "soon")  # loopt af Monday 10:00
    make(db, organisation, at("2026-11-30 09:00"), "fine")  # due Tuesday 09:00

    assert not send_summary(db, organisation, settings, at("2026-11-29 09:00"))  # Sunday
    assert not send_summary(db, organisation, settings, at("2026-11-30 08:29"))
    assert send_summary(db, organisation, settings, at("2026-11-30 10:00"))
    assert not send_summary(db, organisation, settings, at("2026-11-30 10:05"))
    assert not send_summary(db, organisation, settings, at("2026-11-30 16:00"))
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert str(message["To"]) == COORDINATOR
    assert str(message["Subject"]) == "Dagoverzicht meldingen 30-11-2026: 1 te laat"
    body = plain_body(message)
    assert "Open meldingen: 3" in body
    assert f"Loopt af: 1: {soon.referentie}" in body
    assert f"Te laat (nog niet doorgezet of afgehandeld): 1: {late.referentie}" in body
    for text in INWONER_TEXT:
        assert text not in message.as_string()

    assert send_summary(db, organisation, settings, at("2026-12-01 08:30"))
    assert len(inbox.messages) == 2


def test_no_summary_without_a_time(
    db: Session, organisation: Organisation, watch_settings: Settings, smtp: tuple[int, Inbox]
) -> None:
    _, inbox = smtp
    assert not send_summary(db, organisation, watch_settings, at("2026-11-30 10:00"))
    assert inbox.messages == []


def test_a_failed_summary_is_retried(
    db: Session, organisation: Organisation, watch_settings: Settings, smtp: tuple[int, Inbox]
) -> None:
    _, inbox = smtp
    broken = watch_settings.model_copy(update={"summary_time": time(8, 30), "smtp_port": 1})
    assert not send_summary(db, organisation, broken, at("2026-11-30 09:00"))
    working = broken.model_copy(update={"smtp_port": watch_settings.smtp_port})
    assert not send_summary(db, organisation, working, at("2026-11-30 09:00"))  # backing off
    assert send_summary(db, organisation, working, at("2026-11-30 09:05"))
    assert len(inbox.messages) == 1


def test_a_melding_with_a_response_is_never_late_also_after_reopening(
    db: Session, organisation: Organisation, watch_settings: Settings, smtp: tuple[int, Inbox]
) -> None:
    """Closed straight from 'opgepakt' (the response) and reopened: 'opgepakt' again, but it
    was answered in time, so no TE LAAT after the deadline."""
    _, inbox = smtp
    melding = make(db, organisation, at("2026-11-27 14:00"), "reopened")
    db.execute(
        update(Melding)
        .where(Melding.id == melding.id)
        .values(status="opgepakt", gereageerd_op=at("2026-11-30 09:00"))
    )
    db.commit()
    for moment in ("2026-11-30 10:00", "2026-11-30 14:05", "2026-12-01 09:00"):
        run_job(db, organisation, watch_settings, at(moment))
    assert warnings_of(inbox) == []


def test_a_claimant_with_an_e_mail_address_gets_their_own_warning(
    db: Session, organisation: Organisation, watch_settings: Settings, smtp: tuple[int, Inbox]
) -> None:
    _, inbox = smtp
    cas = create_user(
        db, "cas", "Cas Office", "officemedewerker", "een-lang-wachtwoord-42", "Cas@Team.example"
    )
    melding = make(db, organisation, at("2026-11-27 14:00"), "cas")
    claim_at(db, melding, cas, at("2026-11-27 14:30"))
    run_job(db, organisation, watch_settings, at("2026-11-30 10:00"))
    ref = melding.referentie
    assert warnings_of(inbox) == [
        ("Cas@team.example", f"ACTIE NODIG, uiterlijk maandag 30 november om 14:00: melding {ref}")
    ]
    history = db.scalars(
        select(AuditEvent.new_value).where(
            AuditEvent.melding_id == melding.id, AuditEvent.action == "waarschuwing"
        )
    ).all()
    assert history == ["loopt af, geen actie van cas (e-mail aan cas)"]


def test_a_wrong_staff_e_mail_address_is_refused(db: Session) -> None:
    with pytest.raises(UserError, match="Not a valid e-mail address"):
        create_user(db, "dirk", "Dirk", "officemedewerker", "een-lang-wachtwoord-42", "dirk@")
