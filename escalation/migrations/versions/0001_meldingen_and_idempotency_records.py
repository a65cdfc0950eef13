"""meldingen and idempotency records

Revision ID: 0001
Revises:
Create Date: 2026-11-23 07:42:33.158187
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meldingen",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("referentie", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("onderwerp", sa.String(length=100), nullable=False),
        sa.Column("beschrijving", sa.Text(), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("telefoon", sa.String(length=20), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("toestemming", sa.Boolean(), nullable=False),
        sa.Column("spoed", sa.Boolean(), nullable=False),
        sa.Column("kanaal", sa.String(length=20), nullable=False),
        sa.Column("gesprek_id", sa.String(length=200), nullable=False),
        sa.Column("bron", sa.String(length=40), nullable=False),
        sa.Column("transcript", sa.JSON(), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("referentie"),
    )
    with op.batch_alter_table("meldingen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meldingen_deadline"), ["deadline"], unique=False)
        batch_op.create_index(batch_op.f("ix_meldingen_gesprek_id"), ["gesprek_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meldingen_status"), ["status"], unique=False)

    op.create_table(
        "idempotency_records",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("melding_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["melding_id"],
            ["meldingen.id"],
        ),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("idempotency_records")
    with op.batch_alter_table("meldingen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meldingen_status"))
        batch_op.drop_index(batch_op.f("ix_meldingen_gesprek_id"))
        batch_op.drop_index(batch_op.f("ix_meldingen_deadline"))

    op.drop_table("meldingen")
