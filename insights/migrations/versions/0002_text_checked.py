"""Review step before export: who checked the redacted text of a message, and when.

Messages assigned before this step existed go back to the review inbox (their chosen intent
is kept), so nothing unchecked reaches the training data.

Revision ID: insights_0002
Revises: insights_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from escalation.reporting import UTCDateTime

revision = "insights_0002"
down_revision = "insights_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("insights_unanswered", sa.Column("text_checked_at", UTCDateTime))
    op.add_column("insights_unanswered", sa.Column("text_checked_by", sa.String(100)))
    op.execute(
        "UPDATE insights_unanswered SET review_status = 'open' "
        "WHERE review_status IN ('toegewezen', 'nieuw_onderwerp')"
    )


def downgrade() -> None:
    with op.batch_alter_table("insights_unanswered") as batch:
        batch.drop_column("text_checked_by")
        batch.drop_column("text_checked_at")
