"""Interests and review: interest events, creator credibility, clip terms, the FSRS schedule, review sessions and log.

Revision ID: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "creator",
        sa.Column("handle", sa.String, primary_key=True),
        sa.Column("credibility", sa.String(20), nullable=False),
        sa.Column("note", sa.String, nullable=False, server_default=""),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "interest_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("video_id", sa.Integer, sa.ForeignKey("video.id", ondelete="CASCADE"), nullable=True),
        sa.Column("tag", sa.String, nullable=False, server_default=""),
        sa.Column("value", sa.Float, nullable=False, server_default="0"),
        sa.Column("text", sa.String, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_interest_event_kind", "interest_event", ["kind"])
    op.create_index("ix_interest_event_video_id", "interest_event", ["video_id"])

    op.create_table(
        "clip_term",
        sa.Column("video_id", sa.Integer, sa.ForeignKey("video.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("term", sa.String, primary_key=True),
        sa.Column("count", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_index("ix_clip_term_term", "clip_term", ["term"])

    op.create_table(
        "review_card",
        sa.Column("card_id", sa.Integer, sa.ForeignKey("card.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("video_id", sa.Integer, sa.ForeignKey("video.id", ondelete="CASCADE"), nullable=False),
        sa.Column("state", sa.Integer, nullable=False, server_default="1"),
        sa.Column("step", sa.Integer, nullable=True),
        sa.Column("stability", sa.Float, nullable=True),
        sa.Column("difficulty", sa.Float, nullable=True),
        sa.Column("due", sa.DateTime, nullable=False),
        sa.Column("last_review", sa.DateTime, nullable=True),
        sa.Column("reps", sa.Integer, nullable=False, server_default="0"),
        sa.Column("lapses", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_review_card_video_id", "review_card", ["video_id"])
    op.create_index("ix_review_card_due", "review_card", ["due"])

    op.create_table(
        "review_session",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime, nullable=True),
        sa.Column("scope", sa.String, nullable=False, server_default="tags"),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("planned", sa.Integer, nullable=False, server_default="0"),
        sa.Column("reviewed", sa.Integer, nullable=False, server_default="0"),
        sa.Column("again", sa.Integer, nullable=False, server_default="0"),
        sa.Column("hard", sa.Integer, nullable=False, server_default="0"),
        sa.Column("good", sa.Integer, nullable=False, server_default="0"),
        sa.Column("easy", sa.Integer, nullable=False, server_default="0"),
        sa.Column("seconds", sa.Float, nullable=False, server_default="0"),
    )
    op.create_index("ix_review_session_started_at", "review_session", ["started_at"])

    op.create_table(
        "review_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("card_id", sa.Integer, sa.ForeignKey("card.id", ondelete="CASCADE"), nullable=False),
        sa.Column("video_id", sa.Integer, sa.ForeignKey("video.id", ondelete="CASCADE"), nullable=False),
        sa.Column(
            "session_id", sa.Integer, sa.ForeignKey("review_session.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("reviewed_at", sa.DateTime, nullable=False),
        sa.Column("duration_ms", sa.Integer, nullable=True),
        sa.Column("state_before", sa.Integer, nullable=False, server_default="1"),
        sa.Column("due_after", sa.DateTime, nullable=False),
        sa.Column("extra", sa.JSON, nullable=False),
    )
    for col in ("card_id", "video_id", "session_id", "reviewed_at"):
        op.create_index(f"ix_review_log_{col}", "review_log", [col])


def downgrade() -> None:
    for table in ("review_log", "review_session", "review_card", "clip_term", "interest_event", "creator"):
        op.drop_table(table)
