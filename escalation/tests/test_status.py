"""One status list: the enum, the steps, the inwoner's texts and the database agree."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy.exc import IntegrityError

from escalation.db import make_engine
from escalation.migrate import alembic_config
from escalation.settings import Settings
from escalation.status import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    STATUSES,
    STEPS,
    Status,
    check_constraint_sql,
)
from escalation.tests.test_api import melding_body, post


def test_every_status_is_open_or_closed_has_a_text_and_is_reached_by_a_step() -> None:
    assert set(OPEN_STATUSES) | set(CLOSED_STATUSES) == set(STATUSES)
    assert not set(OPEN_STATUSES) & set(CLOSED_STATUSES)
    assert all(status.inwoner_text for status in Status)
    reached = {to for _, to in STEPS.values()} | {Status.NIEUW}
    assert reached == set(Status)
    assert all(Status(value).is_open == (value in OPEN_STATUSES) for value in STATUSES)


def test_the_check_constraint_is_the_status_list() -> None:
    assert check_constraint_sql() == (
        "status IN ('nieuw', 'opgepakt', 'doorgezet', 'afgehandeld', 'ingetrokken')"
    )


def test_the_database_refuses_an_unknown_status(
    client: TestClient, auth: dict[str, str], settings: Settings
) -> None:
    created = post(client, auth, melding_body()).json()
    engine = make_engine(settings.database_url)
    try:
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(
                sa.text("UPDATE meldingen SET status = 'kwijt' WHERE id = :id"),
                {"id": created["id"]},
            )
        with engine.begin() as connection:
            connection.execute(
                sa.text("UPDATE meldingen SET status = 'opgepakt' WHERE id = :id"),
                {"id": created["id"]},
            )
    finally:
        engine.dispose()


def test_the_public_lookup_says_the_status_in_dutch(
    client: TestClient, auth: dict[str, str]
) -> None:
    created = post(client, auth, melding_body()).json()
    response = client.get(f"/api/v1/status/{created['referentie']}", headers=auth)
    assert response.status_code == 200
    assert response.json()["status_tekst"].startswith("Uw melding is ontvangen.")


def test_adding_the_check_keeps_meldingen_and_what_points_at_them(
    client: TestClient, auth: dict[str, str], settings: Settings
) -> None:
    """0009 rebuilds the table on SQLite: notes and history must still point at their melding."""
    created = post(client, auth, melding_body()).json()
    config = alembic_config(settings.database_url)
    command.downgrade(config, "0008")
    command.upgrade(config, "head")
    engine = make_engine(settings.database_url)
    try:
        with engine.connect() as connection:
            ids = connection.execute(sa.text("SELECT id FROM meldingen")).scalars().all()
            linked = connection.execute(
                sa.text("SELECT count(*) FROM audit_events WHERE melding_id = :id"),
                {"id": created["id"]},
            ).scalar_one()
            if connection.dialect.name == "sqlite":
                assert connection.execute(sa.text("PRAGMA foreign_key_check")).all() == []
                assert connection.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        engine.dispose()
    assert ids == [created["id"]]
    assert linked >= 1


def test_templates_name_statuses_only_through_the_enum() -> None:
    """A template that compared with "nieuw" would silently miss a renamed or new status."""
    import re
    from pathlib import Path

    from escalation.status import STEPS, Status, step_allowed

    literal = re.compile(
        r"status\s*(?:==|!=|in)\s*\(?\s*[\"'](" + "|".join(s.value for s in Status) + r")[\"']"
    )
    root = Path(__file__).resolve().parents[2]
    for template in [
        *root.glob("escalation/templates/*.html"),
        *root.glob("insights/templates/*.html"),
    ]:
        assert not literal.search(template.read_text("utf-8")), template.name
    assert step_allowed(Status.NIEUW, "oppakken") and not step_allowed(Status.NIEUW, "afhandelen")
    assert all(
        step_allowed(status, step) for step, (sources, _) in STEPS.items() for status in sources
    )
