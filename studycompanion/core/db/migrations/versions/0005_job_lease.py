"""Jobs hold a lease while they run: the owner's host, process id and start time, and a heartbeat.

Only a job whose owner is gone (its process ended, or its id now names another process) or whose heartbeat is
older than the lease goes back to the queue; no process takes a job another live process runs.

Revision ID: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN is transactional in SQLite: with core/db's explicit BEGIN this revision applies whole or not at all
    op.add_column("job", sa.Column("owner_host", sa.String, nullable=False, server_default=""))
    op.add_column("job", sa.Column("owner_pid", sa.Integer, nullable=True))
    op.add_column("job", sa.Column("owner_started", sa.Float, nullable=True))
    op.add_column("job", sa.Column("heartbeat_at", sa.DateTime, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("job") as batch:
        for name in ("heartbeat_at", "owner_started", "owner_pid", "owner_host"):
            batch.drop_column(name)
