"""Cards remember what they last sent to Anki: the note's modification stamp and a hash of its content.

Anki only updates an imported note whose stamp is newer than its own, in whole seconds; an edited card
gets a strictly newer stamp on its next export, an unchanged one keeps its old stamp (so edits made in
Anki are not overwritten by a re-export of the same content).

Revision ID: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("card", sa.Column("anki_mod", sa.Integer, nullable=False, server_default="0"))
    op.add_column("card", sa.Column("anki_hash", sa.String, nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("card") as batch:
        batch.drop_column("anki_hash")
        batch.drop_column("anki_mod")
