"""The student's transcript fixes: what was wrong, what is right, where it was changed (so it can be undone).

Active fixes also form the personal dictionary that later prompts and lexicon corrections use.

Revision ID: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "transcriptfix",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("video_id", sa.Integer, sa.ForeignKey("video.id", ondelete="SET NULL"), nullable=True),
        sa.Column("wrong", sa.String, nullable=False),
        sa.Column("right", sa.String, nullable=False),
        sa.Column("everywhere", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("changes", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("undone_at", sa.DateTime, nullable=True),
    )
    op.create_index("ix_transcriptfix_right", "transcriptfix", ["right"])


def downgrade() -> None:
    op.drop_index("ix_transcriptfix_right", "transcriptfix")
    op.drop_table("transcriptfix")
