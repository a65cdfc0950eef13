"""notification kinds: warnings before and after the deadline share the outbox

One e-mail of each kind per melding: the unique key moves from (melding_id) to
(melding_id, kind). The table is rebuilt, because the old unique constraint has no name.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 21:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_COPY = (
    "INSERT INTO notifications (id, melding_id, created_at, attempts, next_attempt_at, sent_at, "
    "last_error) SELECT id, melding_id, created_at, attempts, next_attempt_at, sent_at, "
    "last_error FROM notifications_old"
)


def _create(name: str, with_kind: bool) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("melding_id", sa.String(length=36), nullable=False),
        *(
            [sa.Column("kind", sa.String(length=20), server_default="nieuw", nullable=False)]
            if with_kind
            else []
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["melding_id"], ["meldingen.id"]),
        sa.PrimaryKeyConstraint("id"),
        (
            sa.UniqueConstraint("melding_id", "kind", name="uq_notifications_melding_kind")
            if with_kind
            else sa.UniqueConstraint("melding_id")
        ),
    )


def _rebuild(with_kind: bool) -> None:
    op.drop_index("ix_notifications_next_attempt_at", table_name="notifications")
    op.rename_table("notifications", "notifications_old")
    _create("notifications", with_kind)
    # Going back, only the e-mails about new meldingen fit the old table.
    op.execute(_COPY if with_kind else _COPY + " WHERE kind = 'nieuw'")
    op.drop_table("notifications_old")
    op.create_index("ix_notifications_next_attempt_at", "notifications", ["next_attempt_at"])
    if op.get_bind().dialect.name == "postgresql":
        # Rows were copied with their ids: the new sequence continues after the highest one.
        op.execute(
            "SELECT setval(pg_get_serial_sequence('notifications', 'id'), "
            "COALESCE((SELECT MAX(id) FROM notifications), 0) + 1, false)"
        )


def upgrade() -> None:
    _rebuild(with_kind=True)


def downgrade() -> None:
    _rebuild(with_kind=False)
