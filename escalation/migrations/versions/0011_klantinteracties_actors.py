"""klantinteracties actors: the shared actors (team, assistant) are made once

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28 03:45:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "klantinteracties_actors",
        sa.Column("key", sa.String(length=250), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("klantinteracties_actors")
