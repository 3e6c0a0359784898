"""Full-text index (FTS5) over titles, captions, transcripts, notes and tags, filled from existing rows.

Revision ID: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE clip_fts USING fts5("
        "title, caption, transcript, notes, tags, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    op.execute(
        """
        INSERT INTO clip_fts(rowid, title, caption, transcript, notes, tags)
        SELECT v.id, v.title, v.caption || ' ' || v.hashtags || ' ' || v.creator_handle || ' ' || v.creator_name,
               COALESCE((SELECT group_concat(s.text, ' ') FROM
                         (SELECT text FROM transcriptsegment WHERE video_id = v.id ORDER BY idx) AS s), ''),
               v.notes,
               COALESCE((SELECT group_concat(t.name, ' ') FROM videotag vt JOIN tag t ON t.id = vt.tag_id
                         WHERE vt.video_id = v.id), '')
        FROM video AS v
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE clip_fts")
