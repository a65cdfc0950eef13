"""The export of new meldingen, from the ``klantinteracties_exports`` outbox, resumable.

An export is five steps: klantcontact, betrokkene, digitale adressen, actors (the team and the
assistant, made once for all exports, see ``actors``; the assistant linked to the klantcontact)
and the interne taak. Each step first looks for what an earlier, interrupted attempt may have
made (by referentienummer, or by the uuid it belongs to) and creates only what is missing; each
uuid is committed as soon as it is known. A failure (the service down, slow, an error) is stored
on the row and the row is tried again later with back-off, from the step that failed. A refusal
(4xx) or too many attempts stop the export until an admin retries it in the staff app.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from escalation.db import rows_changed
from escalation.klantinteracties import payloads
from escalation.klantinteracties.actors import shared_actor
from escalation.klantinteracties.client import KlantinteractiesClient, KlantinteractiesError
from escalation.models import KlantinteractiesExport, Melding, utcnow
from escalation.notify import backoff
from escalation.settings import Settings
from escalation.workflow import audit

logger = logging.getLogger(__name__)
BATCH_SIZE = 20
LEASE_SECONDS = 120
EXPORT_FAILED = "export_klantinteracties_mislukt"
EXPORT_STOPPED = "export_klantinteracties_gestopt"
EXPORT_DONE = "export_klantinteracties"
EXPORT_RETRY = "export_klantinteracties_opnieuw"


def make_client(settings: Settings) -> KlantinteractiesClient:
    """A client for the configured service."""
    return KlantinteractiesClient(
        settings.klantinteracties_url,
        settings.klantinteracties_token.get_secret_value(),
        settings.klantinteracties_timeout_seconds,
    )


def export_state(export: KlantinteractiesExport | None) -> str:
    """For staff: ``geen``, ``klaar``, ``bezig`` (waiting or retrying) or ``mislukt`` (stopped)."""
    if export is None:
        return "geen"
    if export.done_at is not None:
        return "klaar"
    return "bezig" if export.next_attempt_at is not None else "mislukt"


def _digitale_adressen(
    client: KlantinteractiesClient, melding: Melding, betrokkene_uuid: str
) -> list[str]:
    """Each phone number / e-mail once: those already there are kept, the rest created."""
    existing = {
        (item.get("soortDigitaalAdres"), item.get("adres")): str(item["uuid"])
        for item in client.list("digitaleadressen", verstrektDoorBetrokkene__uuid=betrokkene_uuid)
    }
    uuids = []
    for body in payloads.digitale_adressen(melding, betrokkene_uuid):
        key = (body["soortDigitaalAdres"], body["adres"])
        uuids.append(existing.get(key) or str(client.create("digitaleadressen", body)["uuid"]))
    return uuids


def run_steps(
    session: Session,
    client: KlantinteractiesClient,
    export: KlantinteractiesExport,
    melding: Melding,
    team: str,
) -> None:
    """Do the steps not done yet, committing each remote uuid as soon as it is known."""
    ref = melding.referentie
    if export.klantcontact_uuid is None:
        export.klantcontact_uuid = client.find_or_create(
            "klantcontacten", {"referentienummer": ref}, payloads.klantcontact(melding)
        )
        session.commit()
    klantcontact = export.klantcontact_uuid
    if export.betrokkene_uuid is None:
        export.betrokkene_uuid = client.find_or_create(
            "betrokkenen",
            {"hadKlantcontact__uuid": klantcontact},
            payloads.betrokkene(melding, klantcontact),
        )
        session.commit()
    if export.digitale_adressen is None:
        export.digitale_adressen = _digitale_adressen(client, melding, export.betrokkene_uuid)
        session.commit()
    if export.team_actor_uuid is None:
        export.team_actor_uuid = shared_actor(session, client, payloads.team_actor(team))
        session.commit()
    if export.assistent_actor_uuid is None:
        export.assistent_actor_uuid = shared_actor(session, client, payloads.assistent_actor())
        session.commit()
    if export.actorklantcontact_uuid is None:
        link = {
            "actor": {"uuid": export.assistent_actor_uuid},
            "klantcontact": {"uuid": klantcontact},
        }
        export.actorklantcontact_uuid = client.find_or_create(
            "actorklantcontacten",
            {"klantcontact__uuid": klantcontact, "actor__uuid": export.assistent_actor_uuid},
            link,
        )
        session.commit()
    if export.internetaak_uuid is None:
        export.internetaak_uuid = client.find_or_create(
            "internetaken",
            {"referentienummer": ref},
            payloads.internetaak(melding, klantcontact, export.team_actor_uuid),
        )
        export.internetaak_status = "te_verwerken"
        session.commit()


def _lease(
    session: Session, export_id: int, seen_next_attempt: datetime | None, now: datetime
) -> KlantinteractiesExport | None:
    """Take one row for this process for a while, so parallel workers never export it twice.

    ``seen_next_attempt`` is the value read when the row was found due: only if nobody changed
    it since is the row taken (a reloaded attribute would show another worker's lease).
    """
    taken = rows_changed(
        session,
        update(KlantinteractiesExport)
        .where(
            KlantinteractiesExport.id == export_id,
            KlantinteractiesExport.done_at.is_(None),
            KlantinteractiesExport.next_attempt_at == seen_next_attempt,
        )
        .values(next_attempt_at=now + timedelta(seconds=LEASE_SECONDS))
        .execution_options(synchronize_session=False),
    )
    session.commit()
    if taken != 1:
        return None
    return session.get(KlantinteractiesExport, export_id, populate_existing=True)


def _record_failure(
    session: Session,
    export: KlantinteractiesExport,
    melding: Melding,
    exc: Exception,
    settings: Settings,
) -> None:
    """Keep the error on the row; try again later, or stop after a refusal or too many tries."""
    session.rollback()  # what was committed stays: the uuids of the steps that succeeded
    error = f"{type(exc).__name__}: {exc}"[:1000]
    export.last_error = error
    permanent = isinstance(exc, KlantinteractiesError) and exc.permanent
    if permanent or export.attempts >= settings.klantinteracties_max_attempts:
        export.next_attempt_at = None
        audit(session, melding.id, "systeem", EXPORT_STOPPED, {"fout": (None, error)})
    else:
        export.next_attempt_at = utcnow() + backoff(export.attempts, settings)
        if export.attempts == 1:
            audit(session, melding.id, "systeem", EXPORT_FAILED, {"fout": (None, error)})
    logger.warning(
        "Export of %s to Klantinteracties failed (attempt %d): %s",
        melding.referentie,
        export.attempts,
        type(exc).__name__,
    )


def export_one(
    session: Session,
    client: KlantinteractiesClient,
    export: KlantinteractiesExport,
    settings: Settings,
) -> bool:
    """One attempt at one (leased) export; True when it is complete."""
    melding = session.get(Melding, export.melding_id)
    assert melding is not None  # a foreign key guarantees it
    export.attempts += 1
    session.commit()
    try:
        run_steps(session, client, export, melding, settings.klantinteracties_team)
    except Exception as exc:  # any failure is recorded; the next row is still exported
        _record_failure(session, export, melding, exc, settings)
        session.commit()
        return False
    export.done_at = utcnow()
    export.next_attempt_at = None
    export.last_error = None
    audit(
        session,
        melding.id,
        "systeem",
        EXPORT_DONE,
        {"interne_taak": (None, export.internetaak_uuid)},
    )
    session.commit()
    return True


def export_due(
    session: Session,
    client: KlantinteractiesClient,
    settings: Settings,
    now: datetime | None = None,
) -> int:
    """Work through every due export once; returns how many were completed."""
    moment = now or utcnow()
    due = session.execute(
        select(KlantinteractiesExport.id, KlantinteractiesExport.next_attempt_at)
        .where(
            KlantinteractiesExport.done_at.is_(None),
            KlantinteractiesExport.next_attempt_at <= moment,
        )
        .order_by(KlantinteractiesExport.next_attempt_at)
        .limit(BATCH_SIZE)
    ).all()
    done = 0
    for export_id, seen_next_attempt in due:
        export = _lease(session, export_id, seen_next_attempt, moment)
        if export is not None:
            done += export_one(session, client, export, settings)
    return done


def retry(session: Session, melding_id: str, actor: str) -> bool:
    """An admin starts a stopped export again, from the step that failed; False if none."""
    changed = rows_changed(
        session,
        update(KlantinteractiesExport)
        .where(
            KlantinteractiesExport.melding_id == melding_id,
            KlantinteractiesExport.done_at.is_(None),
            KlantinteractiesExport.next_attempt_at.is_(None),
        )
        .values(next_attempt_at=utcnow(), attempts=0)
        .execution_options(synchronize_session=False),
    )
    if changed != 1:
        session.rollback()
        return False
    audit(session, melding_id, actor, EXPORT_RETRY, {"export": ("mislukt", "opnieuw")})
    session.commit()
    return True
