"""melding first response: when it was first forwarded or closed (the 24-hour promise)

Existing meldingen get the time of their first 'doorzetten' or 'afhandelen' in the audit trail.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 21:10:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meldingen", schema=None) as batch_op:
        batch_op.add_column(sa.Column("gereageerd_op", sa.DateTime(timezone=True), nullable=True))
    op.execute(
        "UPDATE meldingen SET gereageerd_op = (SELECT MIN(audit_events.at) FROM audit_events"
        " WHERE audit_events.melding_id = meldingen.id"
        " AND audit_events.action IN ('doorzetten', 'afhandelen'))"
    )


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+): rebuilding meldingen would break the foreign keys.
    op.drop_column("meldingen", "gereageerd_op")
