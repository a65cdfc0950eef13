"""staff users, melding workflow columns, audit events, notes and the notification outbox

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 09:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(length=50), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    with op.batch_alter_table("meldingen", schema=None) as batch_op:
        batch_op.add_column(sa.Column("voor_wie", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("bereikbaar", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("claimed_by", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("doorgezet_naar", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("uitkomst", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("afgesloten_op", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("wmo_melding_op", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("gewist_op", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_meldingen_afgesloten_op"), ["afgesloten_op"], unique=False
        )
        batch_op.create_foreign_key(
            "fk_meldingen_claimed_by_staff_users", "staff_users", ["claimed_by"], ["id"]
        )

    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("melding_id", sa.String(length=36), nullable=False),
        sa.Column("actor", sa.String(length=50), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=True),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["melding_id"], ["meldingen.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_events_melding_id", "audit_events", ["melding_id"])

    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("melding_id", sa.String(length=36), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["melding_id"], ["meldingen.id"]),
        sa.ForeignKeyConstraint(["author_id"], ["staff_users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_notes_melding_id", "notes", ["melding_id"])

    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("melding_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["melding_id"], ["meldingen.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("melding_id"),
    )
    op.create_index("ix_notifications_next_attempt_at", "notifications", ["next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_notifications_next_attempt_at", table_name="notifications")
    op.drop_table("notifications")
    op.drop_index("ix_notes_melding_id", table_name="notes")
    op.drop_table("notes")
    op.drop_index("ix_audit_events_melding_id", table_name="audit_events")
    op.drop_table("audit_events")
    with op.batch_alter_table("meldingen", schema=None) as batch_op:
        batch_op.drop_constraint("fk_meldingen_claimed_by_staff_users", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_meldingen_afgesloten_op"))
        for column in (
            "gewist_op",
            "wmo_melding_op",
            "afgesloten_op",
            "uitkomst",
            "doorgezet_naar",
            "claimed_at",
            "claimed_by",
            "bereikbaar",
            "voor_wie",
        ):
            batch_op.drop_column(column)
    op.drop_table("staff_users")
