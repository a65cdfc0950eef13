"""What staff do with a melding: oppakken, doorzetten, afhandelen, intrekken, notes, Wmo.

Notes and the Wmo mark are for the officemedewerker who claimed the melding, or a coordinator.

Each status step is one conditional UPDATE on the current status (and owner), so two people acting
at once can never both succeed. Every change is written to the audit trail in the same transaction.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, update
from sqlalchemy.orm import Session
from voordeur_common.deadline import AMSTERDAM

from escalation.db import rows_changed
from escalation.models import AuditEvent, Melding, Note, StaffUser, utcnow
from escalation.status import OPEN_STATUSES, STEPS

DOORZETTEN_NAAR = {
    "sociaal_werker": "Sociaal werker",
    "bureaudienst": "Bureaudienst",
}
UITKOMSTEN = {
    "hulp_ingezet": "Hulp of ondersteuning ingezet",
    "vraag_beantwoord": "Vraag beantwoord",
    "verwezen": "Verwezen naar een andere organisatie",
    "geen_hulp_nodig": "Geen hulp meer nodig",
    "niet_bereikt": "Inwoner niet bereikt",
    "dubbel": "Dubbele melding",
}
MAX_NOTE_LENGTH = 4000
# Besides the officemedewerker who claimed a melding, these roles may add notes and mark it as a
# Wmo melding (a manager takes over when the owner is away).
COORDINATOR_ROLES = ("manager",)
# Times of a step are in the audit event itself; the owner is shown by username.
_NOT_AUDITED = ("claimed_at", "afgesloten_op")


class TransitionError(Exception):
    """The step is not possible now; the message is Dutch and meant for the officemedewerker."""


class NotAllowed(TransitionError):
    """This user may not do this to this melding (someone else's); nothing was changed."""


def audit(
    session: Session,
    melding_id: str,
    actor: str,
    action: str,
    changes: dict[str, tuple[Any, Any]],
    at: datetime | None = None,
) -> None:
    """Record one audit event per changed field (not committed)."""
    moment = at or utcnow()
    for field, (old, new) in changes.items():
        session.add(
            AuditEvent(
                melding_id=melding_id,
                actor=actor,
                at=moment,
                action=action,
                field=field,
                old_value=None if old is None else str(old),
                new_value=None if new is None else str(new),
            )
        )


def _load(session: Session, melding_id: str) -> Melding:
    melding = session.get(Melding, melding_id, populate_existing=True)
    if melding is None:
        raise TransitionError("Deze melding bestaat niet.")
    return melding


def _explain(session: Session, melding_id: str, doing: str, user: StaffUser) -> TransitionError:
    """Why a step failed, after someone else changed the melding first."""
    session.rollback()
    melding = _load(session, melding_id)
    if melding.claimed_by is not None and melding.claimed_by != user.id:
        owner = session.get(StaffUser, melding.claimed_by)
        name = owner.display_name if owner else "een collega"
        return TransitionError(f"Deze melding is al opgepakt door {name}.")
    return TransitionError(f"U kunt deze melding niet {doing}: de status is nu '{melding.status}'.")


def _change_status(
    session: Session,
    melding_id: str,
    user: StaffUser,
    doing: tuple[str, str],
    allowed_from: Collection[str],
    new_status: str,
    extra: dict[str, Any] | None = None,
    owner_only: bool = True,
) -> Melding:
    """Move the melding to ``new_status`` if its status is in ``allowed_from``, audited.

    ``doing`` is the audit action and the Dutch infinitive for the error message. With
    ``owner_only`` the melding must be claimed by ``user``.
    """
    action, infinitive = doing
    melding = _load(session, melding_id)
    old_status = melding.status
    old_values = {field: getattr(melding, field) for field in extra or {}}
    conditions: list[ColumnElement[bool]] = [
        Melding.id == melding_id,
        Melding.status == old_status,
        Melding.status.in_(allowed_from),
    ]
    if owner_only:
        conditions.append(Melding.claimed_by == user.id)
    statement = (
        update(Melding)
        .where(*conditions)
        .values(status=new_status, **(extra or {}))
        .execution_options(synchronize_session=False)
    )
    if rows_changed(session, statement) != 1:
        raise _explain(session, melding_id, infinitive, user)
    changes: dict[str, tuple[Any, Any]] = {"status": (old_status, new_status)}
    for field, value in (extra or {}).items():
        if field == "claimed_by":
            changes["opgepakt_door"] = (None, user.username)
        elif field not in _NOT_AUDITED:
            changes[field] = (old_values[field], value)
    audit(session, melding_id, user.username, action, changes)
    return melding


def _record_response(session: Session, melding_id: str) -> None:
    """Keep the time of the first response (forwarded or closed); later steps leave it."""
    session.execute(
        update(Melding)
        .where(Melding.id == melding_id, Melding.gereageerd_op.is_(None))
        .values(gereageerd_op=utcnow())
        .execution_options(synchronize_session=False)
    )


def claim(session: Session, melding_id: str, user: StaffUser) -> None:
    """Oppakken: nieuw → opgepakt, for exactly one person even when several try at once."""
    _change_status(
        session,
        melding_id,
        user,
        ("oppakken", "oppakken"),
        *STEPS["oppakken"],
        extra={"claimed_by": user.id, "claimed_at": utcnow()},
        owner_only=False,
    )
    session.commit()


def _clean_note(note: str, required_message: str) -> str:
    note = note.strip()
    if not note:
        raise TransitionError(required_message)
    if len(note) > MAX_NOTE_LENGTH:
        raise TransitionError(f"De notitie is te lang (hoogstens {MAX_NOTE_LENGTH} tekens).")
    return note


def forward(session: Session, melding_id: str, user: StaffUser, naar: str, note: str) -> None:
    """Doorzetten naar een sociaal werker of de bureaudienst: opgepakt → doorgezet, with a note."""
    if naar not in DOORZETTEN_NAAR:
        raise TransitionError("Kies aan wie u de melding doorzet.")
    note = _clean_note(note, "Schrijf een notitie: wat moet de collega weten?")
    _change_status(
        session,
        melding_id,
        user,
        ("doorzetten", "doorzetten"),
        *STEPS["doorzetten"],
        extra={"doorgezet_naar": naar},
    )
    _record_response(session, melding_id)
    session.add(Note(melding_id=melding_id, author_id=user.id, tekst=note))
    audit(session, melding_id, user.username, "doorzetten", {"notitie": (None, note)})
    session.commit()


def close(session: Session, melding_id: str, user: StaffUser, uitkomst: str) -> None:
    """Afhandelen: opgepakt or doorgezet → afgehandeld, with an outcome from ``UITKOMSTEN``."""
    if uitkomst not in UITKOMSTEN:
        raise TransitionError("Kies een uitkomst uit de lijst.")
    _change_status(
        session,
        melding_id,
        user,
        ("afhandelen", "afhandelen"),
        *STEPS["afhandelen"],
        extra={"uitkomst": uitkomst, "afgesloten_op": utcnow()},
    )
    _record_response(session, melding_id)
    session.commit()


def withdraw(session: Session, melding_id: str, user: StaffUser) -> None:
    """Intrekken (the inwoner no longer wants help): an open melding → ingetrokken."""
    _change_status(
        session,
        melding_id,
        user,
        ("intrekken", "intrekken"),
        *STEPS["intrekken"],
        extra={"afgesloten_op": utcnow()},
        owner_only=False,
    )
    session.commit()


def _owner_or_coordinator(session: Session, melding: Melding, user: StaffUser, doing: str) -> None:
    """NotAllowed unless ``user`` claimed the melding or has a coordinator role."""
    if user.role in COORDINATOR_ROLES or melding.claimed_by == user.id:
        return
    if melding.claimed_by is None:
        raise NotAllowed(
            f"Pak de melding eerst op. Alleen wie de melding heeft opgepakt, of een manager, "
            f"kan {doing}."
        )
    owner = session.get(StaffUser, melding.claimed_by)
    name = owner.display_name if owner else "een collega"
    raise NotAllowed(
        f"Deze melding is opgepakt door {name}. Alleen die collega, of een manager, kan {doing}."
    )


def add_note(session: Session, melding_id: str, user: StaffUser, note: str) -> None:
    """A note on the melding, kept with its author: by its owner or a coordinator only."""
    melding = _load(session, melding_id)
    _owner_or_coordinator(session, melding, user, "een notitie toevoegen")
    note = _clean_note(note, "De notitie is leeg.")
    session.add(Note(melding_id=melding_id, author_id=user.id, tekst=note))
    audit(session, melding_id, user.username, "notitie", {"notitie": (None, note)})
    session.commit()


def today_in_amsterdam() -> date:
    """The local calendar date."""
    return utcnow().astimezone(AMSTERDAM).date()


def mark_wmo(session: Session, melding_id: str, user: StaffUser) -> None:
    """Mark as a formal Wmo melding: the date is recorded once and starts the 6-week term.

    Irreversible, so only the officemedewerker who claimed the melding or a coordinator may.
    """
    melding = _load(session, melding_id)
    _owner_or_coordinator(session, melding, user, "de melding vastleggen als Wmo-melding")
    if melding.status not in OPEN_STATUSES:
        raise TransitionError("Alleen een open melding kan een Wmo-melding worden.")
    day = today_in_amsterdam()
    statement = (
        update(Melding)
        .where(Melding.id == melding_id, Melding.wmo_melding_op.is_(None))
        .values(wmo_melding_op=day)
        .execution_options(synchronize_session=False)
    )
    if rows_changed(session, statement) != 1:
        session.rollback()
        raise TransitionError("Deze melding is al als Wmo-melding vastgelegd.")
    audit(session, melding_id, user.username, "wmo_melding", {"wmo_melding_op": (None, day)})
    session.commit()


def reassign(session: Session, melding_id: str, user: StaffUser, new_owner_id: int) -> None:
    """Overdragen: a coordinator gives a claimed melding to another officemedewerker, audited.

    Only while it is claimed and open; the claim time stays (it counts for the KPIs).
    """
    if user.role not in COORDINATOR_ROLES:
        raise NotAllowed("Alleen een manager kan een melding overdragen.")
    melding = _load(session, melding_id)
    new_owner = session.get(StaffUser, new_owner_id)
    if new_owner is None or not new_owner.active or new_owner.role != "officemedewerker":
        raise TransitionError("Kies een actieve officemedewerker.")
    old_owner_id = melding.claimed_by
    if old_owner_id is None or melding.status not in ("opgepakt", "doorgezet"):
        raise TransitionError("Alleen een opgepakte, open melding kan worden overgedragen.")
    if old_owner_id == new_owner_id:
        raise TransitionError("Deze collega heeft de melding al.")
    statement = (
        update(Melding)
        .where(
            Melding.id == melding_id,
            Melding.claimed_by == old_owner_id,
            Melding.status.in_(("opgepakt", "doorgezet")),
        )
        .values(claimed_by=new_owner_id)
        .execution_options(synchronize_session=False)
    )
    if rows_changed(session, statement) != 1:
        session.rollback()
        raise TransitionError(
            "De melding is intussen veranderd. Kijk opnieuw en probeer het nog eens."
        )
    old_owner = session.get(StaffUser, old_owner_id)
    old_name = old_owner.username if old_owner else None
    audit(
        session,
        melding_id,
        user.username,
        "overdragen",
        {"opgepakt_door": (old_name, new_owner.username)},
    )
    session.commit()
