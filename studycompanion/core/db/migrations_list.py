"""The revision ids of the migrations, oldest first (for checks and the fault suite)."""

from __future__ import annotations

from alembic.script import ScriptDirectory

from studycompanion.core.db.migrating import alembic_config


def revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]
