"""Creating and reading meldingen: the rules, independent of HTTP."""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from voordeur_common.deadline import compute_deadline, compute_spoed_deadline, inwoner_deadline_text

from escalation.models import (
    AuditEvent,
    IdempotencyRecord,
    KlantinteractiesExport,
    Melding,
    Notification,
    utcnow,
)
from escalation.organisation import Organisation
from escalation.schemas import MeldingIn

REFERENTIE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
_ATTEMPTS = 3
# Fields added later, with their default: they count only when set, so that an older client's
# replay of the same request still matches.
OPTIONAL_LATER = {"voor_wie": None, "bereikbaar": None, "veiligheid": False, "veilig_contact": None}


class IdempotencyConflict(Exception):
    """The idempotency key was used before for a different request."""


def new_referentie() -> str:
    """A short public reference that is easy to read out over the phone."""
    return "VD-" + "".join(secrets.choice(REFERENTIE_ALPHABET) for _ in range(6))


def request_fingerprint(data: MeldingIn) -> str:
    """A hash of the request's meaning, to tell a replay from a different request."""
    unset = {name for name, default in OPTIONAL_LATER.items() if getattr(data, name) == default}
    body = data.model_dump(mode="json", exclude=unset)
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def pickup_deadline(received: datetime, spoed: bool, organisation: Organisation) -> datetime:
    """When the melding must be picked up: the response window, or the shorter spoed target."""
    deadline = compute_deadline(received, organisation.response_hours, organisation.closed_days)
    if not spoed or organisation.spoed_same_day_before is None:
        return deadline
    spoed_deadline = compute_spoed_deadline(
        received,
        organisation.spoed_same_day_before,
        organisation.opening_hours,
        organisation.closed_days,
    )
    return min(deadline, spoed_deadline)


def deadline_tekst(
    melding: Melding, organisation: Organisation, now: datetime | None = None
) -> str:
    """The deadline as the inwoner is told it: a day within office hours, never a time."""
    return inwoner_deadline_text(
        melding.deadline,
        melding.aangemaakt_op,
        now or utcnow(),
        organisation.opening_hours,
        organisation.closed_days,
    )


def _replay(session: Session, key: str, fingerprint: str) -> Melding | None:
    record = session.get(IdempotencyRecord, key)
    if record is None:
        return None
    if record.request_hash != fingerprint:
        raise IdempotencyConflict(key)
    return session.get(Melding, record.melding_id)


def create_melding(
    session: Session,
    data: MeldingIn,
    idempotency_key: str,
    organisation: Organisation,
    now: datetime | None = None,
    notify: bool = False,
    export: bool = False,
) -> tuple[Melding, bool]:
    """Store a new melding, or return the one this key made before. True when new.

    With ``notify`` an e-mail to the team is queued in the same transaction (the outbox); with
    ``export`` likewise its export to the Klantinteracties API.
    """
    fingerprint = request_fingerprint(data)
    for _ in range(_ATTEMPTS):
        existing = _replay(session, idempotency_key, fingerprint)
        if existing is not None:
            return existing, False
        received = now or utcnow()
        melding = Melding(
            **data.model_dump(mode="json", exclude={"transcript"}),
            transcript=[line.model_dump(mode="json") for line in data.transcript],
            referentie=new_referentie(),
            aangemaakt_op=received,
            deadline=pickup_deadline(received, data.spoed, organisation),
        )
        session.add(melding)
        session.flush()
        session.add(
            IdempotencyRecord(key=idempotency_key, request_hash=fingerprint, melding_id=melding.id)
        )
        session.add(
            AuditEvent(
                melding_id=melding.id,
                actor="api",
                at=received,
                action="aanmaken",
                field="status",
                new_value="nieuw",
            )
        )
        if notify:
            session.add(Notification(melding_id=melding.id, next_attempt_at=received))
        if export:
            session.add(KlantinteractiesExport(melding_id=melding.id, next_attempt_at=received))
        try:
            session.commit()
        except IntegrityError:
            # A concurrent request with the same key won, or the referentie collided: look again.
            session.rollback()
            continue
        return melding, True
    raise RuntimeError("could not store the melding after several attempts")


def get_melding(session: Session, melding_id: str) -> Melding | None:
    """The melding with this id, if any."""
    return session.scalars(select(Melding).where(Melding.id == melding_id)).first()


def get_melding_by_referentie(session: Session, referentie: str) -> Melding | None:
    """The melding with this public reference, if any."""
    return session.scalars(select(Melding).where(Melding.referentie == referentie)).first()
