"""klantinteracties exports: the outbox of the export of meldingen to Open Klant

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28 03:45:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "klantinteracties_exports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("melding_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("klantcontact_uuid", sa.String(length=36), nullable=True),
        sa.Column("betrokkene_uuid", sa.String(length=36), nullable=True),
        sa.Column("digitale_adressen", sa.JSON(), nullable=True),
        sa.Column("team_actor_uuid", sa.String(length=36), nullable=True),
        sa.Column("assistent_actor_uuid", sa.String(length=36), nullable=True),
        sa.Column("actorklantcontact_uuid", sa.String(length=36), nullable=True),
        sa.Column("internetaak_uuid", sa.String(length=36), nullable=True),
        sa.Column("internetaak_status", sa.String(length=20), nullable=True),
        sa.Column("status_checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["melding_id"], ["meldingen.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("melding_id"),
    )
    op.create_index(
        "ix_klantinteracties_exports_next_attempt_at",
        "klantinteracties_exports",
        ["next_attempt_at"],
    )


def downgrade() -> None:
    op.drop_index(
        "ix_klantinteracties_exports_next_attempt_at", table_name="klantinteracties_exports"
    )
    op.drop_table("klantinteracties_exports")
