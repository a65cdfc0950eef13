"""melding safety flag: violence at home, and how it is safe to make contact

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 17:20:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meldingen", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("veiligheid", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("veilig_contact", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("meldingen", schema=None) as batch_op:
        batch_op.drop_column("veilig_contact")
        batch_op.drop_column("veiligheid")
