"""Demo meldingen for a local run and the tests (``python -m insights seed``): the one place
outside the API and the staff app that writes meldingen, so ``escalation.reporting`` stays
read-only. Never called by the running service.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa

from escalation.db import session_factory
from escalation.migrate import upgrade
from escalation.models import Melding


def add_demo_meldingen(database_url: str, meldingen: Iterable[Mapping[str, Any]]) -> None:
    """Bring the database to the newest schema and store ``meldingen`` (``Melding`` columns);
    refuses a database that already has meldingen."""
    upgrade(database_url)
    with session_factory(database_url)() as session, session.begin():
        if session.scalar(sa.select(sa.func.count()).select_from(Melding)):
            raise ValueError("the escalation database already has meldingen: not seeded")
        session.add_all(Melding(**item) for item in meldingen)
