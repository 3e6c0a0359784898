"""On-screen text lines of a clip (OCR of its frames, issue 14) and their full-text index.

`screentextline` keeps each line with its span and box (fractions of the frame); `screen_fts` indexes the
text by line id, so a search hit gives the clip and the second to jump to.

Revision ID: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "screentextline",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("video_id", sa.Integer, sa.ForeignKey("video.id", ondelete="CASCADE"), nullable=False),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("start", sa.Float, nullable=False),
        sa.Column("end", sa.Float, nullable=False),
        sa.Column("text", sa.String, nullable=False),
        sa.Column("x0", sa.Float, nullable=False),
        sa.Column("y0", sa.Float, nullable=False),
        sa.Column("x1", sa.Float, nullable=False),
        sa.Column("y1", sa.Float, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
    )
    op.create_index("ix_screentextline_video_id", "screentextline", ["video_id"])
    op.execute(
        "CREATE VIRTUAL TABLE screen_fts USING fts5(text, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    # a line's index row goes with the line, also when a clip's delete cascades to its lines
    op.execute("CREATE TRIGGER screentextline_ad AFTER DELETE ON screentextline "
               "BEGIN DELETE FROM screen_fts WHERE rowid = old.id; END")


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS screentextline_ad")
    op.execute("DROP TABLE screen_fts")
    op.drop_index("ix_screentextline_video_id", "screentextline")
    op.drop_table("screentextline")
