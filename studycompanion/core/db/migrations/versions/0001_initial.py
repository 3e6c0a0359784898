"""Initial schema: clips, tags, transcripts, key points, cards and jobs.

Revision ID: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _ts() -> sa.DateTime:
    return sa.DateTime()


def upgrade() -> None:
    op.create_table(
        "video",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("platform", sa.String, nullable=False),
        sa.Column("platform_id", sa.String, nullable=False),
        sa.Column("source_url", sa.String, nullable=False, server_default=""),
        sa.Column("title", sa.String, nullable=False, server_default=""),
        sa.Column("creator_handle", sa.String, nullable=False, server_default=""),
        sa.Column("creator_name", sa.String, nullable=False, server_default=""),
        sa.Column("caption", sa.String, nullable=False, server_default=""),
        sa.Column("hashtags", sa.JSON, nullable=False),
        sa.Column("upload_date", sa.Date, nullable=True),
        sa.Column("duration", sa.Float, nullable=True),
        sa.Column("media_file", sa.String, nullable=False, server_default=""),
        sa.Column("thumbnail_file", sa.String, nullable=False, server_default=""),
        sa.Column("info_file", sa.String, nullable=False, server_default=""),
        sa.Column("content_hash", sa.String, nullable=False, server_default=""),
        sa.Column("file_size", sa.Integer, nullable=False, server_default="0"),
        sa.Column("added_at", _ts(), nullable=False),
        sa.Column("favourite", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("favourited_at", _ts(), nullable=True),
        sa.Column("notes", sa.String, nullable=False, server_default=""),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("error", sa.String, nullable=False, server_default=""),
        sa.UniqueConstraint("platform", "platform_id", name="uq_video_platform_id"),
    )
    for col in ("platform", "creator_handle", "content_hash", "added_at", "favourite", "status"):
        op.create_index(f"ix_video_{col}", "video", [col])

    op.create_table(
        "tag",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String, nullable=False, unique=True),
    )
    op.create_table(
        "videotag",
        sa.Column("video_id", sa.Integer, sa.ForeignKey("video.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("tag_id", sa.Integer, sa.ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("added_at", _ts(), nullable=False),
    )
    op.create_index("ix_videotag_tag_id", "videotag", ["tag_id"])

    op.create_table(
        "transcriptsegment",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("video_id", sa.Integer, sa.ForeignKey("video.id", ondelete="CASCADE"), nullable=False),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("start", sa.Float, nullable=False),
        sa.Column("end", sa.Float, nullable=False),
        sa.Column("text", sa.String, nullable=False),
        sa.Column("words", sa.JSON, nullable=False),
    )
    op.create_index("ix_transcriptsegment_video_id", "transcriptsegment", ["video_id"])

    op.create_table(
        "keypoint",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("video_id", sa.Integer, sa.ForeignKey("video.id", ondelete="CASCADE"), nullable=False),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("start", sa.Float, nullable=False),
        sa.Column("end", sa.Float, nullable=False),
        sa.Column("text", sa.String, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("key", sa.String, nullable=False),
        sa.Column("reasons", sa.JSON, nullable=False),
        sa.Column("context", sa.String, nullable=False, server_default=""),
    )
    op.create_index("ix_keypoint_video_id", "keypoint", ["video_id"])

    op.create_table(
        "card",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("video_id", sa.Integer, sa.ForeignKey("video.id", ondelete="CASCADE"), nullable=False),
        sa.Column("keypoint_key", sa.String, nullable=False, server_default=""),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("front", sa.String, nullable=False, server_default=""),
        sa.Column("back", sa.String, nullable=False, server_default=""),
        sa.Column("extra", sa.String, nullable=False, server_default=""),
        sa.Column("source", sa.String, nullable=False, server_default=""),
        sa.Column("start", sa.Float, nullable=False, server_default="0"),
        sa.Column("end", sa.Float, nullable=False, server_default="0"),
        sa.Column("guid", sa.String, nullable=False, unique=True),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("frame_file", sa.String, nullable=False, server_default=""),
        sa.Column("audio_file", sa.String, nullable=False, server_default=""),
        sa.Column("edited", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("created_at", _ts(), nullable=False),
        sa.Column("updated_at", _ts(), nullable=False),
        sa.Column("exported_at", _ts(), nullable=True),
    )
    op.create_index("ix_card_video_id", "card", ["video_id"])
    op.create_index("ix_card_state", "card", ["state"])

    op.create_table(
        "job",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("video_id", sa.Integer, sa.ForeignKey("video.id", ondelete="CASCADE"), nullable=True),
        sa.Column("step", sa.String(20), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("progress", sa.Float, nullable=False, server_default="0"),
        sa.Column("message", sa.String, nullable=False, server_default=""),
        sa.Column("eta", sa.Float, nullable=True),
        sa.Column("error", sa.String, nullable=False, server_default=""),
        sa.Column("error_detail", sa.String, nullable=False, server_default=""),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("cancel_requested", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("created_at", _ts(), nullable=False),
        sa.Column("started_at", _ts(), nullable=True),
        sa.Column("finished_at", _ts(), nullable=True),
    )
    op.create_index("ix_job_video_id", "job", ["video_id"])
    op.create_index("ix_job_state", "job", ["state"])


def downgrade() -> None:
    for table in ("job", "card", "keypoint", "transcriptsegment", "videotag", "tag", "video"):
        op.drop_table(table)
