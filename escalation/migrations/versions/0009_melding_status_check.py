"""melding status check: the database accepts only the statuses of escalation.status

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28 01:25:00.000000
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Written out, not imported: a migration stays what it was when a later status is added.
STATUSES = ("nieuw", "opgepakt", "doorgezet", "afgehandeld", "ingetrokken")


def _foreign_keys(on: bool) -> None:
    """SQLite adds a CHECK by rebuilding the table, which its foreign keys would refuse.

    Outside a transaction the check is switched off for the rebuild (and on again after);
    inside one (a multi-step upgrade) it is deferred to the commit, when the rebuilt table is
    back under its name and every reference resolves again.
    """
    if op.get_bind().dialect.name != "sqlite":
        return
    if on:
        op.execute("PRAGMA foreign_keys=ON")
    else:
        op.execute("PRAGMA foreign_keys=OFF")
        op.execute("PRAGMA defer_foreign_keys=ON")


def upgrade() -> None:
    _foreign_keys(on=False)
    condition = "status IN (" + ", ".join(f"'{status}'" for status in STATUSES) + ")"
    with op.batch_alter_table("meldingen") as batch:
        batch.create_check_constraint("ck_meldingen_status", condition)
    _foreign_keys(on=True)


def downgrade() -> None:
    _foreign_keys(on=False)
    with op.batch_alter_table("meldingen") as batch:
        batch.drop_constraint("ck_meldingen_status", type_="check")
    _foreign_keys(on=True)
