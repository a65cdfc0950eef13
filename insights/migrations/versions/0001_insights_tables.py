"""Insights tables: ingest state, conversations and unanswered messages.

Revision ID: insights_0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from escalation.reporting import UTCDateTime

revision = "insights_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "insights_ingest_state",
        sa.Column("source", sa.String(200), primary_key=True),
        sa.Column("last_event_id", sa.Integer, nullable=False),
    )
    op.create_table(
        "insights_conversations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sender_id", sa.String(255), nullable=False, index=True),
        sa.Column("kanaal", sa.String(20), nullable=False),
        sa.Column("started_at", UTCDateTime, nullable=False, index=True),
        sa.Column("user_messages", sa.Integer, nullable=False),
        sa.Column("unanswered_messages", sa.Integer, nullable=False),
        sa.Column("melding_made", sa.Boolean, nullable=False),
        sa.Column("crisis_answers", sa.Integer, nullable=False),
    )
    op.create_table(
        "insights_unanswered",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source_event_id", sa.String(240), nullable=False, unique=True),
        sa.Column("conversation_id", sa.Integer, nullable=False, index=True),
        sa.Column("tekst", sa.Text, nullable=False),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("intent", sa.String(100)),
        sa.Column("confidence", sa.Float),
        sa.Column("ranking", sa.JSON, nullable=False),
        sa.Column("kanaal", sa.String(20), nullable=False),
        sa.Column("received_at", UTCDateTime, nullable=False, index=True),
        sa.Column("review_status", sa.String(20), nullable=False, index=True),
        sa.Column("review_intent", sa.String(100)),
        sa.Column("reviewed_at", UTCDateTime),
        sa.Column("reviewed_by", sa.String(100)),
    )


def downgrade() -> None:
    op.drop_table("insights_unanswered")
    op.drop_table("insights_conversations")
    op.drop_table("insights_ingest_state")
