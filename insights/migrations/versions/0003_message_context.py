"""What the assistant said just before an unanswered message (its context for the reviewer).

Revision ID: insights_0003
Revises: insights_0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "insights_0003"
down_revision = "insights_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("insights_unanswered", sa.Column("context", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("insights_unanswered") as batch:
        batch.drop_column("context")
