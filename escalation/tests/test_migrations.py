"""The Alembic migrations build exactly the schema the models describe."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from escalation.db import make_engine
from escalation.migrate import alembic_config
from escalation.models import Base, utcnow


def test_migrated_database_matches_the_models(database_url: str) -> None:
    """``database_url`` is upgraded to head from empty; autogenerate must find no difference."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_safety_flag_migration_keeps_existing_meldingen(database_url: str) -> None:
    """0003 adds ``veiligheid`` (false for existing rows) and ``veilig_contact``; and back."""
    config = alembic_config(database_url)
    command.downgrade(config, "0002")
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO meldingen (id, referentie, status, onderwerp, beschrijving, naam,"
                    " toestemming, spoed, kanaal, gesprek_id, bron, transcript, aangemaakt_op,"
                    " deadline) VALUES ('m1', 'VD-AAAAAA', 'nieuw', 'Wmo', 'x', 'y', true, false,"
                    " 'web', 'g1', 'assistent', '[]', :now, :now)"
                ),
                {"now": utcnow()},
            )
        command.upgrade(config, "head")
        with engine.connect() as connection:
            row = connection.execute(
                sa.text("SELECT veiligheid, veilig_contact FROM meldingen WHERE id = 'm1'")
            ).one()
        assert (bool(row.veiligheid), row.veilig_contact) == (False, None)
        command.downgrade(config, "0002")
        columns = {column["name"] for column in sa.inspect(engine).get_columns("meldingen")}
        assert not {"veiligheid", "veilig_contact"} & columns
    finally:
        engine.dispose()
