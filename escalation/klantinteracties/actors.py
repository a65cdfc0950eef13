"""The actors every export shares (the team, the assistant): found or made once, then cached.

Two workers exporting at the same moment would both find no actor and both make one. So the
``klantinteracties_actors`` row is claimed first (its primary key decides), the winner finds or
makes the actor and stores its uuid; the others wait a moment for it. A claim whose worker died
is taken over after ``LEASE_SECONDS``; a failed attempt gives its claim up at once.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from escalation.db import rows_changed
from escalation.klantinteracties.client import KlantinteractiesClient, KlantinteractiesError
from escalation.models import KlantinteractiesActor, utcnow

LEASE_SECONDS = 120
WAIT_SECONDS = 5.0
WAIT_STEP_SECONDS = 0.1


def _claim(session: Session, key: str, row: KlantinteractiesActor | None) -> bool:
    """Take the right to make this actor; False while another worker has it."""
    now = utcnow()
    if row is None:
        session.add(KlantinteractiesActor(key=key, claimed_at=now))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            return False
        return True
    taken = rows_changed(
        session,
        update(KlantinteractiesActor)
        .where(
            KlantinteractiesActor.key == key,
            KlantinteractiesActor.uuid.is_(None),
            KlantinteractiesActor.claimed_at <= now - timedelta(seconds=LEASE_SECONDS),
        )
        .values(claimed_at=now)
        .execution_options(synchronize_session=False),
    )
    session.commit()
    return taken == 1


def shared_actor(session: Session, client: KlantinteractiesClient, body: dict[str, Any]) -> str:
    """The uuid of the actor ``body`` describes: cached, found by exact name and kind, or made."""
    naam, soort = body["naam"], body["soortActor"]
    key = f"{soort}:{naam}"
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        row = session.get(KlantinteractiesActor, key, populate_existing=True)
        if row is not None and row.uuid:
            return row.uuid
        if _claim(session, key, row):
            break
        if time.monotonic() > deadline:
            raise KlantinteractiesError(f"actor {key} is being made by another worker")
        session.rollback()  # a fresh look at the next turn
        time.sleep(WAIT_STEP_SECONDS)
    try:
        uuid = client.find_or_create(
            "actoren",
            {"naam": naam, "soortActor": soort},
            body,
            lambda item: item.get("naam") == naam and item.get("soortActor") == soort,
        )
    except Exception:
        session.rollback()
        session.execute(delete(KlantinteractiesActor).where(KlantinteractiesActor.key == key))
        session.commit()
        raise
    session.execute(
        update(KlantinteractiesActor)
        .where(KlantinteractiesActor.key == key)
        .values(uuid=uuid)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return uuid
