"""The Alembic migrations build exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from escalation.db import make_engine
from escalation.models import Base


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
