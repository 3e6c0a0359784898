"""Cards remember where they went (an .apkg file or Anki itself) and the id Anki gave their note.

"In Anki" is shown only for cards AnkiConnect pushed; a file export says "exported to file" (nobody can
know whether the file was imported). Cards exported before this migration went to a file or to Anki, we
cannot tell which: they are marked "file", the claim that is true either way (they left the app).
The Anki note id lets a push find its note again without an id field shown in Anki's editor.

Revision ID: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("card", sa.Column("exported_to", sa.String(20), nullable=False, server_default="none"))
    op.add_column("card", sa.Column("anki_note_id", sa.Integer, nullable=False, server_default="0"))
    op.execute("UPDATE card SET exported_to = 'file' WHERE exported_at IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("card") as batch:
        batch.drop_column("anki_note_id")
        batch.drop_column("exported_to")
